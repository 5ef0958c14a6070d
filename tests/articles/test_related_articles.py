"""Related articles at the end of an article: the editor's picks, or else the
newest published articles that share a topic or a perspective with it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_perspective
from tests.helpers import clear_caches, html

pytestmark = pytest.mark.django_db

ADMIN_CHANGE = "/admin/articles/article/{}/change/"


def related_titles(client, article):
    page = html(client.get(article.get_absolute_url()))
    if 'id="related-heading"' not in page:
        return []
    section = page.split('id="related-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_the_editors_picks_are_shown_and_nothing_else(client):
    article = make_article()
    article.topics.add("Housing")
    picked = make_article(title="Picked", published_at=days_ago(9))
    make_article(title="Shares a topic").topics.add("Housing")
    article.related_articles.add(picked)
    assert related_titles(client, article) == ["Picked"]


def test_a_picked_draft_is_not_shown_and_the_newest_sharing_articles_are(client):
    article = make_article()
    article.topics.add("Housing")
    article.related_articles.add(
        make_article(title="Picked draft", status=Article.Status.DRAFT)
    )
    make_article(title="Sharing", published_at=days_ago(2)).topics.add("Housing")
    assert related_titles(client, article) == ["Sharing"]


def test_without_picks_the_three_newest_sharing_a_topic_or_perspective_show(client):
    staff = make_perspective()
    article = make_article(points=[(staff, "Our point")])
    article.topics.add("Housing")
    make_article(title="Old topic", published_at=days_ago(9)).topics.add("Housing")
    make_article(title="New topic", published_at=days_ago(2)).topics.add("Housing")
    make_article(title="Perspective", published_at=days_ago(3), points=[(staff, "x")])
    make_article(title="Middle", published_at=days_ago(4)).topics.add("housing")
    make_article(title="Unrelated", published_at=days_ago(1))
    make_article(title="Draft", status=Article.Status.DRAFT).topics.add("Housing")
    assert related_titles(client, article) == ["New topic", "Perspective", "Middle"]


def test_an_article_with_nothing_in_common_has_no_related_section(client):
    article = make_article()
    make_article(title="Unrelated")
    assert related_titles(client, article) == []


def test_a_pick_scheduled_for_later_is_not_shown_until_it_is_published(client):
    staff = make_perspective()
    article = make_article(points=[(staff, "Our point")])
    later = make_article(title="Later", published_at=timezone.now() + timedelta(days=1))
    article.related_articles.add(later)
    make_article(title="Sharing", points=[(staff, "x")])
    assert related_titles(client, article) == ["Sharing"]


def test_related_articles_come_after_the_article_and_before_the_comments(client):
    article = make_article()
    article.related_articles.add(make_article(title="Next read"))
    page = html(client.get(article.get_absolute_url()))
    assert page.index("</article>") < page.index("Related articles")
    assert page.index("Related articles") < page.index('id="discussion"')


def test_the_article_page_costs_the_same_queries_with_topics_and_related(client):
    def cold_queries(article):
        clear_caches()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(queries)

    # (an article with nothing to relate it to others skips the query)
    plain = make_article()
    plain.topics.add("Housing")
    cold_queries(plain)  # per-process caches warmed
    rich = make_article()
    rich.topics.add("Housing", "Care", "Transport")
    for number in range(5):
        make_article(title=f"Other {number}").topics.add("Care")
    rich.related_articles.add(make_article(), make_article())
    assert cold_queries(rich) == cold_queries(plain)


def related_form(article, related):
    return {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "introduction": article.introduction,
        "topics": "",
        "related_articles": [other.pk for other in related],
        "attribution": "",
        "author": "",
        "status": article.status,
        "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_1": "00:00:00",
        "allow_comments": "on",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }


def test_a_publisher_may_pick_up_to_three_related_articles(publisher_client):
    article = make_article()
    others = [make_article() for _ in range(4)]
    url = ADMIN_CHANGE.format(article.pk)

    refused = publisher_client.post(url, related_form(article, others))
    assert refused.status_code == 200
    assert "Choose 3 related articles or fewer (you chose 4)" in html(refused)
    assert article.related_articles.count() == 0

    saved = publisher_client.post(url, related_form(article, others[:3]))
    assert saved.status_code == 302
    assert set(article.related_articles.all()) == set(others[:3])


def test_an_article_cannot_be_related_to_itself(publisher_client):
    article = make_article()
    response = publisher_client.post(
        ADMIN_CHANGE.format(article.pk), related_form(article, [article])
    )
    assert "An article cannot be related to itself" in html(response)
