"""Readers' article pages are kept whole and answered from the cache: with no
queries, the same headers, ETags and 304s; never to or from signed-in staff;
and only for addresses the site links to."""

import os

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.urls import reverse

from articles import views
from articles.models import Article
from pagecache import versions as page_versions
from pagecache.models import PageVersion
from tests.factories import make_article, make_comment, make_perspective

pytestmark = pytest.mark.django_db


def test_a_cached_article_page_costs_no_queries(
    client, article, django_assert_num_queries
):
    make_comment(article)
    client.get(article.get_absolute_url())
    # a first rendering slower than the versions' trust (a cold process on
    # a busy machine) leaves the next answer to read them once
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert b'<li id="c' in response.content


def test_an_unchanged_page_answers_a_conditional_request_with_304(client, article):
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert "no-cache" in first["Cache-Control"]


def test_a_cached_page_carries_the_same_headers_as_a_fresh_one(client, article):
    make_comment(article)
    fresh = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())

    assert cached.content == fresh.content
    assert sorted(cached.headers) == sorted(fresh.headers)
    for name in [
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cache-Control",
        "Vary",
        "ETag",
        "Content-Length",
    ]:
        assert cached[name] == fresh[name], name


def test_readers_cached_pages_are_answered_before_sessions_and_the_view(
    client, article, monkeypatch
):
    make_comment(article, comment="Words already cached")
    client.get(article.get_absolute_url())

    def no_further(*args, **kwargs):
        raise AssertionError("a cached page went past the fast path")

    monkeypatch.setattr(SessionMiddleware, "process_request", no_further)
    monkeypatch.setattr(views.ArticleDetailView, "get", no_further)
    response = client.get(article.get_absolute_url())
    etag = response["ETag"]
    current = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "Words already cached" in response.content.decode()
    assert current.status_code == 304
    assert current["ETag"] == response["ETag"]
    assert current["Vary"] == response["Vary"] == "Cookie"
    # a 304 carries what RFC 9110 asks (the browser keeps the page's other
    # headers), and the security middleware's headers
    assert current["Cache-Control"] == response["Cache-Control"]
    assert "X-Content-Type-Options" in current
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200
    assert head["ETag"] == etag


def test_signed_in_staff_never_get_the_readers_cached_page(client, editor, article):
    reader_page = client.get(article.get_absolute_url())
    assert b"csrfmiddlewaretoken" not in reader_page.content

    client.force_login(editor)
    staff_page = client.get(article.get_absolute_url())

    # staff post comments through a CSRF-checked form, which readers never see
    assert b"csrfmiddlewaretoken" in staff_page.content
    assert "ETag" not in staff_page


def test_readers_never_get_a_page_rendered_for_signed_in_staff(client, editor, article):
    client.force_login(editor)
    client.get(article.get_absolute_url())
    client.logout()
    client.cookies.clear()

    reader_page = client.get(article.get_absolute_url())

    assert b"csrfmiddlewaretoken" not in reader_page.content


def test_campaign_parameters_share_the_cached_page(
    client, article, django_assert_num_queries
):
    cached = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        tagged = client.get(f"{article.get_absolute_url()}?utm_source=newsletter")
    assert tagged.content == cached.content
    assert tagged["ETag"] == cached["ETag"]


@pytest.mark.parametrize(
    "query, canonical",
    [
        ("perspective=no-such-perspective", ""),
        ("page=99", ""),
        ("page=abc", ""),
        ("point=999999", ""),
        # combinations no link on the site makes
        ("perspective=councillors&point={point}", "?perspective=councillors"),
        ("respond={point}&perspective=councillors", "?respond={point}"),
    ],
)
def test_pages_the_site_does_not_link_to_redirect_to_the_one_it_does(
    client, article, query, canonical
):
    make_comment(article)
    point = article.points.first()
    url = f"{article.get_absolute_url()}?{query.format(point=point.pk)}"

    response = client.get(url)

    assert response.status_code == 301
    expected = article.get_absolute_url() + canonical.format(point=point.pk)
    assert response["Location"] == expected
    assert "ETag" not in response
    assert client.get(expected).status_code == 200


def test_page_one_shares_the_copy_of_the_page_with_no_number(
    client, article, django_assert_num_queries
):
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        numbered = client.get(f"{article.get_absolute_url()}?page=1")
    assert numbered["ETag"] == first["ETag"]


def test_an_address_with_no_article_leaves_nothing_in_the_page_cache(client, article):
    from django.core.cache import caches

    client.get(article.get_absolute_url())  # the site's version is in the cache

    assert client.get("/insight/no-such-article/").status_code == 404
    assert caches["page-versions"].get("page-version:article:no-such-article") is None
    assert not PageVersion.objects.filter(key__contains="no-such-article").exists()


def test_an_edit_made_while_a_page_renders_is_not_hidden_by_that_page(
    client, article, monkeypatch, django_capture_on_commit_callbacks
):
    url = article.get_absolute_url()
    load_article = views.ArticleDetailView.get_object

    def load_then_edit(view, *args):
        loaded = load_article(view, *args)
        # the editor saves while this reader's page is being rendered
        Article.objects.filter(pk=article.pk).update(title="A better title")
        page_versions.bump_site()
        return loaded

    monkeypatch.setattr(views.ArticleDetailView, "get_object", load_then_edit)
    with django_capture_on_commit_callbacks(execute=True):
        assert "A better title" not in client.get(url).content.decode()
    monkeypatch.undo()

    assert "A better title" in client.get(url).content.decode()


def test_many_cached_pages_never_push_out_rate_limit_counts(client, settings):
    if "REDIS_URL" in os.environ:
        pytest.skip("the local-memory caches' sizes only")
    # a default cache so small that a few pages would push its counts out
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "OPTIONS": {"MAX_ENTRIES": 4}},
    }
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "report": "1/h",
    }
    perspectives = [
        make_perspective(name=f"Group {n}", slug=f"group-{n}") for n in range(4)
    ]
    article = make_article(points=[(a, f"A point to {a.name}") for a in perspectives])
    comment = make_comment(article)
    report = reverse("discussion:report", args=[comment.pk])
    assert client.post(report, {"reason": "spam"}).status_code == 200

    points = article.points.all()
    queries = [f"perspective={a.slug}" for a in perspectives]
    queries += [f"{name}={p.pk}" for p in points for name in ("point", "respond")]
    for query in queries:  # 12 pages, each kept in the cache
        assert "ETag" in client.get(f"{article.get_absolute_url()}?{query}")

    assert client.post(report, {"reason": "spam"}).status_code == 429


def test_a_cached_page_is_refused_to_an_unknown_host(client, article):
    cached = client.get(article.get_absolute_url())
    assert article.title in cached.content.decode()

    response = client.get(article.get_absolute_url(), HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert article.title not in response.content.decode()
