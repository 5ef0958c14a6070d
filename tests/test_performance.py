"""Static files as collectstatic and WhiteNoise serve them in production."""

import re

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

from insight import settings as project_settings

pytestmark = pytest.mark.django_db


def test_static_files_are_hashed_compressed_and_cached_for_a_year(settings, tmp_path):
    """What collectstatic and WhiteNoise serve in production."""
    settings.STATIC_ROOT = tmp_path
    # the project's own storage, which the autouse fixture swaps out
    settings.STORAGES = project_settings.STORAGES
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = [path.name for path in (tmp_path / "css").glob("site.*.css")]
    assert hashed, "site.css has no hashed copy"
    assert (tmp_path / "css" / f"{hashed[0]}.gz").exists()

    # a fresh WhiteNoise reads this STATIC_ROOT, as a new server process would
    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
    response = middleware(RequestFactory().get(f"/static/css/{hashed[0]}"))
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 365 * 24 * 60 * 60
    assert "immutable" in cache_control
