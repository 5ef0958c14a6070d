"""The comment feeds, for the site and for each article: published comments only."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_comment, make_many_comments
from tests.helpers import html

pytestmark = pytest.mark.django_db


def test_the_comments_feed_lists_published_comments_only(
    client, article, draft_article
):
    make_comment(article, comment="Published and visible.")
    make_comment(article, comment="Held back.", is_public=False)
    make_comment(article, comment="Taken down.", is_removed=True)
    make_comment(draft_article, comment="On a draft.")

    response = client.get(reverse("discussion:feed"))

    assert response.status_code == 200
    feed = html(response)
    assert "Published and visible." in feed
    assert "Held back." not in feed
    assert "Taken down." not in feed
    assert "On a draft." not in feed


def test_an_articles_comment_feed_lists_only_its_own_comments(client, article):
    make_comment(article, comment="On this article.")
    make_comment(article, comment="Held back.", is_public=False)
    make_comment(make_article(), comment="On another article.")

    response = client.get(reverse("discussion:article-feed", args=[article.slug]))

    assert response.status_code == 200
    feed = html(response)
    assert "On this article." in feed
    assert "Held back." not in feed
    assert "On another article." not in feed


def test_there_is_no_comment_feed_for_a_draft(client, draft_article):
    response = client.get(reverse("discussion:article-feed", args=[draft_article.slug]))

    assert response.status_code == 404


def test_comment_feeds_carry_comment_text_as_text_never_markup(client, article):
    make_comment(article, comment='<b>bold</b> <img src=x onerror="alert(1)">')

    for url in (
        reverse("discussion:feed"),
        reverse("discussion:article-feed", args=[article.slug]),
    ):
        feed = html(client.get(url))
        # escaped for the feed's HTML, then for its XML: a reader shows the tags
        assert "&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;" in feed
        assert "&lt;b&gt;" not in feed
        assert "<b>" not in feed


def test_comment_feeds_list_the_latest_30_comments_at_most(client, article):
    made = make_many_comments(article, 40)
    newest = max(made, key=lambda comment: comment.submit_date)
    for url in [
        reverse("discussion:feed"),
        reverse("discussion:article-feed", args=[article.slug]),
    ]:
        feed = html(client.get(url))
        assert feed.count("<item>") == 30
        assert newest.comment in feed
