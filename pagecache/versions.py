"""The versions that invalidate readers' cached pages.

A version has a name. A page declares the names it shows
(pages.reader_page, in the app's urls.py), and the app that owns a change
bumps them from its own receivers (bump()). The page cache knows one name,
"site" (SITE): what every page shows, such as articles, perspectives and
the moderation policy. The apps name the rest, for example the discussion's
"article:<slug>" (one article's discussion), "discussion" (every discussion)
and "answers:<slug>" (discussion/page_versions.py).

The names are plain tokens, so they can go out as surrogate keys to an HTTP
cache in front of the site. A page's ETag is made from the versions it
follows, so a bump makes every old copy stale; the copy is replaced the next
time the page is asked for (see middleware.py).

Invalidation fails closed. A bump is written to the database in the
transaction of the change, then copied to the "page-versions" cache, shared by
every worker. Readers trust a copy for TRUST_SECONDS, then check the database
again. If the cache does not take a bump (Redis full, stalled or down), the
request that made the change waits TRUST_SECONDS before it answers, so no
reader is served the old page once the moderator or editor is told it is
done.
While the database is down, nothing can change, and readers go on with the
copies they have.
"""

import hashlib
import logging
import threading
import time
from functools import partial
from urllib.parse import urlencode

from django.core.cache import caches
from django.db import DatabaseError, transaction

from . import http_cache
from .models import PageVersion

logger = logging.getLogger(__name__)

# When this thread's request must wait for readers (see wait_for_readers).
_waiting = threading.local()

VERSION_TIMEOUT = 24 * 60 * 60
# A page's key changes this often too (seconds), so time-bound changes
# (comments closing on a date) reach readers even when nothing else changes.
PAGE_PERIOD = 10 * 60
# How long (seconds) readers trust the cache's copy of a version.
TRUST_SECONDS = 2
# How many times a change writes its version before it counts the cache as
# failing (see _copy_to_cache).
COPY_ATTEMPTS = 3
# What every page shows: the one name the page cache itself knows.
SITE = "site"


def _versions():
    # shared by every worker, even where each keeps its own copies of pages
    return caches["page-versions"]


def _cache_key(name):
    return f"page-version:{name}"


def bump(*names):
    """What these versions name changed: every page that shows it is
    rendered afresh. New versions go to the database with the change, in one
    statement (an upsert) whatever the names; to the cache once the change
    is committed."""
    # sorted: two changes that move the same versions lock them in one order
    names = sorted(set(names))
    version = time.time_ns()
    PageVersion.objects.bulk_create(
        [PageVersion(key=name, version=version) for name in names],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["version"],
    )
    for name in names:
        transaction.on_commit(partial(_copy_to_cache, name, version))
    # after the copies: a reader the HTTP cache sends on then gets the new page
    if http_cache.enabled():
        transaction.on_commit(partial(_purge_http_cache, names))


def bump_site():
    """Something every page shows changed: content, perspectives, the policy."""
    bump(SITE)


def every_page_changed(sender, **kwargs):
    """A receiver for any change every page shows."""
    bump_site()


def _copy_to_cache(name, version):
    for _attempt in range(COPY_ATTEMPTS):
        _versions().set(_cache_key(name), (version, time.time()), VERSION_TIMEOUT)
        stored = _versions().get(_cache_key(name))
        # a reader may have refreshed the copy since, or a later change
        # replaced it: either way the cache holds this version or a newer one
        if stored is not None and stored[0] >= version:
            return
        # Or a reader that read the database just before this change
        # refreshed its older copy over this one: written again, it holds.
    # The cache did not take it (full, stalled or down): readers may still
    # trust an older copy, for up to TRUST_SECONDS, some through other
    # workers that never saw the failure. The request waits that long before
    # it answers.
    logger.warning("Page version not stored in the cache")
    _waiting.until = max(getattr(_waiting, "until", 0), time.time() + TRUST_SECONDS)


def _purge_http_cache(names):
    """Tell the HTTP cache in front. If this worker's copy of a
    version failed, readers may get the old page for TRUST_SECONDS more and
    the HTTP cache keep it again: purged again once they cannot."""
    again_after = getattr(_waiting, "until", 0) - time.time()
    if not http_cache.purge(names) or again_after > 0:
        http_cache.purge_later(names, delay=max(again_after, 0) + 1)


def wait_for_readers():
    """At the end of a request that changed something the cache did not
    take: wait until no reader can still trust an old copy, so no one is
    told a change is done while readers are served the page before it."""
    delay = getattr(_waiting, "until", 0) - time.time()
    _waiting.until = 0
    if delay > 0:
        time.sleep(delay)


def current_versions(names):
    """The versions of these names: the cache's copies while they are fresh,
    else the database's. None if neither can be read."""
    keys = [_cache_key(name) for name in names]
    copies = _versions().get_many(keys)
    now = time.time()
    if len(copies) == len(keys) and all(
        now - copies[key][1] < TRUST_SECONDS for key in keys
    ):
        return [copies[key][0] for key in keys]
    try:
        stored = dict(
            PageVersion.objects.filter(key__in=names).values_list("key", "version")
        )
    except DatabaseError:
        # Nothing can change while the database is down: the copies will do.
        if len(copies) == len(keys):
            return [copies[key][0] for key in keys]
        return None
    versions = [stored.get(name, 0) for name in names]
    # Copy them to the cache, but never over a newer copy a change has just
    # written (this request may have read the database just before it).
    latest = _versions().get_many(keys)
    _versions().set_many(
        {
            key: (version, now)
            for key, version in zip(keys, versions, strict=True)
            if key not in latest or latest[key][0] <= version
        },
        VERSION_TIMEOUT,
    )
    return versions


def page_etag(name, query, version_names):
    """The ETag of one page as readers see it now, or None if its versions
    cannot be read. Made without touching the database while the cache's
    copies of the versions are fresh."""
    versions = current_versions(version_names)
    if versions is None:
        return None
    period = int(time.time() // PAGE_PERIOD)
    digest = hashlib.sha256(
        f"{versions}:{period}:{name}?{urlencode(query)}".encode()
    ).hexdigest()[:32]
    return f'"{digest}"'


def forget(name):
    """Drop the cached copy of a version that an address with nothing to
    show (a 404) brought into the cache."""
    _versions().delete(_cache_key(name))
