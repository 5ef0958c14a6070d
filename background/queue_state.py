"""How far behind the worker is: for the admin's index page and /healthz."""

from dataclasses import dataclass

from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from . import conf
from .models import OutgoingMail


@dataclass(frozen=True)
class QueueState:
    depth: int  # tasks due to run now, not yet started
    oldest_seconds: int  # how long the longest-waiting of them has waited
    mail_waiting: int  # e-mails not sent yet (retries included)
    mail_not_sent: int  # e-mails given up on, for an operator to look at

    @property
    def is_behind(self):
        return self.oldest_seconds > conf.queue_age_warning().total_seconds()

    def as_dict(self):
        return {
            "depth": self.depth,
            "oldest_seconds": self.oldest_seconds,
            "mail_waiting": self.mail_waiting,
            "mail_not_sent": self.mail_not_sent,
            "behind": self.is_behind,
        }


def queue_state():
    now = timezone.now()
    due = DBTaskResult.objects.ready()
    # a task waits from when it was queued, or from when it was due to run
    oldest_queued = (
        due.filter(run_after=get_date_max())
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    oldest_due = (
        due.exclude(run_after=get_date_max())
        .order_by("run_after")
        .values_list("run_after", flat=True)
        .first()
    )
    waiting_since = min((t for t in (oldest_queued, oldest_due) if t), default=now)
    return QueueState(
        depth=due.count(),
        oldest_seconds=max(0, int((now - waiting_since).total_seconds())),
        mail_waiting=OutgoingMail.objects.waiting().count(),
        mail_not_sent=OutgoingMail.objects.not_sent().count(),
    )
