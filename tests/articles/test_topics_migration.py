"""Topics that differ only in case or spacing become one when topics start to
ignore case: the first made keeps its name and gains every article, and the
others' addresses lead to it."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from reversion.models import Revision, Version

from articles.models import Article, ArticleTopic, Topic, TopicRedirect

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("articles", "0018_review_before_publishing")]
AFTER = [("articles", "0019_topics_ignore_case")]


@pytest.fixture
def merged_site():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Topic_, Article_ = (
        old.get_model("articles", "Topic"),
        old.get_model("articles", "Article"),
    )
    ArticleTopic_ = old.get_model("articles", "ArticleTopic")
    topics = [
        Topic_.objects.create(name=name, slug=slug)
        for name, slug in [
            ("Housing", "housing"),
            ("housing", "housing_1"),
            ("HOUSING\u00a0", "housing_2"),
            ("Care", "care"),
        ]
    ]
    links = []
    for number, tagged in enumerate([[0, 1], [1], [2, 3]]):
        article = Article_.objects.create(
            title=f"Piece {number}",
            slug=f"piece-{number}",
            standfirst="Standfirst.",
            status="published",
            published_at=timezone.now(),
        )
        for index in tagged:
            links.append(
                ArticleTopic_.objects.create(content_object=article, tag=topics[index])
            )
    # a version of the first article, as django-reversion keeps it
    link_type = ContentType.objects.get_for_model(ArticleTopic)
    revision = Revision.objects.create(date_created=timezone.now(), comment="")
    for link in links[:2]:
        Version.objects.create(
            revision=revision,
            object_id=str(link.pk),
            content_type=link_type,
            db="default",
            format="json",
            serialized_data=json.dumps(
                [
                    {
                        "model": "articles.articletopic",
                        "pk": link.pk,
                        "fields": {"tag": link.tag_id, "content_object": 1},
                    }
                ]
            ),
            object_repr="",
        )
    MigrationExecutor(connection).migrate(AFTER)
    yield
    MigrationExecutor(connection).migrate(latest)


def test_same_topics_merge_into_the_first_made_keeping_every_article(
    merged_site, client
):
    assert sorted(Topic.objects.values_list("name", flat=True)) == ["Care", "Housing"]
    housing = Topic.objects.get(name="Housing")
    titles = Article.objects.filter(topics=housing).values_list("title", flat=True)
    assert sorted(titles) == ["Piece 0", "Piece 1", "Piece 2"]
    assert set(TopicRedirect.objects.values_list("old_slug", flat=True)) == {
        "housing_1",
        "housing_2",
    }
    response = client.get("/topics/housing_1/")
    assert response.status_code == 301
    assert response["Location"] == "/topics/housing/"
    # search still finds articles by their topics (its triggers survived)
    Article.objects.get(title="Piece 1").topics.add("Integrated care")
    assert "Piece 1" in client.get("/search/", {"q": "integrated"}).content.decode()


def test_earlier_versions_name_the_kept_topic_once(merged_site):
    housing = Topic.objects.get(name="Housing")
    versions = Version.objects.get_for_model(ArticleTopic)
    assert [version.field_dict["tag_id"] for version in versions] == [housing.pk]
