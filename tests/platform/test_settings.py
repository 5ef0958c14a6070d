"""Production settings: the deploy checks, refusing to start without a secret
key and hosts, SQLite tuned for many readers, and static files as
collectstatic and WhiteNoise serve them."""

import re

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

from insight import settings as project_settings
from tests.helpers import production_env, run_python


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20_000,)
    assert connection.transaction_mode == "IMMEDIATE"


def test_deploy_check_passes_with_production_settings():
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_secret_key_and_hosts():
    env = production_env(DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    result = run_python("manage.py", "check", "--deploy", env=env)
    assert result.returncode != 0
    assert "insight.E001" in result.stderr
    assert "insight.E002" in result.stderr


@pytest.mark.parametrize(
    "http_cache",
    [
        {"HTTP_CACHE": "squid"},
        {"HTTP_CACHE": "fastly"},  # no purge address of its own, no token
        {"HTTP_CACHE": "fastly", "HTTP_CACHE_PURGE_TOKEN": "t"},
        {"HTTP_CACHE": "varnish", "HTTP_CACHE_PURGE_URLS": " "},
        {"HTTP_CACHE": "varnish"},
    ],
)
def test_an_http_cache_the_site_cannot_purge_stops_it_starting(http_cache):
    result = run_python("-c", "import insight.wsgi", env=production_env(**http_cache))
    assert result.returncode != 0
    assert "HTTP_CACHE" in result.stderr


@pytest.mark.parametrize(
    "http_cache",
    [
        {"HTTP_CACHE": "varnish", "HTTP_CACHE_PURGE_URLS": "http://10.0.0.5:6081"},
        {
            "HTTP_CACHE": "fastly",
            "HTTP_CACHE_PURGE_URLS": "https://api.fastly.com/service/SU1/purge",
            "HTTP_CACHE_PURGE_TOKEN": "token",
        },
    ],
)
def test_an_http_cache_it_can_purge_passes_the_deploy_check(http_cache):
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(**http_cache),
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("entry_point", ["insight.wsgi", "insight.asgi"])
@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_site_refuses_to_start_without_production_settings(entry_point, missing):
    result = run_python(
        "-c", f"import {entry_point}", env=production_env(**{missing: None})
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize("entry_point", ["insight.wsgi", "insight.asgi"])
def test_site_starts_with_production_settings(entry_point):
    result = run_python("-c", f"import {entry_point}", env=production_env())
    assert result.returncode == 0, result.stderr


def test_site_starts_for_local_work_in_debug_mode():
    env = production_env(DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    env["DJANGO_DEBUG"] = "1"
    assert run_python("-c", "import insight.wsgi", env=env).returncode == 0


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


@pytest.mark.parametrize(
    "key",
    [
        "ключ-безопасности-" * 4,
        "key-with-a-newline\n" + "x" * 50,
        "tab\tseparated-" + "y" * 50,
    ],
)
def test_deploy_check_refuses_a_secret_key_that_is_not_printable_ascii(key):
    result = run_python(
        "manage.py", "check", "--deploy", env=production_env(DJANGO_SECRET_KEY=key)
    )
    assert result.returncode != 0
    assert "printable ASCII" in result.stderr
