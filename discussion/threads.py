"""The discussion under an article: one query, a tree, counts, one template pass.

Comments come back in xtd's thread order (thread_id, order), which is a
depth-first walk of every thread, so the nested lists can be written in a
single loop: each node says whether its replies follow and how many lists
close after it. Long discussions are paged by top-level thread, so replies
always stay with their thread.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from articles.text import shorten

from .models import ArticleComment, ShownCommentMixin
from .text import comment_text, govuk_datetime


@dataclass(slots=True)
class ShownComment(ShownCommentMixin):
    """What the page shows of a comment: cheaper to build than a model
    instance, which matters when an article has thousands."""

    pk: int
    thread_id: int
    parent_id: int
    level: int
    is_public: bool
    is_removed: bool
    is_erased: bool
    user_name: str
    comment: str
    submit_date: object
    perspective_id: int | None
    point_id: int | None
    perspective: object = None  # a Perspective
    point: object = None  # an ArgumentPoint


SHOWN_FIELDS = [
    "pk",
    "thread_id",
    "parent_id",
    "level",
    "is_public",
    "is_removed",
    "is_erased",
    "user_name",
    "comment",
    "submit_date",
    "perspective_id",
    "point_id",
]


@dataclass
class Node:
    comment: ShownComment
    parent: ShownComment | None
    is_shown: bool  # False: a placeholder kept so its replies stay readable
    has_replies: bool = False
    closes: range = field(default_factory=lambda: range(0))
    reply_url: str = ""
    report_url: str = ""
    permalink: str = ""
    parent_url: str = ""
    # shown text, prepared here: filters in the loop cost more than the rest
    text_html: str = ""
    when: str = ""
    writing_as: str = ""
    point_excerpt: str = ""


@dataclass
class Discussion:
    nodes: list  # the nodes on this page
    total: int  # visible comments on the whole article
    perspective_counts: list  # (perspective, count), in the perspectives' order
    point_counts: dict  # point id -> count
    page: int = 1
    page_count: int = 1
    is_filtered: bool = False

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.page_count


def comments_for(article, perspectives, points):
    """Every comment on the article, in thread order, in one query.

    perspectives and points are already loaded for the page: {id: object}.
    """
    rows = (
        ArticleComment.objects.filter(article=article)
        .order_by("thread_id", "order")
        .values_list(*SHOWN_FIELDS)
    )
    comments = []
    for *fields, perspective_id, point_id in rows:
        comments.append(
            ShownComment(
                *fields,
                perspective_id,
                point_id,
                perspectives.get(perspective_id),
                points.get(point_id),
            )
        )
    return comments


def build_discussion(comments, perspective=None, point=None, page=1):
    """Arrange an article's comments (in thread order) for one page."""
    by_pk = {comment.pk: comment for comment in comments}
    visible = [comment for comment in comments if comment.is_visible]
    perspective_counts, point_counts = _counts(visible)
    per_page = settings.DISCUSSION_THREADS_PER_PAGE

    if perspective or point:
        matching = [
            comment
            for comment in visible
            if (not perspective or comment.perspective_id == perspective.pk)
            and (not point or comment.point_id == point.pk)
        ]
        page_count = max(1, math.ceil(len(matching) / per_page))
        page = min(max(page, 1), page_count)
        on_page = matching[(page - 1) * per_page : page * per_page]
        nodes = [Node(c, _parent_of(c, by_pk), is_shown=True) for c in on_page]
        _add_links(nodes)
        return Discussion(
            nodes,
            len(visible),
            perspective_counts,
            point_counts,
            page,
            page_count,
            is_filtered=True,
        )

    threads = _threads(comments)
    page_count = max(1, math.ceil(len(threads) / per_page))
    page = min(max(page, 1), page_count)
    kept = [
        c for thread in threads[(page - 1) * per_page : page * per_page] for c in thread
    ]
    nodes = [Node(c, _parent_of(c, by_pk), is_shown=c.is_visible) for c in kept]
    for index, node in enumerate(nodes):
        level = node.comment.level
        next_level = nodes[index + 1].comment.level if index + 1 < len(nodes) else 0
        node.has_replies = next_level > level
        if not node.has_replies:
            node.closes = range(level - next_level)
    # On the unfiltered list, permalinks stay on this page of the article.
    _add_links(nodes, f"?page={page}" if page > 1 else "")
    return Discussion(
        nodes, len(visible), perspective_counts, point_counts, page, page_count
    )


def page_of(comments, comment_pk):
    """The page of the unfiltered discussion that shows a comment, or None."""
    for index, thread in enumerate(_threads(comments)):
        if any(comment.pk == comment_pk for comment in thread):
            return index // settings.DISCUSSION_THREADS_PER_PAGE + 1
    return None


def _threads(comments):
    """Top-level threads, each the list of its comments that are shown.

    A hidden comment is kept (as a placeholder) only when a visible reply
    hangs below it; a thread with nothing visible is left out.
    """
    kept = []
    needed = set()
    for comment in reversed(comments):
        if comment.is_visible or comment.pk in needed:
            kept.append(comment)
            if comment.parent_id != comment.pk:
                needed.add(comment.parent_id)
    kept.reverse()
    threads = []
    for comment in kept:
        if comment.level == 0 or not threads:
            threads.append([comment])
        else:
            threads[-1].append(comment)
    return threads


def _counts(visible):
    perspective_totals = {}  # perspective id -> count; ids hash faster than models
    perspectives = {}
    point_counts = {}
    for comment in visible:
        if comment.perspective_id:
            key = comment.perspective_id
            perspective_totals[key] = perspective_totals.get(key, 0) + 1
            perspectives[key] = comment.perspective
        if comment.point_id:
            point_counts[comment.point_id] = point_counts.get(comment.point_id, 0) + 1
    perspective_counts = sorted(
        ((perspectives[key], count) for key, count in perspective_totals.items()),
        key=lambda pair: (pair[0].position, pair[0].name),
    )
    return perspective_counts, point_counts


def _add_links(nodes, page_url=None):
    """Each comment's links. Without page_url (a filtered list), permalinks
    go through the permalink view, which finds the comment's page."""
    # Resolved once for the page: a URL reversal per comment is most of the
    # cost of a long discussion.
    reply_prefix = reverse("discussion:reply", args=[0]).removesuffix("0/")
    report_prefix = reverse("discussion:report", args=[0]).removesuffix("0/")
    permalink_prefix = reverse("discussion:permalink", args=[0]).removesuffix("0/")
    excerpts = {}  # point id -> its shortened text, made once a page
    for node in nodes:
        comment = node.comment
        if node.is_shown:
            node.text_html = comment_text(comment.comment)
            node.when = govuk_datetime(comment.submit_date)
            if comment.perspective:
                node.writing_as = comment.perspective.one_person
            if comment.point:
                node.point_excerpt = _excerpt(comment.point, excerpts)
        pk = comment.pk
        node.reply_url = f"{reply_prefix}{pk}/"
        node.report_url = f"{report_prefix}{pk}/"
        node.permalink = (
            f"{page_url}#c{pk}" if page_url is not None else f"{permalink_prefix}{pk}/"
        )
        if node.parent:
            parent_pk = node.parent.pk
            node.parent_url = (
                f"#c{parent_pk}"
                if page_url is not None
                else f"{permalink_prefix}{parent_pk}/"
            )


def _excerpt(point, excerpts):
    if point.pk not in excerpts:
        excerpts[point.pk] = shorten(point.plain_text, 100)
    return excerpts[point.pk]


def _parent_of(comment, by_pk):
    if comment.parent_id == comment.pk:
        return None
    return by_pk.get(comment.parent_id)
