"""The versions that invalidate readers' cached article pages.

Each article has a version, bumped whenever a comment on it changes
(published, removed, approved, held after reports or erased). A site-wide
version covers everything else a page shows: articles and their points (an
edit may change a slug), perspectives and the moderation policy. A page is
cached under both versions, so a bump makes every old copy unreachable; the
versions double as the page's ETag. Versions live in the "page-versions"
cache, shared by every worker (see CACHES in settings). If the cache is
down, its backend answers every read with a miss (insight/cache.py), so pages
are rendered afresh and nothing is kept.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.core.cache import caches

# Only the parameters that change the page make its key: others (a campaign
# tag, say) share the cached page.
from discussion.page import asked_query

VERSION_TIMEOUT = 24 * 60 * 60
# A page's key changes this often too (seconds), so time-bound changes
# (comments closing on a date) reach readers even when nothing else changes.
PAGE_PERIOD = 10 * 60
SITE_VERSION_KEY = "page-version:site"


def _versions():
    # shared by every worker, even where each keeps its own copies of pages
    return caches["page-versions"]


def _article_version_key(slug):
    return f"page-version:article:{slug}"


def bump_article(slug):
    _versions().set(_article_version_key(slug), time.time_ns(), VERSION_TIMEOUT)


def bump_site():
    _versions().set(SITE_VERSION_KEY, time.time_ns(), VERSION_TIMEOUT)


def page_key(slug, query):
    """The cache key (and ETag) for one page as readers see it, or None if
    its versions are not in the cache.

    Keyed by slug, so a cached page is served without touching the database.
    """
    keys = [SITE_VERSION_KEY, _article_version_key(slug)]
    versions = _versions().get_many(keys)
    if len(versions) < len(keys):
        return None
    period = int(time.time() // PAGE_PERIOD)
    digest = hashlib.sha256(
        f"{versions[keys[0]]}:{versions[keys[1]]}:{period}:{slug}?"
        f"{urlencode(asked_query(query))}".encode()
    ).hexdigest()[:32]
    return f"article-page:{digest}"


def start_versions(slug):
    """Start the versions of an article's pages, where missing: a new version,
    so no old copy can match."""
    for key in (SITE_VERSION_KEY, _article_version_key(slug)):
        _versions().add(key, time.time_ns(), VERSION_TIMEOUT)


def forget_article(slug):
    """Drop the version of an address that has no article to show."""
    _versions().delete(_article_version_key(slug))
