"""The small-number rule on every surface that shows quick answers: the
summary page, the public CSV, the JSON after answering and the answer page.

Property-style: many count vectors (each count 0 to 12, per answer, from
several perspectives and from readers who did not say) are laid on the
points of one article. On every surface, for every point: no number from 1
to 4 is shown; no shown total has a hidden count among its parts (so no
subtraction of shown numbers gives one away); and every surface shows the
very same numbers, so none can be subtracted from another's."""

import csv
import io
import itertools
import random
import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion.common_ground import point_answers
from discussion.models import QuickAnswer
from discussion.views import answering
from discussion.views import summary as summary_view
from tests.factories import make_article, make_perspective
from tests.helpers import clear_caches, main_content

from .answer_tables import by_label, tables

pytestmark = pytest.mark.django_db

ANSWERS = QuickAnswer.Answer.values
POINTS = 30
CAPTION = "Quick answers to this point, by perspective"


def exact(text):
    return re.fullmatch(r"\d[\d,]*", text) is not None


def assert_nothing_subtracts(rows, columns, total, where):
    """rows: [(cell texts, total text)]; columns: texts; total: text."""
    shown = [*columns, total, *(t for cells, row_total in rows for t in cells)]
    shown += [row_total for _cells, row_total in rows]
    assert not {"1", "2", "3", "4"} & set(shown), where
    for cells, row_total in rows:
        if exact(row_total):
            assert all(map(exact, cells)), where
    for index, column in enumerate(columns):
        if exact(column):
            assert all(exact(cells[index]) for cells, _total in rows), where
    if exact(total):
        assert all(map(exact, columns)), where


@pytest.fixture
def perspectives(db):
    return [make_perspective(name=f"Group {letter}") for letter in "ABC"]


@pytest.fixture
def many_points(perspectives):
    points = [
        (perspectives[number % 3], f"Point number {number}") for number in range(POINTS)
    ]
    return make_article(points=points)


def vectors():
    """Count vectors: every (agree, disagree, unsure) from 0 to 12 from one
    perspective; then, from three perspectives and those who did not say,
    many drawn at random with counts from 0 to 12, small ones more often."""
    for counts in itertools.product(range(13), repeat=3):
        yield {0: counts}
    rng = random.Random(25)
    choices = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    for _ in range(600):
        yield {
            who: tuple(rng.choice(choices) for _ in ANSWERS)
            for who in (0, 1, 2, None)
            if rng.random() < 0.8
        }


def laid_out(article, perspectives, batch):
    """{(point id, perspective id, answer): count}, one vector per point."""
    counts = {}
    for point, vector in zip(article.points.all(), batch, strict=False):
        for who, row in vector.items():
            perspective = None if who is None else perspectives[who].pk
            for answer, count in zip(ANSWERS, row, strict=True):
                if count:
                    counts[(point.pk, perspective, answer)] = count
    return counts


def summary_tables(client, article):
    """{point text: table} of the per-point tables on the summary page."""
    page = main_content(client.get(reverse("discussion:summary", args=[article.slug])))
    found = {}
    for part in re.split(r"<h3>", page)[1:]:
        heading = part.split("</h3>", 1)[0]
        if heading.startswith("Point number"):
            shown = tables(part.split("<h3>", 1)[0], CAPTION)
            found[heading] = shown[0] if shown else None
    return page, found


def csv_tables(client, article):
    url = reverse("discussion:summary-answers-csv", args=[article.slug])
    text = b"".join(client.get(url).streaming_content).decode()
    found = {}
    for row in csv.DictReader(io.StringIO(text)):
        text = row["point"].split(". ", 1)[1]
        found.setdefault(text, {})[row["answered as"]] = [
            *(row[answer] for answer in ANSWERS),
            row["total"],
        ]
    return found


def test_no_surface_gives_a_small_count_away(
    client, many_points, perspectives, monkeypatch
):
    points = list(many_points.points.all())
    every = list(vectors())
    for start in range(0, len(every), POINTS):
        batch = every[start : start + POINTS]
        counts = laid_out(many_points, perspectives, batch)
        monkeypatch.setattr(
            summary_view, "ANSWER_COUNTS", lambda article, counts=counts: counts
        )
        clear_caches()
        page, on_page = summary_tables(client, many_points)
        in_csv = csv_tables(client, many_points)
        for point, vector in zip(points, batch, strict=False):
            where = (point.text, vector)
            expected = point_answers(counts, point.pk, perspectives)
            table = on_page.get(point.text)
            if not expected.total.value:
                assert table is None and point.text not in in_csv, where
                continue
            rows = by_label(table)
            body = [rows[row.label][:4] for row in expected.rows]
            assert_nothing_subtracts(
                [(cells[:3], cells[3]) for cells in body],
                rows["All answers"][:3],
                rows["All answers"][3],
                where,
            )
            # the page shows what the one rule says, and so does the CSV
            assert body == [
                [*map(str, row.cells), str(row.total)] for row in expected.rows
            ], where
            assert in_csv[point.text] == {
                **dict(zip(rows, body, strict=False)),
                **{name: ["", "", "", "fewer than 5"] for name in expected.too_few},
                "All answers": rows["All answers"][:4],
            }, where
        assert not re.search(r"(?<![\w.,-])[1-4] (answers|agree|disagree)", page)


def test_the_json_and_the_answer_page_show_the_summarys_all_answers_row(
    many_points, perspectives, monkeypatch, room_for_many_comments
):
    point = many_points.points.first()
    reader = Client()
    send = reverse("discussion:answer", args=[many_points.slug, point.pk])
    page_url = reverse("discussion:answer-page", args=[many_points.slug, point.pk])
    assert reader.post(send, {"answer": "agree"}).status_code == 302
    every = list(vectors())
    for number, vector in enumerate(every[::7]):
        counts = laid_out(many_points, perspectives, [vector])
        monkeypatch.setattr(
            answering, "point_counts", lambda point, counts=counts: counts
        )
        expected = point_answers(counts, point.pk, perspectives)
        state = reader.post(send, {"answer": "agree"}, HTTP_ACCEPT="application/json")
        state = state.json()
        assert state["counts"] == {
            answer: str(cell)
            for answer, cell in zip(ANSWERS, expected.columns, strict=True)
        }, vector
        assert state["total"] == str(expected.total)
        assert_nothing_subtracts(
            [], list(state["counts"].values()), state["total"], vector
        )
        assert not re.search(r"(?<![\w,])[1-4] ", state["counts_text"]), vector
        if number % 10 == 0:
            shown = main_content(reader.get(page_url))
            said = re.search(r"Answers so far: ([^<]*)", shown).group(1)
            assert said == state["counts_text"], vector


@pytest.mark.parametrize(
    "given",
    [
        {"A": (6, 5, 1)},  # 12 less 6 and 5 would be 1
        {"A": (7, 5, 2), None: (0, 0, 1)},
        {"A": (5, 0, 0), "B": (2, 0, 0), None: (0, 3, 0)},
    ],
)
def test_real_answers_read_the_same_everywhere(
    client, many_points, perspectives, room_for_many_comments, given
):
    point = many_points.points.first()
    send = reverse("discussion:answer", args=[many_points.slug, point.pk])
    named = {p.name[-1]: p.pk for p in perspectives}
    readers, sent = [], []
    for who, row in given.items():
        for answer, count in zip(ANSWERS, row, strict=True):
            for _ in range(count):
                reader = Client(REMOTE_ADDR=f"198.51.100.{len(readers) % 250}")
                data = {"answer": answer, "perspective": named.get(who, "")}
                assert reader.post(send, data).status_code == 302
                readers.append(reader)
                sent.append(data)

    _page, on_page = summary_tables(client, many_points)
    everyone = by_label(on_page[point.text])["All answers"][:4]
    # the first reader sends the same answer again: it changes no count
    state = readers[0].post(send, sent[0], HTTP_ACCEPT="application/json").json()
    assert [*state["counts"].values(), state["total"]] == everyone
    assert csv_tables(client, many_points)[point.text]["All answers"] == everyone
    assert not {"1", "2", "3", "4"} & set(everyone)
