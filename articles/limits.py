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
            rate=settings.INSIGHT_RATE_LIMITS[action],
            increment=True,
        )
    except Exception:
        logger.warning("Rate limit for %s not checked: cache unavailable", action)
        return False


def address_hash(request):
    """A keyed hash of the client address: tells people apart, names no one."""
    address = request.META.get("REMOTE_ADDR", "")
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()
