"""Security headers on every page, secure cookies, and no inline script or
style for the Content-Security-Policy to block."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.helpers import production_env, run_python

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
    # links to other sites do not tell them which page (an article, a search) the
    # reader came from
    assert response.headers["Referrer-Policy"] == "same-origin"
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


def test_the_quick_answer_cookie_is_secure_and_http_only(client, published_article):
    from discussion.answers import READER_COOKIE

    point = published_article.points.get()
    response = client.post(
        reverse("discussion:answer", args=[published_article.slug, point.pk]),
        {"answer": "agree"},
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies[READER_COOKIE]
    assert cookie["secure"] and cookie["httponly"]


INLINE_CODE = re.compile(
    r"""<style|\sstyle\s*=|<script(?![^>]*\ssrc=)|\son[a-z]+\s*=|javascript:""",
    re.IGNORECASE,
)


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
