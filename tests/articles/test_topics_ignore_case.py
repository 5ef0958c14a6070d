"""Topics ignore case and spacing: however an editor types a topic's name, it
joins the topic of that name, which keeps the spelling it was first given;
the database holds one topic per name whatever its case."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Topic
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# every way an editor may type the topic first made as "Housing"
SAME_AS_HOUSING = [
    "housing",
    "HOUSING",
    " Housing ",
    "Housing\u00a0",  # a non-breaking space
    "hOuSiNg",
]
SAME_AS_HEALTH_AND_CARE = [
    "health and care",
    "Health\u00a0and care",  # a non-breaking space inside
    "Health  and\tcare",  # spaces and a tab
    "HEALTH AND CARE",
]
SAME_AS_CAFE = ["Cafe\u0301 culture", "CAFÉ CULTURE", "café culture"]  # é decomposed


def article_form(**fields):
    return {
        "title": "Homes first",
        "slug": "homes-first",
        "standfirst": "Why homes come first.",
        "introduction": "Homes.",
        "topics": "",
        "attribution": "",
        "author": "",
        "status": Article.Status.DRAFT,
        "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_1": "00:00:00",
        "allow_comments": "on",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
        **fields,
    }


@pytest.mark.parametrize(
    "first, typed",
    [("Housing", name) for name in SAME_AS_HOUSING]
    + [("Health and care", name) for name in SAME_AS_HEALTH_AND_CARE]
    + [("Café culture", name) for name in SAME_AS_CAFE],
)
def test_a_topic_typed_another_way_joins_the_first_and_keeps_its_spelling(first, typed):
    existing = make_article()
    existing.topics.add(first)
    article = make_article()
    article.topics.add(typed)
    assert Topic.objects.count() == 1
    assert [topic.name for topic in article.topics.all()] == [first]
    assert Topic.objects.get().article_topics.count() == 2


def test_an_editor_typing_a_known_topic_in_any_case_gets_the_known_topic(
    editors_client,
):
    make_article().topics.add("Housing")
    response = editors_client.post(
        reverse("admin:articles_article_add"),
        article_form(topics="housing, HOUSING, \u00a0Housing , Integrated care"),
    )
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="homes-first")
    assert sorted(topic.name for topic in article.topics.all()) == [
        "Housing",
        "Integrated care",
    ]
    assert sorted(Topic.objects.values_list("name", flat=True)) == [
        "Housing",
        "Integrated care",
    ]


def test_saving_an_article_again_with_its_topics_in_another_case_changes_nothing(
    editors_client,
):
    article = make_article(status=Article.Status.DRAFT, slug="homes-first")
    article.topics.add("Housing")
    response = editors_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(topics="HOUSING"),
    )
    assert response.status_code == 302, response.context["errors"]
    assert [topic.name for topic in article.topics.all()] == ["Housing"]


def test_a_new_topic_keeps_the_case_typed_but_not_stray_spaces():
    article = make_article()
    article.topics.add("  NHS\u00a0 trusts ")
    assert Topic.objects.get().name == "NHS trusts"
    assert Topic.objects.get().slug == "nhs-trusts"


@pytest.mark.parametrize("other", ["HOUSING", "housing", "Housing"])
def test_the_database_refuses_a_second_topic_of_the_same_name_in_another_case(
    other,
):
    Topic.objects.create(name="Housing")
    # the name's own unique constraint, or the one ignoring case
    with pytest.raises(IntegrityError), transaction.atomic():
        Topic.objects.bulk_create([Topic(name=other, slug="other", folded_name=other)])


def test_renaming_a_topic_to_another_topics_name_is_refused_with_a_message(
    editors_client,
):
    Topic.objects.create(name="Housing")
    care = Topic.objects.create(name="Care")
    added = editors_client.post(
        reverse("admin:articles_topic_add"), {"name": "HOUSING", "slug": "housing-2"}
    )
    assert "There is already a topic called “Housing”" in added.content.decode()
    response = editors_client.post(
        reverse("admin:articles_topic_change", args=[care.pk]),
        {"name": " housing ", "slug": "care"},
    )
    assert response.status_code == 200
    assert "There is already a topic called “Housing”" in response.content.decode()
    care.refresh_from_db()
    assert care.name == "Care"


def test_a_topic_too_long_is_refused_with_a_message_keeping_what_was_typed(
    editors_client,
):
    long_name = "Housing " + "a" * 100
    response = editors_client.post(
        reverse("admin:articles_article_add"),
        article_form(topics=f"Care, {long_name}"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A topic can be at most 100 characters long" in page
    assert f"Care, {long_name}" in page
    assert not Topic.objects.exists()
    longest = "b" * 100
    response = editors_client.post(
        reverse("admin:articles_article_add"),
        article_form(topics=f"{longest}, {longest.upper()}"),
    )
    assert response.status_code == 302
    assert Topic.objects.get().name.lower() == longest
