"""Benchmark the article page against stock django-comments-xtd.

Run with `make bench`. Prints one table and writes it to bench/results/.
Timings are medians and 90th percentiles of in-process requests (DEBUG off,
SQLite); throughput comes from wrk against gunicorn with 2 workers. Targets
are ratios from the same run, so a busy machine slows both sides alike.

Bytes per comment are the bytes of the list of comments over the comments in
it, with stock's counted for the same comments as Insight's page shows;
"markup" leaves out the commenters' own text, which is the same on both sides.
"""

import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.html import escape  # noqa: E402

from articles.models import ArgumentPoint, Article, Perspective  # noqa: E402
from discussion.models import ArticleComment  # noqa: E402

SIZES = [10, 100, 1000, 5000]
# stock's tree with all its links, with Insight's (Reply and flag), and plain
STOCK_FEATURES = ["full", "flag", "plain"]
PORT = 8765
WORDS = (
    "systems leadership partners citizens council frontline staff services "
    "budget outcomes trust working together boundaries users regulators "
    "inspection community health police voluntary sector change evidence "
    "learning accountability collaboration resources prevention place"
).split()


def comment_text(rng):
    length = rng.randint(300, 800)
    words = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)[:length]
    return text[0].upper() + text[1:] + "."


def seed(size, rng):
    """An article with `size` threaded comments: about half are replies."""
    article = Article.objects.create(
        title=f"Benchmark article with {size} comments",
        slug=f"bench-{size}",
        standfirst="A benchmark article.",
        introduction="Seeded for the benchmark.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(days=1),
    )
    perspectives = list(Perspective.objects.all())
    points = [
        ArgumentPoint.objects.create(
            article=article,
            perspective=perspective,
            text=f"Point to {perspective}",
            position=i,
        )
        for i, perspective in enumerate(perspectives)
    ]
    content_type = ContentType.objects.get_for_model(Article)
    created = []
    with transaction.atomic():
        for number in range(size):
            parent = None
            candidates = [c for c in created[-30:] if c.level < 2]
            if created and candidates and rng.random() < 0.5:
                parent = rng.choice(candidates)
            comment = ArticleComment(
                article=article,
                content_type=content_type,
                object_pk=str(article.pk),
                site_id=settings.SITE_ID,
                user_name=f"Reader {number}",
                user_email=f"reader{number}@example.org",
                comment=comment_text(rng),
                submit_date=timezone.now() - timezone.timedelta(minutes=size - number),
                perspective=rng.choice(perspectives),
                point=rng.choice(points) if rng.random() < 0.3 else None,
                parent_id=parent.pk if parent else 0,
                followers_notified_at=timezone.now(),
            )
            comment.save()
            created.append(comment)
    return article


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
        # the site refuses to serve with debug off and no real key
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
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
    print("Measuring throughput…", flush=True)
    throughput, page_bytes = throughput_rows(articles[100])

    lines = [
        "Article page, in-process, DEBUG off, SQLite (ms: median / 90th percentile)",
        "",
        "| comments | shown | queries (stock) | HTML bytes (stock) | bytes per"
        " comment (stock) | of which markup (stock) | cold | warm | stock xtd"
        " | cold vs stock |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        per_comment = row["per_comment"]
        stock_per_comment = row["stock_per_comment"]["full"]
        cold, warm, stock = row["cold"], row["warm"], row["stock"]
        lines.append(
            f"| {row['size']:,} | {row['shown']:,} | {row['queries']} "
            f"({row['stock_queries']}) | {row['bytes']:,} ({row['stock_bytes']:,}) | "
            f"{per_comment:,.0f} ({stock_per_comment:,.0f}) | "
            f"{row['markup']:,.0f} ({row['stock_markup']:,.0f}) | "
            f"{cold[0]:.1f} / {cold[1]:.1f} | {warm[0]:.2f} / {warm[1]:.2f} | "
            f"{stock[0]:.1f} / {stock[1]:.1f} | {stock[0] / cold[0]:.0f}× faster |"
        )
    lines += [
        "",
        f"Throughput under gunicorn, 2 workers, wrk -t2 -c16 -d5s, page of "
        f"{page_bytes:,} bytes (two alternated rounds)",
        "",
        "| target | requests/s | p50 | p99 |",
        "|---|---|---|---|",
    ]
    for name, runs in throughput.items():
        for rps, p50, p99 in runs:
            lines.append(f"| {name} | {rps:,.0f} | {p50} | {p99} |")
    article_rps = statistics.mean(r[0] for r in throughput[next(iter(throughput))])
    static_rps = statistics.mean(
        r[0] for r in throughput["static file, same size (whitenoise)"]
    )
    thousand = next(row for row in rows if row["size"] == 1000)
    lines += [
        "",
        "Targets (ratios from this run):",
        f"- queries on a cold cache at every size: "
        f"{sorted({row['queries'] for row in rows})} (target: fixed, at most 6)",
        f"- cold render with 1,000 comments vs stock: "
        f"{thousand['stock'][0] / thousand['cold'][0]:.0f}× faster (target: 20×)",
        "- HTML bytes per comment vs stock (the same comments), at each size:",
        *(
            f"  - {label}: "
            + ", ".join(
                f"{row['per_comment'] / row['stock_per_comment'][features]:.2f}"
                for row in rows
            )
            + (" (target: at most 0.5)" if features == "full" else "")
            for features, label in [
                ("full", "stock as the issue measured it (Reply, flag, like links)"),
                ("flag", "stock with Insight's links only (Reply, flag)"),
                ("plain", "stock with Reply links only"),
            ]
        ),
        "- markup bytes per comment (the commenters' text, identical on both sides,"
        " left out) vs stock: "
        + ", ".join(f"{row['markup'] / row['stock_markup']:.2f}" for row in rows),
        f"- cached article throughput vs same-size static file: "
        f"{article_rps / static_rps:.2f} (target: at least 0.5)",
        "",
        f"Whole run: {time.monotonic() - started:.0f} s",
    ]
    report = "\n".join(lines)
    print(report)
    (results_dir / "latest.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
