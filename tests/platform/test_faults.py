"""Faults in process: a Redis that is down or full, a database that refuses
connections, and errors outside views; the site says so and carries on."""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

from discussion.models import ModerationPolicy
from tests.helpers import post_comment
from tests.platform.servers import free_port


@pytest.fixture
def unreachable_redis():
    from insight.cache import FailSoftRedisCache

    cache = FailSoftRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    yield cache
    type(cache._cache)._down_until.clear()


def test_unreachable_redis_cache_reads_as_misses(unreachable_redis, caplog):
    cache = unreachable_redis
    assert cache.get("anything", "missing") == "missing"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("anything") is False
    assert cache.add("key", 1) is False
    cache.set("key", 1)
    cache.set_many({"a": 1})
    cache.delete("key")
    cache.delete_many(["a"])
    assert cache.get_or_set("key", "computed") == "computed"
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert "Cache unavailable (ConnectionError)" in caplog.text


def test_unreachable_redis_is_left_alone_for_a_while(unreachable_redis, caplog):
    cache = unreachable_redis
    started = time.monotonic()
    for _ in range(100):
        cache.get("anything")
    assert time.monotonic() - started < 2
    assert caplog.text.count("Cache unavailable") == 1


@contextmanager
def redis_running(port, directory, *options):
    """A Redis server of the test's own on port, until the block ends."""
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("needs redis-server")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(directory), *options],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


class Clock:
    """time.monotonic, moved on by the test."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


def test_a_worker_tries_redis_again_after_5_seconds(monkeypatch, tmp_path):
    from insight import cache as cache_module

    clock = Clock()
    monkeypatch.setattr(cache_module, "time", clock)
    port = free_port()
    cache = cache_module.FailSoftRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    try:
        assert cache.add("key", "first") is False  # Redis is down
        with redis_running(port, tmp_path):
            clock.now += 4.9
            assert cache.add("key", "too soon") is False  # not tried yet
            clock.now += 0.2
            assert cache.add("key", "again") is True
            assert cache.get("key") == "again"
    finally:
        type(cache._cache)._down_until.clear()


def test_confirmation_emails_stay_limited_while_redis_is_down(
    client, published_article, settings, caplog
):
    from django.core import mail

    from insight.cache import FailSoftRedisCache

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "insight.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    try:
        statuses = [
            post_comment(
                client,
                published_article,
                email="inbox@example.org",
                comment=f"Attempt {number}.",
            ).status_code
            for number in range(4)
        ]
    finally:
        FailSoftRedisCache("redis://", {})._class._down_until.clear()
    assert "Cache unavailable (ConnectionError)" in caplog.text
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


@pytest.fixture
def full_redis(tmp_path):
    """A real Redis with almost no memory, which refuses to store more."""
    from insight.cache import FailSoftRedisCache

    port = free_port()
    options = ["--maxmemory", "2mb", "--maxmemory-policy", "noeviction"]
    with redis_running(port, tmp_path, *options):
        cache = FailSoftRedisCache(f"redis://127.0.0.1:{port}/0", {})
        yield cache
    type(cache._cache)._down_until.clear()


def test_a_full_redis_refusing_a_page_is_not_taken_for_down(full_redis, caplog):
    cache = full_redis
    cache.set("rate-limit-count", 3)
    cache.set("page", "x" * 4_000_000)  # refused: Redis is out of memory

    assert cache.get("page") is None
    # what Redis holds is still read, rate-limit counts included
    assert cache.get("rate-limit-count") == 3
    assert "Cache refused a command (OutOfMemoryError)" in caplog.text


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (the CI's second run)"
)
def test_fail_soft_cache_works_when_redis_is_up():
    from django.core.cache import caches

    from insight.cache import FailSoftRedisCache

    cache = caches["default"]
    assert isinstance(cache, FailSoftRedisCache)
    cache.set("production-test", {"value": 1}, 30)
    assert cache.get("production-test") == {"value": 1}
    cache.delete("production-counter")
    assert cache.add("production-counter", 1) is True
    assert cache.incr("production-counter") == 2


def refuse_database_connections(monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    connection.close()
    monkeypatch.setattr(connection, "get_new_connection", refuse)


@pytest.fixture
def database_down(transactional_db, monkeypatch):
    """The database refuses connections until the test calls the result."""
    from django.db import connection

    refuse_database_connections(monkeypatch)

    def bring_back():
        monkeypatch.undo()
        connection.close()

    yield bring_back
    bring_back()


def test_healthz_is_ok_when_everything_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.json()
    assert {name: health[name] for name in ["status", "database", "cache"]} == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }
    assert "no-cache" in response.headers["Cache-Control"]


def test_pages_answer_503_while_the_database_is_down(
    client, published_article, database_down
):
    url = published_article.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "Traceback" not in html
    assert response.headers["Retry-After"]
    assert "Content-Security-Policy" in response.headers

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
    }

    database_down()
    assert client.get(url).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_readers_still_get_cached_article_pages_while_the_database_is_down(
    client, published_article, transactional_db, monkeypatch
):
    ModerationPolicy.current()  # made on first use, which changes every page
    url = published_article.get_absolute_url()
    assert client.get(url).status_code == 200  # now in the cache

    refuse_database_connections(monkeypatch)
    cached = client.get(url)
    not_cached = client.get(f"{url}?page=2")
    monkeypatch.undo()

    assert cached.status_code == 200
    assert published_article.title in cached.content.decode()
    assert not_cached.status_code == 503


def test_database_error_outside_a_view_is_a_503(rf):
    from django.db import OperationalError

    from insight.health import server_error

    try:
        raise OperationalError("the database went away")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503


def test_other_errors_still_show_the_500_page(rf):
    from insight.health import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_healthz_keeps_the_server_in_when_only_the_cache_is_down(
    client, db, monkeypatch
):
    from insight import health

    monkeypatch.setattr(health, "cache_is_up", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() | {"queue": None} == {
        "queue": None,
        "status": "degraded",
        "database": "ok",
        "cache": "degraded",
    }
