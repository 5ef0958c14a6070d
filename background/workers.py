"""Workers heard from. Each worker notes the time every few seconds, so that
what a killed one was doing (a task marked running, the e-mail it had claimed)
is taken up by another within seconds, not after the long waits that protect
a slow task (TASKS_STALE_AFTER_SECONDS, MAIL_CLAIM_SECONDS)."""

import logging
from datetime import timedelta

from django.db.models import Q
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
    """The workers heard from lately, as a subquery: read when it runs."""
    since = now - conf.worker_gone_after()
    return WorkerSeen.objects.filter(seen_at__gte=since).values("worker_id")


def take_up_orphaned_work(now=None):
    """Queue again the tasks of workers no longer heard from, or running for
    far longer than any should (each task here is safe to run twice), and free
    the e-mail such a worker had claimed. Returns how many tasks.

    A worker is heard from before it takes a task or an e-mail, so the
    running tasks are read before the living workers are: one that started
    in between is never taken for dead."""
    now = now or timezone.now()
    running = list(
        DBTaskResult.objects.running().values_list("pk", "worker_ids", "started_at")
    )
    living = {row["worker_id"] for row in alive(now)}
    stale_since = now - conf.stale_task_after()
    orphaned = Q(pk__in=[])
    for pk, worker_ids, started_at in running:
        if (worker_ids and worker_ids[-1] not in living) or (
            started_at and started_at < stale_since
        ):
            # as read: not since taken again by another worker
            orphaned |= Q(pk=pk, started_at=started_at)
    count = (
        DBTaskResult.objects.running()
        .filter(orphaned)
        .update(status="READY", started_at=None)
    )
    freed = (
        OutgoingMail.objects.waiting()
        .filter(claimed_until__gt=now)
        .exclude(claimed_by="")
        .exclude(claimed_by__in=alive(now))
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
