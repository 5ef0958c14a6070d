"""The discussion's models now live in the discussion app (its 0001): the
articles app stops claiming them, leaving their tables alone."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_rename_audience_perspective"),
        ("discussion", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="articlecomment",
                    name="article",
                ),
                migrations.RemoveField(
                    model_name="articlecomment",
                    name="moderated_by",
                ),
                migrations.RemoveField(
                    model_name="articlecomment",
                    name="perspective",
                ),
                migrations.RemoveField(
                    model_name="articlecomment",
                    name="point",
                ),
                migrations.RemoveField(
                    model_name="articlecomment",
                    name="xtdcomment_ptr",
                ),
                migrations.RemoveField(
                    model_name="commentreport",
                    name="comment",
                ),
                migrations.DeleteModel(
                    name="ModerationPolicy",
                ),
                migrations.DeleteModel(
                    name="ArticleComment",
                ),
                migrations.DeleteModel(
                    name="CommentReport",
                ),
            ],
        )
    ]
