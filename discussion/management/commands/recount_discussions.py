from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from discussion.counting import recount


class Command(BaseCommand):
    help = (
        "Count the discussions' visible comments and threads afresh from the "
        "comments (every article's, or one's with --article): after comments "
        "were written straight to the database, or loaded from a fixture."
    )

    def add_arguments(self, parser):
        parser.add_argument("--article", metavar="SLUG")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, article, dry_run, **options):
        if article:
            found = Article.objects.filter(slug=article).first()
            if found is None:
                raise CommandError(f"No article has the slug {article!r}.")
            what = f"the discussion of {found.slug}"
        else:
            what = "every article's discussion"
        if dry_run:
            self.stdout.write(f"Would recount {what}.")
            return
        recount(found.pk if article else None)
        self.stdout.write(f"Recounted {what}.")
