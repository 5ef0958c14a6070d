"""The small-number rule, property by property. Over every table of answers
in two universes of counts (two perspectives and those who did not say, two
answers each; one perspective and those who did not say, three answers each;
counts up to 6, and up to 8 from those who did not say), a reader who knows
the rule and sees what it shows cannot pin down any count of answers from 1
to 4: another table that shows the very same words has a different value
there."""

import itertools
from collections import defaultdict

import pytest

from discussion.small_numbers import (
    FEWER,
    OR_MORE,
    OTHER_ANSWERS,
    SMALL,
    counted,
    group,
    shown_answers,
)

ANSWERS = ["agree", "disagree", "unsure"]
VALUES = range(7)
# those who did not say join the perspectives with too few answers, so their
# counts go higher: a reading judged at counts up to JUDGED has all its
# alternatives inside the universe
NOT_SAID_VALUES = range(9)
JUDGED = 5
NOT_SAID = [(0, 0, 0), (1, 0, 0), (0, 3, 1), (6, 0, 0), (2, 2, 2)]


def shown(first, second, not_said, answers=ANSWERS):
    rows = [("P", first), ("Q", second)] if second else [("P", first)]
    return shown_answers(answers, rows, not_said)


def words(table):
    """Everything a reader reads of a table, as one comparable value."""
    return (
        tuple(
            (row.label, tuple(c.text for c in row.cells), row.total.text, row.majority)
            for row in table.rows
        ),
        tuple(table.too_few),
        tuple(c.text for c in table.columns),
        table.total.text,
        tuple(table.shares or ()),
    )


def secrets(first, second, not_said, answers=ANSWERS):
    """Every count of answers the rule protects, by name: each cell, each
    perspective's total, each answer's total and the whole."""
    found = {}
    rows = {"P": first, "Q": second or (0,) * len(answers), "not said": not_said}
    for name, counts in rows.items():
        for answer, count in zip(answers, counts, strict=True):
            found[(name, answer)] = count
        found[(name, "total")] = sum(counts)
    for index, answer in enumerate(answers):
        found[("all", answer)] = sum(counts[index] for counts in rows.values())
    found[("all", "total")] = sum(map(sum, rows.values()))
    return found


def universe(answers, rows):
    """Every table of rows of counts: perspectives' from VALUES, the last
    (those who did not say) from NOT_SAID_VALUES."""
    perspectives = itertools.product(VALUES, repeat=len(answers) * (len(rows) - 1))
    for flat in perspectives:
        for not_said in itertools.product(NOT_SAID_VALUES, repeat=len(answers)):
            cells = [*flat, *not_said]
            width = len(answers)
            counts = [cells[i : i + width] for i in range(0, len(cells), width)]
            yield dict(zip(rows, counts, strict=True))


@pytest.mark.parametrize(
    "answers, rows",
    [
        (ANSWERS[:2], ["first", "second", "not_said"]),
        (ANSWERS, ["first", "not_said"]),
    ],
)
def test_no_table_lets_a_reader_pin_down_a_count_under_five(answers, rows):
    readings = defaultdict(list)
    for table in universe(answers, rows):
        table.setdefault("second", None)
        reading = words(shown(**table, answers=answers))
        judged = all(max(c or (0,)) <= JUDGED for c in table.values())
        readings[reading].append((judged, secrets(**table, answers=answers)))
    pinned = []
    for reading, found in readings.items():
        tables = [table for _judged, table in found]
        for name in {name for judged, table in found if judged for name in table}:
            values = {table[name] for table in tables}
            if len(values) == 1 and 0 < next(iter(values)) < SMALL:
                pinned.append((name, values, reading))
    assert pinned == [], pinned[:5]


def test_no_shown_number_is_from_one_to_four():
    for first in itertools.product(VALUES, repeat=3):
        for not_said in NOT_SAID:
            _rows, _too_few, columns, total, _shares = words(
                shown(first, (5, 0, 0), not_said)
            )
            numbers = [*columns, total]
            for row in _rows:
                numbers += [*row[1], row[2]]
            assert not {"1", "2", "3", "4"} & set(numbers), (first, not_said)


def test_every_exact_total_is_made_of_exact_counts_only():
    """Subtraction: a total less the shown counts gives nothing hidden."""
    for first in itertools.product(VALUES, repeat=3):
        for not_said in NOT_SAID:
            table = shown(first, (7, 1, 0), not_said)
            for row in table.rows:
                if row.total.is_exact:
                    assert all(cell.is_exact for cell in row.cells), row
            for index, column in enumerate(table.columns):
                if column.is_exact:
                    assert all(row.cells[index].is_exact for row in table.rows)
            if table.total.is_exact:
                assert all(column.is_exact for column in table.columns)


def test_answers_read_as_the_rule_says():
    table = shown((6, 5, 1), (0, 0, 0), ())
    (row,) = table.rows
    assert [c.text for c in row.cells] == ["6", "5", FEWER]
    assert row.total.text == OR_MORE  # 12 less 6 and 5 would be 1
    assert [c.text for c in table.columns] == ["6", "5", FEWER]
    assert table.total.text == OR_MORE
    assert table.shares is None and row.shares is None

    table = shown((8, 0, 0), (2, 1, 0), (0, 0, 0))
    assert [row.label for row in table.rows] == ["P", OTHER_ANSWERS]
    assert table.too_few == ["Q"]
    assert [c.text for c in table.rows[1].cells] == [FEWER] * 3
    assert [c.text for c in table.columns] == [OR_MORE, FEWER, FEWER]

    table = shown((8, 0, 2), (5, 5, 0), (0, 0, 0))
    assert [c.text for c in table.columns] == ["13", "5", FEWER]
    assert table.rows[1].shares == [50, 50, 0]
    assert [row.majority for row in table.rows] == ["agree", None]


def test_words_never_choose_singular_or_plural_by_a_hidden_count():
    cells, total = group([1])
    assert total.of("answers") == "fewer than 5 answers"
    assert group([0])[1].of("answers") == "no answers"
    # comments are public: their counts are exact, in the right number
    assert counted(1, "comment", "comments") == "1 comment"
    assert counted(3, "comment", "comments") == "3 comments"
    assert counted(0, "comment", "comments") == "no comments"
