"""Commenters: each comment's mailbox digest, bans, trusted commenters, and
first comments held on a new site. Moderators may ban and lift bans."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from discussion.models.pending import recipient_digest


def remember_commenters(apps, schema_editor):
    """Digest the mailbox of every stored comment, in batches."""
    ArticleComment = apps.get_model("discussion", "ArticleComment")
    comments = ArticleComment.objects.only("pk", "user_email").order_by("pk")
    batch = []
    for comment in comments.iterator(chunk_size=2000):
        email = comment.user_email
        comment.commenter = recipient_digest(email) if email else ""
        batch.append(comment)
        if len(batch) == 2000:
            ArticleComment.objects.bulk_update(batch, ["commenter"])
            batch = []
    ArticleComment.objects.bulk_update(batch, ["commenter"])


def let_moderators_ban(apps, schema_editor):
    discussion = apps.get_app_config("discussion")
    models_module = getattr(discussion, "models_module", None)
    discussion.models_module = models_module or True
    create_permissions(discussion, apps=apps, verbosity=0)
    discussion.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(
        content_type__app_label="discussion",
        codename__in=["add_ban", "change_ban", "view_ban"],
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("discussion", "0016_decision_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="articlecomment",
            name="commenter",
            field=models.CharField(
                blank=True, db_index=True, editable=False, max_length=64
            ),
        ),
        migrations.AddField(
            model_name="moderationpolicy",
            name="trust_after_published",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="A trusted commenter's comments are not held as first comments or for their links. Held words, blocked domains and reports still apply. Leave empty to trust no one.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(
                        1, "Enter 1 or more, or leave it empty"
                    )
                ],
                verbose_name="trust commenters after this many published comments",
            ),
        ),
        migrations.AddField(
            model_name="moderationpolicy",
            name="trust_lost_for_days",
            field=models.PositiveSmallIntegerField(
                default=90,
                help_text="A commenter is not trusted while a moderator removed one of their comments within this many days.",
                validators=[
                    django.core.validators.MinValueValidator(1, "Enter 1 or more")
                ],
                verbose_name="unless a comment of theirs was removed in this many days",
            ),
        ),
        migrations.AlterField(
            model_name="moderationpolicy",
            name="hold_first_comments",
            field=models.BooleanField(
                default=True,
                help_text="Hold comments from an email address with no published comment until a moderator approves one. Most abuse and spam comes from new addresses, so this is on for a new site. Once a comment is published, later comments from the same address are not held for this reason.",
                verbose_name="hold a commenter's first comment",
            ),
        ),
        migrations.CreateModel(
            name="Ban",
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
                    "commenter",
                    models.CharField(db_index=True, editable=False, max_length=64),
                ),
                (
                    "until",
                    models.DateTimeField(
                        blank=True, help_text="Leave empty to ban for good.", null=True
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        help_text="The commenter is shown this reason.", max_length=500
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        editable=False,
                        verbose_name="banned at",
                    ),
                ),
                (
                    "lifted_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="bans_made",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="banned by",
                    ),
                ),
                (
                    "lifted_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="bans_lifted",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.RunPython(
            remember_commenters, migrations.RunPython.noop, elidable=True
        ),
        migrations.RunPython(let_moderators_ban, migrations.RunPython.noop),
    ]
