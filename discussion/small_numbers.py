"""The small-number rule: how counts may be shown in public, in one place.
Every page, JSON answer and file that shows counts of readers' comments or
answers asks group() (or alone(), for a count that is part of no total).

- 0 reads 0. A count from 1 to 4 reads "fewer than 5".
- A group (counts that add up to a shown total: the stances on a point)
  shows its total exactly only when none of its counts is hidden; otherwise
  the total reads "5 or more", so no total less the shown counts gives a
  hidden one away (12 less 6 and 5 is 1).
- A group of fewer than 5 in all reads "fewer than 5" for every count, zeros
  included: four "fewer than 5" that add up to fewer than 5 would each be 1.
- What is shown depends only on which counts are hidden, the others' values
  and whether the total reaches 5, so even a reader who knows this rule can
  tell each hidden count only as "from 1 to 4". Hiding more of the other
  counts instead of the total (secondary suppression) fails that test: the
  choice of what to hide gives the hidden count away.
- The words with a number are always plural: "fewer than 5 comments".
"""

from dataclasses import dataclass

SMALL = 5
FEWER = f"fewer than {SMALL}"
OR_MORE = f"{SMALL} or more"


@dataclass(frozen=True)
class Shown:
    """A count, and the words the public reads for it."""

    value: int
    text: str

    def __str__(self):
        return self.text

    @property
    def is_exact(self):
        return self.text == f"{self.value:,}"

    def of(self, plural):
        """With its noun, always plural: "fewer than 5 comments"."""
        return f"no {plural}" if self.text == "0" else f"{self.text} {plural}"


def exactly(value):
    return Shown(value, f"{value:,}")


def alone(count):
    """A count that is part of no shown total (a thread's replies)."""
    return exactly(count) if count == 0 or count >= SMALL else Shown(count, FEWER)


def group(counts):
    """Counts that add up to a whole: ([each as shown], total as shown)."""
    counts = list(counts)
    total = sum(counts)
    if total == 0:
        return [exactly(0) for _ in counts], exactly(0)
    if total < SMALL:
        return [Shown(count, FEWER) for count in counts], Shown(total, FEWER)
    cells = [alone(count) for count in counts]
    if all(cell.is_exact for cell in cells):
        return cells, exactly(total)
    return cells, Shown(total, OR_MORE)
