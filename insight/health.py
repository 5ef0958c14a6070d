"""What the site does when the database or the cache is down: a short 503
page instead of an error, and /healthz to say which one is down."""

import logging
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache

from background.queue_state import queue_state

logger = logging.getLogger("django.request")

DATABASE_ERRORS = (OperationalError, InterfaceError)


def service_unavailable():
    """The 503 page. Rendered without the request, so no context processor
    (nor anything else) asks the database."""
    response = HttpResponse(
        render_to_string("503.html", {"site_name": settings.SITE_NAME}), status=503
    )
    response["Retry-After"] = "60"
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error(
            "Database unavailable: %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        response = service_unavailable()
        response._has_been_logged = True  # Django's flag: this is one line, not two
        return response


def server_error(request):
    """handler500: a database outage met outside a view is still a 503."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable()
    return defaults.server_error(request)


def database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DATABASE_ERRORS:
        return False


def cache_is_up():
    key = f"healthz-{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        is_up = cache.get(key) == "ok"
        cache.delete(key)
        return is_up
    except Exception:
        return False


@never_cache
def healthz(request):
    """For load balancers and monitoring: 503 only when the database is down,
    since nothing works without it. Without the cache, pages are still served
    (uncached), so the server answers 200 and says the cache is degraded. The
    queue's depth and oldest task's age are reported, never failed on."""
    database_ok, cache_ok = database_is_up(), cache_is_up()
    if not database_ok:
        status = "unavailable"
    elif not cache_ok:
        status = "degraded"
    else:
        status = "ok"
    report = {
        "status": status,
        "database": "ok" if database_ok else "unavailable",
        "cache": "ok" if cache_ok else "degraded",
    }
    if database_ok:
        # the worker's backlog, for monitoring: a slow worker fails nothing
        # here, nor a queue that cannot be read (its tables not made yet)
        try:
            report["queue"] = queue_state().as_dict()
        except DatabaseError as error:
            logger.warning("Queue not read for /healthz (%s)", type(error).__name__)
            report["queue"] = "unavailable"
    return JsonResponse(report, status=503 if not database_ok else 200)
