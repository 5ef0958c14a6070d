"""Benchmark settings: the site's own, with DEBUG off, a database of its own
and a URLconf that adds stock django-comments-xtd pages to compare against."""

import os

from insight.settings import *  # noqa: F403
from insight.settings import BASE_DIR, TEMPLATES

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
RESULTS_DIR = BASE_DIR / "bench" / "results"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DB", str(RESULTS_DIR / "bench.sqlite3")),
        "OPTIONS": {"timeout": 20},
    }
}
# the site's embedded default, with the versions' files kept with the results
CACHES = {
    name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    for name in ("default", "pages")
}
CACHES["page-versions"] = {
    "BACKEND": "insight.file_cache.StatCheckedFileCache",
    "LOCATION": RESULTS_DIR / "page-versions",
}
STATIC_ROOT = RESULTS_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static", RESULTS_DIR / "static-src"]
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
