"""What we heard: an article's comments, stances and quick answers, counted
per perspective and point for its summary page and its public CSV.

Every count is made by the database (grouped queries); nothing here walks
the comments. In public, a count under SMALL_CELL reads "fewer than 5", and
a split shows shares only when every one of its counts can be shown, so no
small group can be picked out, or worked out from the others: a split with
a hidden count gives its total only as "5 or more".
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from articles.models import Perspective

from .models import ArticleComment, QuickAnswer, Stance
from .thread_queries import counts_of
from .threads import Node, add_links, shown_comments

SMALL_CELL = 5
MOST_REPLIED = 5


def shown_count(count):
    """A count as the public may read it."""
    return f"{count:,}" if count >= SMALL_CELL else f"fewer than {SMALL_CELL}"


@dataclass
class Cell:
    label: str
    count: int
    share: int | None = None  # per cent, when the split can show shares

    @property
    def shown(self):
        return shown_count(self.count)


@dataclass
class Split:
    """Counts that add up to a whole: the stances on a point, say."""

    caption: str
    cells: list
    total: int = 0
    has_shares: bool = False

    @property
    def total_shown(self):
        # an exact total, less the counts shown, would give the hidden ones away
        if self.total >= SMALL_CELL and not self.has_shares:
            return f"{SMALL_CELL} or more"
        return shown_count(self.total)


def split(caption, labelled_counts):
    """A split of (label, count) pairs, with shares only if every count is
    big enough to be shown."""
    cells = [Cell(label, count) for label, count in labelled_counts]
    total = sum(cell.count for cell in cells)
    has_shares = total > 0 and all(cell.count >= SMALL_CELL for cell in cells)
    if has_shares:
        for cell in cells:
            cell.share = round(100 * cell.count / total)
    return Split(caption, cells, total, has_shares)


@dataclass
class PointSummary:
    point: object
    comments: int
    stances: Split
    answers: Split
    # (respondent's perspective name, Split), for those who said one
    answers_by_perspective: list = field(default_factory=list)

    @property
    def comments_shown(self):
        return shown_count(self.comments)


@dataclass
class Summary:
    article: object
    total: int
    by_perspective: list  # (perspective, [PointSummary]) in the article's order
    commenters: Split  # comments by the perspective commenters wrote from
    featured: list  # nodes, as the discussion shows them
    most_replied: list  # nodes, each with .replies

    @property
    def total_shown(self):
        return shown_count(self.total)


def summary_of(article, points, answer_counts):
    """The summary of an article whose points (with their perspectives) are
    loaded: three queries, and answer_counts's."""
    perspectives = {p.pk: p for p in Perspective.objects.all()}
    counts, _threads, _featured = counts_of(article)
    answers = answer_counts(article)
    by_point_stance, by_perspective = {}, {}
    for (perspective_id, point_id, stance), count in counts.items():
        key = (point_id, stance)
        by_point_stance[key] = by_point_stance.get(key, 0) + count
        by_perspective[perspective_id] = by_perspective.get(perspective_id, 0) + count

    sections = {}
    for point in points:
        comments = sum(n for (pk, _), n in by_point_stance.items() if pk == point.pk)
        summary = PointSummary(
            point,
            comments,
            split(
                "Stances of comments on this point",
                [
                    (label, by_point_stance.get((point.pk, v), 0))
                    for v, label in Stance.choices
                ],
            ),
            _answer_split(answers, point.pk, None, "Quick answers to this point"),
            [
                (
                    perspectives[pid].name,
                    _answer_split(
                        answers, point.pk, pid, f"From {perspectives[pid].name}"
                    ),
                )
                for pid in _respondent_perspectives(answers, point.pk, perspectives)
            ],
        )
        sections.setdefault(point.perspective, []).append(summary)

    ordered = sorted(perspectives.values(), key=lambda p: (p.position, p.name))
    commenters = split(
        "Comments by the perspective commenters wrote from",
        [(p.name, by_perspective[p.pk]) for p in ordered if p.pk in by_perspective]
        + [("Did not say", by_perspective.get(None, 0))],
    )
    featured, most_replied = _featured_and_most_replied(article, perspectives, points)
    return Summary(
        article,
        sum(counts.values()),
        list(sections.items()),
        commenters,
        featured,
        most_replied,
    )


def _answer_split(answers, point_id, perspective_id, caption):
    """Quick answers to a point: from everyone (perspective_id None adds up
    every perspective), or from those who said they write as one."""
    totals = dict.fromkeys(QuickAnswer.Answer.values)
    for (pid, perspective, answer), count in answers.items():
        if pid == point_id and answer in totals:
            if perspective_id is None or perspective == perspective_id:
                totals[answer] = (totals[answer] or 0) + count
    return split(
        caption,
        [(label, totals[value] or 0) for value, label in QuickAnswer.Answer.choices],
    )


def _respondent_perspectives(answers, point_id, perspectives):
    chosen = {perspective for (pid, perspective, _a) in answers if pid == point_id}
    return [
        p.pk
        for p in sorted(perspectives.values(), key=lambda p: (p.position, p.name))
        if p.pk in chosen
    ]


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
    return featured, most_replied
