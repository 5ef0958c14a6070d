"""What we heard: an article's comments, stances and quick answers, counted
per perspective and point for its summary page and its public CSVs.

Every count is made by the database (grouped queries); nothing here walks
the comments. Comments are public, so their counts are exact; quick answers
are shown by the small-number rule (common_ground.point_answers).
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from articles.models import Perspective

from .common_ground import COMMON, DIVIDE, ground_of, point_answers, top
from .models import ArticleComment, Stance
from .small_numbers import counted, exactly, total_of
from .thread_queries import counts_of
from .threads import Node, add_links, shown_comments

MOST_REPLIED = 5
DID_NOT_SAY = "Did not say"


@dataclass
class Cell:
    label: str
    shown: object  # small_numbers.Shown
    share: int | None = None  # per cent


@dataclass
class Split:
    """Comments that add up to a whole, counted exactly: they are public."""

    caption: str
    cells: list
    total: object  # small_numbers.Shown

    @property
    def has_shares(self):
        return self.total.value > 0


def split(caption, labelled_counts):
    """A split of (label, count) pairs, with shares."""
    total = sum(count for _label, count in labelled_counts)
    cells = [
        Cell(label, exactly(count), round(100 * count / total) if total else None)
        for label, count in labelled_counts
    ]
    return Split(caption, cells, exactly(total))


def point_comments(stance_counts, comments):
    """A point's comments by stance ({stance: count}, of comments in all),
    with those who did not say: as the summary and the article show them."""
    labelled = [(label, stance_counts.get(value, 0)) for value, label in Stance.choices]
    no_stance = comments - sum(count for _label, count in labelled)
    return split(
        "Stances of comments on this point", [*labelled, (DID_NOT_SAY, no_stance)]
    )


def stances_in_words(stances):
    """A point's stances as the article shows them beside it: "agree: 7,
    mixed views: 1"."""
    return ", ".join(
        f"{cell.label.lower()}: {cell.shown}"
        for cell in stances.cells
        if cell.label != DID_NOT_SAY and cell.shown.value
    )


@dataclass
class PointSummary:
    point: object
    stances: Split  # its total is the point's comments
    answers: object  # small_numbers.ShownAnswers
    ground: object  # common_ground.Ground

    @property
    def comments(self):
        return self.stances.total.value

    @property
    def comments_text(self):
        return counted(self.comments, "comment", "comments")

    @property
    def is_discussed(self):
        return bool(self.comments or self.answers.total.value)


@dataclass
class Summary:
    article: object
    by_perspective: list  # (perspective, [PointSummary]) discussed, in order
    not_yet_discussed: list  # points with no comments and no answers
    common_ground: list  # PointSummary, the top few
    divides: list  # PointSummary, the top few
    commenters: Split  # comments by the perspective commenters wrote from
    featured: list  # nodes, as the discussion shows them
    most_replied: list  # nodes, each with .replies and .replies_text
    answers: object  # small_numbers.Shown: every quick answer to the article

    @property
    def total(self):
        return self.commenters.total.value

    @property
    def total_text(self):
        return counted(self.total, "published comment", "published comments")

    @property
    def answers_text(self):
        return self.answers.of("quick answers")

    @property
    def has_views(self):
        return bool(self.total or self.answers.value)


def summary_of(article, points, answer_counts):
    """The summary of an article whose points (with their perspectives) are
    loaded: three queries, and answer_counts's."""
    ordered = list(Perspective.objects.all())
    counts, _threads, _featured = counts_of(article)
    answers = answer_counts(article)
    by_point_stance, by_perspective = {}, {}
    for (perspective_id, point_id, stance), count in counts.items():
        key = (point_id, stance)
        by_point_stance[key] = by_point_stance.get(key, 0) + count
        by_perspective[perspective_id] = by_perspective.get(perspective_id, 0) + count

    sections, quiet, every_point = {}, [], []
    for point in points:
        stances = {
            stance: n for (pk, stance), n in by_point_stance.items() if pk == point.pk
        }
        shown = point_answers(answers, point.pk, ordered)
        summary = PointSummary(
            point,
            point_comments(stances, sum(stances.values())),
            shown,
            ground_of(shown),
        )
        every_point.append(summary)
        if summary.is_discussed:
            sections.setdefault(point.perspective, []).append(summary)
        else:
            quiet.append(point)

    commenters = split(
        "Comments by the perspective commenters wrote from",
        [(p.name, by_perspective.get(p.pk, 0)) for p in ordered]
        + [(DID_NOT_SAY, by_perspective.get(None, 0))],
    )
    perspectives = {p.pk: p for p in ordered}
    featured, most_replied = _featured_and_most_replied(article, perspectives, points)
    return Summary(
        article,
        list(sections.items()),
        quiet,
        top(every_point, COMMON),
        top(every_point, DIVIDE),
        commenters,
        featured,
        most_replied,
        _all_answers(every_point),
    )


def _all_answers(points):
    """Every answer to the article, exact only if every point's total is."""
    totals = [item.answers.total for item in points]
    return total_of(sum(total.value for total in totals), totals)


def _featured_and_most_replied(article, perspectives, points):
    """The featured comments and the heads of the most-replied threads, in one
    query: the replies are counted by the database, for those rows only."""
    visible = ArticleComment.objects.visible().filter(article=article)
    busiest = (
        visible.filter(level__gt=0)
        .order_by()
        .values("thread_id")
        .annotate(replies=Count("pk"))
        .order_by("-replies", "thread_id")
        .values("thread_id")[:MOST_REPLIED]
    )
    replies = (
        visible.filter(thread_id=OuterRef("pk"), level__gt=0)
        .order_by()
        .values("thread_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        visible.filter(Q(is_featured=True) | Q(pk__in=busiest))
        .annotate(replies=Coalesce(Subquery(replies), 0))
        .order_by("pk")
    )
    by_point = {point.pk: point for point in points}
    comments = shown_comments(rows, perspectives, by_point, "replies")
    nodes = [Node(comment, None, is_shown=True) for comment in comments]
    add_links(nodes)
    featured = [node for node in nodes if node.comment.is_featured]
    most_replied = sorted(
        (node for node in nodes if node.comment.replies),
        key=lambda node: (-node.comment.replies, node.comment.pk),
    )[:MOST_REPLIED]
    for node in most_replied:
        node.replies_text = counted(node.comment.replies, "reply", "replies")
    return featured, most_replied
