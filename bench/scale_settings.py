"""Settings for the benchmark at scale: the site's own, with DEBUG off, on a
PostgreSQL database of its own (insight_bench_scale) and the public URLs only."""

import os

import dj_database_url

from insight.settings import *  # noqa: F403
from insight.settings import BASE_DIR

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "insight.urls"
RESULTS_DIR = BASE_DIR / "bench" / "results"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get(
            "BENCH_SCALE_DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/insight_bench_scale",
        ),
        conn_max_age=600,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
# the site's embedded default, with the versions' files kept with the results
CACHES = {
    name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    for name in ("default", "pages")
}
CACHES["page-versions"] = {
    "BACKEND": "insight.file_cache.StatCheckedFileCache",
    "LOCATION": RESULTS_DIR / "scale-page-versions",
}
# No collectstatic before each run: static URLs without the manifest's hashes.
STATIC_ROOT = RESULTS_DIR / "scale-static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
