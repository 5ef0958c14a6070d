"""Time the article page in-process and count its queries and bytes, against
stock django-comments-xtd's page for the same article and comments."""

import re
import statistics
import time

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from discussion.models import ArticleComment

# stock's tree with all its links, with Insight's (Reply and flag), and plain
STOCK_FEATURES = ["full", "flag", "plain"]


def clear_caches():
    for each in caches.all():
        each.clear()


def timed(client, url, repeats, cold):
    times = []
    response = None
    for _ in range(repeats):
        if cold:
            clear_caches()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return statistics.median(times), p90, len(response.content)


def query_count(client, url):
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries.captured_queries)


def text_bytes(comment_ids):
    """Bytes of the commenters' own (escaped) text: the same on both sides."""
    texts = ArticleComment.objects.filter(pk__in=comment_ids).values_list(
        "comment", flat=True
    )
    return sum(len(escape(text).encode()) for text in texts)


def insight_comment_list(page):
    """The discussion's list of comments, from its <ol> to the links after it."""
    start = page.index(b'<ol class="comments">')
    ends = [
        page.find(marker, start)
        for marker in (b'<nav class="pagination"', b'<p class="comments-feed">')
    ]
    return page[start : min(end for end in ends if end != -1)].rstrip()


def stock_comment_list(page):
    """What stock's tree tag rendered (between markers in the bench template)."""
    return page.split(b"<!-- comments -->")[1].split(b"<!-- /comments -->")[0]


def page_rows(articles):
    client = Client()
    rows = []
    for size, article in articles.items():
        url = article.get_absolute_url()
        stock_url = f"/bench/stock/{article.slug}/"
        repeats = 21 if size <= 1000 else 7
        stock_repeats = 7 if size <= 1000 else 3
        client.get(url)  # warm imports and template loading
        client.get(stock_url)
        cold = timed(client, url, repeats, cold=True)
        warm = timed(client, url, repeats * 3, cold=False)
        stock = timed(client, stock_url, stock_repeats, cold=True)
        # Bytes per comment: the list of comments over the comments in it.
        # Counts by perspective and the page links are page-level (stock has
        # neither), so they count in the page's bytes only. Insight shows one
        # page of comments, stock all of them; so stock's bytes per comment
        # are counted for the same comments: its markup per comment plus the
        # text of the comments Insight shows.
        ours = insight_comment_list(client.get(url).content)
        shown_ids = [int(pk) for pk in re.findall(rb'<li id="c(\d+)"', ours)]
        shown = max(len(shown_ids), 1)
        shown_text = text_bytes(shown_ids) / shown
        all_text = text_bytes(article.comments.values_list("pk", flat=True)) / size
        stock_markup = {}
        for features in STOCK_FEATURES:
            stock_list = stock_comment_list(
                client.get(f"/bench/stock-{features}/{article.slug}/").content
            )
            stock_markup[features] = len(stock_list) / size - all_text
        per_comment = len(ours) / shown
        rows.append(
            {
                "size": size,
                "queries": query_count(client, url),
                "stock_queries": query_count(client, stock_url),
                "bytes": cold[2],
                "stock_bytes": stock[2],
                "shown": len(shown_ids),
                "per_comment": per_comment,
                "stock_per_comment": {
                    features: markup + shown_text
                    for features, markup in stock_markup.items()
                },
                "markup": per_comment - shown_text,
                "stock_markup": stock_markup["full"],
                "cold": cold,
                "warm": warm,
                "stock": stock,
            }
        )
    return rows


def jpeg_upload(name, colour):
    """A 1600 × 900 JPEG of one colour, as an editor would upload it."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (1600, 900), colour).save(out, "JPEG", quality=85)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def best_of_three_rounds(articles, repeats):
    """[(name, cold median, p90, bytes)]: each of {name: article} rendered
    cold in turn, three rounds, the best round's figures kept."""
    client = Client()
    results = {name: [] for name in articles}
    for article in articles.values():
        client.get(article.get_absolute_url())  # warm templates
    for _round in range(3):
        for name, article in articles.items():
            url = article.get_absolute_url()
            results[name].append(timed(client, url, repeats, cold=True))
    return [
        (name, min(run[0] for run in runs), min(run[1] for run in runs), runs[0][2])
        for name, runs in results.items()
    ]


def against_plain_table(title, rows, labels, ratio_name):
    """A table of two articles' cold renders and the second's ratio to the
    first ("plain"), whose target is at most 1.10."""
    by_name = {name: (median, p90, size) for name, median, p90, size in rows}
    other = next(name for name in by_name if name != "plain")
    ratio = by_name[other][0] / by_name["plain"][0]
    return [
        "",
        f"{title}, in-process, DEBUG off, SQLite, 100 comments each, cold"
        " (ms: best of three rounds' medians / 90th percentiles)",
        "",
        "| article | HTML bytes | cold |",
        "|---|---|---|",
        *(
            f"| {labels[name]} | {by_name[name][2]:,} | {by_name[name][0]:.1f} /"
            f" {by_name[name][1]:.1f} |"
            for name in by_name
        ),
        "",
        f"{ratio_name} vs plain: {ratio:.2f} (target: at most 1.10)",
    ]
