"""Time the site's public pages and its moderation queue at scale, in-process
with Django's test Client, count their queries, and check the targets. The
queue and the commenter page are read as a member of the Moderators group."""

import math
import os
import statistics
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Perspective
from discussion.models.pending import recipient_digest

from .scale_commenters import commenter_email
from .scale_seeding import TIMED, timed_slug
from .scale_text import (
    AUTHOR_SURNAME,
    COMMON_WORD,
    MISSPELT_WORD,
    PHRASE,
    RARE_WORD,
    US_SPELLING,
)

# Requests timed per page after a warm-up; a slow page stops after
# ROW_SECONDS, once it has MIN_REPEATS.
REPEATS = int(os.environ.get("BENCH_SCALE_REPEATS", 40))
MIN_REPEATS = 3
ROW_SECONDS = float(os.environ.get("BENCH_SCALE_ROW_SECONDS", 45))
MAX_QUERIES = 10
SEARCH_P95_MS = 50
QUEUE_P95_MS = 300
COLD_RATIO = 1.3
MODERATOR = "scale-moderator"
# one of the 40,000 commenters the seeding makes, each with about 25 comments
COMMENTER_NUMBER = 12345
COMMENTER = f"Reader {COMMENTER_NUMBER}"


@dataclass
class Row:
    name: str
    url: str
    kind: str = "page"  # or "article", "search", "queue"
    cold: bool = False
    signed_in: bool = False
    times: list = field(default_factory=list)
    status: int = 0
    queries: int = 0
    size: int = 0

    @property
    def median(self):
        return statistics.median(self.times)

    @property
    def p95(self):
        ordered = sorted(self.times)
        return ordered[math.ceil(len(ordered) * 0.95) - 1]


def rows_to_time():
    perspective = Perspective.objects.order_by("position", "pk").first()
    queue = "/admin/discussion/articlecomment/"
    return [
        Row("Index", "/", cold=True),
        Row(
            f"Perspective page ({perspective.name})",
            f"/perspectives/{perspective.slug}/",
            cold=True,
        ),
        *(
            Row(
                f"Article, cold render, {size:,} comments",
                f"/insight/{timed_slug(size)}/",
                kind="article",
                cold=True,
            )
            for size in sorted(TIMED.values())
        ),
        Row(
            f"Search, common word ({COMMON_WORD})",
            f"/search/?q={COMMON_WORD}",
            "search",
            cold=True,
        ),
        Row(
            f"Search, rare word ({RARE_WORD})",
            f"/search/?q={RARE_WORD}",
            "search",
            cold=True,
        ),
        Row(
            f'Search, quoted phrase ("{PHRASE}")',
            f"/search/?q=%22{PHRASE.replace(' ', '+')}%22",
            "search",
            cold=True,
        ),
        Row(
            f"Search, misspelt, with Did you mean ({MISSPELT_WORD})",
            f"/search/?q={MISSPELT_WORD}",
            "search",
            cold=True,
        ),
        Row(
            f"Search, US spelling ({US_SPELLING})",
            f"/search/?q={US_SPELLING}",
            "search",
            cold=True,
        ),
        Row(
            f"Search, an author ({AUTHOR_SURNAME})",
            f"/search/?q={AUTHOR_SURNAME}",
            "search",
            cold=True,
        ),
        Row(
            f"Search, a perspective ({perspective.name.lower()})",
            f"/search/?q={perspective.name.lower().replace(' ', '+')}",
            "search",
            cold=True,
        ),
        Row(
            "Moderation queue, awaiting moderation",
            f"{queue}?status=awaiting",
            "queue",
            signed_in=True,
        ),
        Row(
            "Moderation queue, reported",
            f"{queue}?status=reported",
            "queue",
            signed_in=True,
        ),
        Row(
            "Moderation queue, every comment (held first)",
            queue,
            "queue",
            signed_in=True,
        ),
        Row(
            f"Commenter page ({COMMENTER}, three spellings of one mailbox)",
            reverse(
                "admin:discussion_commenter",
                args=[recipient_digest(commenter_email(COMMENTER_NUMBER))],
            ),
            "queue",
            signed_in=True,
        ),
        Row(
            f"Comment changelist, search for a commenter ({COMMENTER})",
            f"{queue}?q={COMMENTER.replace(' ', '+')}",
            "queue",
            signed_in=True,
        ),
        Row(
            f"Comment changelist, search for a common word ({COMMON_WORD})",
            f"{queue}?q={COMMON_WORD}",
            "queue",
            signed_in=True,
        ),
        Row("Sitemap index", "/sitemap.xml", cold=True),
        Row("Sitemap section (articles)", "/sitemap-articles.xml", cold=True),
        Row("Comments feed", "/feeds/comments/", cold=True),
    ]


def clear_caches():
    for each in caches.all():
        each.clear()


def moderator_client():
    """A member of the Moderators group, with no permission of their own."""
    user, _made = get_user_model().objects.update_or_create(
        username=MODERATOR,
        defaults={
            "email": "moderator@example.org",
            "is_staff": True,
            "is_superuser": False,
        },
    )
    user.groups.set([Group.objects.get(name="Moderators")])
    user.user_permissions.clear()
    client = Client()
    client.force_login(user)
    return client


def time_rows(rows):
    reader, moderator = Client(), moderator_client()
    for row in rows:
        client = moderator if row.signed_in else reader
        print(f"  {row.name}…", flush=True)
        response = client.get(row.url)  # the warm-up
        row.status = response.status_code
        if row.status != 200:
            continue
        started = time.monotonic()
        while len(row.times) < REPEATS and (
            len(row.times) < MIN_REPEATS or time.monotonic() - started < ROW_SECONDS
        ):
            if row.cold:
                clear_caches()
            # the queries of the last request timed are the ones counted
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(row.url)
                row.times.append((time.perf_counter() - start) * 1000)
            row.status = response.status_code
        row.queries = len(queries.captured_queries)
        row.size = len(response.content)
    return rows


def checks(row, rows):
    """(target, passed) for each target the row is held to."""
    if not row.times or row.status != 200:
        return [(f"answers 200 (got {row.status})", False)]
    found = [(f"queries ≤ {MAX_QUERIES}", row.queries <= MAX_QUERIES)]
    if row.kind == "search":
        found.append((f"p95 ≤ {SEARCH_P95_MS} ms", row.p95 <= SEARCH_P95_MS))
    if row.kind == "queue":
        found.append((f"p95 ≤ {QUEUE_P95_MS} ms", row.p95 <= QUEUE_P95_MS))
    if row.kind == "article" and row.url.endswith(f"-{max(TIMED.values())}-comments/"):
        smallest = next(
            other
            for other in rows
            if other.url == f"/insight/{timed_slug(min(TIMED.values()))}/"
        )
        if smallest.times:
            ratio = row.median / smallest.median
            found.append(
                (
                    f"median ≤ {COLD_RATIO} × at {min(TIMED.values()):,} comments"
                    f" (is {ratio:.1f} ×)",
                    ratio <= COLD_RATIO,
                )
            )
    return found


def results_table(rows, heading):
    lines = [
        *heading,
        "",
        "| page | requests | median ms | p95 ms | queries | bytes | targets |",
        "|---|---|---|---|---|---|---|",
    ]
    passed = failed = 0
    for row in rows:
        found = checks(row, rows)
        passed += sum(ok for _target, ok in found)
        failed += sum(not ok for _target, ok in found)
        targets = "; ".join(
            f"{target}: {'PASS' if ok else 'FAIL'}" for target, ok in found
        )
        if row.times:
            timing = f"{len(row.times)} | {row.median:,.1f} | {row.p95:,.1f}"
        else:
            timing = "– | – | –"
        lines.append(
            f"| {row.name} `{row.url}` | {timing} | {row.queries} | {row.size:,}"
            f" | {targets} |"
        )
    lines += ["", f"Targets: {passed} PASS, {failed} FAIL."]
    failures = [
        f"- FAIL {row.name}: {target}"
        for row in rows
        for target, ok in checks(row, rows)
        if not ok
    ]
    return "\n".join(lines + failures), failed


def commenter_counts_plans(urls):
    """The plan PostgreSQL runs, with its timings, for the commenter counts
    of each of these queue pages: it should read the commenter index, never
    the whole table."""
    client = moderator_client()
    lines = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        grouped = [
            query["sql"]
            for query in queries.captured_queries
            if '"commenter"' in query["sql"] and "GROUP BY" in query["sql"]
        ]
        if not grouped:
            lines += ["", f"No commenter counts query on `{url}`."]
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {grouped[0]}")
            plan = [row[0] for row in cursor.fetchall()]
        lines += ["", f"Commenter counts on `{url}`:", "", "```", *plan, "```"]
    return "\n".join(lines)
