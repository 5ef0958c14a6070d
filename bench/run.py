"""Benchmark the article page against stock django-comments-xtd.

Run with `make bench`. Prints one table and writes it to bench/results/.
Timings are medians and 90th percentiles of in-process requests (DEBUG off,
SQLite); throughput comes from wrk against gunicorn with 2 workers. Targets
are ratios from the same run, so a busy machine slows both sides alike.

Bytes per comment are the bytes of the list of comments over the comments in
it, with stock's counted for the same comments as Insight's page shows;
"markup" leaves out the commenters' own text, which is the same on both sides.

The steps live beside this file: seeding.py seeds the articles, article_page.py
measures the page in-process against stock, figures_page.py times an article
with figures from the media library against one without, answer_weight.py times
the seed article cold against the code before its quick answers were made
light, answers.py times the summary's answer counts, throughput.py measures it
under gunicorn with wrk, and results_table.py writes the table.
"""

import os
import random
import shutil
import sys
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench.answer_weight import cold_rows, cold_table  # noqa: E402
from bench.answers import answer_rows  # noqa: E402
from bench.article_page import page_rows  # noqa: E402
from bench.figures_page import figures_rows, figures_table  # noqa: E402
from bench.formatted_page import formatted_rows, formatted_table  # noqa: E402
from bench.results_table import results_table  # noqa: E402
from bench.seeding import SIZES, seed  # noqa: E402
from bench.summary_page import summary_rows, summary_table  # noqa: E402
from bench.throughput import throughput_rows  # noqa: E402


def main():
    started = time.monotonic()
    results_dir = settings.RESULTS_DIR
    results_dir.mkdir(parents=True, exist_ok=True)
    db = Path(settings.DATABASES["default"]["NAME"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(settings.STATIC_ROOT, ignore_errors=True)
    (settings.RESULTS_DIR / "static-src").mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "seed", "pages", verbosity=0)
    rng = random.Random(2026)
    print("Seeding comments…", flush=True)
    articles = {size: seed(size, rng) for size in SIZES}
    print("Timing pages…", flush=True)
    rows = page_rows(articles)
    summary = summary_rows(articles)
    formatted = formatted_rows()
    figures = figures_rows()
    print("Timing the article cold against the code before…", flush=True)
    cold = cold_rows()
    print("Counting answers…", flush=True)
    answers = answer_rows(articles, rng)
    print("Measuring throughput…", flush=True)
    throughput, page_bytes = throughput_rows(articles[100])
    report = results_table(
        rows, throughput, page_bytes, time.monotonic() - started, answers
    )
    report += "\n" + "\n".join(summary_table(summary))
    report += "\n" + "\n".join(formatted_table(formatted))
    report += "\n" + "\n".join(figures_table(figures))
    report += "\n" + "\n".join(cold_table(cold))
    print(report)
    (results_dir / "latest.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
