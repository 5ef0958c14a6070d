"""The discussion under an article: one query, a tree, counts, one template pass.

Comments come back in xtd's thread order (thread_id, order), which is a
depth-first walk of every thread, so the nested lists can be written in a
single loop: each node says whether its replies follow and how many lists
close after it.
"""

from dataclasses import dataclass, field

from .models import ArticleComment


@dataclass
class Node:
    comment: ArticleComment
    parent: ArticleComment | None
    is_shown: bool  # False: a placeholder kept so its replies stay readable
    has_replies: bool = False
    closes: range = field(default_factory=lambda: range(0))


@dataclass
class Discussion:
    nodes: list
    total: int
    perspective_counts: list  # (audience, count), in the perspectives' order
    point_counts: dict  # point id -> count
    is_filtered: bool = False


def comments_for(article):
    return (
        ArticleComment.objects.filter(article=article)
        .select_related("perspective", "point__audience")
        .order_by("thread_id", "order")
    )


def build_discussion(comments, perspective=None, point=None):
    """Arrange an article's comments (in thread order) for the page."""
    comments = list(comments)
    by_pk = {comment.pk: comment for comment in comments}
    visible = [comment for comment in comments if comment.is_visible]

    perspective_totals = {}
    point_counts = {}
    for comment in visible:
        if comment.perspective_id:
            audience = comment.perspective
            perspective_totals[audience] = perspective_totals.get(audience, 0) + 1
        if comment.point_id:
            point_counts[comment.point_id] = point_counts.get(comment.point_id, 0) + 1
    perspective_counts = sorted(
        perspective_totals.items(), key=lambda pair: (pair[0].position, pair[0].name)
    )

    if perspective or point:
        matching = [
            comment
            for comment in visible
            if (not perspective or comment.perspective_id == perspective.pk)
            and (not point or comment.point_id == point.pk)
        ]
        nodes = [Node(c, _parent_of(c, by_pk), is_shown=True) for c in matching]
        return Discussion(
            nodes, len(visible), perspective_counts, point_counts, is_filtered=True
        )

    # Keep a hidden comment only when a visible reply hangs below it.
    kept = []
    needed = set()
    for comment in reversed(comments):
        if comment.is_visible or comment.pk in needed:
            kept.append(comment)
            if comment.parent_id != comment.pk:
                needed.add(comment.parent_id)
    kept.reverse()

    nodes = [Node(c, _parent_of(c, by_pk), is_shown=c.is_visible) for c in kept]
    for index, node in enumerate(nodes):
        level = node.comment.level
        next_level = nodes[index + 1].comment.level if index + 1 < len(nodes) else 0
        node.has_replies = next_level > level
        if not node.has_replies:
            node.closes = range(level - next_level)
    return Discussion(nodes, len(visible), perspective_counts, point_counts)


def _parent_of(comment, by_pk):
    if comment.parent_id == comment.pk:
        return None
    return by_pk.get(comment.parent_id)
