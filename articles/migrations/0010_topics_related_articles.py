"""Topics (django-taggit, with a tag model of our own) and editor-picked
related articles.

Topics' names join each article's search document at weight B, beside the
perspectives (see 0007_search): the PostgreSQL document function reads them,
and so do the SQLite FTS5 rows. Triggers on articles_articletopic re-index an
article when it is tagged or untagged, and triggers on articles_topic when a
topic is renamed. On SQLite every search trigger is made again here (a
migration that rebuilds a table drops its triggers) and the FTS5 tables are
filled afresh, so search is whole after this migration whatever ran before.
"""

import importlib

import django.db.models.deletion
import taggit.managers
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SEARCH_0007 = importlib.import_module("articles.migrations.0007_search")

# --- PostgreSQL ------------------------------------------------------------

DOCUMENT_WITH_TOPICS = """
    CREATE OR REPLACE FUNCTION articles_article_document(
        article bigint, title text, standfirst text, introduction text
    ) RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', coalesce(standfirst, '')), 'B')
            || setweight(to_tsvector('english', coalesce((
                SELECT string_agg(t.name, ' ' ORDER BY t.name)
                FROM articles_articletopic ato
                JOIN articles_topic t ON t.id = ato.tag_id
                WHERE ato.content_object_id = article
            ), '')), 'B')
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
"""

REFRESH_ALL = (
    "UPDATE articles_article SET search_vector = "
    "articles_article_document(id, title, standfirst, introduction)"
)

POSTGRES_FORWARDS = [
    DOCUMENT_WITH_TOPICS,
    """
    CREATE FUNCTION articles_articletopic_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM articles_refresh_search_vectors(ARRAY[NEW.content_object_id]);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM articles_refresh_search_vectors(ARRAY[OLD.content_object_id]);
        ELSE
            PERFORM articles_refresh_search_vectors(
                ARRAY[OLD.content_object_id, NEW.content_object_id]
            );
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_articletopic_search_vector
    AFTER INSERT OR DELETE OR UPDATE ON articles_articletopic
    FOR EACH ROW EXECUTE FUNCTION articles_articletopic_search_vector()
    """,
    """
    CREATE FUNCTION articles_topic_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM articles_refresh_search_vectors(ARRAY(
            SELECT content_object_id FROM articles_articletopic WHERE tag_id = NEW.id
        ));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_topic_search_vector
    AFTER UPDATE OF name ON articles_topic
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION articles_topic_search_vector()
    """,
    REFRESH_ALL,
]

POSTGRES_BACKWARDS = [
    "DROP TRIGGER articles_topic_search_vector ON articles_topic",
    "DROP FUNCTION articles_topic_search_vector()",
    "DROP TRIGGER articles_articletopic_search_vector ON articles_articletopic",
    "DROP FUNCTION articles_articletopic_search_vector()",
    # the document as 0007_search made it
    SEARCH_0007.POSTGRES_FORWARDS[1].replace(
        "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1
    ),
    REFRESH_ALL,
]

# --- SQLite ----------------------------------------------------------------

# Topics' names share the perspectives column, and so its weight (B).
ARTICLE_ROWS = """
    INSERT INTO articles_article_fts(
        rowid, title, standfirst, perspectives, introduction, points
    )
    SELECT a.id, a.title, a.standfirst,
        coalesce((
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


SQLITE_TRIGGERS = {
    "articles_article_fts_insert": f"""
        AFTER INSERT ON articles_article
        BEGIN {refresh("NEW.id")} END
    """,
    "articles_article_fts_update": f"""
        AFTER UPDATE OF title, standfirst, introduction ON articles_article
        BEGIN {refresh("NEW.id")} END
    """,
    "articles_article_fts_delete": """
        AFTER DELETE ON articles_article
        BEGIN DELETE FROM articles_article_fts WHERE rowid = OLD.id; END
    """,
    "articles_argumentpoint_fts_insert": f"""
        AFTER INSERT ON articles_argumentpoint
        BEGIN
            INSERT INTO articles_argumentpoint_fts(rowid, text)
            VALUES (NEW.id, NEW.text);
            {refresh("NEW.article_id")}
        END
    """,
    "articles_argumentpoint_fts_update": f"""
        AFTER UPDATE OF text, article_id, perspective_id ON articles_argumentpoint
        BEGIN
            DELETE FROM articles_argumentpoint_fts WHERE rowid = OLD.id;
            INSERT INTO articles_argumentpoint_fts(rowid, text)
            VALUES (NEW.id, NEW.text);
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
        AFTER UPDATE OF name ON articles_perspective
        BEGIN {
        refresh(
            "SELECT article_id FROM articles_argumentpoint WHERE perspective_id = NEW.id"
        )
    } END
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
}

REFILL = [
    "DELETE FROM articles_article_fts",
    ARTICLE_ROWS,
    "DELETE FROM articles_argumentpoint_fts",
    "INSERT INTO articles_argumentpoint_fts(rowid, text) "
    "SELECT id, text FROM articles_argumentpoint",
]

SQLITE_FORWARDS = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    *(f"CREATE TRIGGER {name} {body}" for name, body in SQLITE_TRIGGERS.items()),
    *REFILL,
]

SQLITE_BACKWARDS = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    # the triggers and rows as 0007_search made them
    *(
        statement
        for statement in SEARCH_0007.SQLITE_FORWARDS
        if "CREATE TRIGGER" in statement
    ),
    "DELETE FROM articles_article_fts",
    SEARCH_0007.ARTICLE_ROWS,
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


# --- Editors ---------------------------------------------------------------

EDITORS_TOPIC_PERMISSIONS = ["add_topic", "change_topic", "view_topic"]


def let_editors_manage_topics(apps, schema_editor):
    # On a new database permissions are made after migrations: make them now.
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=EDITORS_TOPIC_PERMISSIONS,
            )
        )


def take_topics_from_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=EDITORS_TOPIC_PERMISSIONS,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_authors_and_lead_images"),
        ("discussion", "0004_staff_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "name",
                    models.CharField(max_length=100, unique=True, verbose_name="name"),
                ),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True,
                        max_length=100,
                        unique=True,
                        verbose_name="slug",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="related_articles",
            field=models.ManyToManyField(
                blank=True,
                help_text="Up to 3, shown at the end of the article. Leave empty to show the newest articles that share a topic or a perspective with it.",
                related_name="+",
                to="articles.article",
            ),
        ),
        migrations.CreateModel(
            name="ArticleTopic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="article_topics",
                        to="articles.article",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="article_topics",
                        to="articles.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "article's topic",
                "ordering": ["content_object_id", "tag__name"],
                "unique_together": {("content_object", "tag")},
            },
        ),
        migrations.AddField(
            model_name="article",
            name="topics",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="Separate topics with commas.",
                through="articles.ArticleTopic",
                to="articles.Topic",
                verbose_name="topics",
            ),
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARDS, "sqlite": SQLITE_FORWARDS}),
            run({"postgresql": POSTGRES_BACKWARDS, "sqlite": SQLITE_BACKWARDS}),
        ),
        migrations.RunPython(let_editors_manage_topics, take_topics_from_editors),
    ]
