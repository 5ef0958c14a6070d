from django.core.management.base import BaseCommand

from discussion.alerts import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each moderator who chose an hourly digest the comments that "
        "needed them since the last one. Run it every hour."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        sent, failed = send_digests(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"Would e-mail a digest to {sent} moderator(s).")
            return
        self.stdout.write(f"E-mailed a digest to {sent} moderator(s).")
        if failed:
            self.stderr.write(
                f"Could not e-mail {failed} moderator(s): their alerts wait for "
                "the next run."
            )
