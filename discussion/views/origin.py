"""Where a post to the discussion was made: on our own pages, or elsewhere.

Readers' article pages are cached whole, so the forms on them carry no CSRF
token, and a signed form proves only that we made it, not where it was sent
from. The browser's own word is checked instead: Sec-Fetch-Site, then Origin
(as the quick answers always have). A browser that says neither (an old one,
or privacy settings) cannot be told from a page elsewhere: it gets its form
back, kept as typed, to send again from our own page. That page carries a
random value twice, in a SameSite=Strict cookie and in the form, which
another site can neither read nor set.
"""

import enum
import functools
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.crypto import constant_time_compare

from .responses import refusal

SEND_AGAIN_FIELD = "send_again"
SEND_AGAIN_COOKIE = "insight_send_again"
SEND_AGAIN_AGE = 24 * 60 * 60
_DEFAULT_PORTS = {"http": 80, "https": 443}


class Source(enum.Enum):
    THIS_SITE = "this site"
    ELSEWHERE = "another site"
    UNSAID = "not said"


def post_source(request):
    """Where the browser says the request was made. Sec-Fetch-Site first:
    only "same-origin" is us ("same-site" is a sibling subdomain; "none", a
    typed address or bookmark, says nothing, so Origin decides). Then Origin,
    which must be exactly our scheme, host and port (or one the operator
    trusts in CSRF_TRUSTED_ORIGINS, written out in full). Referer is not
    believed: privacy settings remove or keep it."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "none").strip().lower()
    if fetch_site == "same-origin":
        return Source.THIS_SITE
    if fetch_site != "none":
        return Source.ELSEWHERE
    origin = request.headers.get("Origin")
    if origin is None:
        return Source.UNSAID
    parts = _origin_parts(origin)
    if parts is not None and parts in _our_origins(request):
        return Source.THIS_SITE
    return Source.ELSEWHERE


def _our_origins(request):
    origins = {_origin_parts(trusted) for trusted in settings.CSRF_TRUSTED_ORIGINS}
    try:
        origins.add(_origin_parts(f"{request.scheme}://{request.get_host()}"))
    except DisallowedHost:
        pass
    return origins


def _origin_parts(origin):
    """(scheme, host, port) of an origin, or None if it is not one."""
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return None
    is_origin = (
        parts.scheme in _DEFAULT_PORTS
        and parts.hostname
        and "@" not in parts.netloc
        and not (parts.path or parts.query or parts.fragment)
    )
    if not is_origin:
        return None
    return parts.scheme, parts.hostname, port or _DEFAULT_PORTS[parts.scheme]


def refuses_other_sites(send_again_page):
    """Check where a post to the wrapped view was made. A post from another
    site is refused with a clear page. One whose browser does not say gets
    send_again_page(request, *args, **kwargs, send_again=value): the form
    kept as typed, with the value in a hidden field; the cookie is set here.
    Sent again from that page, it goes through."""

    def decorator(view):
        @functools.wraps(view)
        def checked_view(request, *args, **kwargs):
            if request.method in ("GET", "HEAD", "OPTIONS"):
                return view(request, *args, **kwargs)
            source = post_source(request)
            if source is Source.ELSEWHERE:
                return refusal(
                    request,
                    "This was not sent",
                    "It was sent from another website, so we did not accept it. "
                    "If you meant to send it, go to the page on this site and "
                    "use the form there.",
                    403,
                )
            if source is Source.UNSAID and not _sent_again(request):
                value = secrets.token_urlsafe(24)
                response = send_again_page(request, *args, **kwargs, send_again=value)
                response.set_cookie(
                    _cookie_name(request),
                    value,
                    max_age=SEND_AGAIN_AGE,
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Strict",
                )
                return response
            return view(request, *args, **kwargs)

        return checked_view

    return decorator


def _sent_again(request):
    """The post carries the value its page was given, and this browser's
    cookie holds the same."""
    sent = request.POST.get(SEND_AGAIN_FIELD, "")
    kept = request.COOKIES.get(_cookie_name(request), "")
    return len(sent) >= 32 and constant_time_compare(sent, kept)


def _cookie_name(request):
    # On HTTPS the __Host- prefix stops a sibling subdomain setting it for us
    if request.is_secure():
        return f"__Host-{SEND_AGAIN_COOKIE}"
    return SEND_AGAIN_COOKIE
