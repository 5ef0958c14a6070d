"""The small-number rule, in one place.

Comments are public, so their counts are exact everywhere (counted()).

Quick answers are not public. Every page, JSON answer and file that shows
them asks shown_answers(), which reads a point's answers by perspective:

- A perspective with fewer than 5 answers is not shown on its own: it is
  named as having "too few answers", and its answers join those of readers
  who did not say, in one "Other answers" row.
- Within a row, 0 reads 0 and a count from 1 to 4 reads "fewer than 5"; a
  row of fewer than 5 answers in all reads "fewer than 5" throughout, zeros
  included (group()).
- A total (of a row, of an answer over every row, or of everything) is
  exact only when none of the counts it adds up is hidden; otherwise it
  reads "5 or more" (or "fewer than 5"), so no total less the shown counts
  gives a hidden one away: 12 less 6 and 5 would be 1.
- Shares are shown only for rows with every count exact.
- What is shown depends only on which counts are hidden and on the exact
  ones, so a reader who knows this rule can tell a hidden count only as
  "from 1 to 4". Hiding more of the other counts instead of the total
  (secondary suppression) fails that test: the choice of what to hide gives
  the hidden count away.
- Words never give a number away: "fewer than 5 answers", always plural.
"""

import itertools
from dataclasses import dataclass, field

SMALL = 5
FEWER = f"fewer than {SMALL}"
OR_MORE = f"{SMALL} or more"
OTHER_ANSWERS = "Other answers"


@dataclass(frozen=True)
class Shown:
    """A count, and the words the public reads for it."""

    value: int
    text: str
    is_exact: bool = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "is_exact", self.text == f"{self.value:,}")

    def __str__(self):
        return self.text

    def of(self, plural):
        """With its noun, always plural: "fewer than 5 answers"."""
        return f"no {plural}" if self.text == "0" else f"{self.text} {plural}"


def exactly(value):
    return Shown(value, f"{value:,}")


def counted(count, singular, plural):
    """A public count (comments, replies) in words: "1 comment", "no replies"."""
    if count == 0:
        return f"no {plural}"
    return f"{count:,} {singular if count == 1 else plural}"


def alone(count):
    """One count of answers, with no total beside it."""
    return exactly(count) if count == 0 or count >= SMALL else Shown(count, FEWER)


def group(counts):
    """Counts of answers that add up to a shown whole (one row):
    ([each as shown], total as shown)."""
    counts = list(counts)
    total = sum(counts)
    if total == 0:
        return [exactly(0) for _ in counts], exactly(0)
    if total < SMALL:
        return [Shown(count, FEWER) for count in counts], Shown(total, FEWER)
    cells = [alone(count) for count in counts]
    return cells, total_of(total, cells)


def total_of(total, cells):
    """A total of shown counts: exact only if every one of them is."""
    if all(cell.is_exact for cell in cells):
        return exactly(total)
    return Shown(total, FEWER if total < SMALL else OR_MORE)


@dataclass
class Row:
    """One perspective's answers (or the other answers), as shown."""

    label: str
    cells: list  # Shown, one per answer
    total: Shown
    # the answer more than half gave, when the shown counts settle it
    majority: str | None = None
    is_perspective: bool = True

    @property
    def shares(self):
        """Per cent per answer, only when every count is exact."""
        if not self.total.value or not self.total.is_exact:
            return None
        return [round(100 * cell.value / self.total.value) for cell in self.cells]


@dataclass
class ShownAnswers:
    """A point's quick answers, as every surface shows them."""

    answers: list  # the answers' values, in column order
    rows: list  # Row per perspective with 5 or more answers, then the others
    too_few: list  # names of perspectives with from 1 to 4 answers
    columns: list  # Shown per answer, over every row
    total: Shown
    shares: list | None = field(default=None)  # per cent, when all exact

    @property
    def bars(self):
        """(answer, shown count, share) for a bar chart, when all exact."""
        return list(zip(self.answers, self.columns, self.shares or (), strict=False))

    @property
    def perspectives(self):
        """The rows of perspectives that count towards common ground."""
        return [row for row in self.rows if row.is_perspective]


def shown_answers(answers, by_perspective, not_said=()):
    """The one rule for answers. answers: the answers' values in order;
    by_perspective: [(perspective name, [count per answer])]; not_said: the
    counts of readers who gave no perspective."""
    width = len(answers)
    rows, too_few = [], []
    others = list(not_said) or [0] * width
    for name, counts in by_perspective:
        counts = list(counts)
        if sum(counts) >= SMALL:
            cells, total = group(counts)
            rows.append(Row(name, cells, total, evident_majority(answers, cells)))
        elif sum(counts):
            too_few.append(name)
            others = [a + b for a, b in zip(others, counts, strict=True)]
    if sum(others):
        cells, total = group(others)
        rows.append(Row(OTHER_ANSWERS, cells, total, is_perspective=False))

    grand = sum(row.total.value for row in rows)
    columns = []
    for index in range(width):
        column = [row.cells[index] for row in rows]
        value = sum(cell.value for cell in column)
        columns.append(
            exactly(value) if grand == 0 else _column_total(value, column, grand)
        )
    total = exactly(0) if grand == 0 else total_of(grand, columns)
    shares = None
    if total.value and total.is_exact:
        shares = [round(100 * cell.value / total.value) for cell in columns]
    return ShownAnswers(list(answers), rows, too_few, columns, total, shares)


def _column_total(value, column, grand):
    if grand < SMALL:
        return Shown(value, FEWER)
    return total_of(value, column)


def majority_of(answers, counts):
    """The answer more than half of these readers gave, or None."""
    total = sum(counts)
    for answer, count in zip(answers, counts, strict=True):
        if 2 * count > total:
            return answer
    return None


def evident_majority(answers, cells):
    """The majority of a row of 5 or more answers, only when the row as shown
    already settles it: whatever from 1 to 4 each hidden count is. So naming
    it tells a reader nothing the counts did not (6, 5 and "fewer than 5"
    has none; 9, 0 and "fewer than 5" agrees)."""
    choices = [[cell.value] if cell.is_exact else range(1, SMALL) for cell in cells]
    found = {
        majority_of(answers, counts)
        for counts in itertools.product(*choices)
        if sum(counts) >= SMALL
    }
    return found.pop() if len(found) == 1 else None
