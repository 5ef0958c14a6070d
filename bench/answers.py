"""Time the summary's answer counts: answer_counts(article) for an article
with 1,000 and with 100,000 quick answers (seeded with bulk_create), among
the other articles' answers."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Perspective
from discussion.answers import answer_counts
from discussion.models import QuickAnswer

ANSWER_SIZES = [1000, 100_000]


def seed_answers(article, size, rng):
    points = list(article.points.all())
    perspectives = [None, *Perspective.objects.all()]
    answers = QuickAnswer.Answer.values
    QuickAnswer.objects.bulk_create(
        (
            QuickAnswer(
                point=points[number % len(points)],
                article=article,
                perspective=rng.choice(perspectives),
                answer=rng.choice(answers),
                reader=f"{article.pk}-{number}",
                network=f"{number % 5000}",
            )
            for number in range(size)
        ),
        batch_size=5000,
    )


def answer_rows(articles, rng, repeats=30):
    """One row per size: queries, median and 90th percentile (ms)."""
    chosen = list(articles.values())[: len(ANSWER_SIZES)]
    for article, size in zip(chosen, ANSWER_SIZES, strict=True):
        seed_answers(article, size, rng)
    rows = []
    for article, size in zip(chosen, ANSWER_SIZES, strict=True):
        with CaptureQueriesContext(connection) as queries:
            counts = answer_counts(article)
        assert sum(counts.values()) == size, (sum(counts.values()), size)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            answer_counts(article)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        rows.append(
            {
                "size": size,
                "queries": len(queries),
                "median": statistics.median(times),
                "p90": times[min(len(times) - 1, int(len(times) * 0.9))],
            }
        )
    return rows
