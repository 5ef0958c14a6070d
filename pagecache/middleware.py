"""Readers' pages, answered whole from the cache."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from . import http_cache
from .pages import asked_page
from .versions import PAGE_PERIOD, forget, page_etag, wait_for_readers

# A search is kept once this many readers have asked for it within
# PAGE_PERIOD: common searches are answered from the cache, and the endless
# rest cannot fill it.
COMMON_AFTER_ASKS = 3
# Headers set for each request, never kept with a page.
PER_REQUEST_HEADERS = {"set-cookie", "vary", "etag", "cache-control", "content-length"}


def _pages():
    # a cache of its own, so pages never push out rate-limit counts
    return caches["pages"]


class ReaderPageCacheMiddleware:
    """Answer readers' pages (see pages.py) from the cache before sessions,
    CSRF, authentication and the view run, and keep the pages the views
    render, with the headers the middleware below it gave them (the content
    security policy, the permissions policy, frame options): those headers
    are the same for every reader, so a cached page is answered without
    building them again.

    Nearly every request is an anonymous reader asking for a page already in
    the cache, and this is what keeps those close to the speed of a static
    file. Anyone with a session (signed-in staff, who may see drafts and
    moderation links) always gets a page rendered afresh.

    Each page has one entry in the cache, holding its ETag with its content,
    and a newer rendering replaces it: the cache grows with the number of
    pages, not with how often they change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._answer(request)
        wait_for_readers()  # only after a change the cache did not take
        return response

    def _answer(self, request):
        asked = asked_page(request)
        if asked is None:
            return self.get_response(request)
        if asked.moved_to is not None:
            # ?page=01, ?point=abc, a mix no link makes: sent to the address
            # the site links to before anything is loaded, so odd addresses
            # cost less than a cached page and can never force a rendering
            return HttpResponsePermanentRedirect(asked.moved_to)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            # the view has loaded the user by now, unless it failed
            if response.status_code == 200 and not request.user.is_authenticated:
                _for_readers(response)
            return response
        # The versions are read before the page is rendered, so a change that
        # lands while it renders leaves it under the old versions: stale.
        etag = page_etag(asked.name, asked.query, asked.version_names)
        key = _page_key(asked)
        if etag:
            response = _cached_response(request, key, etag)
            if response is not None:
                request.page_cache = (
                    "not_modified" if response.status_code == 304 else "hit"
                )
                return _shared(response, asked, request)
        response = self.get_response(request)
        if response.status_code == 404:
            # so that made-up addresses leave nothing in the cache
            for name in asked.page.argument_names(asked.arguments):
                forget(name)
            return response
        if response.status_code == 301 and etag:
            # a value the page does not have (?point=999999): the view sent
            # the reader on; an address asked for often is sent on from here
            if _worth_keeping(asked, key, only_when_common=True):
                kept = (etag, None, response["Location"])
                _pages().set(key, kept, PAGE_PERIOD)
            return response
        if response.status_code != 200 or response.streaming:
            return response
        if http_cache.is_private(response):
            # the view says no cache may keep it (a preview): none does
            return response
        # Only pages the site links to are kept, not any combination of
        # parameters, nor values that do not exist: made-up addresses cannot
        # fill the cache. A view whose page takes parameters says which page
        # it showed.
        shown = getattr(response, "shown_query", {})
        if etag and shown == asked.query and _worth_keeping(asked, key):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in PER_REQUEST_HEADERS
            ]
            _pages().set(key, (etag, response.content, headers), PAGE_PERIOD)
            request.page_cache = "kept"
            return _shared(_for_readers(response, etag), asked, request)
        request.page_cache = "rendered"
        return _for_readers(response)


def _page_key(asked):
    digest = hashlib.sha256(f"{asked.name}?{urlencode(asked.query)}".encode())
    return f"page:{digest.hexdigest()[:32]}"


def _worth_keeping(asked, key, only_when_common=False):
    if not (only_when_common or asked.page.only_when_common):
        return True
    asks = f"asks:{key}"
    cache = _pages()
    if cache.add(asks, 1, PAGE_PERIOD):
        return COMMON_AFTER_ASKS <= 1
    try:
        return cache.incr(asks) >= COMMON_AFTER_ASKS
    except ValueError:  # expired between the two calls
        return False


def _cached_response(request, key, etag):
    """The reader's page from the cache, a 304 if their copy is current, or
    None if the cache has no current copy."""
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _for_readers(not_modified, etag)
    kept = _pages().get(key)
    if kept is None or kept[0] != etag:
        return None
    _, content, headers = kept
    if content is None:  # a redirect kept by the middleware: headers is its Location
        return HttpResponsePermanentRedirect(headers)
    response = HttpResponse(content, headers=headers)
    response["Content-Length"] = str(len(content))
    # what _for_readers gives it, set directly: the kept headers hold no
    # Cache-Control or Vary to merge with
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    response["Vary"] = "Cookie"
    return response


def _shared(response, asked, request):
    """A page kept for every reader may be kept by an HTTP cache in front
    too (http_cache.py), which is told when its versions change: at the
    address the site links to only, not with a campaign tag or parameters in
    another order, so odd addresses cannot fill it. A redirect the
    middleware kept is left to the app."""
    linked = request.path + (f"?{urlencode(asked.query)}" if asked.query else "")
    if (
        response.status_code in (200, 304)
        and request.get_full_path() == linked
        and http_cache.enabled()
        and _still_current(response, asked)
    ):
        http_cache.share(response, asked.version_names)
    return response


def _still_current(response, asked):
    """Whether no change has landed on the page since its versions were
    read. One that did has purged the HTTP cache already, which would keep
    this older page after the purge, for its whole shared lifetime: it goes
    out to this reader alone. Asked only when the HTTP cache fetches a page."""
    etag = page_etag(asked.name, asked.query, asked.version_names)
    return etag is not None and response.get("ETag") == etag


def _for_readers(response, etag=None):
    """Headers for a reader's page; etag=None for a page rendered but not kept."""
    if etag:
        response["ETag"] = etag
    # browsers check back every time (a 304 if nothing changed), and a shared
    # cache keeps signed-in staff's pages apart from readers'
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response
