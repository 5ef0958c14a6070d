"""Quick answers as rows of a file: one per point and perspective, with the
numbers the summary shows (common_ground.point_answers), never others. The
public CSV and the admin's export both write these rows."""

from articles.text import shorten

from .common_ground import ground_of, point_answers
from .models import QuickAnswer
from .small_numbers import FEWER

ALL_ANSWERS = "All answers"

ANSWER_COLUMNS = [
    ("article", "The article's title."),
    (
        "point",
        "The argument point: its number in the article and the start of its text.",
    ),
    (
        "answered as",
        "The perspective readers answered from. A perspective with fewer than 5 "
        "answers has no numbers of its own: its answers are in “Other answers”, "
        "with those of readers who did not say. “All answers” is every answer "
        "to the point.",
    ),
    *[(value, f"How many answered {value}.") for value in QuickAnswer.Answer.values],
    ("total", "How many answered, from this perspective."),
    (
        "most",
        "The answer more than half gave, when the numbers shown settle it.",
    ),
    (
        "common ground",
        "On the “All answers” row: common ground, where views divide, or neither.",
    ),
]


def answer_rows(points, counts, perspectives, with_points=False):
    """[cells] per row, in ANSWER_COLUMNS's order, for points of one or more
    articles (with .article loaded, in the articles' order): with_points,
    (cells, point) pairs. counts: as answers.answer_counts gives them."""
    rows, numbers = [], {}
    for point in points:
        number = numbers[point.article_id] = numbers.get(point.article_id, 0) + 1
        answers = point_answers(counts, point.pk, perspectives)
        if not answers.total.value:
            continue
        start = [point.article.title, f"{number}. {shorten(point.text, 80)}"]
        for row in answers.rows:
            most = (row.majority or "no clear majority") if row.is_perspective else ""
            cells = [row.label, *map(str, row.cells), str(row.total), most, ""]
            rows.append(([*start, *cells], point))
        for name in answers.too_few:
            blank = [""] * len(answers.answers)
            rows.append(([*start, name, *blank, FEWER, "too few answers", ""], point))
        everyone = [ALL_ANSWERS, *map(str, answers.columns), str(answers.total)]
        rows.append(([*start, *everyone, "", ground_of(answers).label], point))
    return rows if with_points else [cells for cells, _point in rows]
