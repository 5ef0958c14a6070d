"""Production readiness: security headers, settings checks, faults, backups."""

import io
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import Client
from django.urls import include, path, reverse

from discussion.models import ModerationPolicy
from tests.factories import make_article, make_comment
from tests.helpers import post_comment as post_comment_in_process
from tests.platform.servers import (
    AppServer,
    Browser,
    TcpProxy,
    collect_static,
    free_port,
)

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"

SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
]


def assert_secure_headers(response):
    for header in SECURITY_HEADERS:
        assert header in response.headers, header
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_public_page_sends_every_security_header(client, published_article):
    response = client.get(published_article.get_absolute_url(), secure=True)
    assert response.status_code == 200
    assert_secure_headers(response)


def test_admin_login_sends_every_security_header(client, db):
    response = client.get(reverse("admin:login"), secure=True)
    assert response.status_code == 200
    assert_secure_headers(response)


def test_cookies_are_secure_and_http_only(client, admin_user):
    response = client.get(reverse("admin:login"), secure=True)
    csrf_cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"]
    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": "password"},
        secure=True,
    )
    assert response.status_code == 302
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["secure"] and session_cookie["httponly"]


INLINE_CODE = re.compile(
    r"""<style|\sstyle\s*=|<script(?![^>]*\ssrc=)|\son[a-z]+\s*=|javascript:""",
    re.IGNORECASE,
)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20_000,)
    assert connection.transaction_mode == "IMMEDIATE"


def test_debug_mode_reports_rather_than_blocks_inline_code():
    env = production_env(DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    env["DJANGO_DEBUG"] = "1"
    result = run_python(
        "-c",
        "import django; django.setup(); from django.conf import settings;"
        "print(hasattr(settings, 'CONTENT_SECURITY_POLICY'),"
        " 'script-src' in settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES'])",
        env={**env, "DJANGO_SETTINGS_MODULE": "insight.settings"},
    )
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_templates_have_no_inline_script_or_style():
    offenders = [
        f"{path.relative_to(TEMPLATES_DIR)}: {match.group()}"
        for path in TEMPLATES_DIR.rglob("*.html")
        for match in INLINE_CODE.finditer(path.read_text())
    ]
    assert offenders == []


def test_article_page_loads_its_script_deferred(client, published_article):
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert re.search(r'<script src="[^"]*discussion\.js" defer></script>', html)


def production_env(**overrides):
    """The environment of a production app server, for a subprocess."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_")
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="insight.example.gov.uk",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_BEHIND_PROXY="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run_python(*args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


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


@pytest.fixture
def staff_member(django_user_model):
    return django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "right-password-1", is_staff=True
    )


def sign_in(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "moderator", "password": password},
        REMOTE_ADDR="192.0.2.10",
    )


def test_sign_in_locks_after_repeated_failures(client, settings, staff_member):
    settings.AXES_FAILURE_LIMIT = 3
    assert sign_in(client, "wrong-1").status_code == 200
    assert sign_in(client, "wrong-2").status_code == 200
    locked = sign_in(client, "wrong-3")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "You cannot sign in at the moment" in html
    assert "Wait 30 minutes, then try again" in html
    assert "contact an administrator" in html
    # the right password is refused too while locked
    assert sign_in(client, "right-password-1").status_code == 429


def test_axes_reset_unlocks_sign_in(client, settings, staff_member):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "wrong-1")
    assert sign_in(client, "wrong-2").status_code == 429
    call_command("axes_reset", stdout=io.StringIO())
    response = sign_in(client, "right-password-1")
    assert response.status_code == 302


def test_superuser_sees_and_removes_lockouts_in_the_admin(
    client, admin_client, settings, staff_member
):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "wrong-1")
    assert sign_in(client, "wrong-2").status_code == 429
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert admin_client.get(changelist).status_code == 200
    attempt = AccessAttempt.objects.get()
    response = admin_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert sign_in(client, "right-password-1").status_code == 302


@pytest.fixture
def unreachable_redis():
    from insight.cache import FailSoftRedisCache

    cache = FailSoftRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    yield cache
    type(cache._cache)._down_until.clear()


def test_unreachable_redis_cache_reads_as_misses(unreachable_redis, caplog):
    cache = unreachable_redis
    assert cache.get("anything", "missing") == "missing"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("anything") is False
    assert cache.add("key", 1) is False
    cache.set("key", 1)
    cache.set_many({"a": 1})
    cache.delete("key")
    cache.delete_many(["a"])
    assert cache.get_or_set("key", "computed") == "computed"
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert "Cache unavailable (ConnectionError)" in caplog.text


def test_unreachable_redis_is_left_alone_for_a_while(unreachable_redis, caplog):
    cache = unreachable_redis
    started = time.monotonic()
    for _ in range(100):
        cache.get("anything")
    assert time.monotonic() - started < 2
    assert caplog.text.count("Cache unavailable") == 1


@pytest.fixture
def full_redis(tmp_path):
    """A real Redis with almost no memory, which refuses to store more."""
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("needs redis-server")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(tmp_path)]
        + ["--maxmemory", "2mb", "--maxmemory-policy", "noeviction"],
        stdout=subprocess.DEVNULL,
    )
    from insight.cache import FailSoftRedisCache

    cache = FailSoftRedisCache(f"redis://127.0.0.1:{port}/0", {})
    deadline = time.monotonic() + 10
    while cache.add("started", 1) is False and time.monotonic() < deadline:
        type(cache._cache)._down_until.clear()
        time.sleep(0.1)
    yield cache
    process.terminate()
    process.wait(timeout=10)
    type(cache._cache)._down_until.clear()


def test_a_full_redis_refusing_a_page_is_not_taken_for_down(full_redis, caplog):
    cache = full_redis
    cache.set("rate-limit-count", 3)
    cache.set("page", "x" * 4_000_000)  # refused: Redis is out of memory

    assert cache.get("page") is None
    # what Redis holds is still read, rate-limit counts included
    assert cache.get("rate-limit-count") == 3
    assert "Cache refused a command (OutOfMemoryError)" in caplog.text


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (the CI's second run)"
)
def test_fail_soft_cache_works_when_redis_is_up():
    from django.core.cache import caches

    from insight.cache import FailSoftRedisCache

    cache = caches["default"]
    assert isinstance(cache, FailSoftRedisCache)
    cache.set("production-test", {"value": 1}, 30)
    assert cache.get("production-test") == {"value": 1}
    cache.delete("production-counter")
    assert cache.add("production-counter", 1) is True
    assert cache.incr("production-counter") == 2


def refuse_database_connections(monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    connection.close()
    monkeypatch.setattr(connection, "get_new_connection", refuse)


@pytest.fixture
def database_down(transactional_db, monkeypatch):
    """The database refuses connections until the test calls the result."""
    from django.db import connection

    refuse_database_connections(monkeypatch)

    def bring_back():
        monkeypatch.undo()
        connection.close()

    yield bring_back
    bring_back()


def test_healthz_is_ok_when_everything_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_pages_answer_503_while_the_database_is_down(
    client, published_article, database_down
):
    url = published_article.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "Traceback" not in html
    assert response.headers["Retry-After"]
    assert "Content-Security-Policy" in response.headers

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
    }

    database_down()
    assert client.get(url).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_readers_still_get_cached_article_pages_while_the_database_is_down(
    client, published_article, transactional_db, monkeypatch
):
    ModerationPolicy.current()  # made on first use, which changes every page
    url = published_article.get_absolute_url()
    assert client.get(url).status_code == 200  # now in the cache

    refuse_database_connections(monkeypatch)
    cached = client.get(url)
    not_cached = client.get(f"{url}?page=2")
    monkeypatch.undo()

    assert cached.status_code == 200
    assert published_article.title in cached.content.decode()
    assert not_cached.status_code == 503


def test_database_error_outside_a_view_is_a_503(rf):
    from django.db import OperationalError

    from insight.health import server_error

    try:
        raise OperationalError("the database went away")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503


def test_other_errors_still_show_the_500_page(rf):
    from insight.health import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def fail_with_personal_data(request):
    raise ValueError(f"could not save {request.POST.get('email')}")


urlpatterns = [
    path("fail/", fail_with_personal_data),
    path("", include("insight.urls")),
]


@pytest.fixture
def log_lines():
    """What the configured formatter writes, line by line."""
    from insight.log import OneLineFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        OneLineFormatter(settings.LOGGING["formatters"]["one_line"]["format"])
    )
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: stream.getvalue().splitlines()
    root.removeHandler(handler)


def test_logs_go_to_standard_output_one_line_each():
    assert settings.LOGGING["handlers"]["stdout"]["stream"] == "ext://sys.stdout"
    assert settings.LOGGING["root"]["handlers"] == ["stdout"]


def test_request_error_is_one_line_without_personal_data(settings, log_lines):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.post(
        "/fail/", {"email": "reader@example.org", "comment": "My private words"}
    )
    assert response.status_code == 500
    [line] = log_lines()
    assert "ERROR django.request" in line
    assert "/fail/" in line
    assert "ValueError at tests/test_production.py:" in line
    assert "reader@example.org" not in line
    assert "private words" not in line


def test_log_lines_hide_addresses_and_confirmation_links(log_lines):
    logging.getLogger("django.request").warning(
        "Bad Request: %s", "/comments/confirm/eyJhIjoiYiJ9:1abc:xyz/ for a@b.example"
    )
    [line] = log_lines()
    assert line.endswith("Bad Request: /comments/confirm/[link]/ for [email]")


# The site as production runs it: gunicorn in its own process, behind what a
# reverse proxy would send, with the database and cache cut off and restored.


@pytest.fixture(scope="session")
def static_files():
    collect_static()


class SqliteSwitch:
    """A copy of the test database that can be taken away and put back."""

    def __init__(self, directory):
        self.live = directory / "data"
        self.away = directory / "away"
        self.live.mkdir()
        self.url = f"sqlite:///{self.live / 'db.sqlite3'}"
        self.extra_env = {"DATABASE_CONN_MAX_AGE": "0"}

    def copy_test_database(self):
        from django.db import connection

        source = sqlite3.connect(connection.settings_dict["NAME"])
        target = sqlite3.connect(self.live / "db.sqlite3")
        with target:
            source.backup(target)
        source.close()
        target.close()

    def comments(self):
        with closing(sqlite3.connect(self.live / "db.sqlite3")) as database:
            return [
                text
                for (text,) in database.execute(
                    "SELECT comment FROM django_comments ORDER BY id"
                )
            ]

    def down(self):
        self.live.rename(self.away)

    def up(self):
        self.away.rename(self.live)


class PostgresSwitch:
    """The test database through a proxy that can be closed and reopened."""

    def __init__(self):
        from django.db import connection

        database = connection.settings_dict
        self.proxy = TcpProxy(database["HOST"] or "127.0.0.1", database["PORT"] or 5432)
        credentials = database["USER"]
        if database["PASSWORD"]:
            credentials += f":{database['PASSWORD']}"
        self.url = (
            f"postgres://{credentials}@127.0.0.1:{self.proxy.port}/{database['NAME']}"
        )
        self.extra_env = {}

    def copy_test_database(self):
        pass  # the server uses the test database itself

    def comments(self):
        from discussion.models import ArticleComment

        return list(
            ArticleComment.objects.order_by("pk").values_list("comment", flat=True)
        )

    def down(self):
        self.proxy.close()

    def up(self):
        self.proxy.open()


@pytest.fixture
def database_switch(transactional_db, tmp_path):
    from django.db import connection

    if connection.vendor == "sqlite":
        switch = SqliteSwitch(tmp_path)
        yield switch
    else:
        switch = PostgresSwitch()
        yield switch
        switch.proxy.close()


@pytest.fixture
def site_data(transactional_db, django_user_model):
    article = make_article(title="Outage piece", slug="outage-piece")
    django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "right-password-1", is_staff=True
    )
    return article


@pytest.fixture
def start_server(static_files, tmp_path):
    servers = []

    def start(**env):
        server = AppServer(
            production_env(DJANGO_ALLOWED_HOSTS="127.0.0.1", **env),
            tmp_path / f"server-{len(servers)}.log",
        )
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def post_comment(browser, article_path, text):
    form = browser.comment_form(article_path)
    return browser.post(
        "/comments/post/",
        {
            **form,
            "comment": text,
            "name": "Moderator",
            "email": "moderator@example.org",
            "post": "",
        },
    )


def test_database_outage_gives_503_then_service_resumes_with_nothing_lost(
    site_data, database_switch, start_server
):
    database_switch.copy_test_database()
    server = start_server(DATABASE_URL=database_switch.url, **database_switch.extra_env)
    browser = Browser(server.url, https=True)
    article_path = site_data.get_absolute_url()
    browser.sign_in("moderator", "right-password-1")
    form = browser.comment_form(article_path)
    first = post_comment(browser, article_path, "Before the outage")
    assert first.status == 302, first.text

    database_switch.down()
    page = browser.get(article_path)
    assert page.status == 503
    assert "Sorry, the service is unavailable" in page.text
    assert "Traceback" not in page.text
    health = browser.get("/healthz")
    assert health.status == 503
    assert json.loads(health.body) == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
    }
    refused = browser.post(
        "/comments/post/",
        {**form, "comment": "During the outage", "name": "M", "post": ""},
    )
    assert refused.status == 503

    database_switch.up()
    assert browser.get("/healthz").status == 200
    page = browser.get(article_path)
    assert page.status == 200
    assert "Before the outage" in page.text
    assert post_comment(browser, article_path, "After the outage").status == 302
    assert database_switch.comments() == ["Before the outage", "After the outage"]

    output = server.output
    assert "Traceback" not in output
    assert "moderator@example.org" not in output
    assert re.search(
        r"ERROR django.request: Database unavailable: GET /insight/", output
    )


def test_cache_outage_still_serves_pages(site_data, database_switch, start_server):
    database_switch.copy_test_database()
    server = start_server(
        DATABASE_URL=database_switch.url,
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        **database_switch.extra_env,
    )
    browser = Browser(server.url, https=True)
    article_path = site_data.get_absolute_url()
    assert browser.get("/").status == 200
    assert browser.get(article_path).status == 200
    assert browser.get("/search/?q=outage").status == 200
    health = browser.get("/healthz")
    assert health.status == 503
    assert json.loads(health.body) == {
        "status": "unavailable",
        "database": "ok",
        "cache": "unavailable",
    }
    browser.sign_in("moderator", "right-password-1")
    assert post_comment(browser, article_path, "Without a cache").status == 302
    assert database_switch.comments() == ["Without a cache"]
    assert "Cache unavailable (ConnectionError)" in server.output
    assert "Traceback" not in server.output


def test_without_redis_every_worker_shows_a_new_comment_at_once(
    site_data, database_switch, start_server, tmp_path
):
    database_switch.copy_test_database()
    server = start_server(
        DATABASE_URL=database_switch.url,
        REDIS_URL="",  # each worker caches pages in its own memory
        PAGE_VERSIONS_DIR=str(tmp_path / "page-versions"),
        **database_switch.extra_env,
    )
    article_path = site_data.get_absolute_url()

    def readers_see(count=24):
        # at once, so that both workers answer (and cache the page)
        with ThreadPoolExecutor(max_workers=8) as pool:
            pages = pool.map(
                lambda _: Browser(server.url, https=True).get(article_path),
                range(count),
            )
            return [page.text for page in pages if page.status == 200]

    assert len(readers_see()) == 24
    moderator = Browser(server.url, https=True)
    moderator.sign_in("moderator", "right-password-1")
    assert post_comment(moderator, article_path, "Seen by every worker").status == 302

    pages = readers_see()
    assert len(pages) == 24
    assert all("Seen by every worker" in page for page in pages)


def test_server_redirects_plain_http_but_not_health_checks(site_data, start_server):
    server = start_server()
    plain = Browser(server.url)
    response = plain.get("/")
    assert response.status == 301
    assert response.headers["Location"].startswith("https://")
    assert plain.get("/healthz").status in (200, 503)
    secure = Browser(server.url, https=True).get("/")
    assert "Strict-Transport-Security" in secure.headers


def test_rate_limits_count_the_address_the_proxy_reports(rf, settings):
    from discussion.limits import client_ip, too_many

    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "comment": "2/m",
    }

    def from_reader(address):
        return rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=address)

    assert client_ip(from_reader("198.51.100.7")) == "198.51.100.7"
    assert [too_many(from_reader("198.51.100.7"), "comment") for _ in range(3)] == [
        False,
        False,
        True,
    ]
    # another reader behind the same proxy is not held back
    assert too_many(from_reader("198.51.100.8"), "comment") is False


def test_rate_limits_let_readers_through_when_the_cache_is_down(rf, settings):
    from discussion.limits import too_many

    settings.CACHES = {
        "default": {
            "BACKEND": "insight.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "comment": "1/m",
    }
    request = rf.post("/", REMOTE_ADDR="198.51.100.7")
    assert [too_many(request, "comment") for _ in range(3)] == [False] * 3


def test_sign_in_throttle_counts_the_address_the_proxy_reports(
    client, settings, django_user_model
):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    settings.AXES_FAILURE_LIMIT = 2
    django_user_model.objects.create_user("other", password="right-password-2")

    def attempt(username, password, address):
        return client.post(
            reverse("admin:login"),
            {"username": username, "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_REAL_IP=address,
        )

    attempt("nobody", "wrong", "198.51.100.7")
    assert attempt("nobody-else", "wrong", "198.51.100.7").status_code == 429
    # a different reader behind the same proxy may still sign in
    response = attempt("other", "right-password-2", "198.51.100.8")
    assert response.status_code == 200  # not staff, so the form again; not locked
    assert "You cannot sign in" not in response.content.decode()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite only",
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_holds_every_comment_while_readers_keep_posting(tmp_path):
    from discussion.models import ArticleComment

    article = make_article()
    for number in range(20):
        make_comment(article, comment=f"Stored before the backup {number}")

    keep_posting = threading.Event()

    def post_more():
        number = 0
        while not keep_posting.is_set() and number < 200:
            make_comment(article, comment=f"Posted during the backup {number}")
            number += 1
        connections.close_all()

    writer = threading.Thread(target=post_more)
    writer.start()
    output = io.StringIO()
    try:
        call_command("backup_sqlite", str(tmp_path / "copy.sqlite3"), stdout=output)
    finally:
        keep_posting.set()
        writer.join(timeout=60)
    assert "Copied" in output.getvalue()

    copy_path = tmp_path / "copy.sqlite3"
    with closing(sqlite3.connect(copy_path)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        texts = {row[0] for row in copy.execute("SELECT comment FROM django_comments")}
        extension_rows = copy.execute(
            "SELECT count(*) FROM discussion_articlecomment"
        ).fetchone()[0]
    assert {f"Stored before the backup {number}" for number in range(20)} <= texts
    assert extension_rows == len(texts)
    assert len(texts) <= ArticleComment.objects.count()
    assert list(tmp_path.iterdir()) == [copy_path]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite only",
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_opens_as_the_sites_database(tmp_path):
    article = make_article(title="Restored piece", slug="restored-piece")
    make_comment(article, comment="Kept through the restore")
    call_command("backup_sqlite", str(tmp_path / "copy.sqlite3"), stdout=io.StringIO())
    result = run_python(
        "manage.py",
        "shell",
        "-c",
        "from discussion.models import ArticleComment;"
        "print(list(ArticleComment.objects.values_list('comment', flat=True)))",
        env={
            **production_env(),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'copy.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "['Kept through the restore']" in result.stdout


def test_backup_command_refuses_other_databases(monkeypatch, tmp_path):
    monkeypatch.setattr(connections["default"], "vendor", "postgresql")
    monkeypatch.setattr(connections["default"], "display_name", "PostgreSQL")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup_sqlite", str(tmp_path / "copy.sqlite3"))
    assert list(tmp_path.iterdir()) == []


def test_failed_confirmation_email_is_told_and_logged_without_personal_data(
    client, settings, published_article, log_lines
):
    from discussion.models import ArticleComment

    settings.EMAIL_BACKEND = "tests.failing_email.FailingEmailBackend"
    response = post_comment_in_process(
        client,
        published_article,
        comment="Words I do not want to lose",
        email="writer@example.org",
    )
    assert response.status_code == 503
    assert "We could not send the email to confirm your comment" in (
        response.content.decode()
    )
    assert not ArticleComment.objects.exists()
    lines = [line for line in log_lines() if "Confirmation e-mail" in line]
    assert len(lines) == 1
    assert "ConnectionRefusedError" in lines[0]
    assert "writer@example.org" not in "\n".join(log_lines())
    assert "do not want to lose" not in "\n".join(log_lines())
