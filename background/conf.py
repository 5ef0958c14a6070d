"""The background work's settings, each overridable in settings.py or, for
the worker's timings, from the environment."""

import os
from datetime import timedelta

from django.conf import settings


def _seconds(name, default):
    value = getattr(settings, name, None)
    if value is None:
        value = float(os.environ.get(name) or default)
    return timedelta(seconds=value)


def batch_size():
    """Recipients of one follow-up handled by one task."""
    return getattr(settings, "MAIL_BATCH_SIZE", 50)


def first_retry():
    return _seconds("MAIL_FIRST_RETRY_SECONDS", 60)


def longest_retry():
    return _seconds("MAIL_LONGEST_RETRY_SECONDS", 3600)


def retry_for():
    """How long a message is tried before it is shown as not sent."""
    return _seconds("MAIL_RETRY_FOR_SECONDS", 24 * 3600)


def claim_for():
    """How long one message may take to send before another worker may try
    it (a worker killed while sending sends it again: one duplicate)."""
    return _seconds("MAIL_CLAIM_SECONDS", 120)


def stale_task_after():
    """A task running this long is taken to belong to a killed worker, and
    queued again (every task here is safe to run twice)."""
    return _seconds("TASKS_STALE_AFTER_SECONDS", 900)


def worker_gone_after():
    """A worker not heard from for this long is taken to have been killed:
    its tasks and claimed e-mail are taken up by another (it is heard from
    every TASKS_SCHEDULE_TICK_SECONDS)."""
    return _seconds("TASKS_WORKER_GONE_SECONDS", 30)


def queue_age_warning():
    """The oldest waiting task's age over which the admin shows a warning."""
    return _seconds("TASKS_QUEUE_AGE_WARNING_SECONDS", 300)


def schedule_tick():
    return _seconds("TASKS_SCHEDULE_TICK_SECONDS", 5).total_seconds()
