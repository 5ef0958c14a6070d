"""An HTTP cache in front of the site (Varnish, or a CDN), kept in step with
the page versions.

A page the middleware keeps for every reader goes out with its version
names as surrogate keys (`Surrogate-Key`, and `xkey` for Varnish), and a
shared lifetime (`s-maxage`) for the HTTP cache alone: browsers still check
back every time. When a change bumps versions, each HTTP cache is told to
drop every page showing them (purge by key), once the change is committed
and before the request that made it answers.

Fail closed. A purge that cannot be confirmed is logged and sent again
later, from the durable queue; until then a copy may be served for at most
HTTP_CACHE_SECONDS plus the cache's own grace (deploy/varnish.vcl: 10 s).

With no HTTP cache configured (HTTP_CACHE unset) nothing here does anything,
and pages go out as before: no-cache, for browsers and shared caches alike.
"""

import json
import logging
import re
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Version names are plain tokens (see versions.py); anything else is refused,
# so a name can never widen a purge (Varnish reads the keys as a pattern).
KEY = re.compile(r"^[A-Za-z0-9_:-]+$")
PURGE_TIMEOUT = 2  # seconds a request waits for each HTTP cache's answer
# Seconds from one try to the next for a purge that failed. Past the shared
# lifetime (HTTP_CACHE_SECONDS, 60 by default) the copies have expired anyway.
RETRY_DELAYS = (1, 4, 10, 20, 30)


class Varnish:
    """Varnish with deploy/varnish.vcl: a BAN request to each address, the
    keys in the `xkey-purge` header."""

    def __init__(self, addresses):
        self.addresses = addresses

    def purge(self, keys):
        for address in self.addresses:
            request = urllib.request.Request(
                address, method="BAN", headers={"xkey-purge": " ".join(keys)}
            )
            with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT) as answer:
                answer.read()


class Fastly:
    """Fastly's purge by surrogate key, up to 256 keys a call, to the
    service's purge address (https://api.fastly.com/service/<id>/purge)."""

    BATCH = 256

    def __init__(self, url, token):
        self.url, self.token = url, token

    def purge(self, keys):
        for start in range(0, len(keys), self.BATCH):
            batch = keys[start : start + self.BATCH]
            request = urllib.request.Request(
                self.url,
                method="POST",
                data=json.dumps({"surrogate_keys": batch}).encode(),
                headers={
                    "Fastly-Key": self.token,
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                },
            )
            with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT) as answer:
                answer.read()


def enabled():
    return bool(getattr(settings, "HTTP_CACHE", ""))


def configured():
    """The HTTP cache in front, or None."""
    kind = getattr(settings, "HTTP_CACHE", "")
    if kind == "varnish":
        return Varnish(settings.HTTP_CACHE_PURGE_URLS)
    if kind == "fastly":
        (url,) = settings.HTTP_CACHE_PURGE_URLS
        return Fastly(url, settings.HTTP_CACHE_PURGE_TOKEN)
    return None


def is_private(response):
    """Whether the view kept its page out of every cache (a preview, say)."""
    directives = response.get("Cache-Control", "").lower()
    return "no-store" in directives or "private" in directives


def share(response, names):
    """Mark a page that is the same for every reader as one the HTTP cache
    may keep, named by its versions. Returns whether it did: never for a
    page its view made private."""
    if not enabled() or is_private(response):
        return False
    keys = " ".join(name for name in names if KEY.match(name))
    response["Surrogate-Key"] = response["xkey"] = keys
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={settings.HTTP_CACHE_SECONDS}"
    )
    return True


def purge(names):
    """Drop every page showing these versions from the HTTP cache. Returns
    False if it could not be confirmed (then it is logged)."""
    cache = configured()
    keys = [name for name in dict.fromkeys(names) if KEY.match(name)]
    if cache is None or not keys:
        return True
    try:
        cache.purge(keys)
    except (OSError, urllib.error.URLError) as error:
        logger.warning("HTTP cache purge failed: %s", type(error).__name__)
        return False
    return True


def purge_later(names, delay, attempt=0):
    """Purge again from the durable queue, after `delay` seconds."""
    retry = purge_again
    if not retry.get_backend().supports_defer:
        logger.warning("HTTP cache purge not tried again: no queue that can wait")
        return
    run_after = timezone.now() + timedelta(seconds=delay)
    retry.using(run_after=run_after).enqueue(list(names), attempt)


@task()
def purge_again(names, attempt):
    if purge(names):
        return
    if attempt + 1 < len(RETRY_DELAYS):
        purge_later(names, RETRY_DELAYS[attempt + 1], attempt + 1)
    else:
        logger.error("HTTP cache purge failed after %d tries", attempt + 1)
