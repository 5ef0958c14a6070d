"""The small-number rule, property by property: for many combinations of
counts (0, 1 to 4, 5 and many), no shown number is from 1 to 4, and a
reader who knows the rule cannot work a hidden count out of what is shown,
on the rule itself and on every surface that shows counts: the summary
page, the points on the article page, the answer page and its JSON."""

import itertools
import random
import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion.models import QuickAnswer
from discussion.small_numbers import SMALL, group
from discussion.views import summary as summary_view
from tests.factories import make_comment
from tests.helpers import clear_caches, main_content

VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30]
FEWER, OR_MORE = "fewer than 5", "5 or more"


def texts(counts):
    cells, total = group(counts)
    return [cell.text for cell in cells], total.text


def possible(text, tiny):
    """The values a reader who knows the rule reads into one shown number."""
    if text == FEWER:
        return range(0 if tiny else 1, SMALL)
    if text == OR_MORE:
        return None  # 5 or more: bounded only by the total
    return range(int(text.replace(",", "")), int(text.replace(",", "")) + 1)


def what_a_reader_can_work_out(cell_texts, total_text, slack=12):
    """For each cell, every value it can have, given the shown numbers and
    that the rule, run on those values, shows the very same words."""
    tiny = total_text == FEWER
    if total_text in (FEWER, OR_MORE):
        top = SMALL - 1 if tiny else 60
        totals = range(1 if tiny else SMALL, top + 1)
    else:
        totals = possible(total_text, tiny)
    choices = [
        possible(text, tiny) or range(SMALL, max(totals) + 1) for text in cell_texts
    ]
    seen = [set() for _ in cell_texts]
    for values in itertools.product(*choices):
        if sum(values) not in totals:
            continue
        if texts(values) == (list(cell_texts), total_text):
            for index, value in enumerate(values):
                seen[index].add(value)
    return seen


def assert_nothing_small_is_given_away(counts):
    cell_texts, total_text = texts(counts)
    for text in [*cell_texts, total_text]:
        assert not re.fullmatch(r"[1-4]", text), (counts, text)
    seen = what_a_reader_can_work_out(cell_texts, total_text)
    for count, values in zip(counts, seen, strict=True):
        assert count in values, (counts, cell_texts, total_text)
        if 0 < count < SMALL:
            assert len(values) > 1, (counts, cell_texts, total_text, values)
        if count == 0 and total_text == FEWER:
            assert len(values) > 1, (counts, cell_texts, total_text, values)


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_no_group_gives_a_small_count_away(size):
    values = [0, 1, 2, 3, 4, 5, 6, 7, 9]
    for counts in itertools.product(values, repeat=size):
        assert_nothing_small_is_given_away(counts)


def test_no_larger_group_gives_a_small_count_away():
    rng = random.Random(5)
    for _ in range(150):
        assert_nothing_small_is_given_away(
            [rng.choice([0, 1, 2, 4, 5, 6, 8]) for _ in range(5)]
        )


def test_counts_read_as_the_rule_says():
    assert texts([6, 5, 1]) == (["6", "5", FEWER], OR_MORE)
    assert texts([12, 0, 0]) == (["12", "0", "0"], "12")
    assert texts([1, 0, 0]) == ([FEWER, FEWER, FEWER], FEWER)
    assert texts([0, 0]) == (["0", "0"], "0")
    assert texts([8, 9, 1200]) == (["8", "9", "1,200"], "1,217")
    assert group([1])[1].of("comments") == "fewer than 5 comments"
    assert group([0])[1].of("comments") == "no comments"


# --- every surface -------------------------------------------------------------

STANCES = ["agree", "disagree", "mixed", ""]
ANSWERS = QuickAnswer.Answer.values
NUMBER = r"\d[\d,]*"


def table_texts(page, caption):
    """(cell texts, total text) of the summary table with this caption."""
    table = page[page.index(f"<caption>{caption}</caption>") :]
    table = table[: table.index("</table>")]
    cells = re.findall(r'</th><td class="num">([^<]+)</td>', table)
    return cells[:-1], cells[-1]


def no_small_number(text, where):
    """No count from 1 to 4 is written in the words a reader sees: "fewer
    than 5" is."""
    words = re.sub(r"<[^>]*>", " ", text)
    said = re.sub(r"fewer than 5|5 or more|\d+%", "", words)
    numbers = re.findall(rf"(?<![\w/.#-])({NUMBER})(?![\w%/-])", said)
    small = [n for n in numbers if 0 < int(n.replace(",", "")) < SMALL]
    assert small == [], (where, small, words)


def answer_as(point, answer, number):
    reader = Client(REMOTE_ADDR=f"198.51.100.{number % 250}")
    response = reader.post(
        reverse("discussion:answer", args=[point.article.slug, point.pk]),
        {"answer": answer},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content
    return reader


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(12))
def test_no_surface_gives_a_small_count_away(client, article, settings, seed):
    settings.DISCUSSION_ANSWERS_PER_NETWORK = 1000
    rng = random.Random(seed)
    point = article.points.first()
    stance_counts = [rng.choice(VALUES[:9]) for _ in STANCES]
    answer_counts = [rng.choice(VALUES[:8]) for _ in ANSWERS]
    for stance, count in zip(STANCES, stance_counts, strict=True):
        for _ in range(count):
            make_comment(article, point=point, stance=stance)
    given = [
        answer
        for answer, count in zip(ANSWERS, answer_counts, strict=True)
        for _ in range(count)
    ]
    readers = [answer_as(point, answer, number) for number, answer in enumerate(given)]

    summary = main_content(
        client.get(reverse("discussion:summary", args=[article.slug]))
    )
    no_small_number(summary, "summary")
    stance_texts = table_texts(summary, "Stances of comments on this point")
    answer_texts = table_texts(summary, "Quick answers to this point")
    for shown, counts in ((stance_texts, stance_counts), (answer_texts, answer_counts)):
        seen = what_a_reader_can_work_out(*shown)
        for count, values in zip(counts, seen, strict=True):
            assert count in values
            assert not 0 < count < SMALL or len(values) > 1, (counts, shown)
    # the point's comments are the stances' total, in the same words
    total = stance_texts[1]
    assert (total if total != "0" else "No") in summary

    page = client.get(article.get_absolute_url()).content.decode()
    actions = "".join(re.findall(r'<p class="point__actions">.*?</p>', page, re.S))
    no_small_number(actions, "article page")

    if readers:
        page_url = reverse("discussion:answer-page", args=[article.slug, point.pk])
        answer_page = main_content(readers[0].get(page_url))
        shown = re.search(r"Answers so far: ([^<]*)", answer_page).group(1)
        no_small_number(shown, "answer page")
        # answering the same again changes no count
        state = (
            readers[0]
            .post(
                reverse("discussion:answer", args=[article.slug, point.pk]),
                {"answer": given[0]},
                HTTP_ACCEPT="application/json",
            )
            .json()
        )
        assert list(state["counts"].values()) == answer_texts[0]
        no_small_number(state["counts_text"], "JSON")


@pytest.mark.django_db
def test_answers_by_perspective_are_withheld_while_any_of_them_is_small(
    client, article, monkeypatch
):
    point = article.points.first()
    councillors = point.perspective
    counts = {
        (point.pk, councillors.pk, "agree"): 20,
        (point.pk, councillors.pk, "disagree"): 10,
        (point.pk, councillors.pk, "unsure"): 10,
        (point.pk, None, "agree"): 6,
    }
    monkeypatch.setattr(summary_view, "ANSWER_COUNTS", lambda article: counts)
    url = reverse("discussion:summary", args=[article.slug])

    shown = main_content(client.get(url))
    assert f"<caption>From {councillors.name}</caption>" in shown
    assert "<caption>From those who did not say</caption>" in shown

    # everyone's disagree, less the councillors', would be the 2 who did not say
    counts[(point.pk, None, "disagree")] = 2
    clear_caches()
    withheld = main_content(client.get(url))
    assert f"<caption>From {councillors.name}</caption>" not in withheld
    assert "some of their numbers are under 5" in withheld
    no_small_number(withheld, "summary")
