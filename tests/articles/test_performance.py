"""What pages cost: the same number of queries whatever the size of an
article, the index or a discussion (paged by thread), small static files and
no requests to third parties."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_article, make_comment, make_perspective
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm any per-process caches first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def comment_ids(response):
    return [
        int(pk) for pk in re.findall(r'<li id="c(\d+)">', response.content.decode())
    ]


def make_threads(article, threads, replies_each=2):
    made = []
    for _ in range(threads):
        top = make_comment(article)
        reply = make_comment(article, parent=top)
        made.append(top)
        if replies_each > 1:
            make_comment(article, parent=reply)
    return made


def cold_get(client, url):
    clear_caches()
    return client.get(url)


def test_article_page_query_count_does_not_grow_with_its_points(client):
    one = make_perspective()
    small = make_article(points=[(one, "Only point")])
    perspectives = [make_perspective() for _ in range(6)]
    big = make_article(
        points=[(perspectives[n % 6], f"Point {n}") for n in range(60)],
    )
    assert count_queries(client, big.get_absolute_url()) == count_queries(
        client, small.get_absolute_url()
    )


def test_article_page_query_count_does_not_grow_with_its_topics(client):
    small = make_article(points=[(make_perspective(), "Only point")])
    big = make_article(points=[(make_perspective(), "Only point")])
    small.topics.add("Housing")
    big.topics.add("Housing", "Care", "Adult social care", "Budgets", "Zoning")
    assert count_queries(client, big.get_absolute_url()) == count_queries(
        client, small.get_absolute_url()
    )
    page = client.get(big.get_absolute_url()).content.decode()
    assert page.index(">Adult social care<") < page.index(">Zoning<")


def test_index_query_count_does_not_grow_with_its_articles(client):
    perspectives = [make_perspective() for _ in range(3)]
    make_article(points=[(perspectives[0], "a")])
    small = count_queries(client, reverse("articles:list"))
    for _ in range(settings.ARTICLES_PER_PAGE):
        make_article(points=[(perspective, "b") for perspective in perspectives])
    assert count_queries(client, reverse("articles:list")) == small


def test_perspective_page_query_count_does_not_grow_with_its_points(client):
    staff = make_perspective()
    make_article(points=[(staff, "a")])
    small = count_queries(client, staff.get_absolute_url())
    for _ in range(10):
        make_article(points=[(staff, "b"), (staff, "c")])
    assert count_queries(client, staff.get_absolute_url()) == small


@pytest.mark.parametrize(("comment_count", "expected"), [(0, 8), (10, 9), (300, 9)])
def test_the_article_page_costs_at_most_nine_queries_on_a_cold_cache(
    client, article, comment_count, expected, django_assert_num_queries
):
    ModerationPolicy.current()
    for _ in range(comment_count):
        make_comment(article)
    clear_caches()
    # the pages' versions, the article, its points, its topics, the related
    # articles, the policy, the perspectives, the counts and, when there are
    # any, the page's threads
    with django_assert_num_queries(expected):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(comment_ids(response)) == min(
        comment_count, settings.DISCUSSION_THREADS_PER_PAGE
    )


def test_long_discussions_are_paged_by_thread_with_replies_kept_together(
    client, article, settings
):
    settings.DISCUSSION_THREADS_PER_PAGE = 3
    threads = make_threads(article, 7)
    first = cold_get(client, article.get_absolute_url())
    second = cold_get(client, article.get_absolute_url() + "?page=2")
    third = cold_get(client, article.get_absolute_url() + "?page=3")
    pages = [comment_ids(first), comment_ids(second), comment_ids(third)]
    assert [len(page) for page in pages] == [9, 9, 3]
    # every comment of a thread is on the same page as its first comment
    for page, page_threads in zip(
        pages, [threads[0:3], threads[3:6], threads[6:7]], strict=True
    ):
        thread_of = {
            c.pk: c.thread_id for c in ArticleComment.objects.filter(pk__in=page)
        }
        assert set(thread_of.values()) == {t.thread_id for t in page_threads}
    assert 'rel="next"' in first.content.decode()
    assert "Comments page 1 of 3" in first.content.decode()
    assert 'rel="prev"' in third.content.decode()


def test_a_permalink_lands_on_the_page_that_shows_the_comment(
    client, article, settings
):
    settings.DISCUSSION_THREADS_PER_PAGE = 2
    threads = make_threads(article, 5)
    deep_reply = ArticleComment.objects.filter(
        thread_id=threads[3].thread_id, level=2
    ).get()
    response = client.get(deep_reply.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == (
        f"{article.get_absolute_url()}?page=2#c{deep_reply.pk}"
    )
    landed = cold_get(client, f"{article.get_absolute_url()}?page=2")
    assert deep_reply.pk in comment_ids(landed)


def test_a_page_number_past_the_end_shows_the_last_page_of_comments(
    client, article, settings
):
    settings.DISCUSSION_THREADS_PER_PAGE = 2
    make_threads(article, 3, replies_each=1)
    response = cold_get(client, article.get_absolute_url() + "?page=99")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url() + "?page=2"
    last = client.get(response["Location"])
    assert "Comments page 2 of 2" in last.content.decode()


STATIC = Path(settings.BASE_DIR) / "static"


# Sent only to staff in the admin, on its own pages: not part of a reader's load
TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"


def _loaded_by_readers(path):
    """Whether a page outside the admin names this file."""
    name = path.relative_to(STATIC).as_posix()
    return any(
        name in template.read_text()
        for template in TEMPLATES_DIR.rglob("*.html")
        if "admin" not in template.relative_to(TEMPLATES_DIR).parts
    )


ADMIN_ONLY = {
    path.name
    for path in STATIC.rglob("*")
    if path.suffix in {".css", ".js"} and not _loaded_by_readers(path)
}


# "A few kilobytes" (DESIGN.md): 24 KB before compression, about 7 KB as sent.
# It was 20 KB until a reader's own answers and the reply mode needed 4 more.
READERS_BUDGET = 24 * 1024


def test_css_and_javascript_stay_within_the_budget_before_compression():
    files = [path for path in STATIC.rglob("*") if path.suffix in {".css", ".js"}]
    readers = [path for path in files if path.name not in ADMIN_ONLY]
    assert len(readers) < len(files)  # the admin's own files are still there
    assert sum(path.stat().st_size for path in readers) < READERS_BUDGET


def test_no_reader_page_loads_the_admins_own_css_or_javascript(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    for name in ADMIN_ONLY:
        stem, suffix = name.rsplit(".", 1)
        assert f"/static/{suffix}/{stem}" not in page


def test_pages_make_no_third_party_requests(client, article):
    make_comment(article, comment="See https://example.org for more")
    for url in [
        reverse("articles:list"),
        article.get_absolute_url(),
        reverse("articles:perspectives"),
        reverse("articles:search") + "?q=tone",
    ]:
        page = client.get(url).content.decode()
        # links readers write are links, not requests: only src and
        # stylesheet hrefs fetch anything
        fetched = re.findall(r'<(?:script|img|iframe)[^>]+src="([^"]+)"', page)
        fetched += re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', page)
        assert fetched, url
        assert all(
            path.startswith("/") and not path.startswith("//") for path in fetched
        ), (url, fetched)
