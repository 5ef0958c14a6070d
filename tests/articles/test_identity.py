"""Whose site it is: the organisation, the site's name and a phase banner from
settings, breadcrumbs on articles, and a home page heading of its own."""

import pytest
from django.urls import reverse

from tests.helpers import html, main_content

pytestmark = pytest.mark.django_db


def test_every_page_names_the_organisation_and_the_site(client, settings, article):
    settings.SITE_ORGANISATION = "Local Government Leadership Centre"
    for url in ("/", article.get_absolute_url(), "/perspectives/"):
        page = html(client.get(url))
        assert "Local Government Leadership Centre" in page
        assert 'class="site-header__name"' in page


def test_the_phase_banner_shows_only_when_set(client, settings, db):
    settings.SITE_PHASE = "beta"
    assert "phase-banner" in html(client.get("/"))
    settings.SITE_PHASE = ""
    assert "phase-banner" not in html(client.get("/"))


def test_the_home_page_heading_does_not_repeat_the_header(client, db):
    main = main_content(client.get("/"))
    assert "<h1>Insight</h1>" not in main
    assert "<h1>" in main and 'class="lead"' in main


def test_an_article_page_has_breadcrumbs(client, article):
    page = html(client.get(article.get_absolute_url()))
    trail = page.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="{reverse("articles:list")}">Articles</a>' in trail
    assert f'<li aria-current="page">{article.title}</li>' in trail


def test_e_mails_and_feeds_say_who_publishes_them(
    client, settings, article, mailoutbox
):
    from tests.helpers import post_comment

    settings.SITE_ORGANISATION = "Local Government Leadership Centre"
    post_comment(client, article)
    assert "Insight, Local Government Leadership Centre" in mailoutbox[0].body
    feed = html(client.get("/feeds/articles/atom/"))
    assert "<name>Local Government Leadership Centre</name>" in feed
