"""The worker in its own process, against a real SMTP server that refuses,
stalls and recovers, and a worker killed mid-batch."""

import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.models import OutgoingMail, ScheduledJob
from background.schedule import JOBS
from discussion.models import PendingComment
from tests.background.test_mail_queue import NOT_SENT_URL
from tests.factories import (
    make_article,
    make_comment,
    make_expired_pending_comment,
    make_moderator,
)
from tests.helpers import FROM_OUR_PAGES, post_comment

pytestmark = pytest.mark.django_db(transaction=True)


def followed_article(count, prefix="follower"):
    """An article with count followers, who have heard of every comment so far."""
    article = make_article()
    followers = [f"{prefix}{number}@example.org" for number in range(count)]
    for address in followers:
        make_comment(
            article,
            user_email=address,
            followup=True,
            followers_notified_at=timezone.now(),
        )
    return article, followers


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def attempted(times):
    return lambda: OutgoingMail.objects.filter(attempts__gte=times).exists()


def test_a_follow_up_reaches_each_follower_once_after_refusals_and_stalls(
    queued_to, start_worker
):
    server = queued_to.handler
    article, followers = followed_article(120)  # three batches
    server.mode = "refuse"
    make_comment(article, user_email="author@example.org", comment="News.")
    worker = start_worker()

    assert wait_until(attempted(1)), worker.output()
    assert server.delivered == []
    server.mode = "stall"
    assert wait_until(attempted(2)), worker.output()
    assert server.delivered == []
    server.mode = "accept"
    assert server.wait_for(lambda h: set(h.counts()) >= set(followers)), worker.output()
    time.sleep(1.5)  # any retry still to come would come now

    assert server.counts() == dict.fromkeys(followers, 1)
    assert {subject for _, subject in server.delivered} == {
        f"New comment on {article.title}"
    }
    assert not OutgoingMail.objects.waiting().exists()


@pytest.mark.parametrize("followers_count", [60, 130])
def test_a_killed_worker_sends_at_most_the_message_in_flight_twice(
    queued_to, start_worker, followers_count
):
    server = queued_to.handler
    server.delay_seconds = 0.03
    article, followers = followed_article(followers_count)
    make_comment(article, user_email="author@example.org", comment="News.")
    first = start_worker()
    assert server.wait_for(lambda h: len(h.delivered) >= 25), first.output()
    first.kill()

    second = start_worker()
    assert server.wait_for(lambda h: set(h.counts()) >= set(followers)), second.output()
    time.sleep(2.5)  # past the claim on the message the killed worker was sending

    counts = server.counts()
    assert set(counts) == set(followers)
    duplicates = sum(count - 1 for count in counts.values())
    assert duplicates <= 1
    assert not OutgoingMail.objects.waiting().exists()


def test_the_readers_confirmation_does_not_wait_for_the_mail_server(client, queued_to):
    server = queued_to.handler
    article, followers = followed_article(5)
    post_comment(client, article, email="reader@example.org", followup=True)
    # the confirmation link is sent in the request: the reader is told if not
    assert [recipient for recipient, _ in server.delivered] == ["reader@example.org"]
    site = re.escape(settings.SITE_URL.rstrip("/"))
    link = re.search(rf"{site}(/comments/confirm/[^/\s]+/)", server.bodies[0])[1]
    server.mode = "stall"
    connections = server.connections

    response = client.post(link)

    assert response.status_code == 200
    assert "Your comment is published" in response.content.decode()
    assert server.connections == connections  # the mail server was not asked
    from django_tasks_db.models import DBTaskResult

    assert (
        DBTaskResult.objects.ready()
        .filter(task_path="discussion.tasks.tell_followers")
        .exists()
    )


def test_mail_through_a_server_down_all_day_waits_for_an_operator_to_send_again(
    queued_to, start_worker, admin_client, django_user_model
):
    """Nothing is lost: past the retry window (a day in production) each
    e-mail shows as not sent, and the operator's button sends it, once."""
    server = queued_to.handler
    server.mode = "refuse"
    article, followers = followed_article(30)
    make_comment(article, user_email="author@example.org", comment="News.")
    worker = start_worker(MAIL_RETRY_FOR_SECONDS="3")

    assert wait_until(
        lambda: OutgoingMail.objects.not_sent().count() == len(followers), 60
    ), worker.output()
    assert server.delivered == []
    assert OutgoingMail.objects.filter(attempts__gte=2).exists()  # retried
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "30 emails could not be sent" in index
    listed = admin_client.get(NOT_SENT_URL).content.decode()
    assert all(address in listed for address in followers)

    server.mode = "accept"
    chosen = list(OutgoingMail.objects.values_list("pk", flat=True))
    sam = make_moderator(django_user_model, "sam", "Sam")
    sams_browser = Client(headers=FROM_OUR_PAGES)
    sams_browser.force_login(sam)
    send_again = {"action": "send_again", "_selected_action": chosen}
    assert sams_browser.post(NOT_SENT_URL, send_again).status_code == 403
    time.sleep(1)
    assert server.delivered == []

    response = admin_client.post(NOT_SENT_URL, send_again, follow=True)

    assert "30 emails will be sent again." in response.content.decode()
    assert server.wait_for(lambda h: set(h.counts()) >= set(followers)), worker.output()
    time.sleep(1)
    assert server.counts() == dict.fromkeys(followers, 1)
    assert not OutgoingMail.objects.exclude(sent_at__isnull=False).exists()


SCHEDULED_COMMANDS = {
    "send_moderator_digests",
    "purge_pending_comments",
    "purge_comment_ips",
    "purge_kept_uploads",
}


def commands_run():
    return {
        task.args_kwargs["args"][0]
        for task in DBTaskResult.objects.successful().filter(
            task_path="background.schedule.run_command"
        )
    }


def test_the_worker_runs_the_scheduled_jobs_when_it_starts(start_worker):
    """No cron or timer: the worker queues the daily purges and the hourly
    digest itself, and runs them."""
    now = timezone.now()
    article = make_article()
    expired = make_expired_pending_comment(article, now)
    worker = start_worker()

    assert wait_until(
        lambda: not PendingComment.objects.filter(pk=expired.pk).exists(), 30
    ), worker.output()
    assert wait_until(lambda: commands_run() == SCHEDULED_COMMANDS, 30), (
        commands_run(),
        worker.output(),
    )
    assert set(ScheduledJob.objects.values_list("name", flat=True)) == {
        name for name, *_ in JOBS
    }
