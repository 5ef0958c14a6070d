"""A point's quick answers by perspective, as every surface shows them, and
whether the perspectives that answered it agree or divide.

A perspective counts when 5 or more readers answered from it (fewer are
named as having "too few answers"). Its majority is the answer more than
half of them gave, when the counts as shown settle it
(small_numbers.evident_majority).

- Common ground: at least two perspectives count, and every one of them has
  the same majority, agree or disagree.
- Where views divide: at least two perspectives that count have opposite
  majorities (one agree, one disagree), whatever the others say.
- Anything else is neither: one perspective alone, ties, no clear majority,
  or majorities of "unsure".

The idea is Pol.is's consensus and divisive statements, by the perspective
readers declare rather than by clustering.
"""

from dataclasses import dataclass

from .models import QuickAnswer
from .small_numbers import SMALL, shown_answers

AGREE, DISAGREE = QuickAnswer.Answer.AGREE, QuickAnswer.Answer.DISAGREE
FEWEST_PERSPECTIVES = 2
TOP = 3

COMMON = "common"
DIVIDE = "divide"
NEITHER = "neither"
TOO_FEW = "too-few"


@dataclass
class Ground:
    kind: str
    label: str
    perspectives: int  # how many perspectives counted

    @property
    def is_common(self):
        return self.kind == COMMON

    @property
    def is_divide(self):
        return self.kind == DIVIDE


def point_answers(counts, point_id, perspectives):
    """A point's answers, shown by the small-number rule. counts:
    {(point id, perspective id or None, answer): answers}, as
    answers.answer_counts gives them; perspectives: in the site's order."""
    values = QuickAnswer.Answer.values

    def row(perspective_id):
        return [counts.get((point_id, perspective_id, value), 0) for value in values]

    return shown_answers(
        values,
        [(perspective.name, row(perspective.pk)) for perspective in perspectives],
        row(None),
    )


def ground_of(answers):
    """Common ground, a divide or neither, for a point's shown answers."""
    counted = answers.perspectives
    majorities = {row.majority for row in counted}
    if len(counted) < FEWEST_PERSPECTIVES:
        return Ground(
            TOO_FEW,
            f"Too few answers to compare perspectives: that needs {SMALL} or more "
            f"from each of at least {FEWEST_PERSPECTIVES} perspectives.",
            len(counted),
        )
    if {AGREE, DISAGREE} <= majorities:
        return Ground(DIVIDE, "Where views divide", len(counted))
    if len(majorities) == 1 and majorities <= {AGREE, DISAGREE}:
        (majority,) = majorities
        said = "agree" if majority == AGREE else "disagree"
        return Ground(COMMON, f"Common ground: most {said}", len(counted))
    return Ground(NEITHER, "Neither common ground nor a divide", len(counted))


def top(points, kind):
    """The points of this kind that the most perspectives answered, at most
    TOP, in the article's order within each number."""
    found = [item for item in points if item.ground.kind == kind]
    return sorted(found, key=lambda item: -item.ground.perspectives)[:TOP]
