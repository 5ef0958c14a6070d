"""A comment's own link takes the reader to it, on whichever page of the
discussion it is."""

import pytest

from tests.factories import make_comment
from tests.helpers import html

pytestmark = pytest.mark.django_db


def test_a_comments_link_takes_the_reader_to_it_on_the_article(client, article):
    comment = make_comment(article)

    response = client.get(comment.get_absolute_url())

    assert comment.get_absolute_url() == f"/comments/{comment.pk}/"
    assert response.status_code == 302
    assert response.url == f"{article.get_absolute_url()}#c{comment.pk}"


def test_a_comment_on_a_later_page_is_linked_on_that_page(client, article, settings):
    settings.DISCUSSION_THREADS_PER_PAGE = 2
    first, second, third = (make_comment(article) for _ in range(3))
    reply = make_comment(article, parent=third)

    response = client.get(reply.get_absolute_url())

    assert response.url == f"{article.get_absolute_url()}?page=2#c{reply.pk}"
    page = html(client.get(f"{article.get_absolute_url()}?page=2"))
    assert f'<li id="c{reply.pk}">' in page
    assert f'<a href="?page=2#c{reply.pk}">' in page
    assert f'id="c{first.pk}"' not in page
    assert "Comments page 2 of 2" in page


def test_a_held_comment_has_no_link_that_shows_it(client, article):
    held = make_comment(article, is_public=False)

    assert client.get(held.get_absolute_url()).status_code == 404
