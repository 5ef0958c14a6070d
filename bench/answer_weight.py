"""Time what the quick answers add to the article page: the seed article with
no comments, cold, with its answer buttons and without them (the same page,
the section told to leave them out). Run alone with
`python bench/answer_weight.py`, or as part of `make bench`."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED_SLUG = "anyone-can-be-a-systems-leader"
REPEATS = 41


def answer_weight_row(slug=SEED_SLUG):
    """(cold with answers, cold without answers): (median, p90, bytes) each."""
    from django.test import Client

    from bench.article_page import timed

    client = Client()
    with_answers = f"/insight/{slug}/"
    without_answers = f"/bench/no-answers/{slug}/"
    for url in (with_answers, without_answers):
        client.get(url)  # warm imports and template loading
    return (
        timed(client, with_answers, REPEATS, cold=True),
        timed(client, without_answers, REPEATS, cold=True),
    )


def answer_weight_table(row):
    answers, plain = row

    def line(name, timed):
        return f"| {name} | {timed[2]:,} | {timed[0]:.1f} / {timed[1]:.1f} |"

    return [
        "",
        "The seed article with no comments, cold, in-process, DEBUG off, SQLite"
        " (ms: median / 90th percentile)",
        "",
        "| page | HTML bytes | cold |",
        "|---|---|---|",
        line("with quick answers", answers),
        line("without quick answers", plain),
        "",
        f"Quick answers' cost: the page with them takes {answers[0] / plain[0]:.2f}×"
        " the time of the page without them (1.31× on the same machine when every"
        " point had a full form with its own select; 0.6 × that old page would be"
        " 0.79×, under the page without answers, so the rest of the page has to"
        " get lighter too to reach it).",
    ]


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    db = Path(settings.DATABASES["default"]["NAME"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    (settings.RESULTS_DIR / "static-src").mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "seed", "pages", verbosity=0)
    print("\n".join(answer_weight_table(answer_weight_row())))


if __name__ == "__main__":
    main()
