from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.kept_uploads import KEEP_FOR, purge
from articles.models import KeptUpload


class Command(BaseCommand):
    help = (
        "Delete pictures kept from admin forms that came back with an error "
        "and were not saved within a day. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        if dry_run:
            count = KeptUpload.objects.older_than(timezone.now() - KEEP_FOR).count()
            self.stdout.write(f"Would delete {count} kept picture(s) over a day old.")
            return
        count = purge()
        self.stdout.write(f"Deleted {count} kept picture(s) over a day old.")
