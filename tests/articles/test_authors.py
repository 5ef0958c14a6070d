"""Authors: their pages and feed show only published articles, the byline
links to them, the sitemap and the page cache know them, the seed's author
was moved over, and editors manage them in the admin."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author
from tests.factories import image_upload, make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    jo = make_author(
        name="Jo Bloggs",
        slug="jo-bloggs",
        role="Director of public health",
        organisation="Anytown Council",
        bio="Jo writes about prevention.",
    )
    make_article(title="Jo's published piece", author=jo)
    make_article(title="Jo's draft", author=jo, status=Article.Status.DRAFT)
    make_article(
        title="Jo's scheduled piece",
        author=jo,
        published_at=timezone.now() + timedelta(days=2),
    )
    return jo


def test_an_author_page_lists_only_their_published_articles(client, author):
    make_article(title="Someone else's piece")
    page = client.get(author.get_absolute_url()).content.decode()
    assert "<h1>Jo Bloggs</h1>" in page
    assert "Director of public health, Anytown Council" in page
    assert "Jo writes about prevention." in page
    assert "Jo&#x27;s published piece" in page
    assert "draft" not in page
    assert "scheduled" not in page
    assert "Someone else" not in page
    assert reverse("articles:author-feed", args=["jo-bloggs"]) in page


def test_an_author_without_published_articles_is_hidden_from_readers(editor_client):
    client = Client()
    quiet = make_author(slug="quiet")
    make_article(author=quiet, status=Article.Status.DRAFT)
    assert client.get(quiet.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("articles:author-feed", args=["quiet"])).status_code == 404
    )
    assert "quiet" not in client.get(reverse("articles:authors")).content.decode()
    # editors can look before they publish; search engines are told not to
    preview = editor_client.get(quiet.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in preview


def test_the_authors_page_lists_authors_with_published_articles(client, author):
    page = client.get(reverse("articles:authors")).content.decode()
    assert author.get_absolute_url() in page
    assert page.count(author.get_absolute_url()) == 1


def test_an_author_feed_lists_only_their_published_articles(client, author):
    feed = client.get(reverse("articles:author-feed", args=["jo-bloggs"]))
    body = feed.content.decode()
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert "Articles by Jo Bloggs" in body
    assert "published piece" in body
    assert "draft" not in body and "scheduled" not in body


def test_the_byline_links_to_the_author_page_and_the_attribution_stays_apart(client):
    jo = make_author(name="Jo Bloggs", slug="jo-bloggs")
    article = make_article(author=jo, attribution="Based on content from Anytown")
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'by <a href="{jo.get_absolute_url()}">Jo Bloggs</a>' in page
    assert '<p class="article__attribution">Based on content from Anytown</p>' in page


def test_the_articles_feed_names_each_author(client):
    make_article(author=make_author(name="Jo Bloggs"))
    body = client.get(reverse("articles:feed")).content.decode()
    assert "Jo Bloggs" in body


def test_the_author_photo_loads_lazily_with_its_alt_text(client):
    jo = make_author(photo=image_upload(size=(600, 600)), photo_alt="Jo, smiling")
    make_article(author=jo)
    page = client.get(jo.get_absolute_url()).content.decode()
    assert 'alt="Jo, smiling" loading="lazy"' in page
    assert 'width="600" height="600"' in page


def test_the_sitemap_lists_the_author_pages(client, author):
    index = client.get(reverse("sitemap")).content.decode()
    assert "sitemap-authors.xml" in index
    authors = client.get(reverse("sitemap-section", args=["authors"]))
    assert author.get_absolute_url() in authors.content.decode()
    pages = client.get(reverse("sitemap-section", args=["pages"])).content.decode()
    assert reverse("articles:authors") in pages


def test_renaming_an_author_reaches_cached_pages(
    client, author, django_capture_on_commit_callbacks
):
    article = Article.objects.get(title="Jo's published piece")
    assert "Jo Bloggs" in client.get(article.get_absolute_url()).content.decode()
    assert "Jo Bloggs" in client.get(author.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Jo Bloggs-Smith"
        author.save()
    assert "Jo Bloggs-Smith" in client.get(article.get_absolute_url()).content.decode()
    assert "Jo Bloggs-Smith" in client.get(author.get_absolute_url()).content.decode()


def test_the_seed_article_has_its_author(client):
    call_command("loaddata", "seed", verbosity=0)
    article = Article.objects.get(slug="anyone-can-be-a-systems-leader")
    assert article.author.name == "Richard Vize"
    assert article.attribution.startswith("Based on content from Richard Vize")
    page = client.get(article.author.get_absolute_url()).content.decode()
    assert "Anyone can be a systems leader" in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_an_author_of_each_name_and_keeps_search_working(client):
    executor = MigrationExecutor(connection)
    before = [("articles", "0007_search")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldArticle = old_apps.get_model("articles", "Article")
    for number, name in enumerate(["Richard Vize", "Jo Bloggs", "Richard Vize", ""]):
        OldArticle.objects.create(
            title=f"Piece {number}",
            slug=f"piece-{number}",
            standfirst="Standfirst.",
            author=name,
            status="published",
            published_at=timezone.now() - timedelta(days=1),
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert sorted(Author.objects.values_list("name", "slug")) == [
        ("Jo Bloggs", "jo-bloggs"),
        ("Richard Vize", "richard-vize"),
    ]
    by_author = {a.title: a.author and a.author.name for a in Article.objects.all()}
    assert by_author == {
        "Piece 0": "Richard Vize",
        "Piece 1": "Jo Bloggs",
        "Piece 2": "Richard Vize",
        "Piece 3": None,
    }
    # the full-text search triggers survived the table's rebuild
    article = Article.objects.get(title="Piece 0")
    article.title = "Marmalade and systems"
    article.save()
    found = client.get(reverse("articles:search"), {"q": "marmalade"})
    assert article.get_absolute_url() in found.content.decode()


def test_editors_add_authors_and_choose_one_for_an_article(editor_client):
    response = editor_client.get(reverse("admin:articles_author_add"))
    assert response.status_code == 200
    assert "id_slug" in response.content.decode().split("data-prepopulated-fields")[1]
    make_author(name="Jo Bloggs")
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "bloggs",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "author",
        },
    )
    assert found.json()["results"][0]["text"] == "Jo Bloggs"
    changelist = editor_client.get(reverse("admin:articles_author_changelist"))
    assert changelist.status_code == 200
