"""Soak settings: the site's own, as deployed at scale (PostgreSQL and Redis
from DATABASE_URL and REDIS_URL), with DEBUG off and the results beside the
benchmark's."""

from insight.settings import *  # noqa: F403
from insight.settings import BASE_DIR

DEBUG = False
RESULTS_DIR = BASE_DIR / "bench" / "results"
STATIC_ROOT = RESULTS_DIR / "static"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
