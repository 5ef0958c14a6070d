"""/topics/ lists every topic readers can open: those with a published
article, by name, each with how many published articles it has."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Topic
from tests.factories import make_article
from tests.helpers import html, main_content

pytestmark = pytest.mark.django_db


def listed(response):
    """(name, address, count) for each topic on the page, in order."""
    return [
        (name, url, int(count))
        for url, name, count in re.findall(
            r'<li><a href="([^"]+)">([^<]+)</a> <span class="meta">(\d+) articles?',
            main_content(response),
        )
    ]


def test_the_topics_page_lists_topics_with_published_articles_and_their_counts(
    client,
):
    published = [make_article() for _ in range(3)]
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    for article in published:
        article.topics.add("Housing")
    published[0].topics.add("Adult social care")
    draft.topics.add("Housing", "Only in drafts")
    scheduled.topics.add("Only scheduled", "Adult social care")

    response = client.get(reverse("articles:topics"))

    assert response.status_code == 200
    assert reverse("articles:topics") == "/topics/"
    assert listed(response) == [
        ("Adult social care", "/topics/adult-social-care/", 1),
        ("Housing", "/topics/housing/", 3),
    ]
    assert "Only in drafts" not in html(response)
    assert "Only scheduled" not in html(response)


def test_each_listed_topic_opens_its_page(client):
    make_article().topics.add("Housing", "Integrated care")

    for _name, url, _count in listed(client.get("/topics/")):
        assert client.get(url).status_code == 200


def test_one_article_is_counted_in_the_singular(client):
    make_article().topics.add("Housing")

    assert "1 article</span>" in html(client.get("/topics/"))


def test_with_no_topics_the_page_says_so(client):
    make_article(status=Article.Status.DRAFT).topics.add("Housing")

    response = client.get("/topics/")

    assert response.status_code == 200
    assert "There are no topics yet." in html(response)


def test_the_page_costs_the_same_queries_for_many_topics(
    client, django_assert_max_num_queries
):
    for number in range(20):
        make_article().topics.add(f"Topic {number}")

    with django_assert_max_num_queries(4):
        client.get("/topics/")
    assert Topic.objects.count() == 20


def test_a_topic_page_leads_back_to_the_topics(client):
    make_article().topics.add("Housing")

    page = html(client.get("/topics/housing/"))

    assert '<a href="/topics/">Topics</a>' in page


def test_the_sitemap_lists_the_topics_page(client):
    make_article().topics.add("Housing")

    section = html(client.get("/sitemap-pages.xml"))

    assert re.search(r"<loc>https?://[^<]+/topics/</loc>", section)
