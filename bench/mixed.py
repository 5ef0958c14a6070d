"""Mixed reader traffic: the article most of the time, and the index, a
perspective page, a common search and the comments feed, while comments are
posted and moderated, each change making the pages that show it stale."""

import random
import threading
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, close_old_connections
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Perspective
from discussion import decisions
from discussion.models import ArticleComment

# (share of requests in percent, what is asked for)
MIX = [
    (60, "the article"),
    (10, "the index"),
    (10, "a perspective page"),
    (10, "a search"),
    (10, "the comments feed"),
]
# A new comment this often (seconds); every other one is held, then
# approved, and every fifth published one is removed after.
COMMENT_EVERY = 0.5


def mixed_paths(article):
    perspective = Perspective.objects.order_by("position").first()
    paths = {
        "the article": article.get_absolute_url(),
        "the index": reverse("articles:list"),
        "a perspective page": perspective.get_absolute_url(),
        "a search": f"{reverse('articles:search')}?q=leadership",
        "the comments feed": reverse("discussion:feed"),
    }
    return [(share, paths[name]) for share, name in MIX]


def wrk_script(weighted_paths):
    """A wrk script that asks for each path in its share of requests."""
    entries = [path for share, path in weighted_paths for _ in range(share)]
    listed = ", ".join(f'"{path}"' for path in entries)
    return (
        f"local paths = {{{listed}}}\n"
        "math.randomseed(os.time())\n"
        "request = function()\n"
        "  return wrk.format(nil, paths[math.random(#paths)])\n"
        "end\n"
    )


@contextmanager
def comments_arriving(article):
    """Post and moderate comments on the article until the block ends."""
    stop = threading.Event()
    counts = {"posted": 0, "moderated": 0, "failed": 0, "failures": set()}
    worker = threading.Thread(
        target=_post_and_moderate, args=(article, stop, counts), daemon=True
    )
    worker.start()
    try:
        yield counts
    finally:
        stop.set()
        worker.join(timeout=10)


def _post_and_moderate(article, stop, counts):
    rng = random.Random(7)
    moderator, _ = get_user_model().objects.get_or_create(
        username="bench-moderator", defaults={"is_staff": True}
    )
    content_type = ContentType.objects.get_for_model(Article)
    perspectives = list(Perspective.objects.all())
    held = []
    number = 0
    try:
        while not stop.wait(COMMENT_EVERY):
            number += 1
            try:
                comment = ArticleComment(
                    article=article,
                    content_type=content_type,
                    object_pk=str(article.pk),
                    site_id=settings.SITE_ID,
                    user_name=f"Mixed reader {number}",
                    user_email=f"mixed{number}@example.org",
                    comment=f"A view that arrived during the run, number {number}.",
                    perspective=rng.choice(perspectives),
                    is_public=number % 2 == 1,
                    followers_notified_at=timezone.now(),
                )
                comment.save()
                counts["posted"] += 1
                if not comment.is_public:
                    held.append(comment)
                elif number % 5 == 0:
                    decisions.remove(comment, moderator)
                    counts["moderated"] += 1
                if len(held) > 1:
                    decisions.approve(held.pop(0), moderator)
                    counts["moderated"] += 1
            except DatabaseError as error:
                # counted, not fatal: the run goes on, and the report says so
                counts["failed"] += 1
                counts["failures"].add(type(error).__name__)
                close_old_connections()
    finally:
        close_old_connections()
