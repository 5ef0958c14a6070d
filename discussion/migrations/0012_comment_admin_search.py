"""On PostgreSQL, trigram indexes for the comment admin's search.

The admin searches with Django's icontains, UPPER(column) LIKE UPPER('%word%'),
which no ordinary index can answer: among a million comments, a name or a
word few comments hold took seconds. A trigram index (pg_trgm, which a
database's owner may add) on each searched column of the comments table, on
the very expression Django writes, finds them at once
(discussion.admin.search). Building them takes about a minute at a million
comments, the comment text's being the largest: about 40% of the table's
size. SQLite is not changed.
"""

from django.db import migrations

SEARCHED = {
    "name": 'UPPER("user_name"::text)',
    "email": 'UPPER("user_email"::text)',
    "text": 'UPPER("comment"::text)',
}

POSTGRES_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX discussion_comment_{name}_trgm ON django_comments "
        f"USING gin (({expression}) gin_trgm_ops)"
        for name, expression in SEARCHED.items()
    ),
    # the planner needs the expressions' statistics to tell rare words
    "ANALYZE django_comments",
]

POSTGRES_BACKWARDS = [f"DROP INDEX discussion_comment_{name}_trgm" for name in SEARCHED]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("discussion", "0011_stored_comment_vectors")]

    operations = [migrations.RunPython(run(POSTGRES_FORWARDS), run(POSTGRES_BACKWARDS))]
