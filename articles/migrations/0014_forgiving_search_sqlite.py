"""Search that forgives, on SQLite: what 0012_forgiving_search does on
PostgreSQL.

- The byline joins each article's FTS5 row: the author's name and the
  attribution in the perspectives' column (weight B), the biography in the
  points' (C).
- The points' FTS5 table gains a column, their perspective's name and "one
  person" label.
- The articles' words as written (no stemming) go into an FTS5 table of
  their own, read through two fts5vocab tables for "Did you mean": each word
  with the number of articles holding it, and each article holding a word.

Every search trigger is made again (see 0010) and the FTS5 tables are filled
afresh, so search is whole after this migration whatever ran before.
"""

import importlib

from django.db import migrations

TOPICS_0010 = importlib.import_module(
    "articles.migrations.0010_topics_related_articles"
)

# --- SQLite ----------------------------------------------------------------

# The byline joins the perspectives' column (weight B), the biography the
# points' (C).
ARTICLE_ROWS = """
    INSERT INTO articles_article_fts(
        rowid, title, standfirst, perspectives, introduction, points
    )
    SELECT a.id, a.title, a.standfirst,
        coalesce(au.name, '') || ' ' || a.attribution || ' ' || coalesce((
            SELECT group_concat(t.name, ' ')
            FROM articles_articletopic ato
            JOIN articles_topic t ON t.id = ato.tag_id
            WHERE ato.content_object_id = a.id
        ), '') || ' ' || coalesce((
            SELECT group_concat(DISTINCT pe.name)
            FROM articles_argumentpoint p
            JOIN articles_perspective pe ON pe.id = p.perspective_id
            WHERE p.article_id = a.id
        ), ''),
        a.introduction,
        coalesce((
            SELECT group_concat(p.text, ' ')
            FROM articles_argumentpoint p
            WHERE p.article_id = a.id
        ), '') || ' ' || coalesce(au.bio, '')
    FROM articles_article a
    LEFT JOIN articles_author au ON au.id = a.author_id
"""

# the words as written, from the row just written
WORD_ROWS = """
    INSERT INTO articles_searchword_fts(rowid, words)
    SELECT rowid, title || ' ' || standfirst || ' ' || perspectives || ' '
        || introduction || ' ' || points
    FROM articles_article_fts
"""

POINT_ROWS = """
    INSERT INTO articles_argumentpoint_fts(rowid, text, perspective)
    SELECT p.id, p.text, pe.name || ' ' || pe.singular_label
    FROM articles_argumentpoint p
    JOIN articles_perspective pe ON pe.id = p.perspective_id
"""


def refresh(articles):
    """Statements that rewrite the FTS5 rows of the articles whose ids the SQL
    expression `articles` gives, and their words."""
    return f"""
        DELETE FROM articles_article_fts WHERE rowid IN ({articles});
        {ARTICLE_ROWS} WHERE a.id IN ({articles});
        DELETE FROM articles_searchword_fts WHERE rowid IN ({articles});
        {WORD_ROWS} WHERE rowid IN ({articles});
    """


def point_rows(points):
    return f"""
        DELETE FROM articles_argumentpoint_fts WHERE rowid IN ({points});
        {POINT_ROWS} WHERE p.id IN ({points});
    """


OF_PERSPECTIVE = "SELECT id FROM articles_argumentpoint WHERE perspective_id = NEW.id"

SQLITE_TRIGGERS = {
    **TOPICS_0010.SQLITE_TRIGGERS,
    "articles_article_fts_insert": f"""
        AFTER INSERT ON articles_article
        BEGIN {refresh("NEW.id")} END
    """,
    "articles_article_fts_update": f"""
        AFTER UPDATE OF title, standfirst, introduction, author_id, attribution
        ON articles_article
        BEGIN {refresh("NEW.id")} END
    """,
    "articles_article_fts_delete": """
        AFTER DELETE ON articles_article
        BEGIN
            DELETE FROM articles_article_fts WHERE rowid = OLD.id;
            DELETE FROM articles_searchword_fts WHERE rowid = OLD.id;
        END
    """,
    "articles_argumentpoint_fts_insert": f"""
        AFTER INSERT ON articles_argumentpoint
        BEGIN {point_rows("NEW.id")} {refresh("NEW.article_id")} END
    """,
    "articles_argumentpoint_fts_update": f"""
        AFTER UPDATE OF text, article_id, perspective_id ON articles_argumentpoint
        BEGIN
            {point_rows("NEW.id")}
            {refresh("OLD.article_id, NEW.article_id")}
        END
    """,
    "articles_argumentpoint_fts_delete": f"""
        AFTER DELETE ON articles_argumentpoint
        BEGIN
            DELETE FROM articles_argumentpoint_fts WHERE rowid = OLD.id;
            {refresh("OLD.article_id")}
        END
    """,
    "articles_perspective_fts_update": f"""
        AFTER UPDATE OF name, singular_label ON articles_perspective
        BEGIN
            {point_rows(OF_PERSPECTIVE)}
            {
        refresh(
            "SELECT article_id FROM articles_argumentpoint "
            "WHERE perspective_id = NEW.id"
        )
    }
        END
    """,
    "articles_articletopic_fts_insert": f"""
        AFTER INSERT ON articles_articletopic
        BEGIN {refresh("NEW.content_object_id")} END
    """,
    "articles_articletopic_fts_update": f"""
        AFTER UPDATE ON articles_articletopic
        BEGIN {refresh("OLD.content_object_id, NEW.content_object_id")} END
    """,
    "articles_articletopic_fts_delete": f"""
        AFTER DELETE ON articles_articletopic
        BEGIN {refresh("OLD.content_object_id")} END
    """,
    "articles_topic_fts_update": f"""
        AFTER UPDATE OF name ON articles_topic
        BEGIN {
        refresh(
            "SELECT content_object_id FROM articles_articletopic WHERE tag_id = NEW.id"
        )
    } END
    """,
    "articles_author_fts_update": f"""
        AFTER UPDATE OF name, bio ON articles_author
        BEGIN {refresh("SELECT id FROM articles_article WHERE author_id = NEW.id")} END
    """,
}

SQLITE_FORWARDS = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE articles_argumentpoint_fts",
    "CREATE VIRTUAL TABLE articles_argumentpoint_fts USING fts5("
    "text, perspective, tokenize='porter unicode61')",
    "CREATE VIRTUAL TABLE articles_searchword_fts USING fts5("
    "words, tokenize='unicode61')",
    # each word once, with the number of articles holding it; and each
    # article holding a word, so a suggestion can be checked as published
    "CREATE VIRTUAL TABLE articles_searchword_vocab "
    "USING fts5vocab(articles_searchword_fts, 'row')",
    "CREATE VIRTUAL TABLE articles_searchword_instance "
    "USING fts5vocab(articles_searchword_fts, 'instance')",
    *(f"CREATE TRIGGER {name} {body}" for name, body in SQLITE_TRIGGERS.items()),
    "DELETE FROM articles_article_fts",
    ARTICLE_ROWS,
    WORD_ROWS,
    POINT_ROWS,
]

SQLITE_BACKWARDS = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE articles_searchword_instance",
    "DROP TABLE articles_searchword_vocab",
    "DROP TABLE articles_searchword_fts",
    "DROP TABLE articles_argumentpoint_fts",
    "CREATE VIRTUAL TABLE articles_argumentpoint_fts USING fts5("
    "text, tokenize='porter unicode61')",
    *TOPICS_0010.SQLITE_FORWARDS,
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_forgiving_search")]

    operations = [migrations.RunPython(run(SQLITE_FORWARDS), run(SQLITE_BACKWARDS))]
