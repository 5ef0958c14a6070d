"""Readers' article pages, answered whole from the cache."""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from discussion.page import asked_query

from .versions import (
    PAGE_PERIOD,
    forget_article,
    page_key,
    wait_for_readers,
)


def _pages():
    # a cache of its own, so pages never push out rate-limit counts
    return caches["pages"]


class CachedArticlePageMiddleware:
    """Answer readers' article pages from the cache before sessions, CSRF,
    authentication and the view run, and keep the pages the view renders.

    Nearly every request is an anonymous reader asking for a page already in
    the cache, and this is what keeps those close to the speed of a static
    file. Anyone with a session (signed-in staff, who may see drafts and
    moderation links) always gets a page rendered afresh.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._answer(request)
        wait_for_readers()  # only after a change the cache did not take
        return response

    def _answer(self, request):
        slug = _article_slug(request)
        if slug is None:
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            # the view has loaded the user by now, unless it failed
            if response.status_code == 200 and not request.user.is_authenticated:
                _for_readers(response)
            return response
        # The versions are read before the article, so a change
        # that lands while this page renders leaves it under the old versions,
        # where no one will find it.
        key = page_key(slug, request.GET)
        if key:
            response = _cached_response(request, key)
            if response is not None:
                return response
        response = self.get_response(request)
        if response.status_code == 404:
            # so that made-up addresses leave nothing in the cache
            forget_article(slug)
            return response
        if response.status_code != 200:
            return response
        # Only pages the site links to are kept, not any combination of
        # parameters, nor values the article does not have: made-up addresses
        # cannot fill the cache. The view says which page it showed.
        shown = getattr(response, "shown_query", None)
        if key and shown == asked_query(request.GET):
            _pages().set(key, response.content, PAGE_PERIOD)
            return _for_readers(response, key)
        return _for_readers(response)


def _article_slug(request):
    """The slug of the article page asked for, or None for any other request."""
    if request.method not in ("GET", "HEAD"):
        return None
    # CommonMiddleware, skipped for cached pages, is what refuses unknown hosts
    request.get_host()
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.kwargs["slug"] if match.view_name == "articles:detail" else None


def _cached_response(request, key):
    """The reader's page from the cache, a 304 if their copy is current, or
    None if the page is not cached."""
    not_modified = get_conditional_response(request, etag=_etag(key))
    if not_modified is not None:
        return _for_readers(not_modified, key)
    content = _pages().get(key)
    if content is None:
        return None
    response = HttpResponse(content)
    response["Content-Length"] = str(len(content))
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
