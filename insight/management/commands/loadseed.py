from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Perspective

SEED = settings.BASE_DIR / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = (
        "Load the editable pages and the six perspectives, each only into an "
        "empty database, so running it again never undoes an editor's work. "
        "With --demo (as `make run` does), the demo article too: never in "
        "production, for it is another publisher's piece."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Also load the demo article, its author and its points.",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, demo, dry_run, **options):
        loads = []
        empty = not (Article.objects.exists() or Perspective.objects.exists())
        if empty:
            loads.append("demo article" if demo else "perspectives")
        if not FlatPage.objects.exists():
            loads.append("pages")
        if not loads:
            self.stdout.write("Content is already there: nothing loaded.")
            return
        if dry_run:
            self.stdout.write(f"Would load: {', '.join(loads)}.")
            return
        with transaction.atomic():
            if "demo article" in loads:
                call_command("loaddata", "seed", verbosity=0)
            elif "perspectives" in loads:
                load_perspectives()
            if "pages" in loads:
                call_command("loaddata", "pages", verbosity=0)
        self.stdout.write(f"Loaded: {', '.join(loads)}.")


def load_perspectives():
    """The seed's perspectives alone: the site's structure, not its content."""
    with open(SEED, encoding="utf-8") as seed:
        for record in serializers.deserialize("json", seed):
            if isinstance(record.object, Perspective):
                record.save()
