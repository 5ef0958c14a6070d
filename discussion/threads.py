"""The discussion under an article: a page of threads, counts, one template pass.

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

from .models import STANCE_PHRASES, ArticleComment, ShownCommentMixin
from .text import comment_text, govuk_datetime
from .thread_queries import counts_of, thread_ids_on_page, visible_on


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
    stance: str
    is_featured: bool
    perspective_id: int | None
    point_id: int | None
    perspective: object = None  # a Perspective
    point: object = None  # an ArgumentPoint
    replies: int = 0  # visible replies in its thread, where the summary counts them


# How many replies a thread has before they fold under its first comment
FOLDED_FROM = 2

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
    "stance",
    "is_featured",
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
    # A thread's replies fold under its first comment (a <details>) when
    # there are two or more: how many readers see there; and, on the node
    # whose closes end a thread, that thread's first node.
    folded_replies: int = 0
    closes_thread_of: "Node | None" = None
    reply_url: str = ""
    report_url: str = ""
    permalink: str = ""
    parent_url: str = ""
    # shown text, prepared here: filters in the loop cost more than the rest
    text_html: str = ""
    when: str = ""
    writing_as: str = ""
    point_excerpt: str = ""
    stance: str = ""  # "agrees with this point", in words

    @property
    def folds(self):
        """A single reply shows in place: folding it would cost a click."""
        return self.comment.level == 0 and self.folded_replies >= FOLDED_FROM


@dataclass
class Discussion:
    nodes: list  # the nodes on this page
    total: int  # visible comments on the whole article
    perspective_counts: list  # (perspective, count), in the perspectives' order
    point_counts: dict  # point id -> count
    page: int = 1
    page_count: int = 1
    is_filtered: bool = False
    featured: list = field(default_factory=list)  # nodes, oldest first
    # point id -> {stance: count}; and the stances among what the filter
    # (perspective or point) shows, whatever stance is asked for
    point_stances: dict = field(default_factory=dict)
    stance_counts: dict = field(default_factory=dict)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.page_count


def discussion_for(
    article, perspectives, points, perspective=None, point=None, stance="", page=1
):
    """One page of an article's discussion, with its counts.

    perspectives and points are already loaded for the page: {id: object}.
    Each query is bounded by the page, not by the discussion: the counts are
    kept as comments change (counting.py), and only the comments shown are
    fetched.
    """
    per_page = settings.DISCUSSION_THREADS_PER_PAGE
    counts, thread_count, featured_count = counts_of(article)
    total = sum(counts.values())
    perspective_counts, point_counts, point_stances = _totals(counts, perspectives)
    stance_counts = {}
    for (perspective_id, point_id, its_stance), count in counts.items():
        if its_stance and (not perspective or perspective_id == perspective.pk):
            if not point or point_id == point.pk:
                stance_counts[its_stance] = stance_counts.get(its_stance, 0) + count
    extra = {
        "featured": _featured(article, perspectives, points) if featured_count else [],
        "point_stances": point_stances,
        "stance_counts": stance_counts,
    }

    if perspective or point or stance:
        matching = sum(
            count
            for (perspective_id, point_id, its_stance), count in counts.items()
            if (not perspective or perspective_id == perspective.pk)
            and (not point or point_id == point.pk)
            and (not stance or its_stance == stance)
        )
        page_count = max(1, math.ceil(matching / per_page))
        page = min(max(page, 1), page_count)
        shown = visible_on(article)
        if perspective:
            shown = shown.filter(perspective=perspective)
        if point:
            shown = shown.filter(point=point)
        if stance:
            shown = shown.filter(stance=stance)
        start = (page - 1) * per_page
        on_page = shown_comments(shown[start : start + per_page], perspectives, points)
        by_pk = _parents(on_page, perspectives, points)
        nodes = [Node(c, _parent_of(c, by_pk), is_shown=True) for c in on_page]
        add_links(nodes)
        return Discussion(
            nodes,
            total,
            perspective_counts,
            point_counts,
            page,
            page_count,
            is_filtered=True,
            **extra,
        )

    page_count = max(1, math.ceil(thread_count / per_page))
    page = min(max(page, 1), page_count)
    kept = []
    if thread_count:
        start = (page - 1) * per_page
        thread_ids = thread_ids_on_page(article, start, per_page)
        comments = shown_comments(
            ArticleComment.objects.filter(article=article, thread_id__in=thread_ids),
            perspectives,
            points,
        )
        kept = [c for thread in _threads(comments) for c in thread]
    by_pk = {comment.pk: comment for comment in kept}
    nodes = [Node(c, _parent_of(c, by_pk), is_shown=c.is_visible) for c in kept]
    _nest(nodes)
    # On the unfiltered list, permalinks stay on this page of the article.
    add_links(nodes, f"?page={page}" if page > 1 else "")
    return Discussion(
        nodes, total, perspective_counts, point_counts, page, page_count, **extra
    )


def _featured(article, perspectives, points):
    """The article's featured comments, linked to their place in it."""
    comments = shown_comments(
        ArticleComment.objects.featured().filter(article=article).order_by("pk"),
        perspectives,
        points,
    )
    nodes = [Node(c, None, is_shown=True) for c in comments]
    add_links(nodes)
    return nodes


def _nest(nodes):
    """Tell each node of whole threads, in order, what markup opens and
    closes around it: a list for its replies, a fold for a thread's."""
    thread_start = None
    for index, node in enumerate(nodes):
        level = node.comment.level
        next_level = nodes[index + 1].comment.level if index + 1 < len(nodes) else 0
        if level == 0:
            thread_start = node
        elif thread_start is not None and node.is_shown:
            thread_start.folded_replies += 1
        node.has_replies = next_level > level
        if not node.has_replies:
            node.closes = range(level - next_level)
            if level > 0 and next_level == 0:
                node.closes_thread_of = thread_start


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


def _totals(counts, perspectives):
    """Counts per perspective (in the perspectives' order), per point, and
    per point and stance."""
    perspective_totals = {}
    point_counts = {}
    point_stances = {}
    for (perspective_id, point_id, stance), count in counts.items():
        if perspective_id in perspectives:
            perspective_totals[perspective_id] = (
                perspective_totals.get(perspective_id, 0) + count
            )
        if point_id:
            point_counts[point_id] = point_counts.get(point_id, 0) + count
            if stance:
                stances = point_stances.setdefault(point_id, {})
                stances[stance] = stances.get(stance, 0) + count
    perspective_counts = sorted(
        ((perspectives[key], count) for key, count in perspective_totals.items()),
        key=lambda pair: (pair[0].position, pair[0].name),
    )
    return perspective_counts, point_counts, point_stances


def shown_comments(comments, perspectives, points, *annotations):
    """Light copies of the comments a page shows, in the queryset's order
    (ArticleComment's is xtd's thread order). perspectives and points are
    {id: object}; annotations names any of ShownComment's other fields that
    the queryset annotates (the summary's "replies").

    Rows are read by name, so SHOWN_FIELDS may grow in any order."""
    return [
        ShownComment(
            **row,
            perspective=perspectives.get(row["perspective_id"]),
            point=points.get(row["point_id"]),
        )
        for row in comments.values(*SHOWN_FIELDS, *annotations)
    ]


def _parents(comments, perspectives, points):
    """The comments, and those they reply to, by pk: a filtered page shows
    whom each comment answers."""
    by_pk = {comment.pk: comment for comment in comments}
    missing = {c.parent_id for c in comments if c.parent_id != c.pk} - by_pk.keys()
    if missing:
        parents = ArticleComment.objects.filter(pk__in=missing)
        by_pk.update((c.pk, c) for c in shown_comments(parents, perspectives, points))
    return by_pk


def add_links(nodes, page_url=None):
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
                node.stance = STANCE_PHRASES.get(comment.stance, "")
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
