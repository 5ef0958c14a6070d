from django.core.management.base import BaseCommand

from discussion.models import PendingComment, SentConfirmation


class Command(BaseCommand):
    help = (
        "Delete comments whose authors did not confirm them before their link "
        "expired, and the records of unused links. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        expired = PendingComment.objects.expired()
        unused = SentConfirmation.objects.filter(used_at__isnull=True).exclude(
            digest__in=PendingComment.objects.values("digest")
        )
        if dry_run:
            self.stdout.write(
                f"Would delete {expired.count()} unconfirmed comment(s) whose "
                "link has expired."
            )
            return
        count, _ = expired.delete()
        # links whose comment is gone can publish nothing; the hour's mail
        # counts are kept
        unused.filter(sent_at__lt=SentConfirmation.objects.hour_ago()).delete()
        self.stdout.write(
            f"Deleted {count} unconfirmed comment(s) whose link has expired."
        )
