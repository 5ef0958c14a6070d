"""Comment counts and latest comments on the index and perspective pages."""

import pytest
from django.urls import reverse

from tests.factories import make_comment
from tests.helpers import html

pytestmark = pytest.mark.django_db


def test_the_index_shows_each_articles_comment_count(client, article):
    make_comment(article)
    make_comment(article)
    make_comment(article, is_public=False)

    for url in ("/", "/?perspective=councillors"):
        page = html(client.get(url))
        assert "2 comments" in page


def test_the_perspectives_page_shows_how_many_comments_each_has(
    client, article, councillors
):
    make_comment(article, perspective=councillors)
    make_comment(article, perspective=councillors)
    make_comment(article, perspective=councillors, is_removed=True)

    page = html(client.get(reverse("articles:perspectives")))

    assert "2 comments" in page


def test_a_perspective_page_shows_each_articles_comment_count(
    client, article, councillors
):
    make_comment(article)
    make_comment(article)

    page = html(client.get(councillors.get_absolute_url()))

    assert "2 comments" in page


def test_a_perspective_page_lists_the_latest_comments_written_from_it(
    client, article, councillors, staff_perspective
):
    make_comment(article, comment="A councillor writes.", perspective=councillors)
    make_comment(article, comment="Someone else writes.", perspective=staff_perspective)
    make_comment(
        article, comment="A held councillor.", perspective=councillors, is_public=False
    )

    page = html(client.get(councillors.get_absolute_url()))

    assert "A councillor writes." in page
    assert "Someone else writes." not in page
    assert "A held councillor." not in page
