"""Editors see each topic with its number of articles, merge two or more
topics into one (asked first which to keep, without JavaScript), and the
article form suggests existing topics from a small staff-only list."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Topic, TopicRedirect
from tests.factories import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_topic_changelist")
SUGGESTIONS = reverse("admin:articles_topic_suggestions")


@pytest.fixture
def topics():
    """Housing (3 articles, one shared with Homes), Homes (2) and Care (1)."""
    articles = [make_article(title=f"Piece {n}") for n in range(4)]
    for article in articles[:3]:
        article.topics.add("Housing")
    articles[2].topics.add("Homes")
    articles[3].topics.add("Homes", "Care")
    return {topic.name: topic for topic in Topic.objects.all()}


def merge(client, topics, **extra):
    return client.post(
        CHANGELIST,
        {
            "action": "merge",
            "_selected_action": [topic.pk for topic in topics],
            **extra,
        },
    )


def test_topics_are_listed_with_their_article_counts(editors_client, topics):
    page = editors_client.get(CHANGELIST).content.decode()
    for name, count in [("Housing", 3), ("Homes", 2), ("Care", 1)]:
        assert f">{name}</a>" in page
        assert f'<td class="field-article_count">{count}</td>' in page


def test_merging_asks_which_topic_to_keep_first(editors_client, topics):
    response = merge(editors_client, [topics["Homes"], topics["Housing"]])
    page = response.content.decode()
    assert response.status_code == 200
    assert "Which topic do you want to keep?" in page
    assert "Housing (3 articles, /topics/housing/)" in page
    assert "Homes (2 articles, /topics/homes/)" in page
    # nothing merged yet
    assert Topic.objects.count() == 3


def test_merging_moves_every_article_and_leads_old_pages_to_the_kept_one(
    editors_client, topics, client
):
    housing, homes = topics["Housing"], topics["Homes"]
    response = merge(editors_client, [housing, homes], keep=housing.pk, merge="1")
    assert response.status_code == 302
    assert sorted(Topic.objects.values_list("name", flat=True)) == ["Care", "Housing"]
    about_housing = Article.objects.filter(topics=housing)
    assert sorted(about_housing.values_list("title", flat=True)) == [
        "Piece 0",
        "Piece 1",
        "Piece 2",
        "Piece 3",
    ]
    assert list(Article.objects.get(title="Piece 3").sorted_topics()) == [
        topics["Care"],
        housing,
    ]
    message = editors_client.get(CHANGELIST).content.decode()
    assert "“Homes” merged into “Housing”" in message
    # the old page leads to the kept topic's, for good
    moved = client.get("/topics/homes/")
    assert moved.status_code == 301
    assert moved["Location"] == "/topics/housing/"
    # and the move is in the articles' history
    versions = Version.objects.get_for_object(Article.objects.get(title="Piece 3"))
    assert versions.first().revision.comment == "Topics “Homes” merged into “Housing”."


def test_merging_again_keeps_earlier_redirects_leading_to_the_latest_topic(
    editors_client, topics, client
):
    merge(
        editors_client,
        [topics["Homes"], topics["Care"]],
        keep=topics["Care"].pk,
        merge="1",
    )
    merge(
        editors_client,
        [topics["Care"], topics["Housing"]],
        keep=topics["Housing"].pk,
        merge="1",
    )
    assert client.get("/topics/homes/")["Location"] == "/topics/housing/"
    assert client.get("/topics/care/")["Location"] == "/topics/housing/"
    assert TopicRedirect.objects.count() == 2


def test_merging_one_topic_is_refused_with_a_message(editors_client, topics):
    response = merge(editors_client, [topics["Homes"]], keep=topics["Homes"].pk)
    assert response.status_code == 302
    assert "Choose two or more topics to merge." in (
        editors_client.get(CHANGELIST).content.decode()
    )
    assert Topic.objects.count() == 3


@pytest.mark.parametrize("keep", ["", "abc", "999999", "care"])
def test_merging_without_a_topic_to_keep_among_those_chosen_asks_again(
    editors_client, topics, keep
):
    keep = topics["Care"].pk if keep == "care" else keep
    response = merge(
        editors_client, [topics["Homes"], topics["Housing"]], keep=keep, merge="1"
    )
    assert response.status_code == 200
    assert "Choose the topic to keep." in response.content.decode()
    assert Topic.objects.count() == 3


def test_staff_who_may_only_look_at_topics_cannot_merge_them(
    client, django_user_model, topics
):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_topic"))
    client.force_login(viewer)
    assert "Merge selected topics" not in client.get(CHANGELIST).content.decode()
    merge(
        client,
        [topics["Homes"], topics["Housing"]],
        keep=topics["Housing"].pk,
        merge="1",
    )
    assert Topic.objects.count() == 3


def test_editors_may_merge_without_permission_to_delete_topics(
    editors_client, editors_member, topics
):
    """Merging loses nothing (articles move, pages redirect): it is a change."""
    assert not editors_member.has_perm("articles.delete_topic")
    merge(
        editors_client,
        [topics["Homes"], topics["Housing"]],
        keep=topics["Housing"].pk,
        merge="1",
    )
    assert Topic.objects.count() == 2


# --- suggestions --------------------------------------------------------------


def suggested(response):
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["topics"]


def test_suggestions_are_existing_topics_holding_the_typed_text_in_any_case(
    editors_client, topics
):
    Topic.objects.create(name="Social housing")
    assert suggested(editors_client.get(SUGGESTIONS, {"q": "HOU"})) == [
        "Housing",
        "Social housing",
    ]
    assert suggested(editors_client.get(SUGGESTIONS, {"q": " ho "})) == [
        "Homes",
        "Housing",
        "Social housing",
    ]
    assert suggested(editors_client.get(SUGGESTIONS, {"q": ""})) == []
    assert suggested(editors_client.get(SUGGESTIONS, {"q": "x" * 5000})) == []


def test_suggested_names_are_data_never_markup(editors_client):
    Topic.objects.create(name='<script>alert("x")</script> & more')
    response = editors_client.get(SUGGESTIONS, {"q": "script"})
    assert b"<script>" not in response.content
    assert suggested(response) == ['<script>alert("x")</script> & more']


def test_suggestions_are_for_staff_who_may_see_topics_only(
    client, django_user_model, moderator, topics
):
    assert client.get(SUGGESTIONS, {"q": "ho"}).status_code == 302  # signed out
    reader = django_user_model.objects.create_user("reader")
    client.force_login(reader)
    assert client.get(SUGGESTIONS, {"q": "ho"}).status_code == 302  # not staff
    client.force_login(moderator)
    assert client.get(SUGGESTIONS, {"q": "ho"}).status_code == 403


def test_the_article_form_offers_the_suggestions(editors_client):
    page = editors_client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'data-suggestions="{SUGGESTIONS}"' in page
    assert "js/topic-suggestions.js" in page


def test_going_back_to_a_version_from_before_a_merge_gives_the_kept_topic(
    editors_client, topics
):
    from tests.articles.test_history import article_form

    # a draft: editors change only drafts
    article = make_article(introduction="First.", status="draft")
    url = reverse("admin:articles_article_change", args=[article.pk])
    for introduction, names in [("First.", "Homes, Housing"), ("Second.", "Care")]:
        data = article_form(article, introduction) | {"topics": names}
        assert editors_client.post(url, data).status_code == 302
    housing, homes = topics["Housing"], topics["Homes"]
    merge(editors_client, [housing, homes], keep=housing.pk, merge="1")

    first = list(Version.objects.get_for_object(article))[-1]
    history_url = reverse(
        "admin:articles_article_revision", args=[article.pk, first.pk]
    )
    form = editors_client.get(history_url)
    assert form.status_code == 200
    data = article_form(article, "First.") | {"topics": "Housing"}
    assert editors_client.post(history_url, data).status_code == 302
    article.refresh_from_db()
    assert article.introduction == "First."
    assert [topic.name for topic in article.topics.all()] == ["Housing"]
    assert not Topic.objects.filter(name="Homes").exists()
