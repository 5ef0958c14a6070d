"""Numbers for the operators' monitoring, in Prometheus's text format, at
/metrics, for the addresses in METRICS_ALLOWED_IPS only.

Counted as they happen, in each app process: answers by status, how the page
cache answered readers, and comments posted and held. With more than one
gunicorn worker, PROMETHEUS_MULTIPROC_DIR names an empty directory (the
systemd unit's RuntimeDirectory, emptied at each start) where every worker
keeps its counts, added up when asked. Read from the database when asked
(QUEUE_GAUGES): the queue's depth and its oldest task's age, and mail waiting
and given up on.

prometheus-client alone, rather than django-prometheus: its middleware pair
counts answers in the innermost layer, which never sees the pages the page
cache answers before the view (most of a busy site's traffic).
"""

import ipaddress
import os
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.db.models.signals import post_save
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

ANSWERS = Counter(
    "insight_http_responses", "Answers to requests, by status code", ["status"]
)
PAGE_CACHE = Counter(
    "insight_page_cache",
    "Readers' pages by how the page cache answered: hit (from the cache), "
    "not_modified (a 304), kept (rendered and kept) or rendered (not kept)",
    ["result"],
)
COMMENTS = Counter(
    "insight_comments", "Comments published or held, as they arrive", ["state"]
)

# read from the database when asked, as /healthz reports them
QUEUE_GAUGES = [
    ("insight_queue_depth", "Tasks due to run, not yet started", "depth"),
    (
        "insight_queue_oldest_seconds",
        "How long the longest-waiting task has waited",
        "oldest_seconds",
    ),
    ("insight_mail_waiting", "E-mails not sent yet, retries included", "mail_waiting"),
    (
        "insight_mail_not_sent",
        "E-mails given up on, for an operator to look at",
        "mail_not_sent",
    ),
]


class MetricsMiddleware:
    """Outermost, so it counts every answer, the page cache's included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        ANSWERS.labels(str(response.status_code)).inc()
        result = getattr(request, "page_cache", None)
        if result is not None:
            PAGE_CACHE.labels(result).inc()
        return response


def count_comment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        COMMENTS.labels("published" if instance.is_public else "held").inc()


def connect():
    from discussion.models import ArticleComment

    post_save.connect(count_comment, sender=ArticleComment, dispatch_uid="metrics")


def day_ago():
    return timezone.now() - timedelta(days=1)


class DatabaseCollector:
    def describe(self):
        return []  # so registering it reads nothing from the database

    def collect(self):
        from background.models import OutgoingMail
        from background.queue_state import queue_state

        try:
            state = queue_state()
            sent = OutgoingMail.objects.filter(sent_at__gte=day_ago()).count()
        except DatabaseError:
            return  # the counts still answer while the database cannot
        for name, description, field in QUEUE_GAUGES:
            yield GaugeMetricFamily(name, description, value=getattr(state, field))
        yield GaugeMetricFamily(
            "insight_mail_sent_last_day",
            "E-mails the mail server took in the last 24 hours",
            value=sent,
        )


REGISTRY.register(DatabaseCollector())


# Headers a proxy in front adds (nginx sets both, Varnish the first). A
# request that came through one came from a reader, whatever the address
# that reached this server: the proxy's own, often an allowed 127.0.0.1.
PROXIED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def allowed(request):
    """Only the monitoring hosts, asking this server directly, by the
    address that reached it: never a request a proxy passed on."""
    if any(header in request.META for header in PROXIED):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_IPS
    )


def metrics(request):
    if not allowed(request):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        registry.register(DatabaseCollector())
    response = HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
