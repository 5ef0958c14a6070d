"""Common ground and divides: per point, whether the perspectives that gave 5
or more answers agree or divide, read off the summary page as a reader
would; the top ones listed at its head, each with its table."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion.views import summary as summary_view
from tests.factories import make_article, make_perspective
from tests.helpers import main_content

from .answer_tables import by_label, tables

pytestmark = pytest.mark.django_db

COMMON_AGREE = "Common ground: most agree"
COMMON_DISAGREE = "Common ground: most disagree"
DIVIDE = "Where views divide"
NEITHER = "Neither common ground nor a divide"
TOO_FEW = "Too few answers to compare perspectives"

# per point: {perspective letter or None: (agree, disagree, unsure)}, label
ARRANGED = {
    "all agree": ({"A": (9, 1, 0), "B": (6, 0, 0), "C": (12, 3, 2)}, COMMON_AGREE),
    "all disagree": ({"A": (0, 5, 0), "B": (0, 7, 1)}, COMMON_DISAGREE),
    "split": ({"A": (8, 0, 1), "B": (1, 9, 0)}, DIVIDE),
    "split with a third unsure": (
        {"A": (7, 0, 0), "B": (0, 7, 0), "C": (0, 0, 7)},
        DIVIDE,
    ),
    "a tie": ({"A": (5, 5, 0), "B": (9, 0, 0)}, NEITHER),
    "no majority": ({"A": (4, 3, 3), "B": (8, 0, 0)}, NEITHER),
    "all unsure": ({"A": (0, 0, 6), "B": (0, 1, 6)}, NEITHER),
    "one perspective": ({"A": (20, 0, 0), "B": (4, 0, 0), None: (9, 9, 0)}, TOO_FEW),
    "small ones left out": (
        {"A": (6, 0, 0), "B": (5, 0, 0), "C": (0, 4, 0)},
        COMMON_AGREE,
    ),
    "hidden counts settle it": ({"A": (9, 2, 0), "B": (0, 3, 8)}, NEITHER),
    "hidden counts leave it open": ({"A": (3, 2, 0), "B": (9, 0, 0)}, NEITHER),
    # 1, 7 and 1 read "fewer than 5", 7, "fewer than 5": 4, 7 and 4 would
    # be no majority, so none is claimed
    "too close to tell": ({"A": (0, 6, 0), "B": (1, 7, 1)}, NEITHER),
}


@pytest.fixture
def perspectives(db):
    return {letter: make_perspective(name=f"Group {letter}") for letter in "ABC"}


@pytest.fixture
def arranged(perspectives, monkeypatch):
    article = make_article(
        points=[(perspectives["A"], text) for text in ARRANGED]
        + [(perspectives["B"], "nobody answered")]
    )
    counts = {}
    for point in article.points.all():
        given = ARRANGED.get(point.text, ({}, None))[0]
        for who, row in given.items():
            pk = perspectives[who].pk if who else None
            for answer, count in zip(("agree", "disagree", "unsure"), row, strict=True):
                counts[(point.pk, pk, answer)] = count
    monkeypatch.setattr(summary_view, "ANSWER_COUNTS", lambda article: counts)
    return article


def page_of(client, article):
    url = reverse("discussion:summary", args=[article.slug])
    return main_content(client.get(url))


def label_under(page, text):
    """The label in the paragraph after the point's own heading."""
    part = page.split(f"<h3>{text}</h3>", 1)[1]
    return re.search(r"<p>[^<]*</p>\s*<p>([^<]*)</p>", part).group(1)


@pytest.mark.parametrize("text", list(ARRANGED))
def test_each_point_is_labelled_by_its_perspectives_majorities(client, arranged, text):
    page = page_of(client, arranged)

    assert label_under(page, text).startswith(ARRANGED[text][1])


def test_perspectives_with_too_few_answers_are_named_and_left_out(client, arranged):
    page = page_of(client, arranged)

    part = page.split("<h3>small ones left out</h3>", 1)[1].split("<h3>", 1)[0]
    assert "Too few answers to show on their own" in part
    assert "Group C." in part
    (table,) = tables(part, "Quick answers to this point, by perspective")
    assert set(by_label(table)) == {
        "Group A",
        "Group B",
        "Other answers",
        "All answers",
    }


def test_the_head_lists_common_ground_and_divides_each_with_its_table(client, arranged):
    page = page_of(client, arranged)

    head = page.split('id="ground-heading"', 1)[1].split("</section>", 1)[0]
    common = head.split("<h3>Common ground</h3>", 1)[1].split("<h3>", 1)[0]
    divides = head.split("<h3>Where views divide</h3>", 1)[1]
    listed = re.findall(r"<h4>(.*?)</h4>", common)
    # at most three, those the most perspectives answered first
    assert listed == ["all agree", "all disagree", "small ones left out"]
    assert re.findall(r"<h4>(.*?)</h4>", divides) == [
        "split with a third unsure",
        "split",
    ]
    for part in (common, divides):
        found = tables(part, "Quick answers to this point, by perspective")
        assert len(found) == len(re.findall("<h4>", part))
    assert page.index('id="ground-heading"') < page.index("<h3>all agree</h3>")


def test_with_nothing_to_compare_the_head_says_so(client, perspectives):
    article = make_article(points=[(perspectives["A"], "a point")])
    reader = Client(REMOTE_ADDR="198.51.100.9")
    send = reverse("discussion:answer", args=[article.slug, article.points.get().pk])
    assert reader.post(send, {"answer": "agree"}).status_code == 302

    page = page_of(client, article)

    assert "No point has common ground or a divide yet." in page


def test_real_answers_make_common_ground_and_a_divide(
    client, perspectives, room_for_many_comments
):
    article = make_article(
        points=[(perspectives["A"], "shared"), (perspectives["B"], "contested")]
    )
    shared, contested = article.points.all()
    plan = [
        (shared, "A", "agree", 5),
        (shared, "B", "agree", 6),
        (contested, "A", "agree", 5),
        (contested, "B", "disagree", 5),
    ]
    number = 0
    for point, who, answer, count in plan:
        send = reverse("discussion:answer", args=[article.slug, point.pk])
        for _ in range(count):
            number += 1
            reader = Client(REMOTE_ADDR=f"198.51.100.{number}")
            data = {"answer": answer, "perspective": perspectives[who].pk}
            assert reader.post(send, data).status_code == 302

    page = page_of(client, article)

    assert label_under(page, "shared") == COMMON_AGREE + "."
    assert label_under(page, "contested") == DIVIDE + "."
