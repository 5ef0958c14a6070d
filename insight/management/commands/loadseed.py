from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Article, Perspective


class Command(BaseCommand):
    help = (
        "Load the seed article and the editable pages, each only into an empty "
        "database, so running it again never undoes an editor's work."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        fixtures = []
        if not (Article.objects.exists() or Perspective.objects.exists()):
            fixtures.append("seed")
        if not FlatPage.objects.exists():
            fixtures.append("pages")
        if not fixtures:
            self.stdout.write("Content is already there: nothing loaded.")
            return
        if dry_run:
            self.stdout.write(f"Would load: {', '.join(fixtures)}.")
            return
        call_command("loaddata", *fixtures, verbosity=0)
        self.stdout.write(f"Loaded: {', '.join(fixtures)}.")
