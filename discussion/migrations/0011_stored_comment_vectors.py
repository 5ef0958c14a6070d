"""On PostgreSQL, each comment's search vector is stored, not worked out when
searching.

The GIN index on to_tsvector(comment) from 0007_comment_search finds the
comments holding a word, but a phrase, and ranking, need the vector itself:
PostgreSQL then works it out again from the text for every comment that holds
the words, seconds for a phrase of two common words among a million comments.
A generated column on django_comments, where the text is, is kept current by
PostgreSQL on every insert and update. Adding it rewrites the table: about a
minute at a million comments, with writes to comments held meanwhile. SQLite
searches its FTS5 table and is not changed.
"""

from django.db import migrations

POSTGRES_FORWARDS = [
    "ALTER TABLE django_comments ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, comment)) STORED",
    "CREATE INDEX discussion_comment_search_vector ON django_comments "
    "USING gin (search_vector)",
    "DROP INDEX discussion_comment_search",
]

POSTGRES_BACKWARDS = [
    "CREATE INDEX discussion_comment_search ON django_comments "
    "USING gin (to_tsvector('english'::regconfig, comment))",
    "ALTER TABLE django_comments DROP COLUMN search_vector",  # and its index
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("discussion", "0010_discussion_counts")]

    operations = [migrations.RunPython(run(POSTGRES_FORWARDS), run(POSTGRES_BACKWARDS))]
