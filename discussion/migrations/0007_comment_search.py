"""Full-text search over comments, kept current by the database itself.

PostgreSQL: a GIN index on the comment text's to_tsvector('english'), which
PostgreSQL keeps current. SQLite: an FTS5 table with the porter stemmer,
filled by triggers on the comments table (django_comments, where
django-contrib-comments keeps the text). Which comments may be shown is
decided when searching, so only the text is indexed here.
"""

from django.db import migrations

POSTGRES_FORWARDS = [
    "CREATE INDEX discussion_comment_search ON django_comments "
    "USING gin (to_tsvector('english'::regconfig, comment))",
]

POSTGRES_BACKWARDS = ["DROP INDEX discussion_comment_search"]

SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE discussion_comment_fts USING fts5("
    "comment, tokenize='porter unicode61')",
    """
    CREATE TRIGGER discussion_comment_fts_insert AFTER INSERT ON django_comments
    BEGIN
        INSERT INTO discussion_comment_fts(rowid, comment) VALUES (NEW.id, NEW.comment);
    END
    """,
    """
    CREATE TRIGGER discussion_comment_fts_update
    AFTER UPDATE OF comment ON django_comments
    BEGIN
        DELETE FROM discussion_comment_fts WHERE rowid = OLD.id;
        INSERT INTO discussion_comment_fts(rowid, comment) VALUES (NEW.id, NEW.comment);
    END
    """,
    """
    CREATE TRIGGER discussion_comment_fts_delete AFTER DELETE ON django_comments
    BEGIN
        DELETE FROM discussion_comment_fts WHERE rowid = OLD.id;
    END
    """,
    "INSERT INTO discussion_comment_fts(rowid, comment) "
    "SELECT id, comment FROM django_comments",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER discussion_comment_fts_delete",
    "DROP TRIGGER discussion_comment_fts_update",
    "DROP TRIGGER discussion_comment_fts_insert",
    "DROP TABLE discussion_comment_fts",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0006_indexes_for_scale"),
        # after every change to django_comments: rebuilding a table on SQLite
        # drops its triggers
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARDS, "sqlite": SQLITE_FORWARDS}),
            run({"postgresql": POSTGRES_BACKWARDS, "sqlite": SQLITE_BACKWARDS}),
        ),
    ]
