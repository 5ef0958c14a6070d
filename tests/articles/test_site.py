"""Site-wide: one h1 on every public page, robots.txt, and the not-found page."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article
from tests.helpers import html

pytestmark = pytest.mark.django_db


PUBLIC_PAGES = {
    "index": lambda article: reverse("articles:list"),
    "article": lambda article: article.get_absolute_url(),
    "perspectives": lambda article: reverse("articles:perspectives"),
    "perspective": lambda article: (
        article.points.first().perspective.get_absolute_url()
    ),
    "search form": lambda article: reverse("articles:search"),
    "search results": lambda article: reverse("articles:search") + "?q=leadership",
    "not found": lambda article: "/no-such-page/",
}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_has_exactly_one_h1(client, published_article, page):
    response = client.get(PUBLIC_PAGES[page](published_article))
    assert response.status_code in {200, 404}
    assert len(re.findall(r"<h1[\s>]", html(response))) == 1


def test_robots_txt_is_plain_text_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in html(response)


@pytest.mark.parametrize("url", ["/no-such-page/", "/insight/no-such-article/"])
def test_unknown_url_gives_a_not_found_page_in_the_sites_style(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = html(response)
    assert '<a class="skip-link" href="#main-content">' in page
    assert '<header class="site-header">' in page
    assert "<h1>Page not found</h1>" in page


def test_the_site_has_a_favicon_for_every_browser(client, db):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in page
    assert finders.find("img/favicon.svg")


def test_the_sitemap_is_an_index_of_sections_in_pages_of_50000(client, article):
    from articles.sitemaps import sitemaps

    index = html(client.get("/sitemap.xml"))
    assert "<sitemapindex" in index
    for section in ("pages", "articles", "perspectives"):
        assert f"/sitemap-{section}.xml</loc>" in index
        assert client.get(f"/sitemap-{section}.xml").status_code == 200
    assert all(sitemap.limit <= 50_000 for sitemap in sitemaps.values())
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404


def test_the_sitemap_index_dates_articles_by_the_latest_change_alone(client):
    for days_ago in (3, 1, 2):
        article = make_article()
        Article.objects.filter(pk=article.pk).update(
            updated_at=timezone.now() - timedelta(days=days_ago)
        )
    latest = (timezone.now() - timedelta(days=1)).date().isoformat()
    with CaptureQueriesContext(connection) as queries:
        index = html(client.get("/sitemap.xml"))
    assert f"sitemap-articles.xml</loc><lastmod>{latest}" in index.replace("\n", "")
    # one aggregate, rather than every article read to find the latest
    assert not any('"articles_article"."introduction"' in q["sql"] for q in queries)
