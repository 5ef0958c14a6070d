"""Queued e-mail. What the site tells people is kept as one OutgoingMail row
per recipient, in the transaction of what it tells of, and sent by the worker
in batches. A failure is tried again later, for a day or more, then shown in
the admin as mail that could not be sent.

Each message is claimed, sent and marked sent on its own, so a worker killed
mid-batch sends again at most the one message it was sending."""

import logging
import uuid
from datetime import timedelta
from functools import partial
from smtplib import SMTPRecipientsRefused

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks_db import DatabaseBackend

from insight.log import redact

from . import conf
from .models import OutgoingMail
from .workers import this_worker

logger = logging.getLogger(__name__)

# 2 ** this many times the first wait is far past the longest wait anyway
MOST_DOUBLINGS = 20


def new_event(kind):
    """An event key for something that happens once (an alert, a removal)."""
    return f"{kind}:{uuid.uuid4().hex}"


def queue_mail(event, subject, body, from_email, recipients, headers=None):
    """Queue one e-mail to each recipient (each sees only their own address).
    Queuing an event a recipient already has changes nothing."""
    queue_messages(
        event,
        [
            EmailMessage(subject, body, from_email, [address], headers=headers)
            for address in recipients
        ],
    )


def queue_messages(event, messages):
    """Queue EmailMessages about one event, each to its own recipients, and
    the tasks that send them, in batches. Returns how many rows were added."""
    now = timezone.now()
    rows = [
        OutgoingMail(
            event=event,
            recipient=address,
            from_email=message.from_email,
            subject=message.subject[:300],
            body=message.body,
            headers=message.extra_headers,
            next_attempt_at=now,
        )
        for message in messages
        for address in message.to
    ]
    if not rows:
        return 0
    before = OutgoingMail.objects.filter(event=event).count()
    OutgoingMail.objects.bulk_create(rows, ignore_conflicts=True)
    waiting = OutgoingMail.objects.waiting().filter(event=event).order_by("pk")
    send_in_batches(list(waiting.values_list("pk", flat=True)))
    return OutgoingMail.objects.filter(event=event).count() - before


def queue_after_saving(task, *args):
    """Queue a task that reads what the current transaction saves. The
    database's queue commits with it (or not at all); a backend that runs
    tasks at once (the tests') waits for the commit."""
    if isinstance(task_backends[task.backend], DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args))


def send_in_batches(mail_ids):
    size = conf.batch_size()
    for start in range(0, len(mail_ids), size):
        deliver.enqueue(mail_ids[start : start + size])


def _claim(mail_id):
    """The message, if it is due and no one else is sending it."""
    now = timezone.now()
    claimed = (
        OutgoingMail.objects.waiting()
        .filter(pk=mail_id, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(
            claimed_until=now + conf.claim_for(),
            claimed_by=this_worker(),
            attempts=F("attempts") + 1,
        )
    )
    return OutgoingMail.objects.get(pk=mail_id) if claimed else None


def _failed(mail, error):
    """Note a failed attempt: try again after a longer wait each time, or give
    up once the message has been tried for long enough. Returns when next."""
    now = timezone.now()
    doublings = min(mail.attempts - 1, MOST_DOUBLINGS)
    wait = min(conf.first_retry() * 2**doublings, conf.longest_retry())
    gave_up = now - mail.queued_at >= conf.retry_for()
    OutgoingMail.objects.filter(pk=mail.pk).update(
        claimed_until=None,
        claimed_by="",
        next_attempt_at=now + wait,
        gave_up_at=now if gave_up else None,
        last_error=redact(f"{type(error).__name__}: {error}")[:300],
    )
    logger.warning(
        "E-mail %s (%s) not sent, attempt %s%s: %s",
        mail.pk,
        mail.event.split(":")[0],
        mail.attempts,
        ", given up" if gave_up else "",
        type(error).__name__,
    )
    return now + wait


def _sent(mail):
    OutgoingMail.objects.filter(pk=mail.pk).update(
        sent_at=timezone.now(), claimed_until=None, claimed_by="", last_error=""
    )


@task()
def deliver(mail_ids):
    """Send the queued messages that are due. Once the server fails, the rest
    of the batch waits with the failed one; what waits is queued again."""
    connection = get_connection()
    server_failing_until = None
    try:
        for mail_id in mail_ids:
            mail = _claim(mail_id)
            if mail is None:
                continue
            message = EmailMessage(
                mail.subject,
                mail.body,
                mail.from_email,
                [mail.recipient],
                headers=mail.headers,
                connection=connection,
            )
            try:
                connection.open()  # once: one conversation for the batch
                message.send()
            except SMTPRecipientsRefused as error:
                _failed(mail, error)  # this mailbox, not the server
                continue
            except Exception as error:
                server_failing_until = _failed(mail, error)
                break
            _sent(mail)
    finally:
        try:
            connection.close()
        except Exception:
            pass  # a server that failed may fail to say goodbye too
    waiting = OutgoingMail.objects.waiting().filter(pk__in=mail_ids)
    if server_failing_until:
        waiting.filter(next_attempt_at__lt=server_failing_until).update(
            next_attempt_at=server_failing_until
        )
    _queue_again(waiting)


def _queue_again(waiting):
    """Queue a task for the messages still waiting, for when the first is due
    (a backend that cannot wait leaves them to send_overdue_mail)."""
    rows = list(waiting.values_list("pk", "next_attempt_at", "claimed_until"))
    if not rows or not task_backends[deliver.backend].supports_defer:
        return
    due = min(max(next_at, claimed or next_at) for _, next_at, claimed in rows)
    deliver.using(run_after=due).enqueue([pk for pk, _, _ in rows])


@task()
def send_overdue_mail(overdue_seconds=None):
    """Queue again what waits long past its time (its task lost, say): the
    worker's safety net, run on a schedule."""
    overdue = (
        conf.stale_task_after()
        if overdue_seconds is None
        else timedelta(seconds=overdue_seconds)
    )
    now = timezone.now()
    due = (
        OutgoingMail.objects.waiting()
        .filter(next_attempt_at__lte=now - overdue)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "pk")
    )
    ids = list(due.values_list("pk", flat=True))
    send_in_batches(ids)
    return len(ids)


def retry(queryset):
    """Try again mail that was given up on, as if queued now."""
    now = timezone.now()
    ids = list(queryset.not_sent().values_list("pk", flat=True))
    OutgoingMail.objects.filter(pk__in=ids).update(
        gave_up_at=None,
        next_attempt_at=now,
        queued_at=now,
        claimed_until=None,
        claimed_by="",
    )
    send_in_batches(ids)
    return len(ids)
