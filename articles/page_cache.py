"""Whole-page cache for readers' article pages, and the versions that
invalidate it.

Each article has a version in the cache, bumped whenever a comment on it
changes (published, removed, approved, held after reports or erased). A
site-wide version covers everything else a page shows: articles and their
points (an edit may change a slug), perspectives and the moderation policy. A page is
cached under both versions, so a bump makes every old copy unreachable; the
versions double as the page's ETag.
"""

import hashlib
import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 10 * 60  # bounds staleness from the clock, e.g. comments closing
VERSION_TIMEOUT = 24 * 60 * 60
SITE_VERSION_KEY = "page-version:site"


def _article_version_key(article_id):
    return f"page-version:article:{article_id}"


def bump_article(article_id):
    _safely(
        cache.set, _article_version_key(article_id), time.time_ns(), VERSION_TIMEOUT
    )


def bump_site():
    _safely(cache.set, SITE_VERSION_KEY, time.time_ns(), VERSION_TIMEOUT)


def page_key(slug, full_path):
    """The cache key (and ETag) for one page as readers see it, or None.

    Keyed by slug, so a cached page is served without touching the database.
    """
    keys = [SITE_VERSION_KEY, _article_version_key(slug)]
    versions = _safely(cache.get_many, keys) or {}
    for key in keys:
        if key not in versions:
            # unknown version: start a new one, so no old copy can match
            versions[key] = time.time_ns()
            if not _safely(cache.add, key, versions[key], VERSION_TIMEOUT):
                return None
    # A new key every PAGE_TIMEOUT too, so time-bound changes (comments closing
    # on a date) reach readers even when nothing else changes.
    period = int(time.time() // PAGE_TIMEOUT)
    digest = hashlib.sha256(
        f"{versions[keys[0]]}:{versions[keys[1]]}:{period}:{full_path}".encode()
    ).hexdigest()[:32]
    return f"article-page:{digest}"


def get_page(key):
    return _safely(cache.get, key)


def set_page(key, content):
    _safely(cache.set, key, content, PAGE_TIMEOUT)


def _safely(operation, *args):
    """The page cache is an optimisation: if the cache is down, carry on."""
    try:
        return operation(*args)
    except Exception:
        logger.warning("Page cache unavailable")
        return None
