"""Benchmark the site at the size of a busy public site, on PostgreSQL.

Run with `make bench-scale`. It seeds the database insight_bench_scale (10,000
articles and 1,000,000 comments, a few minutes; see scale_seeding.py) unless
it already holds that data, then times the index, a perspective page, cold
renders of articles with 100, 10,000 and 100,000 comments, search, the
moderation queue and a commenter's page (as a member of the Moderators group),
the sitemap and the comments feed, in-process with Django's test Client and
DEBUG off; with the plans of the queue's commenter counts. It prints the
table with a PASS or FAIL for each target, and writes it to
bench/results/scale.md. It exits 0 whatever the targets say: it is a
measurement.

`--rebuild` (or BENCH_SCALE_REBUILD=1) seeds the database afresh;
BENCH_SCALE_DATABASE_URL names another database.
"""

import argparse
import os
import sys
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.scale_settings"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from psycopg import sql  # noqa: E402

from bench.scale_pages import (  # noqa: E402
    commenter_counts_plans,
    results_table,
    rows_to_time,
    time_rows,
)
from bench.scale_seeding import SPEC, seed, seeded  # noqa: E402


def _server():
    """A connection to the server's maintenance database, and our database's
    name."""
    db = settings.DATABASES["default"]
    server = psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    return server, db["NAME"]


def database_exists():
    server, name = _server()
    with server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def recreate_database():
    connection.close()
    server, name = _server()
    with server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# As the README recommends for PostgreSQL on SSDs or in memory: the default
# (4) makes a few thousand lookups by index seem dearer than reading a table
# of a million rows in full.
RANDOM_PAGE_COST = 1.1


def tune_database():
    """Set the database's planner costs as the README recommends; the
    connections opened afterwards use them."""
    server, name = _server()
    with server:
        server.execute(
            sql.SQL("ALTER DATABASE {} SET random_page_cost = {}").format(
                sql.Identifier(name), sql.Literal(RANDOM_PAGE_COST)
            )
        )
    connection.close()


def prepare(rebuild):
    """Seed the database unless it already holds this size's data. Returns
    the seconds the seeding took and whether it was done in this run."""
    fresh = rebuild or not database_exists()
    if fresh:
        recreate_database()
    tune_database()
    # an existing database is brought up to the code's models first
    call_command("migrate", verbosity=0)
    if not fresh:
        seconds = seeded()
        if seconds is not None:
            # as autovacuum would after the migrations' rewrites of every row
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            return seconds, False
        print("The database does not hold the benchmark's data: rebuilding.")
        recreate_database()
        tune_database()
        call_command("migrate", verbosity=0)
    call_command("loaddata", "seed", "pages", verbosity=0)
    print(f"Seeding {SPEC}…", flush=True)
    return seed(), True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--rebuild",
        action="store_true",
        default=os.environ.get("BENCH_SCALE_REBUILD", "") not in ("", "0"),
        help="seed the database afresh even if it holds the data",
    )
    parser.add_argument(
        "--only",
        metavar="WORDS",
        default="",
        help="time only the rows whose name holds these words, e.g. --only search",
    )
    arguments = parser.parse_args()
    rebuild = arguments.rebuild
    started = time.monotonic()
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    seeding, now_seeded = prepare(rebuild)
    print(f"Timing pages ({time.monotonic() - started:.0f} s so far)…", flush=True)
    rows = time_rows(
        [row for row in rows_to_time() if arguments.only.lower() in row.name.lower()]
    )
    when = "in this run" if now_seeded else "in an earlier run, reused"
    heading = [
        f"Insight at scale: PostgreSQL, {SPEC}",
        "",
        f"Seeding: {seeding:.0f} s ({when}). In-process with Django's test Client,"
        " DEBUG off; times in ms after a warm-up. PostgreSQL with"
        f" random_page_cost {RANDOM_PAGE_COST}, as the README recommends."
        " Readers' pages are rendered"
        " afresh: the caches are emptied before each request, so no time comes"
        " from the page cache.",
    ]
    report, failed = results_table(rows, heading)
    queue = [row.url for row in rows if row.url.startswith("/admin/discussion/art")]
    report += "\n" + commenter_counts_plans(queue[:3])
    # other work on the machine slows every row: say how busy it was
    load = ", ".join(f"{each:.1f}" for each in os.getloadavg())
    report += (
        f"\n\nWhole run: {time.monotonic() - started:.0f} s; load average at"
        f" the end (1, 5, 15 min) {load} on {os.cpu_count()} CPUs"
    )
    print()
    print(report)
    (settings.RESULTS_DIR / "scale.md").write_text(report + "\n")
    print(
        f"\n{failed} target{'s' if failed != 1 else ''} failed"
        " (a measurement: the exit status stays 0)."
        if failed
        else "\nEvery target passed."
    )


if __name__ == "__main__":
    main()
