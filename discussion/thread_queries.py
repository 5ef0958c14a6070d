"""What the discussion asks the database: counts, the threads on a page and
the page a comment is on, each bounded by the page rather than by the
length of the discussion. Counts come from the count tables (models/counts.py),
not from the comments."""

from django.conf import settings
from django.db.models import OuterRef, Subquery

from .models import ArticleComment, DiscussionCount, DiscussionSize, ThreadCount


def page_of(comment):
    """The page of the unfiltered discussion that shows a comment, or None."""
    if not comment.is_visible and not _has_visible_reply(comment):
        return None
    # counted through shown_thread_idx: it grows with the comment's place in
    # the discussion, one small index entry a thread
    earlier = _shown_threads(comment.article_id).filter(thread_id__lt=comment.thread_id)
    return earlier.count() // settings.DISCUSSION_THREADS_PER_PAGE + 1


def visible_on(article):
    return ArticleComment.objects.visible().filter(article=article)


def _shown_threads(article):
    """The article's threads with something visible, from their counts."""
    return ThreadCount.objects.filter(article=article, comments__gt=0)


def thread_ids_on_page(article, start, count):
    """The ids of the page's threads, read in order from shown_thread_idx.
    The first page costs the same whatever the discussion's length; a later
    one skips the entries before it (OFFSET), a few rows of one index."""
    return (
        _shown_threads(article)
        .order_by("thread_id")
        .values_list("thread_id", flat=True)[start : start + count]
    )


def counts_of(article):
    """Visible comments by (perspective id, point id, stance), how many
    threads have any, and how many are featured: a few kept rows, whatever
    the discussion's length (counting.py keeps them)."""
    threads = DiscussionSize.objects.filter(article=OuterRef("article")).values(
        "threads"
    )
    rows = list(
        DiscussionCount.objects.filter(article=article, comments__gt=0)
        .order_by()
        .annotate(threads=Subquery(threads))
        .values_list(
            "perspective_id", "point_id", "stance", "is_featured", "comments", "threads"
        )
    )
    counts = {}
    featured = 0
    for perspective, point, stance, is_featured, comments, _threads in rows:
        key = (perspective, point, stance)
        counts[key] = counts.get(key, 0) + comments
        featured += comments if is_featured else 0
    return counts, (rows[0][5] or 0) if rows else 0, featured


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
