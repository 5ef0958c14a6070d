"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from insight.checks import check_production_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insight.settings")

application = get_asgi_application()

check_production_settings()
