"""Per-address rate limits, kept in the configured cache (shared through Redis
when there are several app servers)."""

import hashlib
import hmac
import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def too_many(request, action):
    """Count one more `action` from this address; True once over its limit.

    If the cache cannot be reached the limit is not applied: a reader is never
    refused because of our outage.
    """
    try:
        return is_ratelimited(
            request,
            group=f"insight-{action}",
            key="ip",
            rate=settings.DISCUSSION_RATE_LIMITS[action],
            increment=True,
        )
    except Exception as error:
        logger.warning(
            "Rate limit for %s not checked (%s)", action, type(error).__name__
        )
        return False


def client_ip(request):
    """The reader's address: from the reverse proxy's header when there is one
    (RATELIMIT_IP_META_KEY), else the connecting address."""
    meta_key = settings.RATELIMIT_IP_META_KEY
    if meta_key and request.META.get(meta_key):
        return request.META[meta_key].strip()
    return request.META.get("REMOTE_ADDR") or ""


def address_hash(request):
    """A keyed hash of the client address: tells people apart, names no one."""
    address = client_ip(request)
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()
