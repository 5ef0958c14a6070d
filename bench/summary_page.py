"""Time the what we heard page of an article in-process, cold: the counts
are aggregated by the database, so its cost is meant not to follow the
number of comments."""

from django.urls import reverse

from bench.article_page import query_count, timed


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
    return lines
