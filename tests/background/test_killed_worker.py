"""The whole journey as an operator's day may go: a reader confirms a comment
on an article with hundreds of followers while the mail server refuses, is
off, stalls, then recovers, and the worker is killed (SIGKILL) mid-send and
started again. Every follower hears once; the reader's wait does not grow
with the followers."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from background.models import OutgoingMail
from tests.background.test_worker import followed_article
from tests.helpers import FROM_OUR_PAGES, post_comment

pytestmark = pytest.mark.django_db(transaction=True)

# production's own waits before a running task or a claimed message counts
# as a dead worker's: only noticing the worker has gone brings them back soon
AS_IN_PRODUCTION = {"TASKS_STALE_AFTER_SECONDS": "900", "MAIL_CLAIM_SECONDS": "120"}


def tried(times):
    return lambda: OutgoingMail.objects.filter(attempts__gte=times).exists()


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def post_as_reader(server, article, email):
    """Post a comment; returns the reader and the link the server received."""
    reader = Client(headers=FROM_OUR_PAGES)
    delivered_before = len(server.bodies)
    response = post_comment(reader, article, email=email, comment="News.")
    assert response.status_code == 302, response.content.decode()
    assert server.wait_for(lambda h: len(h.bodies) > delivered_before, 10)
    body = server.bodies[delivered_before]
    link = body[body.index("/comments/confirm/") :].split()[0]
    assert reader.get(link).status_code == 200
    return reader, link


def confirm(server, reader, link):
    """Press the button; returns (seconds the request took, SMTP connections
    it opened, database queries it made)."""
    connections = server.handler_connections()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = reader.post(link)
    waited = time.perf_counter() - started
    assert response.status_code == 200
    assert "Your comment is published" in response.content.decode()
    return waited, server.handler_connections() - connections, len(queries)


def test_a_killed_worker_and_a_failing_server_lose_nothing_and_repeat_little(
    queued_to, start_worker
):
    smtp = queued_to
    server = smtp.handler
    few, few_followers = followed_article(3, "few")
    many, many_followers = followed_article(300, "many")

    first = post_as_reader(smtp, few, "first@example.org")
    second = post_as_reader(smtp, many, "second@example.org")
    server.mode = "refuse"
    waited_few, opened_few, queries_few = confirm(smtp, *first)
    waited_many, opened_many, queries_many = confirm(smtp, *second)
    # the reader's request queued the follow-ups and sent none of them, and
    # its work does not grow with the followers (its time is printed below)
    assert opened_few == opened_many == 0
    assert queries_few == queries_many
    assert not OutgoingMail.objects.filter(sent_at__isnull=False).exists()

    worker = start_worker(**AS_IN_PRODUCTION)
    assert wait_until(tried(1)), worker.output()
    smtp.go_down()
    assert wait_until(tried(2)), worker.output()
    smtp.come_back()
    server.mode = "stall"
    assert wait_until(tried(3)), worker.output()
    assert server.counts().keys() <= {"first@example.org", "second@example.org"}
    server.delay_seconds = 0.04
    server.mode = "accept"
    assert server.wait_for(lambda h: len(h.delivered) >= 120), worker.output()
    worker.kill()
    at_kill = len(server.delivered)
    # killed mid-batch: its task is left marked as running
    assert DBTaskResult.objects.running().exists()

    again = start_worker(**AS_IN_PRODUCTION)
    everyone = set(few_followers + many_followers)
    assert server.wait_for(lambda h: set(h.counts()) >= everyone, 90), (
        f"{len(set(server.counts()) & everyone)} of {len(everyone)} delivered; "
        + again.output()
    )
    time.sleep(2)  # any repeat still to come would come now

    counts = {k: v for k, v in server.counts().items() if k in everyone}
    duplicates = sum(count - 1 for count in counts.values())
    print(
        f"\ndelivered {len(counts)} of {len(everyone)}, duplicates {duplicates}, "
        f"{at_kill} delivered at the kill; reader waited {waited_few * 1000:.0f} ms "
        f"(3 followers) and {waited_many * 1000:.0f} ms (300 followers), "
        f"{queries_many} queries each"
    )
    assert set(counts) == everyone
    assert duplicates <= 1
    assert not OutgoingMail.objects.waiting().exists()
