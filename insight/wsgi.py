"""WSGI entry point: gunicorn insight.wsgi."""

import os

from django.core.wsgi import get_wsgi_application

from insight.checks import check_production_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insight.settings")

application = get_wsgi_application()

check_production_settings()
