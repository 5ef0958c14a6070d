"""Invalidation fails closed: when the cache does not take a new version,
readers get freshly rendered pages, and the moderator is not told it is done
before they do."""

import os
import time

import pytest
from django.core.cache import caches
from django.db import OperationalError

from discussion.models import ModerationPolicy
from discussion.page_versions import discussion_of
from pagecache import versions
from pagecache.models import PageVersion
from tests.factories import make_comment
from tests.helpers import html, moderate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cache_refusing_writes(monkeypatch):
    """The versions cache answers reads but keeps no writes (Redis full)."""
    monkeypatch.setattr(versions, "TRUST_SECONDS", 0.3)
    cache = caches["page-versions"]
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "set_many", lambda *args, **kwargs: [])


def test_a_removed_comment_is_never_shown_after_the_moderator_is_told(
    client, moderator_client, article, request
):
    comment = make_comment(article, comment="Words to take down.")
    for _ in range(2):  # rendered, then served from the cache
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Words to take down." in page

    request.getfixturevalue("cache_refusing_writes")
    started = time.monotonic()
    response = moderate(moderator_client, "remove", [comment])
    assert response.status_code == 302
    assert time.monotonic() - started >= 0.3  # it waited for the readers

    for _ in range(3):
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Words to take down." not in page


def test_versions_come_from_the_database_when_the_cache_copy_is_old(
    client, article, cache_refusing_writes
):
    client.get(article.get_absolute_url())
    PageVersion.objects.update_or_create(
        key=f"article:{article.slug}", defaults={"version": 42}
    )
    names = [versions.SITE, discussion_of(article.slug)]
    time.sleep(0.35)
    assert versions.current_versions(names)[1] == 42  # no copy: database


def test_readers_keep_their_cached_pages_while_the_database_is_down(
    client, article, monkeypatch
):
    ModerationPolicy.current()
    first = client.get(article.get_absolute_url())
    monkeypatch.setattr(versions, "TRUST_SECONDS", 0)

    def database_down(*args, **kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(PageVersion.objects, "filter", database_down)
    again = client.get(article.get_absolute_url())
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]


@pytest.mark.redis_server
def test_a_comment_removed_while_redis_is_paused_is_never_shown_again(
    client, moderator_client, article, monkeypatch
):
    if "REDIS_URL" not in os.environ:
        pytest.skip("needs REDIS_URL (the CI's second run)")
    monkeypatch.setattr(versions, "TRUST_SECONDS", 2)  # as deployed
    import redis

    comment = make_comment(article, comment="Removed during the pause.")
    for _ in range(2):
        assert "Removed during the pause." in html(
            client.get(article.get_absolute_url())
        )
    server = redis.Redis.from_url(os.environ["REDIS_URL"])
    server.execute_command("CLIENT", "PAUSE", "2500", "WRITE")
    try:
        assert moderate(moderator_client, "remove", [comment]).status_code == 302
        for _ in range(3):
            page = html(client.get(article.get_absolute_url()))
            assert "Removed during the pause." not in page
            time.sleep(1)
    finally:
        server.execute_command("CLIENT", "UNPAUSE")
        type(caches["page-versions"]._cache)._down_until.clear()
    assert "Removed during the pause." not in html(
        client.get(article.get_absolute_url())
    )


def test_a_bulk_removal_the_cache_refuses_waits_once(
    moderator_client, article, cache_refusing_writes
):
    comments = [make_comment(article) for _ in range(5)]
    started = time.monotonic()
    assert moderate(moderator_client, "remove", comments).status_code == 302
    assert 0.3 <= time.monotonic() - started < 1.5


def test_a_reader_never_puts_back_an_older_version_than_the_cache_has(article):
    key = f"article:{article.slug}"
    PageVersion.objects.update_or_create(key=key, defaults={"version": 5})
    cache = caches["page-versions"]
    # a change wrote version 10 just after this reader read the database
    cache.set(f"page-version:{key}", (10, time.time() - 60))
    versions.current_versions([versions.SITE, key])
    assert cache.get(f"page-version:{key}")[0] == 10


def test_a_copy_a_reader_refreshed_meanwhile_does_not_make_the_change_wait(
    monkeypatch,
):
    cache = caches["page-versions"]
    stored_get = cache.get

    def refreshed_by_a_reader(key, *args, **kwargs):
        copy = stored_get(key, *args, **kwargs)
        return (copy[0], copy[1] + 0.5) if copy else copy

    monkeypatch.setattr(cache, "get", refreshed_by_a_reader)
    versions._waiting.until = 0
    versions._copy_to_cache("site", 123)
    assert versions._waiting.until == 0


def test_an_older_copy_a_reader_wrote_over_the_change_is_written_over_again(
    monkeypatch,
):
    cache = caches["page-versions"]
    key = versions._cache_key("site")
    stored_set = cache.set
    overwritten = []

    def reader_refreshes_just_after(name, value, *args, **kwargs):
        stored_set(name, value, *args, **kwargs)
        if name == key and not overwritten:
            # a reader that read the database just before the change
            overwritten.append(True)
            stored_set(key, (value[0] - 1, time.time()), *args, **kwargs)

    monkeypatch.setattr(cache, "set", reader_refreshes_just_after)
    versions._waiting.until = 0
    versions._copy_to_cache("site", 456)
    assert overwritten
    assert cache.get(key)[0] == 456
    assert versions._waiting.until == 0  # no need to wait for readers
