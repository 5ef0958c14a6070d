"""With an HTTP cache in front (HTTP_CACHE), readers' pages go out named by
their versions, and every change purges those names, through a real HTTP
server standing in for Varnish or Fastly's API."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from discussion.page_versions import bump_discussion
from pagecache import http_cache
from pagecache.versions import bump
from tests.factories import make_comment

pytestmark = pytest.mark.django_db


class PurgeRecorder:
    """An HTTP server that records each request; answers `status`."""

    def __init__(self, status=200):
        self.requests = []
        self.status = status
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                recorder.requests.append(
                    (
                        self.command,
                        self.path,
                        self.headers,
                        self.rfile.read(length),
                    )
                )
                self.send_response(recorder.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_BAN = do_POST = _record

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    server = PurgeRecorder()
    yield server
    server.close()


@pytest.fixture
def varnish(settings, recorder):
    settings.HTTP_CACHE = "varnish"
    settings.HTTP_CACHE_PURGE_URLS = [recorder.url]
    settings.HTTP_CACHE_SECONDS = 60
    return recorder


def keys_of(response):
    return set(response["xkey"].split())


def test_without_an_http_cache_pages_say_nothing_of_one(client, article):
    for _ in range(2):  # rendered, then from the cache
        response = client.get(article.get_absolute_url())
        assert response["Cache-Control"] == "no-cache"
        assert "xkey" not in response
        assert "Surrogate-Key" not in response


def test_without_an_http_cache_a_change_purges_nothing(
    article, recorder, settings, caplog, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HTTP_CACHE = ""
    settings.HTTP_CACHE_PURGE_URLS = [recorder.url]  # left over: still unused
    with django_capture_on_commit_callbacks(execute=True):
        bump_discussion(article.slug)
    assert recorder.requests == []
    assert not DBTaskResult.objects.exists()
    assert "purge" not in caplog.text.lower()


def test_readers_pages_are_named_by_their_versions(client, article, varnish):
    pages = {
        article.get_absolute_url(): {"site", f"article:{article.slug}"},
        "/": {"site"},
        f"/insight/{article.slug}/what-we-heard/": {"site", f"answers:{article.slug}"},
    }
    for path, expected in pages.items():
        rendered, cached = client.get(path), client.get(path)
        for response in (rendered, cached):
            assert response.status_code == 200, path
            assert expected <= keys_of(response), path
            assert response["Surrogate-Key"] == response["xkey"]
            assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
        # a browser's check answered 304 keeps the names too
        checked = client.get(path, HTTP_IF_NONE_MATCH=cached["ETag"])
        assert checked.status_code == 304
        assert keys_of(checked) == keys_of(cached)


def test_pages_not_the_same_for_every_reader_are_never_shared(
    client, article, varnish, moderator_client
):
    staff = moderator_client.get(article.get_absolute_url())
    assert "xkey" not in staff
    assert "s-maxage" not in staff["Cache-Control"]
    for path in [
        f"{article.get_absolute_url()}?utm_source=mail",  # not a linked address
        "/admin/login/",
        "/no-such-page/",
    ]:
        client.get(path)
        response = client.get(path)
        assert "xkey" not in response, path
        assert "s-maxage" not in response.get("Cache-Control", ""), path


def test_a_change_purges_its_names_once_committed(
    article, varnish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_discussion(article.slug)
    assert varnish.requests == []  # nothing before the change is committed
    for callback in callbacks:
        callback()
    [(method, path, headers, _body)] = varnish.requests
    assert method == "BAN"
    assert set(headers["xkey-purge"].split()) == {
        f"article:{article.slug}",
        "discussion",
    }


def test_a_published_comment_purges_its_article(
    article, varnish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(article, comment="New and shown")
    purged = set()
    for _method, _path, headers, _body in varnish.requests:
        purged |= set(headers["xkey-purge"].split())
    assert f"article:{article.slug}" in purged


def test_every_http_cache_is_purged(
    settings, varnish, django_capture_on_commit_callbacks
):
    second = PurgeRecorder()
    try:
        settings.HTTP_CACHE_PURGE_URLS = [varnish.url, second.url]
        with django_capture_on_commit_callbacks(execute=True):
            bump("site")
        assert len(varnish.requests) == len(second.requests) == 1
    finally:
        second.close()


def test_names_that_are_not_plain_tokens_are_never_sent(varnish):
    assert http_cache.purge(["site", ".*", "a|b", "article:ok-1", "x y"])
    [(_m, _p, headers, _b)] = varnish.requests
    assert headers["xkey-purge"] == "site article:ok-1"


def test_fastly_is_purged_by_key_in_batches(settings, recorder):
    settings.HTTP_CACHE = "fastly"
    settings.HTTP_CACHE_PURGE_URLS = [f"{recorder.url}/service/SERVICE1/purge"]
    settings.HTTP_CACHE_PURGE_TOKEN = "secret-token"
    names = [f"article:slug-{n}" for n in range(300)]
    assert http_cache.purge(names)
    assert [(m, p) for m, p, _h, _b in recorder.requests] == [
        ("POST", "/service/SERVICE1/purge")
    ] * 2
    sent = []
    for _m, _p, headers, body in recorder.requests:
        assert headers["Fastly-Key"] == "secret-token"
        sent += json.loads(body)["surrogate_keys"]
    assert sent == names


@pytest.mark.parametrize("status", [500, 403])
def test_a_purge_the_cache_refuses_is_reported_as_failed(settings, status, caplog):
    server = PurgeRecorder(status=status)
    try:
        settings.HTTP_CACHE = "varnish"
        settings.HTTP_CACHE_PURGE_URLS = [server.url]
        assert http_cache.purge(["site"]) is False
    finally:
        server.close()
    assert "HTTP cache purge failed" in caplog.text


def test_an_unreachable_cache_is_reported_as_failed(settings, caplog):
    from tests.platform.servers import free_port

    settings.HTTP_CACHE = "varnish"
    settings.HTTP_CACHE_PURGE_URLS = [f"http://127.0.0.1:{free_port()}"]
    assert http_cache.purge(["site"]) is False
    assert "HTTP cache purge failed" in caplog.text


@pytest.mark.parametrize("moment", ["while it renders", "while it is read"])
def test_a_page_a_change_lands_on_is_not_shared(
    client, article, varnish, monkeypatch, moment, django_capture_on_commit_callbacks
):
    """A page read before a change lands, answered after its purge, would be
    kept by the HTTP cache, which the purge has passed: the old page, for
    the whole shared lifetime. It goes out unshared."""
    from articles import views
    from pagecache import middleware

    path = article.get_absolute_url()
    if moment == "while it is read":
        client.get(path)  # kept by the app's own cache
        target, name = middleware, "_cached_response"
    else:
        target, name = views.ArticleDetailView, "get_context_data"
    original = getattr(target, name)

    def with_a_change(*args, **kwargs):
        answer = original(*args, **kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            bump_discussion(article.slug)  # a moderator's removal, say
        return answer

    monkeypatch.setattr(target, name, with_a_change)
    landed_on = client.get(path)
    assert landed_on.status_code == 200
    assert varnish.requests, "the change was purged"
    assert "xkey" not in landed_on
    assert "s-maxage" not in landed_on["Cache-Control"]
    monkeypatch.setattr(target, name, original)
    assert "xkey" in client.get(path)


def test_a_purge_that_fails_is_tried_again_from_the_queue(
    article, settings, caplog, django_capture_on_commit_callbacks
):
    """From the database's queue, as in production: each try the cache
    refuses queues the next, later; the first it takes ends it."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    refusing = PurgeRecorder(status=503)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HTTP_CACHE = "varnish"
    settings.HTTP_CACHE_PURGE_URLS = [refusing.url]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            bump_discussion(article.slug)
        delays = []
        for _try in range(2):  # the worker runs each when due: refused again
            [queued] = DBTaskResult.objects.all()
            assert queued.task_path.endswith("purge_again")
            delays.append(round((queued.run_after - timezone.now()).total_seconds()))
            queued.delete()
            queued.task.call(*queued.args_kwargs["args"])
        assert delays == [1, 4]
        assert len(refusing.requests) == 3
        refusing.status = 200
        [queued] = DBTaskResult.objects.all()
        queued.delete()
        queued.task.call(*queued.args_kwargs["args"])
        assert len(refusing.requests) == 4
        assert set(refusing.requests[-1][2]["xkey-purge"].split()) == {
            f"article:{article.slug}",
            "discussion",
        }
        assert not DBTaskResult.objects.exists()  # nothing more to try
        assert "HTTP cache purge failed" in caplog.text
    finally:
        refusing.close()
