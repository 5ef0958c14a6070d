"""The reader's wait against the worker's sending, for a comment on an
article with many followers, on SQLite, to a local SMTP server (aiosmtpd).

Run with `.venv/bin/python bench/mail_queue.py [followers]` (2,000 by
default). Prints the time the comment's save took (what the reader waits
for: it queues one task), the time one worker took to send every follow-up,
their ratio, and the messages each follower got (1 each is right)."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path(tempfile.mkdtemp()) / "mail-bench.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="insight.settings",
    DATABASE_URL=f"sqlite:///{DATABASE}",
    DJANGO_LOG_LEVEL="ERROR",
)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from background.models import OutgoingMail  # noqa: E402
from tests.background.smtp import SmtpServer  # noqa: E402
from tests.factories import make_article, make_comment  # noqa: E402
from tests.platform.servers import free_port  # noqa: E402


def main(count):
    call_command("migrate", verbosity=0)
    article = make_article()
    for number in range(count):
        make_comment(
            article,
            user_email=f"follower{number}@example.org",
            followup=True,
            followers_notified_at=timezone.now(),
        )
    with SmtpServer(free_port()) as server:
        started = time.perf_counter()
        make_comment(article, user_email="author@example.org", comment="News.")
        reader_waited = time.perf_counter() - started

        env = {
            **os.environ,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(server.port),
            "EMAIL_USE_TLS": "0",
        }
        started = time.perf_counter()
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval=0.05",
                "--verbosity=0",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            server.handler.wait_for(lambda h: len(h.delivered) >= count, 600)
            sending = time.perf_counter() - started
        finally:
            worker.terminate()
            worker.wait(10)
        counts = server.handler.counts()
    print(f"followers: {count}")
    print(f"reader waited (the comment's save, queuing): {reader_waited * 1000:.0f} ms")
    print(
        f"one worker sent every follow-up in: {sending:.1f} s "
        f"({count / sending:.0f} messages/s)"
    )
    print(f"reader's wait / sending time: {reader_waited / sending:.4f}")
    print(
        f"messages per follower: min {min(counts.values())}, "
        f"max {max(counts.values())}; rows waiting: "
        f"{OutgoingMail.objects.waiting().count()}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
