from django.core.management.base import BaseCommand
from django.db import transaction

from pagecache.models import PageVersion
from pagecache.versions import SITE, bump


class Command(BaseCommand):
    help = (
        "Render every reader's page afresh: after a database restore, no page "
        "cached before it (in Redis, or an HTTP cache) is served again."
    )

    def handle(self, *args, **options):
        # A restore puts older versions back, which copies cached since can
        # still match: every version gets a new one, later than any before.
        with transaction.atomic():
            names = [SITE, *PageVersion.objects.values_list("key", flat=True)]
            bump(*names)
        self.stdout.write(
            f"Every reader's page will be rendered afresh ({len(set(names))} versions)."
        )
