"""Whole-page cache for readers' article pages, and the versions that
invalidate it.

Each article has a version, bumped whenever a comment on it changes
(published, removed, approved, held after reports or erased). A site-wide
version covers everything else a page shows: articles and their points (an
edit may change a slug), perspectives and the moderation policy. A page is
cached under both versions, so a bump makes every old copy unreachable; the
versions double as the page's ETag. Pages live in the "pages" cache, versions
in "page-versions" (see CACHES in settings).
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 10 * 60  # bounds staleness from the clock, e.g. comments closing
VERSION_TIMEOUT = 24 * 60 * 60
SITE_VERSION_KEY = "page-version:site"
# The only query parameters that change an article page; any others (a
# campaign tag, say) are left out of the key, so they share the cached page.
READER_PARAMETERS = ("page", "perspective", "point", "respond")


def _pages():
    # a cache of its own, so pages never push out rate-limit counts
    return caches["pages"]


def _versions():
    # shared by every worker, even where each keeps its own copies of pages
    return caches["page-versions"]


def _article_version_key(slug):
    return f"page-version:article:{slug}"


def bump_article(slug):
    _safely(
        _versions().set, _article_version_key(slug), time.time_ns(), VERSION_TIMEOUT
    )


def bump_site():
    _safely(_versions().set, SITE_VERSION_KEY, time.time_ns(), VERSION_TIMEOUT)


def reader_parameters(query):
    """The query parameters that can change an article page, in a fixed order.

    Page 1 is the same page as no page number, so it shares its copy.
    """
    asked = {name: query[name] for name in READER_PARAMETERS if query.get(name)}
    if asked.get("page") == "1":
        del asked["page"]
    return asked


def page_key(slug, query):
    """The cache key (and ETag) for one page as readers see it, or None if
    its versions are not in the cache (the view starts them).

    Keyed by slug, so a cached page is served without touching the database.
    """
    keys = [SITE_VERSION_KEY, _article_version_key(slug)]
    versions = _safely(_versions().get_many, keys) or {}
    if len(versions) < len(keys):
        return None
    # A new key every PAGE_TIMEOUT too, so time-bound changes (comments closing
    # on a date) reach readers even when nothing else changes.
    period = int(time.time() // PAGE_TIMEOUT)
    digest = hashlib.sha256(
        f"{versions[keys[0]]}:{versions[keys[1]]}:{period}:{slug}?"
        f"{urlencode(reader_parameters(query))}".encode()
    ).hexdigest()[:32]
    return f"article-page:{digest}"


def start_versions(slug):
    """Start the versions of an article's pages, where missing: a new version,
    so no old copy can match."""
    for key in (SITE_VERSION_KEY, _article_version_key(slug)):
        _safely(_versions().add, key, time.time_ns(), VERSION_TIMEOUT)


def forget_article(slug):
    """Drop the version of an address that has no article to show."""
    _safely(_versions().delete, _article_version_key(slug))


def cached_response(request, key):
    """The reader's page from the cache, a 304 if their copy is current, or
    None if the page is not cached."""
    if _etag(key) in request.headers.get("If-None-Match", ""):
        return _for_readers(HttpResponseNotModified(), key)
    content = _safely(_pages().get, key)
    if content is None:
        return None
    response = HttpResponse(content)
    response["Content-Length"] = str(len(content))
    return _for_readers(response, key)


def store(response, key):
    """Cache a page just rendered for a reader, and mark it as that copy."""
    response.render()
    _safely(_pages().set, key, response.content, PAGE_TIMEOUT)
    return _for_readers(response, key)


def _etag(key):
    return f'"{key.rsplit(":", 1)[-1]}"'


def _for_readers(response, key=None):
    """Headers for a reader's page; key=None for a page rendered but not kept."""
    if key:
        response["ETag"] = _etag(key)
    # browsers check back every time (a 304 if nothing changed), and a shared
    # cache keeps signed-in staff's pages apart from readers'
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def not_kept(response):
    """Headers for a reader's page rendered but not cached."""
    return _for_readers(response)


class CachedArticlePageMiddleware:
    """Answer readers' article pages from the cache before sessions, CSRF,
    authentication and the view run.

    Nearly every request is an anonymous reader asking for a page already in
    the cache, and this is what keeps those close to the speed of a static
    file. Anyone with a session (signed-in staff, who may see drafts and
    moderation links) and any page not yet cached go on to the view, which
    renders the page and caches it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slug = self._reader_article_slug(request)
        if slug:
            key = page_key(slug, request.GET)
            response = cached_response(request, key) if key else None
            if response is not None:
                return response
        return self.get_response(request)

    @staticmethod
    def _reader_article_slug(request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return None
        # CommonMiddleware, skipped here, is what refuses unknown hosts
        request.get_host()
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return match.kwargs["slug"] if match.view_name == "articles:detail" else None


def _safely(operation, *args):
    """The page cache is an optimisation: if the cache is down, carry on."""
    try:
        return operation(*args)
    except Exception:
        logger.warning("Page cache unavailable")
        return None
