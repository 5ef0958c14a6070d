import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


def join_every_group(user):
    """A superuser may do everything already; in each group they also hear
    what its members hear (Publishers of reviews, Moderators of comments)."""
    user.groups.add(*Group.objects.all())


class Command(BaseCommand):
    help = (
        "For local trials only: create a superuser called 'admin' with a random "
        "password, in every staff group (Editors, Publishers, Moderators), and "
        "print how to sign in. Refuses to run unless DJANGO_DEBUG is on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("createlocaladmin only runs with DJANGO_DEBUG=1.")
        users = get_user_model()
        existing = users.objects.filter(username=username).first()
        if existing is not None:
            join_every_group(existing)
            self.stdout.write(
                f"Sign in at http://127.0.0.1:8000/admin/ as '{username}' with the "
                "password printed on first run (reset it with "
                f"'manage.py changepassword {username}')."
            )
            return
        password = secrets.token_urlsafe(12)
        # an address, so moderators' alerts show in the console too
        admin = users.objects.create_superuser(
            username, f"{username}@localhost", password
        )
        join_every_group(admin)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created a local superuser. Sign in at http://127.0.0.1:8000/admin/ "
                f"as '{username}' with the password: {password}"
            )
        )
