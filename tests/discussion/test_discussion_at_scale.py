"""Long discussions cost the page they show: the same queries at ten comments
as at a thousand, each reading a bounded number of rows, through indexes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_article, make_many_comments
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db

COMMENT_TABLES = {
    "django_comments",
    "django_comments_xtd_xtdcomment",
    ArticleComment._meta.db_table,
}


def cold_page_queries(client, url):
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in {200, 302}, response.get("Location")
    return [query["sql"] for query in captured if query["sql"].startswith("SELECT")]


def reads_comments(sql):
    return any(f'"{table}"' in sql for table in COMMENT_TABLES)


def rows_returned(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS returned")
        return cursor.fetchone()[0]


@pytest.fixture
def long_discussion(settings, perspective):
    """An article with a thousand comments in 500 threads, all from one
    perspective on one point, paged 10 threads at a time, among other
    articles' comments."""
    settings.DISCUSSION_THREADS_PER_PAGE = 10
    ModerationPolicy.current()
    article = make_article(points=[(perspective, "Trust takes time.")])
    point = article.points.get()
    make_many_comments(
        article, 500, replies_each=1, perspective=perspective, point=point
    )
    make_many_comments(make_article(), 300, replies_each=1)
    return article


def test_the_cold_article_page_costs_the_same_queries_at_10_and_1000_comments(
    client, long_discussion, perspective
):
    # the same shape of article (a point, so related articles are looked for)
    short = make_article(points=[(perspective, "Short and sweet.")])
    make_many_comments(short, 5, replies_each=1)
    few = cold_page_queries(client, short.get_absolute_url())
    many = cold_page_queries(client, long_discussion.get_absolute_url())
    assert len(few) == len(many) <= 10


def pages_of(article):
    """The discussion's first and a later page, and pages filtered by
    perspective and by point (10 comments, and up to 10 they answer)."""
    url = article.get_absolute_url()
    point = article.points.get()
    return [
        url,
        f"{url}?page=30",
        f"{url}?perspective={point.perspective.slug}&page=7",
        f"{url}?point={point.pk}",
    ]


@pytest.mark.parametrize("page", range(4))
def test_no_article_page_query_returns_more_rows_than_the_page_shows(
    client, long_discussion, page
):
    url = pages_of(long_discussion)[page]
    comments = [sql for sql in cold_page_queries(client, url) if reads_comments(sql)]
    assert comments
    # a page of 10 threads of 2 comments; counts by perspective and point
    assert all(rows_returned(sql) <= 20 for sql in comments)


def test_a_permalink_reads_no_more_than_its_thread(client, long_discussion):
    last = ArticleComment.objects.filter(article=long_discussion).last()
    queries = cold_page_queries(client, last.get_absolute_url())
    assert all(rows_returned(sql) <= 2 for sql in queries if reads_comments(sql))


def scans(plan):
    """Every node of a PostgreSQL plan (EXPLAIN's JSON), depth first."""
    yield plan
    for child in plan.get("Plans", []):
        yield from scans(child)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's query plans"
)
def test_article_pages_reach_comments_through_indexes_only(client, long_discussion):
    make_many_comments(make_article(), 2000, replies_each=1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # A few thousand rows fit in a few pages, which PostgreSQL rightly
        # reads whole, or walks whole in a merge or hash join; with a million
        # it would not. Ruling those out shows that a plan exists that
        # reaches every comment by a key, as the planner would want then.
        for plan_type in ("seqscan", "mergejoin", "hashjoin"):
            cursor.execute(f"SET LOCAL enable_{plan_type} = off")
    indexes = set()
    # The page filtered by point is left out: with nested loops only, the
    # planner walks xtd's thread_id index for its order and filters on the
    # point, which at scale it would weigh against sorting the point's rows.
    for url in pages_of(long_discussion)[:3]:
        for sql in cold_page_queries(client, url):
            if not reads_comments(sql):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            for node in scans(plan[0]["Plan"]):
                if node.get("Relation Name") in COMMENT_TABLES:
                    assert node["Node Type"] != "Seq Scan", sql
                    # an index read from end to end is a scan all the same
                    assert "Index Cond" in node or "Recheck Cond" in node, (
                        node["Node Type"],
                        node.get("Index Name"),
                        sql,
                    )
                indexes.add(node.get("Index Name"))
    # the page's threads, then their comments by thread
    assert {
        "shown_thread_idx",
        "django_comments_xtd_xtdcomment_thread_id_e192a27a",
    } <= (indexes)


def test_the_article_page_counts_no_comments(client, long_discussion):
    """Its counts and its page count come from the counts kept as comments
    change (discussion/counting.py), not from an aggregate over comments."""
    for url in pages_of(long_discussion)[:2]:
        for sql in cold_page_queries(client, url):
            if reads_comments(sql):
                assert "COUNT(" not in sql.upper(), sql
                assert "GROUP BY" not in sql.upper(), sql


def rows_examined(plan):
    """The rows every node of a PostgreSQL plan (EXPLAIN ANALYZE's JSON) read,
    those its filters threw away included."""
    return sum(
        (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0))
        * node.get("Actual Loops", 1)
        for node in scans(plan)
        if "Relation Name" in node
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's query plans"
)
def test_the_cold_article_page_examines_as_many_rows_at_1000_comments_as_at_10(
    client, long_discussion
):
    short = make_article(points=[(long_discussion.points.get().perspective, "A.")])
    make_many_comments(short, 5, replies_each=1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # as above: small tables are read whole, which a million rows are not
        for plan_type in ("seqscan", "mergejoin", "hashjoin"):
            cursor.execute(f"SET LOCAL enable_{plan_type} = off")
    examined = []
    for article in (short, long_discussion):
        total = 0
        for sql in cold_page_queries(client, article.get_absolute_url()):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            total += rows_examined(plan[0]["Plan"])
        examined.append(total)
    few, many = examined
    # the long one shows 10 threads of 2 comments, the short one 5
    assert many <= few + 100, examined
