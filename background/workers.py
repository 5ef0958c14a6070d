"""Workers heard from. Each worker notes the time every few seconds, so that
what a killed one was doing (a task marked running, the e-mail it had claimed)
is taken up by another within seconds, not after the long waits that protect
a slow task (TASKS_STALE_AFTER_SECONDS, MAIL_CLAIM_SECONDS)."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from . import conf
from .models import OutgoingMail, WorkerSeen

logger = logging.getLogger(__name__)

# this process's worker id, once run_worker has started it
_this_worker = {"id": ""}


def this_worker():
    return _this_worker["id"]


def set_this_worker(worker_id):
    _this_worker["id"] = worker_id


def heard_from(worker_id, now=None):
    WorkerSeen.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": now or timezone.now()}
    )


def alive(now):
    since = now - conf.worker_gone_after()
    return set(
        WorkerSeen.objects.filter(seen_at__gte=since).values_list(
            "worker_id", flat=True
        )
    )


def take_up_orphaned_work(now=None):
    """Queue again the tasks of workers no longer heard from, or running for
    far longer than any should (each task here is safe to run twice), and free
    the e-mail such a worker had claimed. Returns how many tasks."""
    now = now or timezone.now()
    living = alive(now)
    stale_since = now - conf.stale_task_after()
    orphaned = [
        pk
        for pk, worker_ids, started_at in DBTaskResult.objects.running().values_list(
            "pk", "worker_ids", "started_at"
        )
        if (worker_ids and worker_ids[-1] not in living)
        or (started_at and started_at < stale_since)
    ]
    count = (
        DBTaskResult.objects.running()
        .filter(pk__in=orphaned)
        .update(status="READY", started_at=None)
    )
    freed = (
        OutgoingMail.objects.waiting()
        .filter(claimed_until__gt=now)
        .exclude(claimed_by="")
        .exclude(claimed_by__in=living)
        .update(claimed_until=None, claimed_by="")
    )
    if count or freed:
        logger.warning(
            "Queued again %s task(s) and %s e-mail(s) left by a stopped worker",
            count,
            freed,
        )
    WorkerSeen.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return count
