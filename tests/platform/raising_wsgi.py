"""The site as gunicorn serves it, with one more address whose view fails
with what a reader sent (raising_urls.py), for the error tracker's tests."""

from django.conf import settings

from insight.wsgi import application  # noqa: F401 (what gunicorn serves)

settings.ROOT_URLCONF = "tests.platform.raising_urls"
