"""The comment admin's search finds what Django's own admin search finds,
however many comments hold the words, and on PostgreSQL its trigram indexes
answer it."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussion.admin.search import IndexedCommentSearch, _holding
from discussion.models import ArticleComment
from tests.factories import make_article, make_comment
from tests.helpers import queue, queue_url

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's"
)

SEARCHES = [
    "priya",
    "PRIYA SHAH",
    "council.example",
    "budgets tight",
    '"tight this"',
    "housing",
    "housing rent",
    "first priya",
    "reader",
    "example.org comment",
    "50%",
    "a_b",
    "nobody-holds-this",
]


@pytest.fixture
def comments(published_article):
    housing = make_article(title="Housing first")
    found = [
        make_comment(
            published_article,
            user_name="Priya Shah",
            user_email="priya.shah@council.example",
            comment="Budgets are tight this year.",
        ),
        make_comment(published_article, comment="Up 50% on last year."),
        make_comment(housing, user_name="Sam", comment="Rent matters."),
        make_comment(housing, user_name="Priya", comment="Housing is tight a_b."),
        make_comment(housing, is_public=False, comment="Waiting about rent."),
    ]
    found += [make_comment(published_article) for _ in range(5)]
    return found


def djangos_own_search(search):
    """What Django's admin search finds, ignoring the queue's order."""
    plain = admin.ModelAdmin(ArticleComment, admin.site)
    plain.search_fields = IndexedCommentSearch.search_fields
    found, _ = plain.get_search_results(None, ArticleComment.objects.all(), search)
    return set(found)


@pytest.mark.parametrize("rare_up_to", [0, 1, 2, 10_000])
@pytest.mark.parametrize("search", SEARCHES)
def test_the_search_finds_what_djangos_admin_search_finds(
    moderator_client, comments, monkeypatch, search, rare_up_to
):
    # whether each word counts as rare or common, the comments found are the same
    monkeypatch.setattr(IndexedCommentSearch, "MATCHES_LOOKED_UP", rare_up_to)
    expected = djangos_own_search(search)
    assert set(queue(moderator_client, q=search)) == expected
    assert set(queue(moderator_client, q=search, status="awaiting")) == {
        comment for comment in expected if not comment.is_public
    }


def test_the_search_keeps_the_queues_order(moderator_client, comments):
    found = queue(moderator_client, q="tight")
    assert found == [comments[0], comments[3]]


def test_many_words_cost_a_bounded_number_of_queries(moderator_client, comments):
    with CaptureQueriesContext(connection) as captured:
        found = queue(moderator_client, q="priya shah council example budgets tight")
    assert found == [comments[0]]
    assert len(captured) <= 10


def test_the_search_box_says_what_it_searches(moderator_client, comments):
    page = moderator_client.get(queue_url()).content.decode()
    assert "Search by name, words in the comment or the article title" in page
    assert "An email address finds that commenter&#x27;s comments only" in page


@on_postgres
@pytest.mark.parametrize("word", ["Priya", "council.example", "tight this"])
def test_the_trigram_indexes_can_answer_each_searched_column(comments, word):
    sql, params = _holding(word).query.sql_with_params()
    with connection.cursor() as cursor:
        # the tables are tiny: make the planner show what it could use at scale
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("name", "email", "text"):
        assert f"discussion_comment_{index}_trgm" in plan


@on_postgres
@pytest.mark.parametrize(
    ("search", "rare_up_to"),
    [
        ("example.org reader rent", 2),  # the first two too common, then rare
        ("example.org reader tight", 0),  # none rare enough
        ("council.example reader", 2),  # the first rare: the rest never read
    ],
)
def test_the_words_are_looked_up_in_one_query(
    moderator_client, comments, monkeypatch, search, rare_up_to
):
    monkeypatch.setattr(IndexedCommentSearch, "MATCHES_LOOKED_UP", rare_up_to)
    with CaptureQueriesContext(connection) as captured:
        found = queue(moderator_client, q=search)
    assert set(found) == djangos_own_search(search)
    lookups = [query for query in captured if "MATERIALIZED" in query["sql"]]
    assert len(lookups) == 1
