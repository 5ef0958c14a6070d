"""A soak of mixed reader traffic on PostgreSQL and Redis, as deployed at
scale: gunicorn with 3 workers of 4 threads, wrk with 32 connections, the
article 60% of requests and the index, a perspective page, a search and the
comments feed the rest, while comments are posted and moderated; then the
same again through Varnish (deploy/varnish.vcl), with a moderator removing a
comment every 5 seconds and reading the article back through Varnish at once.

Run with `make bench-soak` (10 minutes each; SOAK_SECONDS changes it). It prints
throughput, latency and errors, and Redis's memory and keys every minute:
the cache should grow with the number of pages, not with how often comments
arrive, so memory levels off after the first minute.
"""

import os
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.soak_settings"
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/insight_bench_soak"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/7")
os.environ.setdefault("CACHE_KEY_PREFIX", "insight-soak")
SECONDS = int(os.environ.get("SOAK_SECONDS", "600"))
SAMPLE_EVERY = 60

import django  # noqa: E402
import psycopg  # noqa: E402
import redis  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench.mixed import comments_arriving, mixed_paths, wrk_script  # noqa: E402
from bench.seeding import seed  # noqa: E402
from bench.throughput import PORT, gunicorn, wrk  # noqa: E402
from bench.varnish import VARNISH_PORT, removals_checked, varnish_in_front  # noqa: E402


def fresh_database():
    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database["NAME"]}"')
        connection.execute(f'CREATE DATABASE "{database["NAME"]}"')


def memory_samples(server, stop, samples):
    started = time.monotonic()
    while True:
        info = server.info("memory")
        samples.append(
            (time.monotonic() - started, info["used_memory"], server.dbsize())
        )
        if stop.wait(SAMPLE_EVERY):
            return


def failed(arrived):
    kinds = ", ".join(sorted(arrived["failures"]))
    return f"{arrived['failed']} posts or decisions failed" + (
        f" ({kinds})" if kinds else ""
    )


def main():
    settings.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    print("Preparing the database…", flush=True)
    fresh_database()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "seed", "pages", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    article = seed(100, random.Random(2026))
    server = redis.Redis.from_url(os.environ["REDIS_URL"])
    server.flushdb()
    script = settings.RESULTS_DIR / "soak.lua"
    script.write_text(wrk_script(mixed_paths(article)))
    samples = []
    stop = threading.Event()
    with gunicorn(
        "bench.soak_settings",
        recycle=True,
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="4",
        HTTP_CACHE="varnish",
        HTTP_CACHE_PURGE_URLS=f"http://127.0.0.1:{VARNISH_PORT}",
    ) as base:
        wrk(base + article.get_absolute_url(), seconds=2)  # warm every worker
        sampler = threading.Thread(target=memory_samples, args=(server, stop, samples))
        sampler.start()
        print(f"Soaking for {SECONDS} s…", flush=True)
        with comments_arriving(article) as arrived:
            rps, p50, p99, errors = wrk(
                base, seconds=SECONDS, script=script, connections=32
            )
        stop.set()
        sampler.join()
        print(f"Soaking through Varnish for {SECONDS} s…", flush=True)
        with (
            varnish_in_front(PORT, memory="512m") as varnish,
            comments_arriving(article) as arrived_varnish,
            removals_checked(article, varnish) as checked,
        ):
            through_varnish = wrk(
                varnish, seconds=SECONDS, script=script, connections=32
            )
    log = (settings.RESULTS_DIR / "gunicorn.log").read_text()
    restarts = log.count("Booting worker") - 3
    lines = [
        f"Mixed readers' traffic for {SECONDS} s on PostgreSQL and Redis, gunicorn"
        " 3 workers × 4 threads, wrk -t2 -c32",
        "",
        f"- {rps:,.0f} requests/s, p50 {p50}, p99 {p99}, {errors} errors"
        " (wrk's own report: bench/results/wrk.txt)",
        f"- {arrived['posted']} comments posted and {arrived['moderated']} moderated;"
        f" {failed(arrived)} (target: 0)",
        f"- workers replaced during the run: {restarts}",
        "",
        f"Through Varnish (deploy/varnish.vcl) for {SECONDS} s, the same traffic:",
        "",
        "- {:,.0f} requests/s, p50 {}, p99 {}, {} errors (target: 0)".format(
            *through_varnish
        ),
        f"- {arrived_varnish['posted']} comments posted and"
        f" {arrived_varnish['moderated']} moderated; {failed(arrived_varnish)}"
        " (target: 0);"
        f" {checked['removed']} removed"
        f" and read back at once: {checked['stale']} still served (target: 0);"
        f" {checked['failed']} removals failed (target: 0)",
        "",
        "| seconds | Redis memory (MB) | Redis keys |",
        "|---|---|---|",
        *(
            f"| {elapsed:.0f} | {memory / 1e6:.1f} | {keys:,} |"
            for elapsed, memory, keys in samples
        ),
    ]
    if len(samples) > 2:
        growth = samples[-1][1] / samples[1][1]
        lines += ["", f"Memory at the end vs after the first minute: {growth:.2f}×"]
    report = "\n".join(lines)
    print(report)
    (settings.RESULTS_DIR / "soak.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
