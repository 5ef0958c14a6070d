"""Throughput of the cached article page under gunicorn, measured with wrk
against a static file of the same size and a trivial Django view."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765


def free_port():
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", PORT)) != 0


def wrk(url, seconds=5):
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(output.split("Requests/sec:")[1].split()[0])
    latency = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in {"50%", "99%"}:
            latency[parts[0]] = parts[1]
    return rps, latency.get("50%", "?"), latency.get("99%", "?")


def throughput_rows(article):
    page = Client().get(article.get_absolute_url()).content
    static_src = settings.RESULTS_DIR / "static-src"
    static_src.mkdir(parents=True, exist_ok=True)
    (static_src / "bench-same-size.html").write_bytes(page)
    call_command("collectstatic", interactive=False, verbosity=0)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        # the site refuses to serve with debug off and no real key, hosts or
        # public address
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
    }
    assert free_port(), f"port {PORT} is in use"
    # The production gunicorn config (access log included, as in production),
    # with two workers that are not recycled mid-run.
    env.update(HOST="127.0.0.1", PORT=str(PORT), WEB_CONCURRENCY="2")
    log = open(settings.RESULTS_DIR / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--max-requests",
            "0",
            "insight.wsgi",
        ],
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
                raise SystemExit(
                    "gunicorn did not start: see bench/results/gunicorn.log"
                )
            time.sleep(0.1)
        time.sleep(0.5)
        base = f"http://127.0.0.1:{PORT}"
        targets = {
            "article page (cached, 100 comments)": base + article.get_absolute_url(),
            "static file, same size (whitenoise)": base
            + settings.STATIC_URL
            + "bench-same-size.html",
            "trivial Django view": base + "/bench/trivial/",
        }
        for url in targets.values():
            wrk(url, seconds=1)  # warm every worker
        results = {name: [] for name in targets}
        for _round in range(2):
            for name, url in targets.items():
                results[name].append(wrk(url))
        return results, len(page)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        log.close()
