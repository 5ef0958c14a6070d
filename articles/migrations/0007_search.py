"""Full-text search, kept current by the database itself.

PostgreSQL: articles_article.search_vector holds each article's weighted
document (A title; B standfirst and the names of the perspectives its points
address; C introduction and points), set by triggers on articles, points and
perspectives and served by a GIN index; points get a GIN index on their text.
SQLite: FTS5 tables with the porter stemmer, filled by triggers on the same
tables. Triggers, not signals: bulk updates, loaddata and raw SQL skip signals.

Neither the column nor the FTS5 tables are model fields: Django never reads
or writes them. On SQLite, a later migration that rebuilds one of these
tables drops its triggers, and the search tests then fail: recreate them.
"""

from django.db import migrations

# --- PostgreSQL ------------------------------------------------------------

POSTGRES_FORWARDS = [
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''",
    """
    CREATE FUNCTION articles_article_document(
        article bigint, title text, standfirst text, introduction text
    ) RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', coalesce(standfirst, '')), 'B')
            -- topics' names join here, at weight B, once articles have topics
            || setweight(to_tsvector('english', coalesce((
                SELECT string_agg(DISTINCT pe.name, ' ')
                FROM articles_argumentpoint p
                JOIN articles_perspective pe ON pe.id = p.perspective_id
                WHERE p.article_id = article
            ), '')), 'B')
            || setweight(to_tsvector('english', coalesce(introduction, '')), 'C')
            || setweight(to_tsvector('english', coalesce((
                SELECT string_agg(p.text, ' ' ORDER BY p.position, p.id)
                FROM articles_argumentpoint p
                WHERE p.article_id = article
            ), '')), 'C')
    $$
    """,
    """
    CREATE FUNCTION articles_refresh_search_vectors(articles bigint[])
    RETURNS void LANGUAGE sql AS $$
        UPDATE articles_article
        SET search_vector = articles_article_document(id, title, standfirst, introduction)
        WHERE id = ANY(articles)
    $$
    """,
    """
    CREATE FUNCTION articles_article_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := articles_article_document(
            NEW.id, NEW.title, NEW.standfirst, NEW.introduction
        );
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF title, standfirst, introduction ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    """
    CREATE FUNCTION articles_argumentpoint_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM articles_refresh_search_vectors(ARRAY[NEW.article_id]);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM articles_refresh_search_vectors(ARRAY[OLD.article_id]);
        ELSE
            PERFORM articles_refresh_search_vectors(
                ARRAY[OLD.article_id, NEW.article_id]
            );
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_argumentpoint_search_vector
    AFTER INSERT OR DELETE OR UPDATE OF text, article_id, perspective_id, position
    ON articles_argumentpoint
    FOR EACH ROW EXECUTE FUNCTION articles_argumentpoint_search_vector()
    """,
    """
    CREATE FUNCTION articles_perspective_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM articles_refresh_search_vectors(ARRAY(
            SELECT article_id FROM articles_argumentpoint WHERE perspective_id = NEW.id
        ));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_perspective_search_vector
    AFTER UPDATE OF name ON articles_perspective
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION articles_perspective_search_vector()
    """,
    "UPDATE articles_article SET search_vector = "
    "articles_article_document(id, title, standfirst, introduction)",
    "CREATE INDEX articles_article_search_vector ON articles_article "
    "USING gin (search_vector)",
    "CREATE INDEX articles_argumentpoint_search ON articles_argumentpoint "
    "USING gin (to_tsvector('english'::regconfig, text))",
]

POSTGRES_BACKWARDS = [
    "DROP INDEX articles_argumentpoint_search",
    "DROP TRIGGER articles_perspective_search_vector ON articles_perspective",
    "DROP FUNCTION articles_perspective_search_vector()",
    "DROP TRIGGER articles_argumentpoint_search_vector ON articles_argumentpoint",
    "DROP FUNCTION articles_argumentpoint_search_vector()",
    "DROP TRIGGER articles_article_search_vector ON articles_article",
    "DROP FUNCTION articles_article_search_vector()",
    "DROP FUNCTION articles_refresh_search_vectors(bigint[])",
    "DROP FUNCTION articles_article_document(bigint, text, text, text)",
    "ALTER TABLE articles_article DROP COLUMN search_vector",  # and its index
]

# --- SQLite ----------------------------------------------------------------

ARTICLE_ROWS = """
    INSERT INTO articles_article_fts(
        rowid, title, standfirst, perspectives, introduction, points
    )
    SELECT a.id, a.title, a.standfirst,
        -- topics' names join the perspectives (weighted alike) once articles have topics
        coalesce((
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
        ), '')
    FROM articles_article a
"""


def refresh(articles):
    """Statements that rewrite the FTS5 rows of the articles whose ids the SQL
    expression `articles` gives."""
    return f"""
        DELETE FROM articles_article_fts WHERE rowid IN ({articles});
        {ARTICLE_ROWS} WHERE a.id IN ({articles});
    """


SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE articles_article_fts USING fts5("
    "title, standfirst, perspectives, introduction, points, "
    "tokenize='porter unicode61')",
    "CREATE VIRTUAL TABLE articles_argumentpoint_fts USING fts5("
    "text, tokenize='porter unicode61')",
    f"""
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article
    BEGIN {refresh("NEW.id")} END
    """,
    f"""
    CREATE TRIGGER articles_article_fts_update
    AFTER UPDATE OF title, standfirst, introduction ON articles_article
    BEGIN {refresh("NEW.id")} END
    """,
    """
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article
    BEGIN DELETE FROM articles_article_fts WHERE rowid = OLD.id; END
    """,
    f"""
    CREATE TRIGGER articles_argumentpoint_fts_insert
    AFTER INSERT ON articles_argumentpoint
    BEGIN
        INSERT INTO articles_argumentpoint_fts(rowid, text) VALUES (NEW.id, NEW.text);
        {refresh("NEW.article_id")}
    END
    """,
    f"""
    CREATE TRIGGER articles_argumentpoint_fts_update
    AFTER UPDATE OF text, article_id, perspective_id ON articles_argumentpoint
    BEGIN
        DELETE FROM articles_argumentpoint_fts WHERE rowid = OLD.id;
        INSERT INTO articles_argumentpoint_fts(rowid, text) VALUES (NEW.id, NEW.text);
        {refresh("OLD.article_id, NEW.article_id")}
    END
    """,
    f"""
    CREATE TRIGGER articles_argumentpoint_fts_delete
    AFTER DELETE ON articles_argumentpoint
    BEGIN
        DELETE FROM articles_argumentpoint_fts WHERE rowid = OLD.id;
        {refresh("OLD.article_id")}
    END
    """,
    f"""
    CREATE TRIGGER articles_perspective_fts_update
    AFTER UPDATE OF name ON articles_perspective
    BEGIN
        {refresh("SELECT article_id FROM articles_argumentpoint WHERE perspective_id = NEW.id")}
    END
    """,
    ARTICLE_ROWS,
    "INSERT INTO articles_argumentpoint_fts(rowid, text) "
    "SELECT id, text FROM articles_argumentpoint",
]

SQLITE_BACKWARDS = [
    # the triggers belong to the content tables, so each is dropped by name
    "DROP TRIGGER articles_perspective_fts_update",
    "DROP TRIGGER articles_argumentpoint_fts_delete",
    "DROP TRIGGER articles_argumentpoint_fts_update",
    "DROP TRIGGER articles_argumentpoint_fts_insert",
    "DROP TRIGGER articles_article_fts_delete",
    "DROP TRIGGER articles_article_fts_update",
    "DROP TRIGGER articles_article_fts_insert",
    "DROP TABLE articles_argumentpoint_fts",
    "DROP TABLE articles_article_fts",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_perspective_singular_label"),
    ]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARDS, "sqlite": SQLITE_FORWARDS}),
            run({"postgresql": POSTGRES_BACKWARDS, "sqlite": SQLITE_BACKWARDS}),
        ),
    ]
