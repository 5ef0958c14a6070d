"""Every page through Debian's varnishd with deploy/varnish.vcl as shipped:
each reader's page the registry declares is kept once for every reader and
named by its versions; every other address (a reader's own answers, forms,
shared preview links, staff pages, the operators' numbers) is never kept."""

import http.client
from datetime import timedelta

import pytest
from django.urls import resolve
from django.utils import timezone

from articles.models import Article, PreviewLink
from pagecache.middleware import COMMON_AFTER_ASKS
from pagecache.pages import ReaderPage
from tests.factories import make_article, make_author, make_perspective
from tests.pagecache.test_every_route import routes
from tests.platform.servers import Browser
from tests.platform.varnish_site import (
    TEXT,
    reader,
    requests_seen,
    signed_in_moderator,
)


def prepare(article, comment):
    perspective = make_perspective(name="Frontline staff", slug="frontline-staff")
    point = article.points.create(
        perspective=perspective, text="Listen to people first", position=0
    )
    author = make_author(name="Priya Shah", slug="priya-shah")
    Article.objects.filter(pk=article.pk).update(author=author)
    article.topics.add("Housing")
    draft = make_article(
        title="Not out yet", slug="not-out-yet", status=Article.Status.DRAFT
    )
    link = PreviewLink.objects.create(
        article=draft, expires_at=timezone.now() + timedelta(days=7)
    )
    return {"point": point.pk, "draft": draft, "preview_key": link.key}


def readers_pages(site):
    slug = "cached-piece"
    return {
        "": "/",
        "authors/": "/authors/",
        "authors/<slug:slug>/": "/authors/priya-shah/",
        "feeds/articles/": "/feeds/articles/",
        "feeds/articles/atom/": "/feeds/articles/atom/",
        "feeds/authors/<slug:slug>/": "/feeds/authors/priya-shah/",
        "feeds/comments/": "/feeds/comments/",
        "feeds/comments/<slug:slug>/": f"/feeds/comments/{slug}/",
        "feeds/topics/<slug:slug>/": "/feeds/topics/housing/",
        "insight/<slug:slug>/": site.article,
        "insight/<slug:slug>/what-we-heard/": f"/insight/{slug}/what-we-heard/",
        "insight/<slug:slug>/what-we-heard/data/": (
            f"/insight/{slug}/what-we-heard/data/"
        ),
        "perspectives/": "/perspectives/",
        "perspectives/<slug:slug>/": "/perspectives/frontline-staff/",
        "search/": "/search/?q=cached",
        "sitemap-<slug:section>.xml": "/sitemap-articles.xml",
        "sitemap.xml": "/sitemap.xml",
        "topics/": "/topics/",
        "topics/<slug:slug>/": "/topics/housing/",
    }


def never_kept(site):
    slug, extra = "cached-piece", site.extra
    point, comment = extra["point"], site.comment.pk
    preview = f"/preview/{extra['draft'].pk}/{extra['preview_key']}/"
    return {
        "preview/<int:article_id>/<str:key>/": preview,
        "insight/<slug:slug>/comments/sent/": f"/insight/{slug}/comments/sent/",
        "insight/<slug:slug>/what-we-heard/comments.csv": (
            f"/insight/{slug}/what-we-heard/comments.csv"
        ),
        "insight/<slug:slug>/what-we-heard/answers.csv": (
            f"/insight/{slug}/what-we-heard/answers.csv"
        ),
        "comments/<id:pk>/": f"/comments/{comment}/",
        "comments/post/": "/comments/post/",
        "comments/reply/<id:pk>/": f"/comments/reply/{comment}/",
        "comments/confirm/<str:token>/": "/comments/confirm/abcdefghijkl/",
        "comments/mute/<str:key>/": "/comments/mute/abcdefghijkl/",
        "comments/report/<id:pk>/": f"/comments/report/{comment}/",
        "insight/<slug:slug>/points/<id:point_id>/answer/": (
            f"/insight/{slug}/points/{point}/answer/"
        ),
        "insight/<slug:slug>/points/<id:point_id>/answer/send/": (
            f"/insight/{slug}/points/{point}/answer/send/"
        ),
        "insight/<slug:slug>/answers/": f"/insight/{slug}/answers/",
        "insight/<slug:slug>/answers/mine.json": f"/insight/{slug}/answers/mine.json",
        "insight/<slug:slug>/answers/perspective/": (
            f"/insight/{slug}/answers/perspective/"
        ),
        "answers/withdraw/": "/answers/withdraw/",
        "comments-policy/": "/comments-policy/",
        "privacy/": "/privacy/",
        "accessibility/": "/accessibility/",
        "robots.txt": "/robots.txt",
        "healthz": "/healthz",
        "metrics": "/metrics",
        "favicon.ico": "/favicon.ico",
        "^media/(?P<path>.+)$": "/media/authors/none.webp",
    }


def declared(kind):
    return {
        route
        for route, view in routes()
        if (getattr(view, "reader_page", False) is None) == (kind == "never_kept")
        and (kind == "never_kept" or isinstance(view.reader_page, ReaderPage))
    }


@pytest.fixture
def site(behind_varnish):
    # one process, so that without Redis the limits' counts are shared
    return behind_varnish(
        prepare=prepare,
        RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
        WEB_CONCURRENCY="1",
    )


def test_every_readers_page_is_kept_once_and_named_by_its_versions(site):
    pages = readers_pages(site)
    assert set(pages) == declared("readers_pages"), "a page type is not tried here"
    app = Browser(site.server.url, https=True)
    for path in pages.values():
        first = reader(site).get(path)
        assert first.status == 200, path
        # A search is kept once asked for a few times (pagecache), counted
        # by each gunicorn worker here (each has its own local cache).
        tries = 1 if path != "/search/?q=cached" else 2 * COMMON_AFTER_ASKS
        for _ in range(tries):
            again = reader(site).get(path)
            if again.headers["X-Cache"] == "hit":
                break
        assert again.headers["X-Cache"] == "hit", path
        assert again.body == first.body, path
        # browsers check back; the keys are for Varnish alone
        assert again.headers["Cache-Control"] == "no-cache", path
        assert "xkey" not in again.headers and "Surrogate-Key" not in again.headers
        seen = requests_seen(site, path.split("?")[0])
        assert len(seen) <= tries, (path, seen)

        # what the app sends Varnish: the registry's names, and a shared lifetime
        from_app = app.get(path)
        match = resolve(path.split("?")[0])
        names = match.func.reader_page.version_names(match.captured_kwargs)
        assert from_app.headers["xkey"].split() == names, path
        assert from_app.headers["Surrogate-Key"] == from_app.headers["xkey"]
        assert from_app.headers["Cache-Control"] == (
            "public, max-age=0, s-maxage=60"
        ), path


def twice_never_kept(site, browser, path):
    answers = [browser.get(path) for _ in range(2)]
    assert [answer.headers["X-Cache"] for answer in answers] == ["miss", "miss"], path
    assert "xkey" not in answers[1].headers, path
    return answers


def test_no_other_address_is_ever_kept(site):
    pages = never_kept(site)
    assert set(pages) == declared("never_kept"), "an address is not tried here"
    for path in pages.values():
        twice_never_kept(site, reader(site), path)
        if "/confirm/" not in path and "/mute/" not in path:  # shortened in logs
            assert len(requests_seen(site, path, expected=2)) == 2, path


def test_the_operators_numbers_are_not_given_through_varnish(site):
    for path in ["/metrics", "/%6detrics", "//metrics", "/metrics?x=1"]:
        answer = reader(site).get(path)
        assert answer.status in (403, 404), path
        assert b"insight_http_responses" not in answer.body, path


def test_a_readers_answers_stay_their_own(site):
    slug, point = "cached-piece", site.extra["point"]
    priya, other = reader(site), reader(site)
    sent = priya.post(
        f"/insight/{slug}/points/{point}/answer/send/", {"answer": "agree"}
    )
    assert sent.status in (302, 303), sent.text[:300]
    for path in [f"/insight/{slug}/answers/mine.json", f"/insight/{slug}/answers/"]:
        mine = twice_never_kept(site, priya, path)[1]
        assert "agree" in mine.text.lower(), path
        theirs = twice_never_kept(site, other, path)[1]
        assert '"answer": "agree"' not in theirs.text, path
    # the article itself stays the readers' shared copy, with no answer in it
    for browser in (other, priya, other):
        shared = browser.get(site.article)
    assert shared.headers["X-Cache"] == "hit"
    assert 'aria-pressed="true"' not in shared.text


def test_staff_pages_and_drafts_are_never_kept(site):
    moderator = signed_in_moderator(site)
    draft = site.extra["draft"].get_absolute_url()
    for path in [
        site.article,
        "/",
        draft,
        "/admin/",
        "/admin/discussion/articlecomment/",
    ]:
        twice_never_kept(site, moderator, path)
    # readers get theirs: the draft is not found, the article is the readers' copy
    assert reader(site).get(draft).status == 404
    reader(site).get(site.article)
    assert "Sign out" not in reader(site).get(site.article).text


def test_query_strings_and_cookies_as_the_registry_says(site):
    article = site.article
    canonical = [reader(site).get(article) for _ in range(2)][1]
    assert canonical.headers["X-Cache"] == "hit"
    # a declared parameter is another page, kept on its own
    filtered = [reader(site).get("/?perspective=frontline-staff") for _ in range(2)]
    assert filtered[1].headers["X-Cache"] == "hit"
    # written otherwise than the site's links: sent to their address, by the app
    for odd in ["/?page=01", "/?page=abc", "/?page=2&page=3"]:
        moved = reader(site).get(odd)
        assert moved.status == 301, odd
        assert reader(site).get(odd).headers["X-Cache"] == "miss", odd
    # campaign tags change nothing: the readers' one copy answers
    for tagged in [
        f"{article}?utm_source=newsletter&utm_medium=email",
        f"{article}?fbclid=IwAR0abc",
        f"{article}?gclid=abc&utm_campaign=x",
    ]:
        answer = reader(site).get(tagged)
        assert answer.status == 200, tagged
        assert answer.headers["X-Cache"] == "hit", tagged
        assert answer.body == canonical.body, tagged
    for tagged in [
        "/?utm_source=x&perspective=frontline-staff",
        "/?perspective=frontline-staff&utm_source=x&fbclid=y",
    ]:
        answer = reader(site).get(tagged)
        assert answer.headers["X-Cache"] == "hit", tagged
        assert answer.body == filtered[1].body, tagged
    # a parameter the page does not declare reaches the app, and is not kept
    for _ in range(2):
        unknown = reader(site).get(f"{article}?ref=abc")
        assert unknown.headers["X-Cache"] == "miss"
        # the same page, rendered afresh (the comment form's timestamp is new)
        assert unknown.status == 200
        assert TEXT in unknown.text and TEXT in canonical.text
    # a reader's own cookies change nothing of the shared copy
    other = reader(site)
    other.cookies.update({"csrftoken": "c" * 32, "messages": "x", "_ga": "GA1.2"})
    assert other.get(article).headers["X-Cache"] == "hit"


def test_a_reader_reaching_varnish_directly_is_limited_by_their_own_address(site):
    """Behind nginx, X-Real-IP is nginx's to write. A reader who reaches
    Varnish itself cannot spread their quick answers over made-up addresses."""
    from django.conf import settings

    limit = int(settings.DISCUSSION_RATE_LIMITS["answer"].split("/")[0])
    path = f"/insight/cached-piece/points/{site.extra['point']}/answer/send/"
    statuses = []
    for attempt in range(limit + 1):
        direct = Browser(site.varnish.url, https=True)
        direct.connection = lambda: http.client.HTTPConnection(
            "127.0.0.1", site.varnish.port, timeout=30, source_address=("127.0.0.2", 0)
        )
        statuses.append(
            direct.request(
                "POST",
                path,
                data={"answer": "agree"},
                headers={"X-Real-IP": f"10.1.2.{attempt}"},
            ).status
        )
    assert 429 not in statuses[:limit], statuses
    assert statuses[limit] == 429, statuses
    # through the proxy (here, this machine), another reader still answers
    assert reader(site).post(path, {"answer": "agree"}).status in (302, 303)
