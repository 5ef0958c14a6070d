"""Hostile input in the search box and in the filters of lists and articles:
answered with the query as text, never breaking the page."""

import pytest
from django.urls import reverse

from tests.helpers import CONTROL, CORPUS, SQL, XSS, problems_in, tags

pytestmark = pytest.mark.usefixtures("room_for_many_comments")


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_hostile_searches_are_answered_with_the_query_as_text(
    client, hostile_article, value
):
    def search(query):
        return client.get(reverse("articles:search"), {"q": query})

    # the tags of a page with no results and of one with every kind of result
    allowed = tags(search("nothing-matches").content.decode()) | tags(
        search("a").content.decode()
    )
    response = search(value)
    assert response.status_code == 200
    assert problems_in(response.content.decode(), value, allowed) == []


@pytest.mark.parametrize("value", XSS[:10] + SQL + CONTROL, ids=str)
def test_hostile_filters_on_lists_and_articles_break_nothing(
    client, hostile_article, value
):
    pages = [
        (reverse("articles:list"), {"perspective": value, "page": value}),
        (
            hostile_article.get_absolute_url(),
            {"perspective": value, "point": value, "respond": value, "page": value},
        ),
    ]
    for url, query in pages:
        response = client.get(url, query, follow=True)
        assert response.status_code in (200, 404), url
        # odd values on an article lead to the page the site links to
        assert all(status == 301 for _url, status in response.redirect_chain)
        assert (
            problems_in(
                response.content.decode(), value, tags(client.get(url).content.decode())
            )
            == []
        )
