"""Indexes for long discussions and a large moderation queue.

An article's comments are found through comment_article_idx, which also
serves the foreign key's lookups, so the key's own index goes. The queue
sorts and filters on columns of django_comments, the table at the top of the
comment's inheritance chain, which Meta.indexes cannot reach: its index is
made here in SQL that SQLite and PostgreSQL both take."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_perspective_singular_label"),
        ("discussion", "0005_original_comment"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="articlecomment",
            index=models.Index(
                fields=["article", "xtdcomment_ptr"], name="comment_article_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="articlecomment",
            index=models.Index(
                fields=["article", "perspective"], name="comment_perspective_idx"
            ),
        ),
        migrations.AlterField(
            model_name="articlecomment",
            name="article",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="articles.article",
            ),
        ),
        # the queue's order: awaiting, then published, then removed; oldest
        # first in each (discussion/admin/comments.py)
        migrations.RunSQL(
            'CREATE INDEX "comment_queue_idx" ON "django_comments" '
            '("is_removed", "is_public", "submit_date")',
            'DROP INDEX "comment_queue_idx"',
        ),
    ]
