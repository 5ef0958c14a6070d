"""Search finds an article by the names of its topics, weighted like its
standfirst, and stays current as articles are tagged and topics renamed."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Topic
from tests.factories import make_article
from tests.helpers import html, main_content

pytestmark = pytest.mark.django_db


def found(client, query):
    return main_content(client.get(reverse("articles:search"), {"q": query}))


def test_searching_a_topic_name_finds_the_article(client):
    article = make_article(title="Working together")
    article.topics.add("Homelessness")
    assert article.get_absolute_url() in found(client, "homelessness")


def test_an_untagged_article_is_no_longer_found_by_the_topic(client):
    article = make_article(title="Working together")
    article.topics.add("Homelessness")
    article.topics.remove("Homelessness")
    assert article.get_absolute_url() not in found(client, "homelessness")


def test_a_renamed_topic_finds_the_article_by_its_new_name(client):
    article = make_article(title="Working together")
    article.topics.add("Homelessness")
    topic = Topic.objects.get(name="Homelessness")
    topic.name = "Rough sleeping"
    topic.save()
    assert article.get_absolute_url() in found(client, "rough sleeping")
    assert article.get_absolute_url() not in found(client, "homelessness")


def test_setting_topics_in_one_go_reindexes_the_article(client):
    article = make_article(title="Working together")
    article.topics.set(["Housing", "Transport"])
    article.topics.set(["Transport"])
    assert article.get_absolute_url() in found(client, "transport")
    assert article.get_absolute_url() not in found(client, "housing")


def test_a_topic_counts_like_the_standfirst_above_the_introduction(client):
    in_introduction = make_article(
        title="First", introduction="Some say loneliness matters."
    )
    by_topic = make_article(title="Second")
    by_topic.topics.add("Loneliness")
    page = found(client, "loneliness")
    assert page.index(by_topic.get_absolute_url()) < page.index(
        in_introduction.get_absolute_url()
    )


def test_topic_names_are_escaped_in_results(client):
    article = make_article(title="Plain title")
    article.topics.add("<b>bold</b> topic")
    page = html(client.get(reverse("articles:search"), {"q": "bold topic"}))
    assert article.get_absolute_url() in page
    assert "<b>bold</b>" not in page


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
def test_every_search_trigger_is_in_place_after_migrating():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
    for table in ("article", "argumentpoint", "articletopic"):
        for event in ("insert", "update", "delete"):
            assert f"articles_{table}_fts_{event}" in triggers
    assert "articles_perspective_fts_update" in triggers
    assert "articles_topic_fts_update" in triggers
