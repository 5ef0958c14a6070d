"""Varnish with deploy/varnish.vcl in front of the benchmark's gunicorn, and
a check that what a moderator removes is never served after the purge."""

import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import DatabaseError, close_old_connections
from django.test import override_settings

from discussion import decisions
from discussion.models import ArticleComment

ROOT = Path(__file__).resolve().parent.parent
VARNISH_PORT = 8766
# How often the check removes a published comment and looks for it (seconds).
CHECK_EVERY = 5.0


def varnishd():
    found = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if not found:
        raise SystemExit("varnishd is not installed: apt-get install varnish")
    return found


@contextmanager
def varnish_in_front(backend_port, memory="256m"):
    """Varnish on VARNISH_PORT until the block ends; the benchmark process's
    own changes purge it, as an app server's would."""
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    vcl = vcl.replace('.port = "8000";', f'.port = "{backend_port}";')
    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / "default.vcl").write_text(vcl)
        process = subprocess.Popen(
            [varnishd(), "-F", "-j", "none", "-n", f"{directory}/work"]
            + ["-f", f"{directory}/default.vcl", "-s", f"malloc,{memory}"]
            + ["-a", f"127.0.0.1:{VARNISH_PORT}", "-T", "none"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{VARNISH_PORT}"
        try:
            _wait_for(url)
            with override_settings(HTTP_CACHE="varnish", HTTP_CACHE_PURGE_URLS=[url]):
                yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_for(url):
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("varnishd did not start")


@contextmanager
def removals_checked(article, varnish_url):
    """Until the block ends, remove a published comment on the article now
    and then, and read the article through Varnish as soon as the removal
    is done: counts how often the removed comment was still served."""
    stop = threading.Event()
    counts = {"removed": 0, "stale": 0, "failed": 0}
    worker = threading.Thread(
        target=_remove_and_check,
        args=(article, varnish_url, stop, counts),
        daemon=True,
    )
    worker.start()
    try:
        yield counts
    finally:
        stop.set()
        worker.join(timeout=20)


def _remove_and_check(article, varnish_url, stop, counts):
    from django.contrib.auth import get_user_model

    moderator, _ = get_user_model().objects.get_or_create(
        username="bench-checker", defaults={"is_staff": True}
    )
    page = f"{varnish_url}{article.get_absolute_url()}"
    try:
        while not stop.wait(CHECK_EVERY):
            shown = urllib.request.urlopen(page, timeout=10).read().decode()
            visible = ArticleComment.objects.filter(article=article).visible()
            candidates = [*visible.order_by("-pk")[:30], *visible.order_by("pk")[:30]]
            comment = next((c for c in candidates if c.comment in shown), None)
            if comment is None:
                continue
            try:
                decisions.remove(comment, moderator)  # purged once committed
            except DatabaseError:
                counts["failed"] += 1  # not removed: nothing to look for
                continue
            counts["removed"] += 1
            shown = urllib.request.urlopen(page, timeout=10).read().decode()
            if comment.comment in shown:
                counts["stale"] += 1
    finally:
        close_old_connections()
