"""Settings a public site must have. The app servers refuse to start without
them (wsgi.py, asgi.py), and `manage.py check --deploy` reports them."""

import os

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .site import LOCAL_SITE_URL


def production_problems():
    """(check id, message) for what stops these settings serving the public."""
    if settings.DEBUG:
        return []
    problems = []
    key = settings.SECRET_KEY
    if key.startswith("django-insecure") or len(key) < 50 or len(set(key)) < 5:
        problems.append(
            (
                "insight.E001",
                "DJANGO_SECRET_KEY must be set to a long random value (50 or "
                "more characters) when DJANGO_DEBUG is off.",
            )
        )
    elif not (key.isascii() and key.isprintable()):
        # signed links and keyed hashes need it as bytes, the same everywhere
        problems.append(
            (
                "insight.E003",
                "DJANGO_SECRET_KEY must be printable ASCII: letters, digits and "
                "punctuation, with no control characters.",
            )
        )
    if settings.SITE_URL.rstrip("/") == LOCAL_SITE_URL:
        problems.append(
            (
                "insight.E004",
                "SITE_URL must be set to the site's public address, for example "
                "https://insight.example.gov.uk, when DJANGO_DEBUG is off: links "
                "in e-mails, feeds and the sitemap use it.",
            )
        )
    if not os.environ.get("DJANGO_ALLOWED_HOSTS", "").strip():
        problems.append(
            (
                "insight.E002",
                "DJANGO_ALLOWED_HOSTS must name the site's host names when "
                "DJANGO_DEBUG is off.",
            )
        )
    problems += http_cache_problems()
    return problems


def http_cache_problems():
    kind, urls = settings.HTTP_CACHE, settings.HTTP_CACHE_PURGE_URLS
    if kind not in ("", "varnish", "fastly"):
        return [("insight.E005", "HTTP_CACHE must be varnish, fastly or unset.")]
    if kind == "fastly" and (len(urls) != 1 or not settings.HTTP_CACHE_PURGE_TOKEN):
        return [
            (
                "insight.E005",
                "With HTTP_CACHE=fastly, set HTTP_CACHE_PURGE_URLS to the service's "
                "purge address (https://api.fastly.com/service/<id>/purge) and "
                "HTTP_CACHE_PURGE_TOKEN to an API token that may purge.",
            )
        ]
    if kind and not urls:
        return [("insight.E005", "HTTP_CACHE_PURGE_URLS must name the HTTP cache.")]
    return []


def check_production_settings():
    """Raise ImproperlyConfigured rather than serve with unsafe settings."""
    problems = production_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(message for _id, message in problems))


@checks.register(checks.Tags.security, deploy=True)
def production_settings_check(app_configs, **kwargs):
    return [checks.Error(message, id=id_) for id_, message in production_problems()]
