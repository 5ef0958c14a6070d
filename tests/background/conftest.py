"""The worker as production runs it: `manage.py run_worker` in its own
process, on the test database, sending to a real SMTP server."""

import signal
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.background.smtp import SmtpServer
from tests.helpers import production_env
from tests.platform.servers import free_port

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# short waits, so failures, retries and a killed worker take seconds
FAST = {
    "EMAIL_TIMEOUT": "1",
    "MAIL_FIRST_RETRY_SECONDS": "0.5",
    "MAIL_LONGEST_RETRY_SECONDS": "1",
    "MAIL_CLAIM_SECONDS": "2",
    "TASKS_STALE_AFTER_SECONDS": "2",
    "TASKS_WORKER_GONE_SECONDS": "2",
    "TASKS_SCHEDULE_TICK_SECONDS": "0.3",
}


def database_url_of_tests():
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    credentials = database["USER"]
    if database["PASSWORD"]:
        credentials += f":{database['PASSWORD']}"
    host = database["HOST"] or "127.0.0.1"
    return (
        f"postgres://{credentials}@{host}:{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def smtp_server():
    with SmtpServer(free_port()) as server:
        yield server


@pytest.fixture
def queued_to(settings, smtp_server):
    """This process queues tasks in the database and sends (if ever) to the
    test SMTP server, as a production app server would."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    return smtp_server


class Worker:
    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.process = None

    def start(self):
        self.log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval=0.1",
            ],
            cwd=django_settings.BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self):
        return self.log_path.read_text()


@pytest.fixture
def start_worker(queued_to, transactional_db, tmp_path):
    """Start a worker process (another, after one is killed), with the fast
    timings or others given."""
    workers = []
    env = production_env(
        DATABASE_URL=database_url_of_tests(),
        DATABASE_CONN_MAX_AGE="0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(queued_to.port),
        EMAIL_USE_TLS="0",
        **FAST,
    )

    def start(**overrides):
        worker = Worker({**env, **overrides}, tmp_path / "worker.log").start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
