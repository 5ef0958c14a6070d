"""Migrations articles 0013 and 0014 make what was written before searchable by
author, by perspective and for "Did you mean", and can be undone."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("articles", "0012_article_revised_at")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target or executor.loader.graph.leaf_nodes())
    return executor


def page(client, query):
    return client.get(reverse("articles:search"), {"q": query}).content.decode()


def test_content_written_before_is_found_by_author_perspective_and_near_words(
    client,
):
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    author = old.get_model("articles", "Author").objects.create(
        name="Amara Okonkwo", slug="amara-okonkwo"
    )
    perspective = old.get_model("articles", "Perspective").objects.create(
        name="Councillors", slug="councillors"
    )
    article = old.get_model("articles", "Article").objects.create(
        title="Budgets under strain",
        slug="budgets",
        standfirst="Standfirst.",
        author=author,
        status="published",
        published_at=timezone.now() - timedelta(days=1),
    )
    point = old.get_model("articles", "ArgumentPoint").objects.create(
        article=article, perspective=perspective, text="Money is short", position=0
    )
    migrate(None)

    assert "/insight/budgets/" in page(client, "okonkwo")
    assert f"/insight/budgets/#point-{point.pk}" in page(client, "councillor")
    assert "Did you mean" in page(client, "budgetz")

    # undone and done again (the code needs 0013, so nothing is searched between)
    migrate(BEFORE)
    migrate(None)
    assert f"/insight/budgets/#point-{point.pk}" in page(client, "councillor")
