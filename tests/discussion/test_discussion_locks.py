"""Changes to one article's discussion made at the same moment wait for each
other; none fails. Every change takes its locks in one order (the article's
row, the comment's, its counts, the page versions), so PostgreSQL never has
to break a deadlock by failing one of them, which a reader would see as an
error and a moderator as a decision not made."""

import random
import threading
import time

import pytest
from django.db import DatabaseError, connection

from discussion import decisions
from discussion.models import ArticleComment
from tests.factories import make_comment

pytestmark = pytest.mark.django_db(transaction=True)

SECONDS = 6
WRITERS = 4


def test_comments_posted_moderated_and_edited_together_never_deadlock(
    article, django_user_model
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: nothing to deadlock")
    moderator = django_user_model.objects.create_user("sam", is_staff=True)
    for _ in range(20):
        make_comment(article)
    failures = []
    done = {"posted": 0, "decided": 0, "edited": 0, "bulk": 0}
    stop = time.monotonic() + SECONDS

    def write(seed):
        rng = random.Random(seed)
        try:
            while time.monotonic() < stop:
                try:
                    _one_change(rng, article, moderator, done)
                except DatabaseError as error:
                    failures.append(f"{type(error).__name__}: {error}".strip())
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failures, failures[:3]
    assert done["posted"] and done["decided"], done


def _one_change(rng, article, moderator, done):
    kind = rng.choice(("post", "post", "decide", "edit", "bulk"))
    if kind == "post":
        # a new thread: xtd saves it twice, the page versions move with the
        # first save and the article's thread count with the second
        make_comment(article, is_public=True)
        done["posted"] += 1
        return
    pk = rng.choice(list(ArticleComment.objects.values_list("pk", flat=True)))
    comment = ArticleComment.objects.get(pk=pk)
    if kind == "decide":
        if comment.is_removed:
            decisions.approve(comment, moderator)
        else:
            decisions.remove(comment, moderator)
        done["decided"] += 1
    elif kind == "edit":
        # a correction in the admin: a save that moves the comment's count
        comment.is_featured = not comment.is_featured
        comment.save()
        done["edited"] += 1
    else:
        ArticleComment.objects.filter(pk=pk).update(is_public=rng.random() < 0.8)
        done["bulk"] += 1
