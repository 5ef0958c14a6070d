"""What operators see of the background work: the queue on the admin's
index page and in /healthz, and errors e-mailed to ADMINS through the queue."""

import logging
from datetime import timedelta

import pytest
from django.db import OperationalError, ProgrammingError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.mail import deliver
from tests.background.conftest import DATABASE_TASKS

pytestmark = pytest.mark.django_db


def queue_tasks(settings, count, waited):
    settings.TASKS = DATABASE_TASKS
    for _ in range(count):
        deliver.enqueue([])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - waited)


def test_healthz_reports_an_empty_queue(client):
    health = client.get("/healthz").json()
    assert health["queue"] == {
        "depth": 0,
        "oldest_seconds": 0,
        "mail_waiting": 0,
        "mail_not_sent": 0,
        "behind": False,
    }


@pytest.mark.parametrize(
    "error", [ProgrammingError("no such table"), OperationalError("timeout")]
)
def test_a_queue_that_cannot_be_read_fails_neither_healthz_nor_metrics(
    client, monkeypatch, error
):
    """A database not migrated yet (the worker's tables missing), or a query
    that times out: the site is still up, and says so."""

    def unreadable():
        raise error

    monkeypatch.setattr("insight.health.queue_state", unreadable)
    monkeypatch.setattr("background.queue_state.queue_state", unreadable)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["queue"] == "unavailable"
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert b"insight_http_responses_total" in metrics.content
    assert b"insight_queue_depth" not in metrics.content


@pytest.mark.parametrize("count, minutes", [(1, 1), (3, 20), (40, 60 * 24)])
def test_healthz_reports_a_queue_behind_without_failing(
    client, settings, count, minutes
):
    queue_tasks(settings, count, timedelta(minutes=minutes))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    queue = response.json()["queue"]
    assert queue["depth"] == count
    assert minutes * 60 <= queue["oldest_seconds"] < minutes * 60 + 30
    assert queue["behind"] == (minutes * 60 > 300)


def test_a_task_waiting_for_its_retry_time_is_not_behind(client, settings):
    settings.TASKS = DATABASE_TASKS
    deliver.using(run_after=timezone.now() + timedelta(hours=1)).enqueue([])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))
    assert client.get("/healthz").json()["queue"]["depth"] == 0


@pytest.mark.parametrize("minutes, warned", [(2, False), (6, True)])
def test_the_admin_index_warns_when_the_worker_is_behind(
    admin_client, settings, minutes, warned
):
    queue_tasks(settings, 2, timedelta(minutes=minutes))
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "2 tasks waiting. The oldest has waited" in page
    assert ("The worker is behind" in page) == warned


def test_the_warning_threshold_is_a_setting(admin_client, settings):
    settings.TASKS_QUEUE_AGE_WARNING_SECONDS = 30
    queue_tasks(settings, 1, timedelta(minutes=1))
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "The worker is behind" in page


def report_an_error(message):
    try:
        raise ValueError(message)
    except ValueError:
        logging.getLogger("django.request").exception(message)


def test_errors_are_emailed_to_admins_through_the_queue(settings, mailoutbox):
    settings.ADMINS = [("Ops", "ops@example.org"), ("On call", "oncall@example.org")]
    report_an_error("Internal Server Error: /articles/x/ from reader@example.org")

    assert sorted(m.to[0] for m in mailoutbox) == [
        "oncall@example.org",
        "ops@example.org",
    ]
    mail = mailoutbox[0]
    assert "Internal Server Error: /articles/x/" in mail.subject
    assert "reader@example.org" not in mail.subject + mail.body
    assert "ValueError" in mail.body


def test_without_admins_errors_are_only_logged(settings, mailoutbox):
    settings.ADMINS = []
    report_an_error("Internal Server Error: /")
    assert mailoutbox == []


def test_an_error_report_waits_for_the_worker(settings, mailoutbox):
    settings.ADMINS = [("Ops", "ops@example.org")]
    settings.TASKS = DATABASE_TASKS
    report_an_error("Internal Server Error: /")
    assert mailoutbox == []
    assert DBTaskResult.objects.ready().count() == 1
