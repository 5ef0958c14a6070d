"""The jobs the worker runs on a schedule. A thread in the worker process
queues each job as an ordinary task when it is due; the time it was last
queued is kept in the database, so a restarted worker, or a second one, does
not queue it again early. The same thread says the worker is alive, and takes
up what a killed worker left (background/workers.py)."""

import io
import logging
import threading
from datetime import timedelta

from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import conf
from .mail import send_overdue_mail
from .models import OutgoingMail, ScheduledJob
from .workers import heard_from, set_this_worker, take_up_orphaned_work

logger = logging.getLogger(__name__)


@task()
def run_command(name):
    """A management command run as a task (the purges, the digests); what it
    says goes to the log."""
    output = io.StringIO()
    call_command(name, stdout=output)
    logger.info("%s: %s", name, " ".join(output.getvalue().split()))


KEEP_SENT = timedelta(days=7)
KEEP_NOT_SENT = timedelta(days=30)


@task()
def forget_old_mail():
    """Delete e-mails (addresses and words) a week after they were sent, or a
    month after they were given up on, and finished tasks after a week."""
    now = timezone.now()
    OutgoingMail.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    OutgoingMail.objects.filter(gave_up_at__lt=now - KEEP_NOT_SENT).delete()
    DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=now - KEEP_SENT
    ).delete()


HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

# (name, every, task, its arguments)
JOBS = [
    ("send_moderator_digests", HOUR, run_command, ["send_moderator_digests"]),
    ("purge_pending_comments", DAY, run_command, ["purge_pending_comments"]),
    ("purge_comment_ips", DAY, run_command, ["purge_comment_ips"]),
    ("purge_kept_uploads", DAY, run_command, ["purge_kept_uploads"]),
    ("forget_old_mail", DAY, forget_old_mail, []),
    ("send_overdue_mail", timedelta(minutes=5), send_overdue_mail, []),
]


def queue_due_jobs(now=None):
    """Queue each job whose time has come; returns their names."""
    now = now or timezone.now()
    queued = []
    for name, every, job, args in JOBS:
        ScheduledJob.objects.get_or_create(
            name=name, defaults={"last_queued_at": now - every}
        )
        # of two workers, only the one whose update lands queues it
        if ScheduledJob.objects.filter(
            name=name, last_queued_at__lte=now - every
        ).update(last_queued_at=now):
            job.enqueue(*args)
            queued.append(name)
    return queued


def run_schedule(stop, worker_id, schedule=True):
    """The worker's second thread: until stop is set, say the worker is
    alive, take up what stopped workers left, and queue the jobs due."""
    while not stop.is_set():
        try:
            heard_from(worker_id)
            take_up_orphaned_work()
            if schedule:
                queue_due_jobs()
        except Exception:
            logger.exception("The schedule could not be checked")
        finally:
            close_old_connections()
        stop.wait(conf.schedule_tick())


def start_scheduler(worker_id, schedule=True):
    set_this_worker(worker_id)
    heard_from(worker_id)  # before the first task is taken
    close_old_connections()
    stop = threading.Event()
    thread = threading.Thread(
        target=run_schedule,
        args=(stop, worker_id, schedule),
        name="schedule",
        daemon=True,
    )
    thread.start()
    return stop
