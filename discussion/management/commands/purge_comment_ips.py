from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from discussion.models import ArticleComment


class Command(BaseCommand):
    help = "Remove the IP addresses stored with comments older than --days (90)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        comments = ArticleComment.objects.filter(
            submit_date__lt=cutoff, ip_address__isnull=False
        )
        if dry_run:
            count = comments.count()
            self.stdout.write(
                f"Would remove IP addresses from {count} comment(s) older than "
                f"{days} days."
            )
            return
        count = comments.update(ip_address=None)
        self.stdout.write(
            f"Removed IP addresses from {count} comment(s) older than {days} days."
        )
