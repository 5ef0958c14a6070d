"""The perspectives page and each perspective's page: points in published
articles only, grouped by article, each linked to its place."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_perspective
from tests.helpers import clear_caches, days_ago, html, text_of

pytestmark = pytest.mark.django_db


def test_perspectives_page_counts_points_in_published_articles_only(
    client, perspective, published_article, draft_article, scheduled_article
):
    make_article(points=[(perspective, "second"), (perspective, "third")])
    councillors = make_perspective(name="Councillors", position=1)
    make_article(points=[(councillors, "one for councillors")])
    make_perspective(name="Regulators", position=2)
    response = client.get(reverse("articles:perspectives"))
    counts = [
        (text_of(name), text_of(count))
        for name, count in re.findall(
            r"<h2>(.*?)</h2>.*?<p class=\"meta\">(.*?)</p>", html(response), re.S
        )
    ]
    assert counts == [
        ("Frontline staff", "3 points · 0 comments written as frontline staff"),
        ("Councillors", "1 point · 0 comments written as councillors"),
        ("Regulators", "0 points · 0 comments written as regulators"),
    ]


def test_perspective_page_groups_points_by_article(client):
    staff = make_perspective(name="Frontline staff")
    other = make_perspective(name="Councillors")
    make_article(
        title="Older piece",
        published_at=days_ago(5),
        points=[(staff, "Older one"), (other, "Not for staff"), (staff, "Older two")],
    )
    make_article(title="Newer piece", published_at=days_ago(1), points=[(staff, "New")])
    response = client.get(staff.get_absolute_url())
    sections = re.findall(
        r'<section class="perspective-article".*?</section>', html(response), re.S
    )
    grouped = [
        (
            text_of(re.search(r"<h2.*?</h2>", section, re.S).group()),
            re.findall(r'<li class="point">(.*?) <a class="point__link"', section),
        )
        for section in sections
    ]
    assert grouped == [
        ("Newer piece", ["New"]),
        ("Older piece", ["Older one", "Older two"]),
    ]


def test_perspective_page_links_each_point_to_its_place_in_the_article(client):
    staff = make_perspective(name="Frontline staff")
    article = make_article(points=[(staff, "First"), (staff, "Second")])
    response = client.get(staff.get_absolute_url())
    article_page = html(client.get(article.get_absolute_url()))
    for point in article.points.all():
        link = f'href="{article.get_absolute_url()}#point-{point.pk}"'
        assert link in html(response)
        assert f'id="point-{point.pk}"' in article_page


def test_perspective_page_shows_a_page_of_articles_at_a_time(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    staff = make_perspective(name="Frontline staff")
    for age in (3, 2, 1):
        make_article(
            title=f"Piece from {age} days ago",
            published_at=days_ago(age),
            points=[(staff, f"A point from {age} days ago")],
        )

    first = html(client.get(staff.get_absolute_url()))
    second = html(client.get(f"{staff.get_absolute_url()}?page=2"))
    past_the_end = html(client.get(f"{staff.get_absolute_url()}?page=9"))

    assert "Piece from 1 days ago" in first and "Piece from 2 days ago" in first
    assert "Piece from 3 days ago" not in first
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Piece from 3 days ago" in second
    assert "A point from 3 days ago" in second
    assert "Page 2 of 2" in past_the_end


def test_perspective_page_costs_the_same_queries_with_many_articles(
    client, django_assert_max_num_queries
):
    staff = make_perspective(name="Frontline staff")
    make_article(points=[(staff, "The first point")])
    with django_assert_max_num_queries(8) as few:
        client.get(staff.get_absolute_url())
    for _ in range(25):
        make_article(points=[(staff, "One point"), (staff, "Another point")])
    clear_caches()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(staff.get_absolute_url())
    assert response.content.count(b'class="perspective-article"') == 10
