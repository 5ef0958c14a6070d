"""On PostgreSQL, each point's search vector is stored, not worked out when
searching.

The GIN index on to_tsvector(text) from 0007_search finds the points holding
a word, but a phrase, and ranking, need the vector itself: PostgreSQL then
works it out again from the text for every point that holds the words,
seconds for a phrase of two common words on a large site. A generated column
is kept current by PostgreSQL on every insert and update, bulk ones too.
SQLite searches its FTS5 tables and is not changed.
"""

from django.db import migrations

POSTGRES_FORWARDS = [
    "ALTER TABLE articles_argumentpoint ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED",
    "CREATE INDEX articles_argumentpoint_search_vector ON articles_argumentpoint "
    "USING gin (search_vector)",
    "DROP INDEX articles_argumentpoint_search",
]

POSTGRES_BACKWARDS = [
    "CREATE INDEX articles_argumentpoint_search ON articles_argumentpoint "
    "USING gin (to_tsvector('english'::regconfig, text))",
    "ALTER TABLE articles_argumentpoint DROP COLUMN search_vector",  # and its index
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_topics_related_articles")]

    operations = [migrations.RunPython(run(POSTGRES_FORWARDS), run(POSTGRES_BACKWARDS))]
