"""Settings for Insight. Values that differ between deployments come from the
environment (see .env.example); everything else is a constant."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from insight.env import env_bool, env_int, env_list
from insight.error_tracking import start as start_error_tracking
from insight.log import logging_settings
from insight.media import s3_storage

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-local-only")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "insight.apps.InsightAdminConfig",  # Django's admin, on our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django_comments_xtd",
    "django_comments",
    "taggit",
    "reversion",
    "import_export",
    "articles",
    "discussion",  # after xtd, so its ready() can adjust what xtd wired up
    "pagecache",
    "insight",
    "csp",
    "axes",
    "django_tasks_db",
    "background",  # queued e-mail and scheduled jobs: manage.py run_worker
]

MIDDLEWARE = [
    "insight.metrics.MetricsMiddleware",  # outermost: counts every answer
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readers' cached pages are answered here: everything above still adds
    # its headers; the headers the three below add are kept with the page;
    # nothing below runs for them.
    "pagecache.middleware.ReaderPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "insight.health.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "insight.middleware.PrivateForSignedInUsersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "insight.urls"
WSGI_APPLICATION = "insight.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "insight.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers may comment at once. WAL lets them read while one writes;
    # IMMEDIATE takes the write lock when a transaction begins, so a writer
    # waits (up to the timeout, in seconds) instead of failing with "database
    # is locked" when it upgrades a read to a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
    # A file, not memory, so a live test server's threads share one database.
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / "test-db.sqlite3"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database answers in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default": rate-limit counts and the like; "pages": readers' whole pages and
# "page-versions" their versions (pagecache/), apart from the counts.
if os.environ.get("REDIS_URL"):
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "insight")
    CACHES = {
        name: {
            # Django's Redis cache; if Redis is down, pages are still served.
            "BACKEND": "insight.cache.FailSoftRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for name, prefix in [
            ("default", CACHE_KEY_PREFIX),
            ("pages", f"{CACHE_KEY_PREFIX}-pages"),
            ("page-versions", f"{CACHE_KEY_PREFIX}-pages"),
        ]
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # up to 300 pages (locmem's default) of about 100 KB per worker
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
        },
        # In files, shared by every worker process on this machine: a change
        # seen by one worker reaches the pages every worker has kept.
        "page-versions": {
            "BACKEND": "insight.file_cache.StatCheckedFileCache",
            "LOCATION": os.environ.get("PAGE_VERSIONS_DIR")
            or BASE_DIR / ".cache" / "page-versions",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, to refuse locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling (django-axes): after this many failures for one username
# from one address (an IPv6 /64), sign-in is refused for the cool-off time. Superusers
# unlock in the admin ("Access attempts") or with `manage.py axes_reset`.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# Keep failed sign-ins only (for the lockout), not a record of every
# successful one: who signed in, from where and with which browser.
AXES_DISABLE_ACCESS_LOG = True
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
# Keyed by both, so a stranger cannot lock a known username out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# An IPv6 client is counted by its /64 (stored as its first address), as the
# rest of the site counts an address: one household's /64 is one address.
AXES_CLIENT_IP_CALLABLE = "discussion.limits.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["insight.formats"]
# "2:05pm" rather than Django's "2:05 p.m.", in pages and the admin's scripts
LOCALE_PATHS = [BASE_DIR / "insight" / "locale"]

STATIC_URL = "static/"
# collectstatic's output, which the proxy serves at /static/ in production.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Pictures editors upload: in MEDIA_ROOT, served by the proxy in production (or
# Django, with DJANGO_SERVE_MEDIA), or in a bucket (MEDIA_STORAGE=s3; media.py).
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
MEDIA_ORIGINS = []  # where pictures come from, if not this site (CSP img-src)
if os.environ.get("MEDIA_STORAGE") == "s3":
    STORAGES["default"], MEDIA_ORIGINS = s3_storage(os.environ)

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# E-mail: printed to the console unless an SMTP host is given.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Insight <insight@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # background/
ADMINS = [("Operator", address) for address in env_list("DJANGO_ADMINS")]

SITE_ID = 1
# The public address: links in e-mails, feeds, the sitemap, robots.txt and the
# admin's "View on site".
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = "Insight"
# Who publishes the site, shown in the header, e-mails and feeds.
SITE_ORGANISATION = os.environ.get("SITE_ORGANISATION", "Insight editorial team")
# A phase banner ("beta", say) while the service is new; empty for none.
SITE_PHASE = os.environ.get("SITE_PHASE", "beta")
SITE_STRAPLINE = (
    "Opinion, comments and learning from experts and people using systems "
    "leadership approaches across public services in England. Give us your views "
    "using the comment box at the end of each article."
)
ARTICLES_PER_PAGE = 10
# "Housing" and "housing" are one topic.
TAGGIT_CASE_INSENSITIVE = True

# Discussion: django-comments-xtd with our comment model and form.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "discussion.models.ArticleComment"
COMMENTS_XTD_FORM_CLASS = "discussion.forms.CommentForm"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # a comment, a reply, a reply to that
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_THREADED_EMAILS = False  # xtd's threads would swallow errors
COMMENTS_XTD_SALT = b"insight-comments"
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENT_MAX_LENGTH = 3000
# A commenter may take their time: the form stays valid for a week (WCAG 2.2.1).
COMMENTS_TIMEOUT = 7 * 24 * 60 * 60
# Per-address limits (django-ratelimit rates) on sending comments and reports.
# Behind a proxy, RATELIMIT_IP_META_KEY names the request.META key holding the
# reader's address (HTTP_X_REAL_IP for nginx's X-Real-IP), used by rate limits,
# sign-in throttling and stored comments; unset, REMOTE_ADDR is used.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# ...and that header is believed only from these addresses (or networks): the
# same list gunicorn trusts. "*" trusts every peer: only behind a firewall.
SITE_TRUSTED_PROXIES = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# An HTTP cache in front: "varnish" or "fastly" (pagecache/http_cache.py).
HTTP_CACHE = os.environ.get("HTTP_CACHE", "")
HTTP_CACHE_PURGE_URLS = env_list("HTTP_CACHE_PURGE_URLS")
HTTP_CACHE_PURGE_TOKEN = os.environ.get("HTTP_CACHE_PURGE_TOKEN", "")
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 60)
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")  # /metrics
# If the cache is down, let readers through rather than refuse them.
RATELIMIT_FAIL_OPEN = True
DISCUSSION_RATE_LIMITS = {
    "comment": "10/10m",
    "reply": "20/10m",
    "report": "10/h",
    "answer": "30/m",  # quick answers, and withdrawing them
}
# A network, for the shares below, reports and quick answers: the IPv4 /24 or
# IPv6 /48 an address is in (one home's allocation is a /48 or /56, and hopping
# between its /64s makes no more people). Rate limits count each /64.
DISCUSSION_NETWORK_PREFIX_IPV4 = env_int("DISCUSSION_NETWORK_PREFIX_IPV4", 24)
DISCUSSION_NETWORK_PREFIX_IPV6 = env_int("DISCUSSION_NETWORK_PREFIX_IPV6", 48)
# A point takes quick answers from at most this many readers on one network
# (one office, one home): a reader who clears their cookie is a new reader.
DISCUSSION_ANSWERS_PER_NETWORK = env_int("DISCUSSION_ANSWERS_PER_NETWORK", 50)
# Long discussions are paged by top-level thread.
DISCUSSION_THREADS_PER_PAGE = 30
# Reports from this many different networks hold a comment for a moderator.
DISCUSSION_REPORTS_TO_HOLD = 3
# A confirmation link works this many days; then its pending comment is purged.
DISCUSSION_CONFIRMATION_DAYS = env_int("DISCUSSION_CONFIRMATION_DAYS", 7)
# Confirmation e-mails: at most this many to one address, asked for from one
# network, and in all, an hour. A network's share comes first, so one network
# cannot use up everyone's e-mails.
DISCUSSION_CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 3
DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = env_int(
    "DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR", 20
)
DISCUSSION_CONFIRMATIONS_PER_HOUR = env_int("DISCUSSION_CONFIRMATIONS_PER_HOUR", 300)
# Search shows published comments as a section of its results.
DISCUSSION_SEARCH_COMMENTS = env_bool("DISCUSSION_SEARCH_COMMENTS", True)

# Security. Cookies are HTTPS-only unless debugging; HSTS goes with HTTPS
# answers only; the proxy (or DJANGO_SECURE_SSL_REDIRECT) redirects plain HTTP.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe app servers directly
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if env_bool("DJANGO_BEHIND_PROXY"):
    # Only behind a proxy that sets this header itself; otherwise anyone could.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere, the admin included.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *MEDIA_ORIGINS],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
if DEBUG:
    # Django's debug pages use inline styles and scripts: report, don't block.
    CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY
    del CONTENT_SECURITY_POLICY
PERMISSIONS_POLICY = {
    feature: []
    for feature in "accelerometer autoplay camera display-capture geolocation "
    "gyroscope magnetometer microphone midi payment usb".split()
}

# One line a record on standard output, without personal data (insight/log.py).
LOGGING = logging_settings(os.environ.get("DJANGO_LOG_LEVEL", "WARNING"))

# Errors to Sentry, scrubbed of personal data, when SENTRY_DSN is set
start_error_tracking(os.environ.get("SENTRY_DSN"), os.environ.get("SENTRY_ENVIRONMENT"))
