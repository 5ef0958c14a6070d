"""A reader's own answers on an article: the small uncached request the
cached article page's script reads, the page that lists and changes them
without JavaScript, and the perspective asked once per article and
remembered for the next."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion.answers import PERSPECTIVE_COOKIE, READER_COOKIE
from discussion.models import QuickAnswer
from tests.factories import make_article, make_perspective
from tests.helpers import html

pytestmark = pytest.mark.django_db

VALUES = ["agree", "disagree", "unsure"]


@pytest.fixture
def councillors(db):
    return make_perspective(name="Councillors", slug="councillors")


@pytest.fixture
def article(perspective, councillors):
    return make_article(
        slug="three-points",
        points=[(perspective, f"Point {number}") for number in range(3)]
        + [(councillors, "A point to councillors")],
    )


@pytest.fixture
def other_article(perspective):
    return make_article(slug="next-one", points=[(perspective, "Another point")])


def send(client, point, value, **data):
    url = reverse("discussion:answer", args=[point.article.slug, point.pk])
    return client.post(url, {"answer": value, **data})


def state(client, article):
    response = client.get(reverse("discussion:my-answers-state", args=[article.slug]))
    assert response.status_code == 200
    return response, json.loads(response.content)


def pressed(page):
    return re.findall(r'value="(\w+)" aria-pressed="true"', page)


def withdraw_buttons(page):
    return len(re.findall(r'value="withdraw"', page))


def other_readers(point, count, value="agree"):
    for number in range(count):
        send(Client(REMOTE_ADDR=f"198.51.100.{number + 1}"), point, value)


@pytest.mark.parametrize("answers", [0, 1, 3])
def test_the_readers_state_costs_at_most_two_queries_and_is_never_cached(
    client, article, answers, django_assert_max_num_queries
):
    for point, value in zip(article.points.all()[:answers], VALUES, strict=False):
        send(client, point, value)
    if not answers:
        client.cookies[READER_COOKIE] = "x" * 32  # a reader with no answers yet
    with django_assert_max_num_queries(2):
        response, mine = state(client, article)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert sorted(a["answer"] for a in mine["answers"].values()) == VALUES[:answers]


def test_a_reader_without_a_cookie_costs_no_query(
    client, article, django_assert_num_queries
):
    with django_assert_num_queries(0):
        _, mine = state(client, article)
    assert mine == {"answers": {}, "perspective": None}


def test_the_state_holds_only_this_readers_answers_on_this_article(
    client, article, other_article
):
    point = article.points.first()
    send(client, point, "disagree")
    send(client, other_article.points.get(), "agree")
    other_readers(point, 6)
    other_readers(article.points.last(), 2)
    _, mine = state(client, article)
    assert mine["answers"] == {
        str(point.pk): {
            "answer": "disagree",
            # 6 agree, 1 disagree: the disagree is hidden, so is the total
            "counts": {"agree": "6", "disagree": "fewer than 5", "unsure": "0"},
            "counts_text": "6 agree, fewer than 5 disagree, 0 unsure",
        }
    }


def test_the_cached_article_page_presses_nothing_and_offers_no_withdrawal(
    client, article
):
    for point, value in zip(article.points.all(), VALUES, strict=False):
        send(client, point, value)
    page = html(client.get(article.get_absolute_url()))
    assert pressed(page) == []
    assert withdraw_buttons(page) == 0
    assert page.count("<select") - page.count('id="id_point"') <= 2  # + comment form


@pytest.mark.parametrize("value", VALUES)
def test_withdraw_shows_only_while_the_reader_has_an_answer(client, article, value):
    point = article.points.first()
    answer_page = reverse("discussion:answer-page", args=[article.slug, point.pk])
    assert withdraw_buttons(html(client.get(answer_page))) == 0
    send(client, point, value)
    page = html(client.get(answer_page))
    assert pressed(page) == [value] and withdraw_buttons(page) == 1
    send(client, point, "withdraw")
    page = html(client.get(answer_page))
    assert pressed(page) == [] and withdraw_buttons(page) == 0
    assert "You have not answered this point" in page


def test_the_perspective_is_asked_once_and_remembered_for_the_next_article(
    client, article, other_article, councillors
):
    first, second = article.points.all()[:2]
    send(client, first, "agree")  # from the article page: no perspective asked
    assert QuickAnswer.objects.get().perspective is None
    chosen = client.post(
        reverse("discussion:answer-perspective", args=[article.slug]),
        {"perspective": councillors.pk, "point": first.pk},
    )
    assert chosen.status_code == 302
    assert chosen["Location"].endswith(f"/points/{first.pk}/answer/")
    assert chosen.cookies[PERSPECTIVE_COOKIE].value == str(councillors.pk)
    send(client, second, "unsure")
    send(client, other_article.points.get(), "disagree")
    assert set(QuickAnswer.objects.values_list("perspective", flat=True)) == {
        councillors.pk
    }
    _, mine = state(client, other_article)
    assert mine["perspective"] == councillors.pk


def test_choosing_no_perspective_is_remembered_too(client, article, councillors):
    point = article.points.first()
    send(client, point, "agree", perspective=councillors.pk)
    send(client, point, "agree", perspective="")
    assert QuickAnswer.objects.get().perspective is None
    _, mine = state(client, article)
    assert mine["perspective"] == ""


@pytest.mark.parametrize("bad", ["999999", "abc", "-1", "1e3"])
def test_a_perspective_not_on_the_list_is_refused(client, article, bad):
    url = reverse("discussion:answer-perspective", args=[article.slug])
    assert client.post(url, {"perspective": bad}).status_code == 400


def test_your_answers_page_lists_and_changes_the_readers_answers(client, article):
    first, second, third = article.points.all()[:3]
    send(client, first, "agree")
    send(client, second, "disagree")
    other_readers(third, 3)
    mine_url = reverse("discussion:my-answers", args=[article.slug])
    response = client.get(mine_url)
    assert "no-store" in response["Cache-Control"]
    page = html(response)
    assert pressed(page) == ["agree", "disagree"]
    assert withdraw_buttons(page) == 2
    assert "Point 2" not in page  # answered by others only
    changed = send(client, first, "unsure", return_to="mine")
    assert changed["Location"] == f"{mine_url}#{first.anchor}"
    send(client, second, "withdraw", return_to="mine")
    page = html(client.get(mine_url))
    assert pressed(page) == ["unsure"] and withdraw_buttons(page) == 1


def test_your_answers_page_with_none_says_so(client, article):
    page = html(client.get(reverse("discussion:my-answers", args=[article.slug])))
    assert "You have not answered any points on this article" in page


def test_your_answers_page_of_a_draft_is_not_found(client, draft_article):
    url = reverse("discussion:my-answers", args=[draft_article.slug])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "cookie", ["9" * 5000, "99999999999999999999", "../../etc", "-1", "1e3", " 1", ""]
)
def test_a_forged_perspective_cookie_is_ignored(client, article, cookie):
    client.cookies[PERSPECTIVE_COOKIE] = cookie
    _, mine = state(client, article)
    assert mine["perspective"] is None
    response = send(client, article.points.first(), "agree")
    assert response.status_code == 302
    assert QuickAnswer.objects.get().perspective is None


@pytest.mark.parametrize("point", ["9" * 5000, "x", "-1", "//elsewhere.example"])
def test_choosing_a_perspective_never_goes_elsewhere(client, article, point):
    url = reverse("discussion:answer-perspective", args=[article.slug])
    response = client.post(url, {"perspective": "", "point": point})
    assert response.status_code == 302
    assert response["Location"] == reverse("discussion:my-answers", args=[article.slug])


def test_a_perspective_from_another_site_is_refused(client, article, councillors):
    url = reverse("discussion:answer-perspective", args=[article.slug])
    response = client.post(
        url, {"perspective": councillors.pk}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    assert PERSPECTIVE_COOKIE not in response.cookies


@pytest.mark.parametrize(
    "arranged",
    [
        # (perspective: "mine", "councillors" or None, answer, how many)
        [("mine", "agree", 7), ("councillors", "disagree", 3)],
        [("mine", "agree", 2), ("councillors", "agree", 2), (None, "unsure", 1)],
        [("mine", "disagree", 12), ("councillors", "agree", 6), (None, "agree", 4)],
        [("councillors", "unsure", 5), ("mine", "unsure", 5), (None, "disagree", 9)],
    ],
)
def test_the_state_shows_the_counts_the_answer_page_shows(
    client, article, perspective, councillors, arranged
):
    from discussion.views.answering import shown_counts

    point = article.points.first()
    named = {"mine": perspective, "councillors": councillors, None: None}
    QuickAnswer.objects.bulk_create(
        QuickAnswer(
            point=point,
            article=article,
            perspective=named[whose],
            answer=value,
            reader=f"{whose}-{value}-{number}",
            network=f"net-{number}",
        )
        for whose, value, count in arranged
        for number in range(count)
    )
    send(client, point, "agree")
    _response, shown = state(client, article)
    expected = shown_counts(point)
    assert shown["answers"][str(point.pk)]["counts"] == {
        value: str(number) for value, number in expected
    }
