"""Throughput of the cached article page under gunicorn, measured with wrk
against a static file of the same size and a trivial Django view."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import Client

from bench.mixed import MIX, comments_arriving, mixed_paths, wrk_script
from bench.varnish import VARNISH_PORT, varnish_in_front

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
ROUNDS = 3
THROUGH_VARNISH = "article page through Varnish (deploy/varnish.vcl)"
MIXED = (
    "mixed readers' pages ("
    + ", ".join(f"{name} {share}%" for share, name in MIX)
    + ")"
)


def free_port():
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", PORT)) != 0


def wrk(url, seconds=5, script=None, connections=16):
    """Requests a second, median and 99th-percentile latency, and how many
    answers were errors (not 2xx or 3xx, or failed sockets)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    # the last run's own report, which says what kind each error was
    (settings.RESULTS_DIR / "wrk.txt").write_text(output)
    rps = float(output.split("Requests/sec:")[1].split()[0])
    latency = {}
    errors = 0
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in {"50%", "99%"}:
            latency[parts[0]] = parts[1]
        if line.strip().startswith("Non-2xx or 3xx responses:"):
            errors += int(parts[-1])
        if line.strip().startswith("Socket errors:"):
            errors += sum(int(part.strip(",")) for part in parts[3::2])
    return rps, latency.get("50%", "?"), latency.get("99%", "?"), errors


@contextmanager
def gunicorn(settings_module, recycle=False, **env_overrides):
    """The site under gunicorn with its production config (access log
    included), on PORT, until the block ends. Workers are not recycled
    mid-run unless asked."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        # the site refuses to serve with debug off and no real key, hosts or
        # public address
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "HOST": "127.0.0.1",
        "PORT": str(PORT),
        **env_overrides,
    }
    assert free_port(), f"port {PORT} is in use"
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    if not recycle:
        command += ["--max-requests", "0"]
    log_path = settings.RESULTS_DIR / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [*command, "insight.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(100):
                if not free_port():
                    break
                if server.poll() is not None:
                    raise SystemExit(f"gunicorn did not start: see {log_path}")
                time.sleep(0.1)
            time.sleep(0.5)
            yield f"http://127.0.0.1:{PORT}"
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)


def throughput_rows(article):
    page = Client().get(article.get_absolute_url()).content
    static_src = settings.RESULTS_DIR / "static-src"
    static_src.mkdir(parents=True, exist_ok=True)
    (static_src / "bench-same-size.html").write_bytes(page)
    call_command("collectstatic", interactive=False, verbosity=0)
    with (
        gunicorn(
            "bench.settings",
            WEB_CONCURRENCY="2",
            HTTP_CACHE="varnish",
            HTTP_CACHE_PURGE_URLS=f"http://127.0.0.1:{VARNISH_PORT}",
        ) as base,
        varnish_in_front(PORT) as varnish,
    ):
        targets = {
            "article page (cached, 100 comments)": base + article.get_absolute_url(),
            "static file, same size (whitenoise)": base
            + settings.STATIC_URL
            + "bench-same-size.html",
            "trivial Django view": base + "/bench/trivial/",
            THROUGH_VARNISH: varnish + article.get_absolute_url(),
        }
        script = settings.RESULTS_DIR / "mixed.lua"
        script.write_text(wrk_script(mixed_paths(article)))
        for url in targets.values():
            wrk(url, seconds=1)  # warm every worker
        results = {name: [] for name in [*targets, MIXED]}
        # Short rounds, each target in turn, so that each round's ratios
        # compare runs made moments apart on a machine whose load changes.
        for _round in range(ROUNDS):
            for name, url in targets.items():
                results[name].append(wrk(url, seconds=4))
            with comments_arriving(article) as arrived:
                results[MIXED].append(wrk(base, seconds=4, script=script))
            print(
                f"During a mixed run: {arrived['posted']} comments posted, "
                f"{arrived['moderated']} moderated",
                flush=True,
            )
    return results, len(page)
