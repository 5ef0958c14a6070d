"""Quick answers: a reader agrees, disagrees or is unsure about a point,
without JavaScript, once per point, and can change or withdraw it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion.answers import READER_COOKIE, answer_counts
from discussion.models import QuickAnswer
from discussion.page_versions import answers_to
from pagecache.models import PageVersion
from tests.helpers import html, plain_hashes

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_factory():
    """A new reader: a browser of their own, from an address of their own."""
    return Client


@pytest.fixture
def point(published_article):
    return published_article.points.get()


def send_url(point):
    return reverse("discussion:answer", args=[point.article.slug, point.pk])


def page_url(point):
    return reverse("discussion:answer-page", args=[point.article.slug, point.pk])


def answer(client, point, value, **data):
    return client.post(send_url(point), {"answer": value, **data})


def pressed(page):
    return re.findall(r'value="(\w+)" aria-pressed="true"', page)


def test_the_article_page_has_an_answer_form_per_point_with_nothing_pressed(
    client, point
):
    page = html(client.get(point.article.get_absolute_url()))
    assert f'action="{send_url(point)}"' in page
    assert 'aria-pressed="false"' in page
    assert 'aria-pressed="true"' not in page
    assert "Answers so far" not in page
    # the counts' place is there for the script, empty and hidden
    assert '<p class="answer-row__counts" data-answer-counts hidden></p>' in page
    assert "answer-row__withdraw" not in page


def test_an_answer_without_javascript_lands_on_the_readers_page_for_the_point(
    client, point, perspective
):
    response = answer(client, point, "agree", perspective=perspective.pk)
    assert response.status_code == 302
    assert response["Location"] == page_url(point)
    cookie = response.cookies[READER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 30 * 24 * 60 * 60
    page = client.get(page_url(point))
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert pressed(html(page)) == ["agree"]
    # one answer in all: every count reads "fewer than 5", zeros too
    assert (
        "Answers so far: fewer than 5 agree, fewer than 5 disagree, "
        "fewer than 5 unsure" in html(page)
    )
    assert point.get_absolute_url() in html(page)
    saved = QuickAnswer.objects.get()
    assert saved.perspective == perspective and saved.article == point.article


def test_counts_show_only_once_the_reader_has_answered(client, point):
    answer(Client(REMOTE_ADDR="192.0.2.9"), point, "disagree")
    page = html(client.get(page_url(point)))
    assert "Answers so far" not in page and pressed(page) == []


def test_answering_again_replaces_the_answer(client, point):
    answer(client, point, "agree")
    answer(client, point, "unsure")
    assert list(QuickAnswer.objects.values_list("answer", flat=True)) == ["unsure"]
    assert pressed(html(client.get(page_url(point)))) == ["unsure"]


def test_a_reader_can_withdraw_their_answer(client, point):
    answer(client, point, "agree")
    response = answer(client, point, "withdraw")
    assert response.status_code == 302
    assert not QuickAnswer.objects.exists()
    page = html(client.get(page_url(point)))
    assert pressed(page) == [] and "You have not answered" in page


def test_the_raw_cookie_id_and_address_are_never_stored(client, point):
    response = answer(client, point, "agree")
    cookie_id = response.cookies[READER_COOKIE].value
    saved = QuickAnswer.objects.values().get()
    stored = " ".join(str(value) for value in saved.values())
    assert cookie_id not in stored and "127.0.0.1" not in stored


def test_the_reader_and_network_are_kept_as_hashes_keyed_with_the_secret_key(
    client, point, settings
):
    address = "2001:db8:4b:7::31"
    network = "2001:db8:4b::/48"
    settings.SECRET_KEY = "first-secret-key-" * 3
    response = client.post(send_url(point), {"answer": "agree"}, REMOTE_ADDR=address)
    cookie_id = response.cookies[READER_COOKIE].value
    # the same reader, same cookie, same address, once the key has changed
    settings.SECRET_KEY = "second-secret-key-" * 3
    client.post(send_url(point), {"answer": "agree"}, REMOTE_ADDR=address)

    kept = list(QuickAnswer.objects.order_by("pk").values_list("reader", "network"))
    assert len(kept) == 2
    guessable = plain_hashes(
        cookie_id,
        f"quick-answer-reader:{cookie_id}",
        address,
        network,
        "2001:db8:4b::",
        f"quick-answer-network:{network}",
    )
    for reader, reader_network in kept:
        for value in (reader, reader_network):
            assert cookie_id not in value and "2001:db8:4b" not in value
            assert value not in guessable
    assert kept[0][0] != kept[1][0] and kept[0][1] != kept[1][1]


def test_with_javascript_the_post_answers_with_the_readers_state(client, point):
    response = client.post(
        send_url(point), {"answer": "agree"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    state = response.json()
    assert state["answer"] == "agree"
    assert state["counts"] == dict.fromkeys(
        ["agree", "disagree", "unsure"], "fewer than 5"
    )
    assert state["message"] == "Your answer is saved: agree."
    withdrawn = client.post(
        send_url(point), {"answer": "withdraw"}, HTTP_ACCEPT="application/json"
    ).json()
    assert withdrawn["answer"] is None and withdrawn["counts"] is None


def test_answering_leaves_the_cached_article_page_alone(client, point):
    url = point.article.get_absolute_url()
    etag = client.get(url)["ETag"]
    answer(client, point, "agree")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_answering_bumps_the_articles_answers_version(client, point):
    answer(client, point, "agree")
    assert PageVersion.objects.filter(key=answers_to(point.article.slug)).exists()


def test_answer_counts_are_grouped_by_point_perspective_and_answer(
    client_factory, point, perspective, django_assert_num_queries
):
    for number, (value, as_) in enumerate(
        [("agree", perspective.pk), ("agree", perspective.pk), ("agree", "")]
        + [("unsure", "")]
    ):
        reader = client_factory(REMOTE_ADDR=f"192.0.2.{number + 1}")
        answer(reader, point, value, perspective=as_)
    with django_assert_num_queries(1):
        counts = answer_counts(point.article)
    assert counts == {
        (point.pk, perspective.pk, "agree"): 2,
        (point.pk, None, "agree"): 1,
        (point.pk, None, "unsure"): 1,
    }


def test_a_reader_can_withdraw_every_answer_they_gave(
    client, client_factory, published_article, perspective
):
    from tests.factories import make_article

    other = make_article(points=[(perspective, "Another point")])
    points = [published_article.points.get(), other.points.get()]
    for point in points:
        answer(client, point, "agree")
    answer(client_factory(REMOTE_ADDR="192.0.2.7"), points[0], "disagree")
    url = reverse("discussion:withdraw-answers")
    assert "2 answers" in html(client.get(url))
    response = client.post(url)
    assert "2 answers withdrawn" in html(response)
    assert "no-store" in response["Cache-Control"]
    assert list(QuickAnswer.objects.values_list("answer", flat=True)) == ["disagree"]


def test_withdrawing_without_answers_says_there_were_none(client):
    url = reverse("discussion:withdraw-answers")
    assert "no answers to withdraw" in html(client.get(url))
    assert "no answers to withdraw" in html(client.post(url))


def test_the_privacy_notice_describes_answers_and_their_cookie(client, pages):
    page = html(client.get("/privacy/"))
    assert "When you answer a point" in page
    assert READER_COOKIE in page and "withdraw all your answers" in page


def test_the_commenter_data_command_says_it_cannot_find_answers():
    from discussion.management.commands.commenter_data import Command

    assert "not linked to an e-mail address" in Command.help


def test_commenter_data_neither_finds_nor_erases_a_commenters_answers(
    client, mailoutbox, point
):
    import json
    from io import StringIO

    from django.core.management import call_command

    from tests.helpers import post_and_confirm

    # the same reader, in the same browser, comments and answers
    post_and_confirm(
        client, mailoutbox, point.article, email="both@example.org", comment="Mine."
    )
    answer(client, point, "disagree")
    out = StringIO()
    call_command("commenter_data", "both@example.org", "--export", stdout=out)
    exported = json.loads(out.getvalue())
    assert set(exported) == {"email", "comments", "comments_not_yet_confirmed"}
    assert "disagree" not in out.getvalue()
    call_command("commenter_data", "both@example.org", "--erase", stdout=StringIO())
    assert list(QuickAnswer.objects.values_list("answer", flat=True)) == ["disagree"]


def test_answers_to_a_point_go_when_the_point_is_deleted(
    client_factory, point, perspective
):
    from tests.factories import make_article

    kept = make_article(points=[(perspective, "A point that stays")]).points.get()
    for number, on in enumerate([point, point, kept]):
        answer(client_factory(REMOTE_ADDR=f"192.0.2.{number + 1}"), on, "agree")
    point.delete()
    assert list(QuickAnswer.objects.values_list("point", flat=True)) == [kept.pk]
