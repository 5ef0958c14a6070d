"""Time the what we heard page of an article in-process, cold: the counts
are aggregated by the database, so its cost is meant not to follow the
number of comments; nor, much, the quick answers from every perspective to
the seed article's 26 points (the small-number rule and common ground are
worked out per point, in memory)."""

import random

from django.urls import reverse

from articles.models import Article
from bench.answers import seed_answers
from bench.article_page import query_count, timed

SEED_ANSWERS = 5000
SEED_SLUG = "anyone-can-be-a-systems-leader"


def summary_rows(articles, sizes=(1000,)):
    """One row per article size: (label, queries, bytes, cold median, p90)."""
    from django.test import Client

    client = Client()
    rows = []
    for size in sizes:
        url = reverse("discussion:summary", args=[articles[size].slug])
        client.get(url)  # warm imports and template loading
        median, p90, size_bytes = timed(client, url, 21, cold=True)
        rows.append(
            (f"summary page, {size:,} comments, cold", query_count(client, url))
            + (size_bytes, median, p90)
        )
    seed = Article.objects.published().get(slug=SEED_SLUG)
    url = reverse("discussion:summary", args=[seed.slug])
    for label in ("no answers", f"{SEED_ANSWERS:,} answers"):
        if label != "no answers":
            seed_answers(seed, SEED_ANSWERS, random.Random(25))
        client.get(url)
        median, p90, size_bytes = timed(client, url, 21, cold=True)
        rows.append(
            (f"summary page, seed article, {label}, cold", query_count(client, url))
            + (size_bytes, median, p90)
        )
    return rows


def summary_table(rows):
    lines = [
        "",
        "What we heard page, in-process, DEBUG off, SQLite (ms: median / 90th"
        " percentile)",
        "",
        "| page | queries | HTML bytes | cold |",
        "|---|---|---|---|",
    ]
    for label, queries, size_bytes, median, p90 in rows:
        lines.append(
            f"| {label} | {queries} | {size_bytes:,} | {median:.1f} / {p90:.1f} |"
        )
    lines.append("")
    lines.append("Target: at most 6 queries on a cold cache, whatever the comments.")
    quiet, answered = rows[-2][3], rows[-1][3]
    lines.append(
        f"Target: the seed article's summary with {SEED_ANSWERS:,} answers from every"
        f" perspective at most 2 × its time with none: {answered / quiet:.2f} ×."
    )
    return lines
