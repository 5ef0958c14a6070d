"""Each moderator chooses how they are alerted (at once or an hourly digest),
on a profile only they change; and Moderators may read and export the quick
answers' counts: answers hold no personal data (keyed hashes only)."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GRANTS = [
    ("quickanswer", ["view"]),
    ("moderatorprofile", ["change", "view"]),
]


def grant_moderators(apps, schema_editor):
    # On a new database permissions are made after migrations: make them now.
    discussion = apps.get_app_config("discussion")
    models_module = getattr(discussion, "models_module", None)
    discussion.models_module = models_module or True
    create_permissions(discussion, apps=apps, verbosity=0)
    discussion.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Moderators")
    for model, actions in GRANTS:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="discussion",
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


def take_back_grants(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="discussion",
                codename__in=[
                    f"{action}_{model}"
                    for model, actions in GRANTS
                    for action in actions
                ],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("discussion", "0017_commenters"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DigestItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("subject", models.CharField(max_length=300)),
                ("reason", models.CharField(blank=True, max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "comment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="digest_items",
                        to="discussion.articlecomment",
                    ),
                ),
                (
                    "moderator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="digest_items",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ModeratorProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "alerts",
                    models.CharField(
                        choices=[
                            ("at-once", "At once: an email for each comment"),
                            ("hourly", "Hourly: one email listing the hour's comments"),
                        ],
                        default="at-once",
                        help_text="When we email you about comments waiting for moderation.",
                        max_length=10,
                        verbose_name="email alerts",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="moderator_profile",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "your email alerts",
                "verbose_name_plural": "your email alerts",
                "ordering": ["user_id"],
            },
        ),
        migrations.RunPython(grant_moderators, take_back_grants),
    ]
