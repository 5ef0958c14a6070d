"""Errors reach Sentry when SENTRY_DSN is set, with no personal data: read
from what a real HTTP server, standing in for Sentry, receives."""

import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from django.test import Client

from insight import error_tracking
from tests.platform.servers import Browser

pytestmark = pytest.mark.django_db

EMAIL = "priya.shah+news@example.org"
ADDRESSES = ["198.51.100.23", "2001:db8:77::5"]
TEXT = "My neighbour at 14 Acacia Avenue says the council ignored her"


class SentryStandIn:
    def __init__(self):
        self.bodies = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                encoding = self.headers.get("Content-Encoding", "")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "deflate":
                    body = zlib.decompress(body)
                received.append(body.decode("utf-8", "replace"))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.dsn = f"http://publickey@127.0.0.1:{self.server.server_port}/1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sentry():
    stand_in = SentryStandIn()
    error_tracking.start(stand_in.dsn, environment="test")
    yield stand_in
    sentry_sdk.get_client().close(timeout=2)
    sentry_sdk.init(dsn=None)
    stand_in.close()


@pytest.mark.urls("tests.platform.raising_urls")
def test_an_error_reaches_sentry_without_personal_data(sentry):
    client = Client(raise_request_exception=False)
    sent = f"{TEXT} – write to {EMAIL} or {ADDRESSES[0]}"
    response = client.post(
        f"/fails/?email={EMAIL}&from={ADDRESSES[1]}",
        {"comment": sent, "email": EMAIL},
        REMOTE_ADDR=ADDRESSES[0],
        HTTP_X_REAL_IP=ADDRESSES[1],
        HTTP_COOKIE=f"sessionid=abc; reader={EMAIL}",
        HTTP_USER_AGENT=f"Mozilla/5.0 ({EMAIL})",
        HTTP_REFERER=f"https://mail.example.org/?to={EMAIL}",
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)
    deadline = time.monotonic() + 5
    while not sentry.bodies and time.monotonic() < deadline:
        time.sleep(0.1)

    everything = "\n".join(sentry.bodies)
    # it did arrive: the kind of error, and where
    assert "ValueError" in everything
    assert "fails_with_personal_data" in everything
    assert "/fails/" in everything
    # and nothing of the person
    for personal in [EMAIL, "priya.shah", *ADDRESSES, "Acacia", "neighbour", "abc"]:
        assert personal not in everything, personal


def test_a_production_server_with_sentry_dsn_set_reports_without_personal_data(
    transactional_db, database_switch, start_server
):
    """gunicorn as deployed, SENTRY_DSN in its environment, asked over HTTP."""
    stand_in = SentryStandIn()
    try:
        database_switch.copy_test_database()
        server = start_server(
            app="tests.platform.raising_wsgi",
            DATABASE_URL=database_switch.url,
            SENTRY_DSN=stand_in.dsn,
            RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
            **database_switch.extra_env,
        )
        browser = Browser(server.url, https=True)
        browser.cookies["reader"] = EMAIL
        failed = browser.request(
            "POST",
            f"/fails/?email={EMAIL}",
            data={"comment": f"{TEXT} {EMAIL}", "email": EMAIL},
            headers={"X-Real-IP": ADDRESSES[1], "User-Agent": f"UA ({EMAIL})"},
        )
        assert failed.status == 500
        deadline = time.monotonic() + 10
        while not any("ValueError" in body for body in stand_in.bodies):
            assert time.monotonic() < deadline, "nothing reached Sentry"
            time.sleep(0.1)
        everything = "\n".join(stand_in.bodies)
        assert "fails_with_personal_data" in everything
        for personal in [EMAIL, "priya.shah", *ADDRESSES, "Acacia", "neighbour"]:
            assert personal not in everything, personal
    finally:
        stand_in.close()


def test_scrub_keeps_only_what_the_logs_keep():
    event = {
        "request": {
            "method": "POST",
            "url": f"https://insight.example.gov.uk/comments/confirm/KEY123/?e={EMAIL}",
            "data": {"comment": TEXT},
            "cookies": {"sessionid": "abc"},
            "headers": {"X-Real-Ip": ADDRESSES[0]},
            "env": {"REMOTE_ADDR": ADDRESSES[0]},
            "query_string": f"e={EMAIL}",
        },
        "user": {"ip_address": ADDRESSES[0], "email": EMAIL},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": TEXT,
                    "stacktrace": {"frames": [{"function": "f", "vars": {"t": TEXT}}]},
                }
            ]
        },
        "logentry": {"message": f"Refused {EMAIL} from %s", "params": [ADDRESSES[1]]},
        "breadcrumbs": {"values": [{"message": TEXT}]},
        "extra": {"sys.argv": [EMAIL]},
    }
    scrubbed = error_tracking.scrub(event)
    assert scrubbed["request"] == {
        "method": "POST",
        "url": "https://insight.example.gov.uk/comments/confirm/[link]/",
    }
    assert scrubbed["exception"]["values"][0]["value"] == ""
    assert scrubbed["exception"]["values"][0]["stacktrace"]["frames"] == [
        {"function": "f"}
    ]
    assert scrubbed["logentry"] == {"message": "Refused [email] from %s"}
    assert not {"user", "breadcrumbs", "extra"} & set(scrubbed)
