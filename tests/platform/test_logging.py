"""Logs: one line a record on standard output, without e-mail addresses,
client addresses, comment text, query strings, exception messages or
confirmation and mute links."""

import io
import logging
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import include, path

from tests.helpers import post_comment


def fail_with_personal_data(request):
    raise ValueError(f"could not save {request.POST.get('email')}")


def fail_with_a_message(request):
    raise ValueError(f"secret words from {request.GET.get('q')}")


urlpatterns = [
    path("fail/", fail_with_personal_data),
    path("fail-with-a-message/", fail_with_a_message),
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
    # and errors to ADMINS, if set, in the same one-line form, through the queue
    assert settings.LOGGING["root"]["handlers"] == ["stdout", "mail_admins"]
    assert settings.LOGGING["handlers"]["mail_admins"]["class"] == (
        "background.log.QueuedAdminEmailHandler"
    )


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


def test_a_request_error_logs_neither_the_exceptions_message_nor_the_query(
    settings, log_lines
):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/fail-with-a-message/", {"q": "my private search"})
    assert response.status_code == 500
    [line] = log_lines()
    assert re.search(
        r"Internal Server Error: /fail-with-a-message/ "
        r"\[ValueError at tests/platform/test_logging.py:\d+\]$",
        line,
    )
    assert "secret words" not in line
    assert "private" not in line


@pytest.mark.parametrize(
    "address",
    [
        "/search/?q=my+private+search",
        "/insight/some-article/?perspective=1&email=a%40b.example",
        "https://insight.example.gov.uk/?utm_source=newsletter-for-priya",
    ],
)
def test_log_lines_hold_no_query_strings(log_lines, address):
    logging.getLogger("django.request").warning("Not Found: %s", address)
    [line] = log_lines()
    assert "?" not in line
    assert line.endswith(f"Not Found: {address.split('?')[0]}")


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


def test_log_lines_shorten_mute_links(log_lines):
    logging.getLogger("django.request").warning(
        "Bad Request: %s", "/comments/mute/eyJjIjo0Mn0:1tQx:Zm9vYmFy/"
    )
    [line] = log_lines()
    assert line.endswith("Bad Request: /comments/mute/[link]/")


IPV6_ADDRESSES = [
    "2001:db8::1",
    "2001:db8:85a3:0:0:8a2e:370:7334",
    "2001:0DB8:0000:0000:0008:0800:200C:417A",
    "fe80::1ff:fe23:4567:890a",
    "::1",
    "2001:db8:1:2::",
    "2001:db8:1:2::/64",
]


@pytest.mark.parametrize("address", IPV6_ADDRESSES)
def test_log_lines_hide_ipv6_addresses(log_lines, address):
    logging.getLogger("discussion").warning("Refused a post from %s today", address)
    [line] = log_lines()
    assert line.endswith("Refused a post from [address] today")


def test_a_failed_sign_in_from_an_ipv6_address_leaves_it_out_of_the_logs(
    client, db, log_lines
):
    for address in IPV6_ADDRESSES[:-1]:
        client.post(
            "/admin/login/",
            {"username": "someone", "password": "wrong"},
            REMOTE_ADDR=address,
        )
    lines = [line for line in log_lines() if "login failure" in line]
    assert len(lines) == len(IPV6_ADDRESSES) - 1
    for address in IPV6_ADDRESSES[:-1]:
        assert address not in "\n".join(log_lines())


@pytest.mark.parametrize("address", IPV6_ADDRESSES[:4])
def test_a_request_naming_an_ipv6_address_is_logged_without_it(
    client, db, log_lines, address
):
    response = client.get("/", HTTP_HOST=f"[{address}]")
    assert response.status_code == 400
    [line] = log_lines()
    assert "Invalid HTTP_HOST header: '[[address]]'" in line
    assert address not in line
