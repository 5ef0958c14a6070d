"""Who a reader is, as limits count them, and per-address rate limits, kept
in the configured cache (shared through Redis when there are several app
servers).

Two sizes: an address (client_address) is what one household or phone is
usually given, an IPv6 /64 or one IPv4 address; rate limits and sign-in
lockouts count it. A network (client_network) is what one home or office
can reach for, an IPv6 /48 or an IPv4 /24 (DISCUSSION_NETWORK_PREFIX_IPV6
and _IPV4): shares of what everyone uses count it, so hopping between the
/64s of one allocation does not make more people: reporters, quick answers
and confirmation e-mails."""

import functools
import hashlib
import hmac
import ipaddress
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
            key=lambda _group, request: client_address(request),
            rate=settings.DISCUSSION_RATE_LIMITS[action],
            increment=True,
        )
    except Exception as error:
        logger.warning(
            "Rate limit for %s not checked (%s)", action, type(error).__name__
        )
        return False


def client_ip(request):
    """The reader's address. Behind a reverse proxy, the address the proxy
    reports (in the header RATELIMIT_IP_META_KEY names), but only when the
    request comes from one of SITE_TRUSTED_PROXIES: anyone else could write
    that header. Otherwise the connecting address."""
    connecting = request.META.get("REMOTE_ADDR") or ""
    meta_key = settings.RATELIMIT_IP_META_KEY
    reported = request.META.get(meta_key, "") if meta_key else ""
    if reported and _is_trusted_proxy(connecting):
        # the address the nearest proxy added comes last
        address = reported.split(",")[-1].strip()
        if _parse(address):
            return address
    return connecting


def client_address(request):
    """The reader's address as per-address limits count it: an IPv6 address
    stands for its /64, written as the /64's first address (so the sign-in
    lockouts can store it as an address: 2001:db8:1:2::)."""
    address = _parse(client_ip(request))
    if address is None:
        return ""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_network(request):
    """The reader's network, as shares count it: the IPv4 /24 or IPv6 /48
    (DISCUSSION_NETWORK_PREFIX_IPV4 and _IPV6) the address is in."""
    address = _parse(client_ip(request))
    if address is None:
        return ""
    prefix = (
        settings.DISCUSSION_NETWORK_PREFIX_IPV6
        if address.version == 6
        else settings.DISCUSSION_NETWORK_PREFIX_IPV4
    )
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def network_hash(request):
    """A keyed hash of the reader's network: tells networks apart, names no one."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_network(request).encode(), hashlib.sha256).hexdigest()


def _parse(address):
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    # an IPv4 reader seen through an IPv6 socket (::ffff:a.b.c.d) is IPv4
    return getattr(parsed, "ipv4_mapped", None) or parsed


def _is_trusted_proxy(address):
    parsed = _parse(address)
    return parsed is not None and any(
        parsed in network for network in _networks(tuple(settings.SITE_TRUSTED_PROXIES))
    )


@functools.lru_cache
def _networks(entries):
    if "*" in entries:
        return (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
