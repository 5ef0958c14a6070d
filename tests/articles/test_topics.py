"""Topics: each has a page and a feed of its published articles, the index
filters by one, articles link to theirs, the sitemap lists them and search
finds an article by its topics' names."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Topic
from tests.factories import make_article
from tests.helpers import html, listed_titles, main_content

pytestmark = pytest.mark.django_db


def about(topic_name, *articles):
    for article in articles:
        article.topics.add(topic_name)
    return Topic.objects.get(name=topic_name)


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_a_topic_page_lists_its_published_articles_newest_first(client):
    old = make_article(title="Older housing piece", published_at=days_ago(5))
    new = make_article(title="Newer housing piece", published_at=days_ago(1))
    draft = make_article(title="Draft housing piece", status=Article.Status.DRAFT)
    make_article(title="About something else")
    housing = about("Housing", old, new, draft)

    response = client.get(housing.get_absolute_url())

    assert response.status_code == 200
    assert housing.get_absolute_url() == "/topics/housing/"
    assert listed_titles(response) == ["Newer housing piece", "Older housing piece"]
    assert "<h1>Housing</h1>" in main_content(response)


def test_a_topic_page_is_paged_like_the_index(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    articles = [make_article(published_at=days_ago(n)) for n in range(1, 4)]
    topic = about("Care", *articles)
    second = client.get(topic.get_absolute_url(), {"page": "2"})
    assert listed_titles(second) == [articles[2].title]
    assert "Page 2 of 2" in html(second)
    # a page past the end shows the last page, and is not kept as another page
    past = client.get(topic.get_absolute_url(), {"page": "9"})
    assert listed_titles(past) == [articles[2].title]
    assert past.shown_query == {"page": "2"}


def test_unknown_topics_and_topics_of_drafts_only_are_not_found(client):
    secret = about("Secret plans", make_article(status=Article.Status.DRAFT))
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/feeds/topics/secret-plans/").status_code == 404


def test_a_topic_feed_has_its_published_articles(client):
    housing = about("Housing", make_article(title="Homes for all"))
    make_article(title="Not about homes")
    feed = client.get(reverse("articles:topic-feed", args=[housing.slug]))
    assert feed.status_code == 200
    content = html(feed)
    assert "<title>Insight: Housing</title>" in content
    assert "Homes for all" in content
    assert "Not about homes" not in content
    page = html(client.get(housing.get_absolute_url()))
    assert 'href="/feeds/topics/housing/"' in page


def test_an_article_links_to_its_topics(client, published_article):
    about("Integrated care", published_article)
    about("Housing", published_article)
    page = html(client.get(published_article.get_absolute_url()))
    assert (
        'Topics: <a href="/topics/housing/">Housing</a>, '
        '<a href="/topics/integrated-care/">Integrated care</a>'
    ) in page


def test_the_index_shows_the_articles_about_one_topic(client):
    make_article(title="On housing")
    make_article(title="On transport")
    about("Housing", Article.objects.get(title="On housing"))
    response = client.get(reverse("articles:list"), {"topic": "housing"})
    assert listed_titles(response) == ["On housing"]
    assert '<option value="housing" selected>Housing</option>' in html(response)
    assert response.shown_query == {"topic": "housing"}


def test_the_index_filters_by_topic_and_perspective_together(client, perspective):
    both = make_article(title="Both", points=[(perspective, "A point")])
    topic_only = make_article(title="Topic only")
    about("Housing", both, topic_only)
    response = client.get(
        reverse("articles:list"), {"topic": "housing", "perspective": perspective.slug}
    )
    assert listed_titles(response) == ["Both"]
    assert response.shown_query == {"perspective": perspective.slug, "topic": "housing"}


def test_pages_of_a_topic_on_the_index_keep_the_topic(client, settings):
    settings.ARTICLES_PER_PAGE = 1
    about("Housing", make_article(), make_article())
    page = html(client.get(reverse("articles:list"), {"topic": "housing"}))
    assert 'href="?topic=housing&amp;page=2"' in page


def test_a_topic_no_link_could_name_is_sent_to_the_index(client):
    response = client.get(reverse("articles:list"), {"topic": "<script>"})
    assert response.status_code == 301
    assert response["Location"] == reverse("articles:list")


@pytest.mark.parametrize("slug", ["no-such-topic", "drafts-only"])
def test_the_index_shows_every_article_for_a_topic_readers_cannot_see(client, slug):
    about("Drafts only", make_article(status=Article.Status.DRAFT))
    make_article(title="Visible")
    response = client.get(reverse("articles:list"), {"topic": slug})
    assert response.status_code == 200
    assert listed_titles(response) == ["Visible"]
    assert "We could not find that topic" in html(response)
    # not kept by the page cache as a page of its own
    assert response.shown_query == {}


def test_the_sitemap_lists_topics_readers_can_see(client):
    about("Housing", make_article())
    about("Hidden", make_article(status=Article.Status.DRAFT))
    index = html(client.get(reverse("sitemap")))
    assert "sitemap-topics.xml" in index
    section = html(client.get("/sitemap-topics.xml"))
    assert "/topics/housing/</loc>" in section
    assert "/topics/hidden/" not in section


def test_topics_differing_only_in_case_are_one_topic():
    first, second = make_article(), make_article()
    first.topics.add("Housing")
    second.topics.add("housing")
    assert Topic.objects.count() == 1


def test_a_topic_name_in_another_script_still_has_an_address(client):
    topic = about("Здоровье", make_article())
    assert topic.slug
    assert client.get(topic.get_absolute_url()).status_code == 200
