"""The discussion's models move here from the articles app, keeping their
data: this migration only tells Django where they now live, in the tables
they already have (0002 renames those)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0004_rename_audience_perspective"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ModerationPolicy",
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
                            "hold_all",
                            models.BooleanField(
                                default=False,
                                help_text="Untick to publish confirmed comments at once, unless a rule below holds them.",
                                verbose_name="hold every comment for approval",
                            ),
                        ),
                        (
                            "hold_first_comments",
                            models.BooleanField(
                                default=False,
                                help_text="Hold comments from email addresses with no published comment.",
                                verbose_name="hold a commenter's first comment",
                            ),
                        ),
                        (
                            "hold_links_at",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                default=2,
                                help_text="Leave empty to allow any number of links.",
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(
                                        1, "Enter 1 or more, or leave it empty"
                                    )
                                ],
                                verbose_name="hold comments with this many links or more",
                            ),
                        ),
                        (
                            "held_words",
                            models.TextField(
                                blank=True,
                                help_text="One word or phrase a line. Case does not matter.",
                                verbose_name="hold comments containing these words or phrases",
                            ),
                        ),
                        (
                            "close_after_days",
                            models.PositiveIntegerField(
                                blank=True,
                                help_text="Leave empty to keep comments open.",
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(
                                        1, "Enter 1 or more, or leave it empty"
                                    )
                                ],
                                verbose_name="close comments this many days after publication",
                            ),
                        ),
                        (
                            "is_paused",
                            models.BooleanField(
                                default=False,
                                help_text="For example during a pre-election period.",
                                verbose_name="pause all commenting",
                            ),
                        ),
                        (
                            "pause_message",
                            models.TextField(
                                default="Commenting is paused for the pre-election period. You can still read the discussion.",
                                help_text="Shown on every article while commenting is paused.",
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "db_table": "articles_moderationpolicy",
                        "verbose_name": "moderation policy",
                        "verbose_name_plural": "moderation policy",
                        "ordering": ["pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ArticleComment",
                    fields=[
                        (
                            "xtdcomment_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="django_comments_xtd.xtdcomment",
                            ),
                        ),
                        (
                            "held_reason",
                            models.CharField(
                                blank=True,
                                help_text="Why the comment was held.",
                                max_length=200,
                            ),
                        ),
                        (
                            "moderated_at",
                            models.DateTimeField(blank=True, editable=False, null=True),
                        ),
                        (
                            "is_erased",
                            models.BooleanField(
                                default=False,
                                editable=False,
                                verbose_name="erased at the author's request",
                            ),
                        ),
                        (
                            "followers_notified_at",
                            models.DateTimeField(
                                blank=True,
                                editable=False,
                                help_text="When followers were told this comment was published.",
                                null=True,
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="comments",
                                to="articles.article",
                            ),
                        ),
                        (
                            "moderated_by",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="moderated_comments",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "perspective",
                            models.ForeignKey(
                                blank=True,
                                help_text="The perspective the commenter writes from.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="comments",
                                to="articles.perspective",
                            ),
                        ),
                        (
                            "point",
                            models.ForeignKey(
                                blank=True,
                                help_text="The argument point the comment responds to.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="comments",
                                to="articles.argumentpoint",
                                verbose_name="argument point",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "articles_articlecomment",
                        "verbose_name": "comment",
                        "ordering": ["thread_id", "order"],
                    },
                    bases=("django_comments_xtd.xtdcomment",),
                ),
                migrations.CreateModel(
                    name="CommentReport",
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
                            "reason",
                            models.CharField(
                                choices=[
                                    ("spam", "It is spam or advertising"),
                                    (
                                        "abusive",
                                        "It is abusive, offensive or discriminatory",
                                    ),
                                    (
                                        "personal",
                                        "It shares someone's personal information",
                                    ),
                                    ("off-topic", "It is off topic"),
                                    ("other", "Something else"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("details", models.TextField(blank=True, max_length=1000)),
                        ("reporter", models.CharField(editable=False, max_length=64)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "comment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reports",
                                to="discussion.articlecomment",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "articles_commentreport",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("comment", "reporter"),
                                name="one_report_per_reporter",
                            )
                        ],
                    },
                ),
            ],
        )
    ]
