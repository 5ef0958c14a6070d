"""Moving to Markdown: text written as plain text reads as it did, and the
seed's editable pages become Markdown unless an editor changed them."""

import hashlib
import importlib

import pytest
from django.contrib.flatpages.models import FlatPage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.html import escape, linebreaks

from articles.models import Article
from tests.articles.test_markdown import seen

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("articles", "0007_search")]
INTRODUCTION = "Why *this* matters:\n# not a heading\n\n1. <b>not</b> a list & more"
POINT = "Stars *stay* stars_and_underscores [and](brackets)"
OLD_PAGE = "<p>Insight welcomes comments from everyone.</p>"


@pytest.fixture
def old_site():
    """The database as it was before Markdown, with an article in it."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    perspective = old.get_model("articles", "Perspective").objects.create(
        name="Councillors", slug="councillors", description="Elected *members*"
    )
    article = old.get_model("articles", "Article").objects.create(
        title="Old piece",
        slug="old-piece",
        standfirst="Standfirst.",
        introduction=INTRODUCTION,
        status="published",
        published_at=timezone.now(),
    )
    old.get_model("articles", "ArgumentPoint").objects.create(
        article=article, perspective=perspective, text=POINT, position=0
    )
    yield
    MigrationExecutor(connection).migrate(latest)


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_migrated_plain_text_reads_as_it_did(client, old_site):
    migrate_forward()
    page = client.get("/insight/old-piece/").content.decode()
    introduction = page.split('<div class="article__introduction">')[1]
    introduction = introduction.split("</div>")[0]
    assert seen(introduction) == seen(linebreaks(INTRODUCTION, autoescape=True))
    point = page.split('<p class="point__text">')[1].split("</p>")[0]
    assert seen(point) == seen(escape(POINT))
    assert Article.objects.get().introduction.startswith("Why \\*this\\* matters")


def test_migrated_article_is_found_by_search(client, old_site):
    migrate_forward()
    article = Article.objects.get()
    article.introduction = "Quintessentially new words"
    article.save()
    page = client.get("/search/", {"q": "quintessentially"}).content.decode()
    assert "Old piece" in page


def test_seed_pages_become_markdown_and_edited_ones_keep_their_html(monkeypatch):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        migration = importlib.import_module("articles.migrations.0008_markdown")
        # the privacy notice as the seed had it; the policy as an editor left it
        monkeypatch.setitem(
            migration.SEED_PAGE_DIGESTS,
            "/privacy/",
            hashlib.sha256(OLD_PAGE.encode()).hexdigest(),
        )
        FlatPage.objects.create(url="/privacy/", title="Privacy", content=OLD_PAGE)
        FlatPage.objects.create(
            url="/comments-policy/", title="Comments policy", content=OLD_PAGE
        )
        migrate_forward()
        privacy = FlatPage.objects.get(url="/privacy/").content
        assert privacy.startswith("This notice explains")
        assert "<" not in privacy
        assert FlatPage.objects.get(url="/comments-policy/").content == OLD_PAGE
    finally:
        MigrationExecutor(connection).migrate(latest)
