"""The site's worker: django-tasks-db's db_worker, which runs queued tasks,
with the scheduler thread beside it (background/schedule.py)."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from background.schedule import start_scheduler


class Command(db_worker.Command):
    help = (
        "Run queued tasks (e-mail, mostly) and the scheduled jobs: the "
        "digests hourly, the purges daily. Run one alongside the site."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_false",
            dest="schedule",
            help="Only run tasks: for a second worker (the schedule is safe "
            "to run twice, but needs running only once).",
        )

    def handle(self, *args, schedule, reload, worker_id, **options):
        # with the reloader, only its child process does the work
        reloader_parent = reload and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if not reloader_parent:
            start_scheduler(worker_id, schedule=schedule)
        super().handle(*args, reload=reload, worker_id=worker_id, **options)
