"""Logs: one line a record on standard output, without e-mail addresses,
comment text or confirmation links."""

import io
import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import include, path

from tests.helpers import post_comment


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
    assert "ValueError at tests/platform/test_logging.py:" in line
    assert "reader@example.org" not in line
    assert "private words" not in line


def test_log_lines_hide_addresses_and_confirmation_links(log_lines):
    logging.getLogger("django.request").warning(
        "Bad Request: %s", "/comments/confirm/eyJhIjoiYiJ9:1abc:xyz/ for a@b.example"
    )
    [line] = log_lines()
    assert line.endswith("Bad Request: /comments/confirm/[link]/ for [email]")


def test_failed_confirmation_email_is_told_and_logged_without_personal_data(
    client, settings, published_article, log_lines
):
    from discussion.models import ArticleComment

    settings.EMAIL_BACKEND = "tests.failing_email.FailingEmailBackend"
    response = post_comment(
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
