"""Stances on points, featured comments. The comments table is rebuilt on
SQLite: the search triggers of 0007 live on django_comments, untouched."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_search"),
        ("discussion", "0007_comment_search"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="articlecomment",
            name="is_featured",
            field=models.BooleanField(
                default=False,
                help_text="Chosen by a moderator: shown first, labelled Featured.",
                verbose_name="featured",
            ),
        ),
        migrations.AddField(
            model_name="articlecomment",
            name="stance",
            field=models.CharField(
                blank=True,
                choices=[
                    ("agree", "Agree"),
                    ("disagree", "Disagree"),
                    ("mixed", "Mixed views"),
                ],
                help_text="Where the commenter stands on the point, if they said.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="pendingcomment",
            name="stance",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.AddIndex(
            model_name="articlecomment",
            index=models.Index(
                condition=models.Q(("is_featured", True)),
                fields=["article"],
                name="comment_featured_idx",
            ),
        ),
    ]
