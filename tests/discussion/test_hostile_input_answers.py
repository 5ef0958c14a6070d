"""Quick answers refuse what they cannot take, plainly and never with a
server error, and leave the counts as they were; a thousand readers are
each counted once."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from discussion.answers import answer_counts
from discussion.models import ModerationPolicy, QuickAnswer
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(published_article):
    return published_article.points.get()


def send(point, slug=None, client=None, **data):
    url = reverse("discussion:answer", args=[slug or point.article.slug, point.pk])
    return (client or Client()).post(url, data)


@pytest.mark.parametrize(
    "data",
    [
        {"answer": "maybe"},
        {"answer": ""},
        {},
        {"answer": "agree", "perspective": "999999"},
        {"answer": "agree", "perspective": "abc"},
        {"answer": ["agree", "disagree"], "perspective": "1' OR 1=1"},
    ],
)
def test_forged_values_get_a_form_error_and_save_nothing(point, data):
    response = send(point, **data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not QuickAnswer.objects.exists()


def test_an_unknown_point_is_not_found(point):
    url = reverse("discussion:answer", args=[point.article.slug, 999999999])
    assert Client().post(url, {"answer": "agree"}).status_code == 404
    huge = f"/insight/{point.article.slug}/points/{'9' * 30}/answer/send/"
    assert Client().post(huge, {"answer": "agree"}).status_code == 404


def test_a_point_of_another_article_is_not_found(point, perspective):
    other = make_article(points=[(perspective, "Elsewhere")])
    assert send(point, slug=other.slug, answer="agree").status_code == 404
    assert not QuickAnswer.objects.exists()


def test_a_draft_articles_points_take_no_answers(draft_article):
    point = draft_article.points.get()
    assert send(point, answer="agree").status_code == 404
    url = reverse("discussion:answer-page", args=[draft_article.slug, point.pk])
    assert Client().get(url).status_code == 404


def test_a_closed_articles_points_take_no_answers(point):
    Article.objects.filter(pk=point.article_id).update(allow_comments=False)
    response = send(point, answer="agree")
    assert response.status_code == 403
    assert "Answers are closed" in response.content.decode()
    assert not QuickAnswer.objects.exists()


def test_paused_commenting_pauses_answers(point):
    ModerationPolicy.objects.update_or_create(pk=1, defaults={"is_paused": True})
    assert send(point, answer="agree").status_code == 403


def test_a_get_to_the_post_address_is_not_allowed(point):
    url = reverse("discussion:answer", args=[point.article.slug, point.pk])
    assert Client().get(url).status_code == 405


def test_a_post_from_another_site_is_refused(point):
    response = Client().post(
        reverse("discussion:answer", args=[point.article.slug, point.pk]),
        {"answer": "agree"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert not QuickAnswer.objects.exists()


def test_a_forged_reader_cookie_is_a_new_reader(point):
    client = Client()
    client.cookies["insight_reader"] = "../../etc/passwd"
    response = send(point, client=client, answer="agree")
    assert response.status_code == 302
    assert response.cookies["insight_reader"].value != "../../etc/passwd"


def test_a_flood_of_answers_is_refused_and_counts_stay(point, settings):
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "answer": "3/m",
    }
    client = Client()
    codes = [send(point, client=client, answer="agree").status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    assert answer_counts(point.article) == {(point.pk, None, "agree"): 1}


def test_one_network_cannot_answer_a_point_endlessly_by_clearing_cookies(
    point, settings
):
    settings.DISCUSSION_ANSWERS_PER_NETWORK = 2
    codes = [send(point, answer="agree").status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert QuickAnswer.objects.count() == 2
    # nor can a cookie the site never gave out
    client = Client()
    client.cookies.load({"insight_reader": "x" * 32})
    assert send(point, client=client, answer="agree").status_code == 429


# Readers from as many addresses: enough for every answer, with and without a
# perspective, to be counted many times over, and for some to change it.
READERS = 300


def test_hundreds_of_readers_are_each_counted_once(point, perspective):
    expected = {}
    answers = ["agree", "disagree", "unsure"]
    for number in range(READERS):
        value = answers[number % 3]
        as_ = perspective.pk if number % 4 == 0 else None
        client = Client(REMOTE_ADDR=f"10.{number // 250}.{number % 250}.1")
        response = send(point, client=client, answer=value, perspective=as_ or "")
        assert response.status_code == 302
        key = (point.pk, as_, value)
        expected[key] = expected.get(key, 0) + 1
        if number % 10 == 0:  # some readers change their mind
            new = answers[(number + 1) % 3]
            send(point, client=client, answer=new, perspective=as_ or "")
            expected[key] -= 1
            expected[(point.pk, as_, new)] = expected.get((point.pk, as_, new), 0) + 1
    assert answer_counts(point.article) == {k: v for k, v in expected.items() if v}
    assert QuickAnswer.objects.count() == READERS
