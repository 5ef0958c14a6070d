"""The index: published articles newest first, a page at a time, each with
its standfirst, date and perspectives, and filtered by perspective."""

from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_comment, make_perspective
from tests.helpers import days_ago, html, listed_titles, text_of

pytestmark = pytest.mark.django_db


def test_index_shows_the_strapline(client):
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert settings.SITE_STRAPLINE in html(response)


def test_index_lists_published_articles_newest_first(client):
    make_article(title="Oldest", published_at=days_ago(30))
    make_article(title="Newest", published_at=days_ago(1))
    make_article(title="Middle", published_at=days_ago(10))
    response = client.get(reverse("articles:list"))
    assert listed_titles(response) == ["Newest", "Middle", "Oldest"]


def test_index_shows_each_articles_standfirst_and_date(client):
    make_article(
        standfirst="Leadership is a shared job.",
        published_at=datetime(2026, 11, 2, 12, 0, tzinfo=UTC),
    )
    summary = text_of(html(client.get(reverse("articles:list"))))
    assert "Leadership is a shared job." in summary
    assert "Published 2 November 2026" in summary


def test_dates_are_shown_in_uk_time(client):
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST)
    make_article(published_at=datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    assert "2 July 2026" in html(client.get(reverse("articles:list")))


def test_index_names_the_perspectives_each_article_covers(client):
    councillors = make_perspective(name="Councillors", position=1)
    staff = make_perspective(name="Frontline staff", position=2)
    make_article(points=[(staff, "one"), (councillors, "two"), (staff, "three")])
    summary = text_of(html(client.get(reverse("articles:list"))))
    assert "Perspectives: Frontline staff , Councillors" in summary


def test_index_shows_a_page_of_articles_at_a_time(client):
    per_page = settings.ARTICLES_PER_PAGE
    titles = [f"Piece number {n}" for n in range(per_page + 2)]
    for age, title in enumerate(titles, start=1):
        make_article(title=title, published_at=days_ago(age))
    first = client.get(reverse("articles:list"))
    second = client.get(reverse("articles:list"), {"page": 2})
    assert listed_titles(first) == titles[:per_page]
    assert 'href="?page=2" rel="next"' in html(first)
    assert second.status_code == 200
    assert listed_titles(second) == titles[per_page:]
    assert 'href="?page=1" rel="prev"' in html(second)


def test_a_page_number_that_is_not_a_number_shows_the_first_page(client):
    per_page = settings.ARTICLES_PER_PAGE
    for age in range(1, per_page + 3):
        make_article(title=f"Piece number {age}", published_at=days_ago(age))
    response = client.get(reverse("articles:list"), {"page": "abc"}, follow=True)
    assert response.redirect_chain == [(reverse("articles:list"), 301)]
    assert listed_titles(response)[0] == "Piece number 1"
    assert "Page 1 of 2" in html(response)


def test_a_page_number_past_the_end_shows_the_last_page(client):
    per_page = settings.ARTICLES_PER_PAGE
    for age in range(1, per_page + 3):
        make_article(title=f"Piece number {age}", published_at=days_ago(age))
    response = client.get(reverse("articles:list"), {"page": "999"})
    assert response.status_code == 200
    assert listed_titles(response) == [
        f"Piece number {per_page + 1}",
        f"Piece number {per_page + 2}",
    ]


def test_perspective_filter_shows_only_articles_that_speak_to_it(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    staff = make_perspective(name="Frontline staff", slug="frontline-staff")
    make_article(title="For councillors", points=[(councillors, "a")])
    make_article(title="For staff", points=[(staff, "b")])
    make_article(
        title="For both",
        points=[(councillors, "c"), (staff, "d"), (councillors, "e")],
    )
    response = client.get(reverse("articles:list"), {"perspective": "councillors"})
    assert sorted(listed_titles(response)) == ["For both", "For councillors"]
    assert "We could not find that perspective" not in html(response)


def test_perspective_filter_keeps_the_perspective_when_paging(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    for age in range(1, settings.ARTICLES_PER_PAGE + 2):
        make_article(published_at=days_ago(age), points=[(councillors, "a")])
    make_article(title="Not for councillors")
    first = client.get(reverse("articles:list"), {"perspective": "councillors"})
    assert 'href="?perspective=councillors&amp;page=2"' in html(first)
    second = client.get(
        reverse("articles:list"), {"perspective": "councillors", "page": 2}
    )
    assert len(listed_titles(second)) == 1
    assert "Not for councillors" not in html(second)


def test_unknown_perspective_shows_all_articles_with_a_notice(client):
    councillors = make_perspective(name="Councillors")
    make_article(title="For councillors", points=[(councillors, "a")])
    make_article(title="For nobody in particular")
    response = client.get(reverse("articles:list"), {"perspective": "no-such-group"})
    assert response.status_code == 200
    assert sorted(listed_titles(response)) == [
        "For councillors",
        "For nobody in particular",
    ]
    assert "We could not find that perspective" in html(response)


def test_the_index_counts_comments_for_the_articles_shown_only(client):
    shown = make_article(title="Newest", published_at=timezone.now())
    make_comment(shown)
    make_comment(shown, is_public=False)
    with CaptureQueriesContext(connection) as queries:
        page = html(client.get("/"))
    assert "1 comment<" in page
    counting = [
        q["sql"]
        for q in queries
        if "comment" in q["sql"] and ("COUNT(" in q["sql"] or "SUM(" in q["sql"])
    ]
    # one grouped read of the kept counts, limited to the page's articles:
    # not every article, and no comment counted one by one
    assert len(counting) == 1
    assert '"article_id" IN (' in counting[0]
    assert "discussion_discussioncount" in counting[0]
