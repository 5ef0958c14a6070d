"""Topic pages and feeds are kept like the index, and tagging, renaming a
topic or picking related articles makes the pages that show them stale."""

import pytest
from django.urls import reverse

from articles.models import Topic
from tests.factories import make_article
from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


@pytest.fixture
def housing(article, committed):
    committed(lambda: article.topics.add("Housing"))
    return Topic.objects.get(name="Housing")


@pytest.mark.parametrize("name", ["articles:topic", "articles:topic-feed"])
def test_a_topic_page_and_its_feed_are_answered_from_the_cache(
    client, housing, name, django_assert_num_queries
):
    url = reverse(name, args=[housing.slug])
    fresh = client.get(url)
    assert "ETag" in fresh
    with django_assert_num_queries(0):
        assert client.get(url).content == fresh.content


def test_tagging_an_article_reaches_its_page_the_index_and_the_topic_page(
    client, article, housing, committed
):
    urls = [
        article.get_absolute_url(),
        reverse("articles:list"),
        housing.get_absolute_url(),
    ]
    for url in urls:
        client.get(url)
    other = committed(lambda: make_article(title="Also about homes"))
    committed(lambda: other.topics.add("Housing"))
    committed(lambda: article.topics.add("Transport"))
    assert "/topics/transport/" in html(client.get(article.get_absolute_url()))
    assert '<option value="transport">' in html(client.get(reverse("articles:list")))
    assert "Also about homes" in html(client.get(housing.get_absolute_url()))


def test_untagging_and_renaming_reach_the_article_page(
    client, article, housing, committed
):
    client.get(article.get_absolute_url())

    def rename():
        housing.name = "Homes"
        housing.save()

    committed(rename)
    assert ">Homes</a>" in html(client.get(article.get_absolute_url()))
    committed(lambda: article.topics.clear())
    assert ">Homes</a>" not in html(client.get(article.get_absolute_url()))


def test_picking_a_related_article_reaches_the_article_page(client, article, committed):
    client.get(article.get_absolute_url())
    pick = committed(lambda: make_article(title="Read this next"))
    committed(lambda: article.related_articles.add(pick))
    assert "Read this next" in html(client.get(article.get_absolute_url()))


def test_an_unknown_topic_on_the_index_is_not_kept(client, housing):
    url = f"{reverse('articles:list')}?topic=no-such-topic"
    assert client.get(url).status_code == 200
    assert "ETag" not in client.get(url)
    assert "ETag" in client.get(f"{reverse('articles:list')}?topic=housing")
