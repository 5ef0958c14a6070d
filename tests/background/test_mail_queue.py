"""Queued mail: one row per event and recipient, retries with a longer wait
each time, and mail given up on after a day, shown to operators to retry."""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.mail import deliver, queue_mail
from background.models import OutgoingMail
from tests.background.conftest import DATABASE_TASKS
from tests.factories import make_editorial_staff, make_moderator
from tests.helpers import FAILING_BACKEND, FROM_OUR_PAGES

pytestmark = pytest.mark.django_db

NOT_SENT_URL = reverse("admin:background_outgoingmail_changelist")


def queue(event="test:1", recipients=("a@example.org",)):
    queue_mail(event, "A subject", "A body.", "site@example.org", list(recipients))


def try_again(mail):
    """Make a waiting message due now and send it."""
    mail.refresh_from_db()
    OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())
    deliver.call([mail.pk])
    mail.refresh_from_db()
    return mail


def wait_before_next(mail):
    return (mail.next_attempt_at - timezone.now()).total_seconds()


@pytest.mark.parametrize("recipients", [["a@example.org"], ["a@ex.org", "b@ex.org"]])
def test_queuing_an_event_twice_sends_each_recipient_one_message(
    mailoutbox, recipients
):
    queue(recipients=recipients)
    queue(recipients=recipients)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(recipients)
    assert all(len(m.to) == 1 for m in mailoutbox)  # no one sees another address
    assert OutgoingMail.objects.filter(sent_at__isnull=False).count() == len(recipients)


def test_each_failure_waits_longer_up_to_an_hour(settings, mailoutbox):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    queue()
    mail = OutgoingMail.objects.get()
    waits = [wait_before_next(mail)]
    for _ in range(8):
        waits.append(wait_before_next(try_again(mail)))
    assert mail.attempts == 9
    assert 50 < waits[0] <= 60
    assert all(later > earlier - 1 for earlier, later in pairwise(waits))
    assert waits[1] > waits[0] * 1.9
    assert 3500 < waits[-1] <= 3600
    assert mail.gave_up_at is None and mail.sent_at is None
    assert "ConnectionRefusedError" in mail.last_error
    assert mailoutbox == []


def test_a_server_failure_holds_back_the_rest_of_the_batch(settings, mailoutbox):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    queue(recipients=[f"r{n}@example.org" for n in range(5)])
    attempts = sorted(OutgoingMail.objects.values_list("attempts", flat=True))
    assert attempts == [0, 0, 0, 0, 1]  # one try, not five against a down server
    assert all(wait_before_next(mail) > 50 for mail in OutgoingMail.objects.waiting())


@pytest.mark.parametrize("hours", [24, 30])
def test_mail_failing_for_a_day_is_given_up_on(settings, hours):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    queue()
    mail = OutgoingMail.objects.get()
    assert try_again(mail).gave_up_at is None
    OutgoingMail.objects.update(queued_at=timezone.now() - timedelta(hours=hours))
    assert try_again(mail).gave_up_at is not None
    assert list(OutgoingMail.objects.not_sent()) == [mail]


def test_mail_failing_for_less_than_a_day_is_still_tried(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    queue()
    OutgoingMail.objects.update(queued_at=timezone.now() - timedelta(hours=23))
    assert try_again(OutgoingMail.objects.get()).gave_up_at is None


def given_up(count=2):
    queue(recipients=[f"r{n}@example.org" for n in range(count)])
    OutgoingMail.objects.update(
        gave_up_at=timezone.now(), sent_at=None, last_error="SMTPServerDisconnected"
    )


def test_an_operator_sees_mail_not_sent_and_sends_it_again(admin_client, mailoutbox):
    given_up(2)
    mailoutbox.clear()
    page = admin_client.get(NOT_SENT_URL)
    assert page.status_code == 200
    assert "r0@example.org" in page.content.decode()
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "2 emails could not be sent" in index

    response = admin_client.post(
        NOT_SENT_URL,
        {
            "action": "send_again",
            "_selected_action": list(OutgoingMail.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )

    assert "2 emails will be sent again." in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["r0@example.org", "r1@example.org"]
    assert not OutgoingMail.objects.not_sent().exists()


def test_mail_sent_again_that_fails_is_tried_for_another_day(admin_client, settings):
    given_up(1)
    settings.EMAIL_BACKEND = FAILING_BACKEND
    admin_client.post(
        NOT_SENT_URL,
        {"action": "send_again", "_selected_action": [OutgoingMail.objects.get().pk]},
    )
    mail = OutgoingMail.objects.get()
    assert mail.gave_up_at is None and mail.attempts == 2


def staff_member(django_user_model, group):
    if group == "Moderators":
        return make_moderator(django_user_model, "sam", "Sam")
    return make_editorial_staff(django_user_model, "eve", "Eve", group)


@pytest.mark.parametrize("group", ["Moderators", "Editors", "Publishers"])
def test_staff_other_than_operators_see_neither_mail_not_sent_nor_the_queue(
    django_user_model, settings, group
):
    """It holds readers' addresses and words, and the queue is the
    operators' to watch: superusers only."""
    given_up(1)
    browser = Client(headers=FROM_OUR_PAGES)
    browser.force_login(staff_member(django_user_model, group))
    assert browser.get(NOT_SENT_URL).status_code == 403
    pk = OutgoingMail.objects.get().pk
    response = browser.post(
        NOT_SENT_URL, {"action": "send_again", "_selected_action": [pk]}
    )
    assert response.status_code == 403
    assert OutgoingMail.objects.not_sent().exists()
    index = browser.get(reverse("admin:index"))
    assert index.status_code == 200
    page = index.content.decode()
    assert "could not be sent" not in page
    assert "Background work" not in page
    assert "queue-summary" not in page


@pytest.mark.parametrize("batch_size, recipients", [(50, 120), (50, 50), (10, 95)])
def test_mail_about_one_event_is_sent_in_batches_of_bounded_size(
    settings, batch_size, recipients
):
    settings.TASKS = DATABASE_TASKS
    settings.MAIL_BATCH_SIZE = batch_size
    queue(recipients=[f"r{n}@example.org" for n in range(recipients)])
    batches = [
        task.args_kwargs["args"][0]
        for task in DBTaskResult.objects.filter(task_path="background.mail.deliver")
    ]
    assert len(batches) == -(-recipients // batch_size)
    assert all(len(batch) <= batch_size for batch in batches)
    assert sorted(pk for batch in batches for pk in batch) == sorted(
        OutgoingMail.objects.values_list("pk", flat=True)
    )
