"""What we heard: an article's comments, stances and quick answers, counted
per perspective and point for its summary page and its public CSV.

Every count is made by the database (grouped queries); nothing here walks
the comments. Every count shown follows the small-number rule
(small_numbers.group): no count under 5 is stated, or can be worked out from
the others and their total.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from articles.models import Perspective

from .models import ArticleComment, QuickAnswer, Stance
from .small_numbers import SMALL, Shown, alone, group
from .thread_queries import counts_of
from .threads import Node, add_links, shown_comments

MOST_REPLIED = 5
DID_NOT_SAY = "Did not say"


@dataclass
class Cell:
    label: str
    shown: Shown
    share: int | None = None  # per cent, when the split can show shares


@dataclass
class Split:
    """Counts that add up to a whole: the stances on a point, say."""

    caption: str
    cells: list
    total: Shown
    has_shares: bool = False

    @property
    def total_shown(self):
        return self.total.text

    @property
    def is_exact(self):
        return self.total.value > 0 and all(cell.shown.is_exact for cell in self.cells)


def split(caption, labelled_counts):
    """A split of (label, count) pairs, shown by the small-number rule, with
    shares only if every count is shown exactly."""
    labels = [label for label, _count in labelled_counts]
    shown, total = group(count for _label, count in labelled_counts)
    cells = [Cell(label, number) for label, number in zip(labels, shown, strict=True)]
    result = Split(caption, cells, total)
    if result.is_exact:
        result.has_shares = True
        for cell in cells:
            cell.share = round(100 * cell.shown.value / total.value)
    return result


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
    mixed views: fewer than 5"; none when the point has fewer than 5."""
    if stances.total.value < SMALL:
        return ""
    return ", ".join(
        f"{cell.label.lower()}: {cell.shown}"
        for cell in stances.cells
        if cell.label != DID_NOT_SAY and cell.shown.text != "0"
    )


@dataclass
class PointSummary:
    point: object
    stances: Split  # its total is the point's comments
    answers: Split
    # (respondent's perspective name, Split): only when every number in
    # them, and in those who did not say, can be shown exactly
    answers_by_perspective: list = field(default_factory=list)

    @property
    def comments(self):
        return self.stances.total.value

    @property
    def comments_text(self):
        return self.stances.total.of("comments")


@dataclass
class Summary:
    article: object
    by_perspective: list  # (perspective, [PointSummary]) in the article's order
    commenters: Split  # comments by the perspective commenters wrote from
    featured: list  # nodes, as the discussion shows them
    most_replied: list  # nodes, each with .replies and .replies_text

    @property
    def total(self):
        return self.commenters.total.value

    @property
    def total_text(self):
        return self.commenters.total.of("published comments")


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
        stances = {
            stance: n for (pk, stance), n in by_point_stance.items() if pk == point.pk
        }
        summary = PointSummary(
            point,
            point_comments(stances, sum(stances.values())),
            _answer_split(answers, point.pk, "Quick answers to this point"),
            _answers_by_perspective(answers, point.pk, perspectives),
        )
        sections.setdefault(point.perspective, []).append(summary)

    ordered = sorted(perspectives.values(), key=lambda p: (p.position, p.name))
    commenters = split(
        "Comments by the perspective commenters wrote from",
        [(p.name, by_perspective.get(p.pk, 0)) for p in ordered]
        + [(DID_NOT_SAY, by_perspective.get(None, 0))],
    )
    featured, most_replied = _featured_and_most_replied(article, perspectives, points)
    return Summary(
        article,
        list(sections.items()),
        commenters,
        featured,
        most_replied,
    )


EVERYONE = object()


def _answer_split(answers, point_id, caption, perspective_id=EVERYONE):
    """Quick answers to a point: from everyone, from those who said they write
    as one perspective, or (None) from those who did not say."""
    totals = dict.fromkeys(QuickAnswer.Answer.values, 0)
    for (pid, perspective, answer), count in answers.items():
        if pid == point_id and answer in totals:
            if perspective_id is EVERYONE or perspective == perspective_id:
                totals[answer] += count
    return split(
        caption,
        [(label, totals[value]) for value, label in QuickAnswer.Answer.choices],
    )


def _answers_by_perspective(answers, point_id, perspectives):
    """Answers from each perspective that answered, and from those who did not
    say. Each answer's numbers add up to everyone's, so a hidden one could be
    worked out from the rest: they are shown only when none is hidden."""
    ordered = sorted(perspectives.values(), key=lambda p: (p.position, p.name))
    rows = [
        (p.name, _answer_split(answers, point_id, f"From {p.name}", p.pk))
        for p in ordered
    ]
    rows.append(
        (
            DID_NOT_SAY,
            _answer_split(answers, point_id, "From those who did not say", None),
        )
    )
    rows = [(name, answered) for name, answered in rows if answered.total.value]
    return rows if all(answered.is_exact for _name, answered in rows) else []


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
        node.replies_text = alone(node.comment.replies).of("replies")
    return featured, most_replied
