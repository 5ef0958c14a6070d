"""One public address, SITE_URL: the sites framework, feeds, the sitemap,
robots.txt and e-mails all use it, whichever host a request came in on."""

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from tests.helpers import html, production_env, run_python

pytestmark = pytest.mark.django_db

PUBLIC = "https://insight.example.gov.uk"


@pytest.fixture
def public_site_url(settings):
    settings.SITE_URL = PUBLIC
    call_command("migrate", verbosity=0)  # as a release does
    yield
    Site.objects.clear_cache()


def test_migrate_sets_the_sites_domain_from_site_url(public_site_url):
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("insight.example.gov.uk", "Insight")


@pytest.mark.parametrize(
    "path", ["/feeds/articles/", "/feeds/articles/atom/", "/feeds/comments/"]
)
def test_feeds_link_to_the_public_address(client, article, public_site_url, path):
    feed = html(client.get(path, HTTP_HOST="localhost"))
    assert f"{PUBLIC}{article.get_absolute_url()}" in feed or path.endswith("comments/")
    assert "example.com" not in feed
    assert "http://localhost" not in feed


def test_an_articles_comment_feed_links_to_the_public_address(
    client, article, public_site_url
):
    feed = html(client.get(f"/feeds/comments/{article.slug}/", HTTP_HOST="localhost"))
    assert f"<link>{PUBLIC}{article.get_absolute_url()}</link>" in feed


def test_the_sitemap_and_robots_use_the_public_address(
    client, article, public_site_url
):
    index = html(client.get("/sitemap.xml", HTTP_HOST="localhost"))
    assert f"<loc>{PUBLIC}/sitemap-articles.xml</loc>" in index
    sitemap = html(client.get("/sitemap-articles.xml", HTTP_HOST="localhost"))
    assert f"<loc>{PUBLIC}{article.get_absolute_url()}</loc>" in sitemap
    robots = html(client.get("/robots.txt", HTTP_HOST="localhost"))
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots


def test_the_deploy_check_refuses_the_local_site_url():
    result = run_python(
        "manage.py", "check", "--deploy", env=production_env(SITE_URL=None)
    )
    assert result.returncode != 0
    assert "insight.E004" in result.stderr
    assert "SITE_URL must be set" in result.stderr


def test_the_admins_view_on_site_link_uses_the_public_address(
    admin_client, article, public_site_url
):
    page = html(admin_client.get(f"/admin/articles/article/{article.pk}/change/"))
    assert f'href="{PUBLIC}{article.get_absolute_url()}"' in page
