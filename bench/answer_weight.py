"""Time the seed article's cold render (no comments) on this code against the
code before the quick answers were made light (commit BEFORE), in the same
run: target at most 0.60 of it (the page weight targets).

Each side runs in a process of its own, from its own copy of the code (the
old one taken from git with `git archive`), with its own SQLite database
holding the seed fixture and its own caches. The two take turns in short
rounds, so a busy machine slows both alike; every cache is emptied before
each request. This code's page is also timed without its answer buttons,
for what they cost (that page is bench's own, so the page cache's own work
for a reader's page, about a millisecond, is left out of it too). Run alone
with `python bench/answer_weight.py`, or as part of `make bench`.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "dd5d3d9"  # the merge before issue 25's work
TARGET = 0.60
SEED_SLUG = "anyone-can-be-a-systems-leader"
ROUNDS = 15
PER_ROUND = 5  # requests to each page in a round: 75 in all
PAGES = {
    "today": f"/insight/{SEED_SLUG}/",
    "today without answers": f"/bench/no-answers/{SEED_SLUG}/",
    "before": f"/insight/{SEED_SLUG}/",
}

# Each side's settings: the bench's own, with the database, the versions'
# files and the static files in the side's own directory.
SIDE_SETTINGS = """
from bench.settings import *  # noqa: F403
from bench.settings import BASE_DIR, CACHES, DATABASES

DATABASES["default"]["NAME"] = {database!r}
CACHES["page-versions"]["LOCATION"] = {versions!r}
STATIC_ROOT = {static!r}
STATICFILES_DIRS = [BASE_DIR / "static"]
"""


def serve(root, workdir):
    """One side: set up the site from the code at root, then answer each
    line "path count" with the times (ms) of count cold requests: wall clock
    and the process's CPU time, which another process's load disturbs less
    (the database is SQLite, in the process, so its work is counted too)."""
    answers, sys.stdout = sys.stdout, sys.stderr  # only results on the pipe
    sys.path[0] = str(root)  # the side's code, not this file's
    sys.path.insert(1, str(workdir))
    os.chdir(root)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cold_side_settings"
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "seed", "pages", verbosity=0)
    client = Client()
    for line in sys.stdin:
        path, count = line.split()
        client.get(path)  # imports and templates loaded
        wall, cpu = [], []
        for _ in range(int(count)):
            for cache in caches.all():
                cache.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            cpu.append((time.process_time() - cpu_started) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(json.dumps([wall, cpu, len(response.content)]), file=answers, flush=True)


def start_side(root, workdir):
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "cold_side_settings.py").write_text(
        SIDE_SETTINGS.format(
            database=str(workdir / "bench.sqlite3"),
            versions=str(workdir / "page-versions"),
            static=str(workdir / "static"),
        )
    )
    return subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--serve",
            str(root),
            str(workdir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def ask(side, path, count):
    side.stdin.write(f"{path} {count}\n")
    side.stdin.flush()
    line = side.stdout.readline()
    if not line:
        raise RuntimeError(f"the side timing {path} stopped")
    return json.loads(line)


def summary(wall, cpu, size):
    wall = sorted(wall)
    return (
        statistics.median(wall),
        wall[int(len(wall) * 0.9)],
        size,
        statistics.median(cpu),
    )


def cold_rows(rounds=ROUNDS, per_round=PER_ROUND):
    """{page: (median ms, 90th percentile ms, bytes, median CPU ms)}, both
    sides in turn."""
    with tempfile.TemporaryDirectory(prefix="cold-page-") as scratch:
        scratch = Path(scratch)
        old_code = scratch / "before"
        old_code.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", BEFORE],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(old_code)], input=archive, check=True)
        sides = {
            "today": start_side(ROOT, scratch / "today"),
            "before": start_side(old_code, scratch / "before-side"),
        }
        wall = {page: [] for page in PAGES}
        cpu = {page: [] for page in PAGES}
        sizes = {}
        try:
            for round_number in range(rounds):
                # each side first in every other round
                order = list(sides) if round_number % 2 else list(sides)[::-1]
                for name in order:
                    for page, path in PAGES.items():
                        if page.split()[0] == name:
                            taken, used, sizes[page] = ask(sides[name], path, per_round)
                            wall[page] += taken
                            cpu[page] += used
        finally:
            for side in sides.values():
                side.stdin.close()
                side.wait()
    return {page: summary(wall[page], cpu[page], sizes[page]) for page in PAGES}


def cold_table(rows):
    def line(name, row):
        return f"| {name} | {row[2]:,} | {row[0]:.1f} / {row[1]:.1f} | {row[3]:.1f} |"

    ratio = rows["today"][0] / rows["before"][0]
    cpu_ratio = rows["today"][3] / rows["before"][3]
    verdict = "PASS" if max(ratio, cpu_ratio) <= TARGET else "FAIL"
    return [
        "",
        "The seed article with no comments, cold (every cache emptied before each"
        " request), in-process, DEBUG off, SQLite, each side in a process of its"
        " own, in turn (ms: median / 90th percentile; CPU: median of the"
        " process's CPU time)",
        "",
        "| page | HTML bytes | cold | CPU |",
        "|---|---|---|---|",
        line(f"before quick answers were made light ({BEFORE})", rows["before"]),
        line("today", rows["today"]),
        line("today, without the answer buttons", rows["today without answers"]),
        "",
        f"Cold render: today takes {ratio:.2f}× the time before, {cpu_ratio:.2f}×"
        f" its CPU time (target: both at most {TARGET:.2f}) {verdict}; the"
        " answer buttons take"
        f" {rows['today'][0] / rows['today without answers'][0]:.2f}× the page"
        " without them.",
    ]


def main():
    print("\n".join(cold_table(cold_rows())))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
