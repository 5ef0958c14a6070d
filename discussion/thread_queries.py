"""What the discussion asks the database: counts, the threads on a page and
the page a comment is on, each bounded by the page rather than by the
length of the discussion."""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django_comments_xtd.models import XtdComment

from .models import ArticleComment, visible_to_readers


def page_of(comment):
    """The page of the unfiltered discussion that shows a comment, or None."""
    if not comment.is_visible and not _has_visible_reply(comment):
        return None
    earlier = (
        _visible_thread_ids(comment.article_id)
        .filter(thread_id__lt=comment.thread_id)
        .distinct()
        .count()
    )
    return earlier // settings.DISCUSSION_THREADS_PER_PAGE + 1


def visible_on(article):
    return ArticleComment.objects.visible().filter(article=article)


def _visible_thread_ids(article):
    """Ids of the article's top-level threads with something visible."""
    return visible_on(article).order_by().values_list("thread_id", flat=True)


def thread_ids_on_page(article, start, count):
    """The page's threads, found by walking the article's comments in order
    (comment_article_idx) until enough start a thread with something visible:
    the cost is that of the page, whatever the discussion's length. A thread's
    id is its first comment's, so only those match a thread_id."""
    has_visible = XtdComment.norel_objects.filter(
        visible_to_readers(), thread_id=OuterRef("pk")
    )
    return (
        ArticleComment.objects.filter(article=article)
        .filter(Exists(has_visible))
        .order_by("pk")
        .values_list("pk", flat=True)[start : start + count]
    )


def counts_of(article):
    """Visible comments by (perspective id, point id, stance), how many
    threads have any, and how many are featured: one grouped query, whose
    thread count is a subquery the database works out once."""
    thread_count = (
        visible_on(article)
        .order_by()
        .values("article")
        .annotate(threads=Count("thread_id", distinct=True))
        .values("threads")
    )
    rows = list(
        visible_on(article)
        .order_by()
        .values_list("perspective_id", "point_id", "stance")
        .annotate(
            count=Count("pk"),
            featured=Count("pk", filter=Q(is_featured=True)),
            threads=Subquery(thread_count),
        )
    )
    counts = {
        (perspective, point, stance): n for perspective, point, stance, n, *_ in rows
    }
    featured = sum(row[4] for row in rows)
    return counts, rows[0][5] if rows else 0, featured


def _has_visible_reply(comment):
    """Whether a visible comment hangs below this one. In xtd's thread order
    a comment's replies follow it, up to the next comment at its level or
    above."""
    later = ArticleComment.objects.filter(
        thread_id=comment.thread_id, order__gt=comment.order
    )
    end = (
        later.filter(level__lte=comment.level)
        .order_by("order")
        .values_list("order", flat=True)
        .first()
    )
    below = later.filter(order__lt=end) if end is not None else later
    return below.visible().exists()
