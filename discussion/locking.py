"""One order for the locks a change to a discussion takes: its article's row
first, then the comment's, its counts (counting.py), then the page versions
(pagecache). Every change to an article's comments (a comment posted, saved,
deleted, decided on or updated in bulk) starts by taking the article's row,
so two changes to one discussion wait for each other at the start rather
than each holding what the other needs, which PostgreSQL would break by
failing one of them. SQLite lets one writer in at a time anyway."""

from django.db import connection

from articles.models import Article


def lock_discussions(article_ids):
    """Hold these articles' rows, in id order, until the transaction ends."""
    ids = sorted({pk for pk in article_ids if pk is not None})
    if ids and connection.in_atomic_block:
        list(
            Article.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk")
        )
