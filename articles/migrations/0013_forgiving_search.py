"""Search that forgives: authors, perspectives and a vocabulary.

- An article's document also holds its author's name and the attribution
  (weight B) and the author's biography (weight C on SQLite, D on
  PostgreSQL), kept current when the article's author or the author changes.
- A point's document also holds its perspective's name and "one person"
  label, so "councillors" finds the councillors' points: on PostgreSQL the
  generated column becomes one a trigger keeps (a generated column cannot read
  another table); on SQLite the points' FTS5 table gains a column.
- The site's vocabulary, for "Did you mean": on PostgreSQL a table of the
  words of every article (never emptied: search checks a suggestion against
  published articles) with a trigram index (pg_trgm, added here when the
  database allows; without it there are no suggestions); on SQLite an FTS5
  table of the articles' words as written (no stemming), read through
  fts5vocab tables.

This migration is PostgreSQL's; 0013_forgiving_search_sqlite is SQLite's.
"""

import importlib

from django.db import DatabaseError, migrations, transaction

TOPICS_0010 = importlib.import_module(
    "articles.migrations.0010_topics_related_articles"
)

# --- PostgreSQL ------------------------------------------------------------

BYLINE = """
    CREATE FUNCTION articles_article_byline(author bigint, attribution text)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(attribution, '') || ' '
                || coalesce((SELECT name FROM articles_author WHERE id = author), '')), 'B')
            || setweight(to_tsvector('english',
                coalesce((SELECT bio FROM articles_author WHERE id = author), '')), 'D')
    $$
"""

REFRESH_WITH_BYLINE = """
    CREATE OR REPLACE FUNCTION articles_refresh_search_vectors(articles bigint[])
    RETURNS void LANGUAGE sql AS $$
        UPDATE articles_article
        SET search_vector = articles_article_document(id, title, standfirst, introduction)
            || articles_article_byline(author_id, attribution)
        WHERE id = ANY(articles)
    $$
"""

TRIGGER_WITH_BYLINE = """
    CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := articles_article_document(
            NEW.id, NEW.title, NEW.standfirst, NEW.introduction
        ) || articles_article_byline(NEW.author_id, NEW.attribution);
        RETURN NEW;
    END
    $$
"""

# the point's text at A, its perspective's names at D, below any text
POINT_DOCUMENT = """
    CREATE FUNCTION articles_point_document(text text, perspective bigint)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(text, '')), 'A')
            || setweight(to_tsvector('english', coalesce((
                SELECT name || ' ' || singular_label
                FROM articles_perspective WHERE id = perspective
            ), '')), 'D')
    $$
"""

# every word of an article, as written: its text, points, perspectives,
# topics and byline
ARTICLE_WORDS = """
    CREATE FUNCTION articles_article_words(article bigint)
    RETURNS SETOF text LANGUAGE sql STABLE AS $$
        SELECT DISTINCT word FROM articles_article a
        LEFT JOIN articles_author au ON au.id = a.author_id,
        unnest(tsvector_to_array(to_tsvector('simple', concat_ws(' ',
            a.title, a.standfirst, a.introduction, a.attribution, au.name, au.bio,
            (SELECT string_agg(p.text || ' ' || pe.name, ' ')
             FROM articles_argumentpoint p
             JOIN articles_perspective pe ON pe.id = p.perspective_id
             WHERE p.article_id = a.id),
            (SELECT string_agg(t.name, ' ')
             FROM articles_articletopic ato
             JOIN articles_topic t ON t.id = ato.tag_id
             WHERE ato.content_object_id = a.id)
        )))) AS word
        WHERE a.id = article AND word ~ '^[[:alpha:]]{3,}$'
    $$
"""

POSTGRES_FORWARDS = [
    BYLINE,
    REFRESH_WITH_BYLINE,
    TRIGGER_WITH_BYLINE,
    "DROP TRIGGER articles_article_search_vector ON articles_article",
    """
    CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF title, standfirst, introduction, author_id, attribution
    ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    """
    CREATE FUNCTION articles_author_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM articles_refresh_search_vectors(ARRAY(
            SELECT id FROM articles_article WHERE author_id = NEW.id
        ));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_author_search_vector
    AFTER UPDATE OF name, bio ON articles_author
    FOR EACH ROW EXECUTE FUNCTION articles_author_search_vector()
    """,
    # points: the generated column (0011) becomes one a trigger keeps
    POINT_DOCUMENT,
    "ALTER TABLE articles_argumentpoint DROP COLUMN search_vector",
    "ALTER TABLE articles_argumentpoint "
    "ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''",
    """
    CREATE FUNCTION articles_point_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := articles_point_document(NEW.text, NEW.perspective_id);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_point_search_vector
    BEFORE INSERT OR UPDATE OF text, perspective_id ON articles_argumentpoint
    FOR EACH ROW EXECUTE FUNCTION articles_point_search_vector()
    """,
    """
    CREATE FUNCTION articles_perspective_point_vectors() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE articles_argumentpoint
        SET search_vector = articles_point_document(text, perspective_id)
        WHERE perspective_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_perspective_point_vectors
    AFTER UPDATE OF name, singular_label ON articles_perspective
    FOR EACH ROW EXECUTE FUNCTION articles_perspective_point_vectors()
    """,
    "UPDATE articles_argumentpoint "
    "SET search_vector = articles_point_document(text, perspective_id)",
    "CREATE INDEX articles_argumentpoint_search_vector ON articles_argumentpoint "
    "USING gin (search_vector)",
    # the vocabulary
    "CREATE TABLE articles_searchword (word text PRIMARY KEY)",
    ARTICLE_WORDS,
    """
    CREATE FUNCTION articles_keep_words() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO articles_searchword (word)
        SELECT articles_article_words(NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_article_words_insert AFTER INSERT ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_keep_words()
    """,
    """
    CREATE TRIGGER articles_article_words_update AFTER UPDATE ON articles_article
    FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION articles_keep_words()
    """,
    "UPDATE articles_article SET search_vector = "
    "articles_article_document(id, title, standfirst, introduction) "
    "|| articles_article_byline(author_id, attribution)",
    "INSERT INTO articles_searchword (word) SELECT articles_article_words(id) "
    "FROM articles_article ON CONFLICT DO NOTHING",
]

POSTGRES_BACKWARDS = [
    "DROP TRIGGER articles_article_words_update ON articles_article",
    "DROP TRIGGER articles_article_words_insert ON articles_article",
    "DROP FUNCTION articles_keep_words()",
    "DROP FUNCTION articles_article_words(bigint)",
    "DROP TABLE articles_searchword",
    "DROP TRIGGER articles_perspective_point_vectors ON articles_perspective",
    "DROP FUNCTION articles_perspective_point_vectors()",
    "DROP TRIGGER articles_point_search_vector ON articles_argumentpoint",
    "DROP FUNCTION articles_point_search_vector()",
    "ALTER TABLE articles_argumentpoint DROP COLUMN search_vector",
    "ALTER TABLE articles_argumentpoint ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED",
    "CREATE INDEX articles_argumentpoint_search_vector ON articles_argumentpoint "
    "USING gin (search_vector)",
    "DROP FUNCTION articles_point_document(text, bigint)",
    "DROP TRIGGER articles_author_search_vector ON articles_author",
    "DROP FUNCTION articles_author_search_vector()",
    "DROP TRIGGER articles_article_search_vector ON articles_article",
    """
    CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF title, standfirst, introduction ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    TRIGGER_WITH_BYLINE.replace(
        " || articles_article_byline(NEW.author_id, NEW.attribution)", ""
    ),
    REFRESH_WITH_BYLINE.replace(
        "\n            || articles_article_byline(author_id, attribution)", ""
    ),
    "DROP FUNCTION articles_article_byline(bigint, text)",
    TOPICS_0010.REFRESH_ALL,
]


def add_trigram_index(apps, schema_editor):
    """pg_trgm for the vocabulary's index, if the database lets us add it."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if not cursor.fetchone():
            return
        try:
            with transaction.atomic(using=connection.alias):  # a savepoint
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:  # not allowed: search then makes no suggestions
            return
        cursor.execute(
            "CREATE INDEX articles_searchword_trigrams ON articles_searchword "
            "USING gin (word gin_trgm_ops)"
        )


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_article_revised_at")]

    operations = [
        migrations.RunPython(run(POSTGRES_FORWARDS), run(POSTGRES_BACKWARDS)),
        migrations.RunPython(add_trigram_index, migrations.RunPython.noop),
    ]
