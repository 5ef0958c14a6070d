"""The jobs the worker runs on a schedule, queued once each when due, and
tasks a killed worker left running, queued again."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.mail import deliver, queue_mail
from background.models import OutgoingMail
from background.schedule import forget_old_mail, queue_due_jobs
from background.workers import heard_from, take_up_orphaned_work
from discussion.models import PendingComment
from tests.background.conftest import DATABASE_TASKS
from tests.factories import make_expired_pending_comment

pytestmark = pytest.mark.django_db

EVERY_JOB = {
    "send_moderator_digests",
    "purge_pending_comments",
    "purge_comment_ips",
    "purge_kept_uploads",
    "forget_old_mail",
    "send_overdue_mail",
}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


def queued_paths():
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_every_job_is_queued_when_the_worker_first_starts(database_queue):
    assert set(queue_due_jobs()) == EVERY_JOB
    assert queued_paths().count("background.schedule.run_command") == 4
    assert "background.schedule.forget_old_mail" in queued_paths()


@pytest.mark.parametrize(
    "later, due",
    [
        (timedelta(minutes=1), set()),
        (timedelta(minutes=5), {"send_overdue_mail"}),
        (timedelta(hours=1), {"send_overdue_mail", "send_moderator_digests"}),
        (timedelta(hours=23), {"send_overdue_mail", "send_moderator_digests"}),
        (timedelta(days=1), EVERY_JOB),
    ],
)
def test_a_job_is_queued_again_only_once_it_is_due(database_queue, later, due):
    now = timezone.now()
    queue_due_jobs(now)
    assert set(queue_due_jobs(now + later)) == due


def test_two_workers_checking_at_once_queue_a_job_once(database_queue):
    now = timezone.now()
    assert set(queue_due_jobs(now)) == EVERY_JOB
    assert queue_due_jobs(now) == []
    assert len(queued_paths()) == len(EVERY_JOB)


def test_the_daily_purge_runs_as_the_command_does(published_article):
    now = timezone.now()
    expired = make_expired_pending_comment(published_article, now)
    queue_due_jobs()  # the tests' tasks run as they are queued
    assert not PendingComment.objects.filter(pk=expired.pk).exists()


@pytest.mark.parametrize("minutes, requeued", [(1, 0), (16, 1), (600, 1)])
def test_a_task_left_running_by_a_killed_worker_is_queued_again(
    database_queue, minutes, requeued
):
    result = deliver.enqueue([1])
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=minutes)
    )
    assert take_up_orphaned_work() == requeued
    ready = DBTaskResult.objects.ready().filter(pk=result.id).exists()
    assert ready == bool(requeued)


@pytest.mark.parametrize(
    "last_heard, taken_up",
    [(timedelta(seconds=5), False), (timedelta(minutes=1), True)],
)
def test_a_worker_not_heard_from_has_its_task_and_email_taken_up_at_once(
    database_queue, last_heard, taken_up
):
    """Within seconds, not after TASKS_STALE_AFTER_SECONDS and the e-mail's
    claim: a worker killed mid-batch leaves none of it waiting long."""
    queue_mail("test:1", "Subject", "Body.", "site@example.org", ["a@example.org"])
    now = timezone.now()
    heard_from("killed", now - last_heard)
    result = deliver.enqueue([OutgoingMail.objects.get().pk])
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=now - timedelta(seconds=10), worker_ids=["killed"]
    )
    OutgoingMail.objects.update(
        claimed_until=now + timedelta(minutes=2), claimed_by="killed"
    )

    assert take_up_orphaned_work(now) == int(taken_up)

    assert DBTaskResult.objects.ready().filter(pk=result.id).exists() == taken_up
    mail = OutgoingMail.objects.get()
    assert (mail.claimed_until is None) == taken_up


@pytest.mark.parametrize(
    "sent_days, given_up_days, kept",
    [(6, None, True), (8, None, False), (None, 29, True), (None, 31, False)],
)
def test_mail_is_forgotten_a_week_after_it_is_sent_or_a_month_after_it_failed(
    sent_days, given_up_days, kept
):
    queue_mail("test:1", "Subject", "Body.", "site@example.org", ["a@example.org"])
    now = timezone.now()
    OutgoingMail.objects.update(
        sent_at=sent_days and now - timedelta(days=sent_days),
        gave_up_at=given_up_days and now - timedelta(days=given_up_days),
    )
    forget_old_mail.call()
    assert OutgoingMail.objects.exists() == kept
