"""Quick answers sent at the same moment, through a real server and threads:
one answer per reader, never more readers from one network than a point
takes, and never a server error, on SQLite and PostgreSQL alike."""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from discussion.answers import READER_COOKIE
from discussion.models import QuickAnswer
from tests.platform.servers import Browser

pytestmark = pytest.mark.django_db(transaction=True)

CROWD = 24


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    settings.DISCUSSION_RATE_LIMITS = dict.fromkeys(
        django_settings.DISCUSSION_RATE_LIMITS, "10000/m"
    )


@pytest.fixture
def crowd_server(live_server):
    """The live server, queueing a crowd's connections (it listens for 10)."""
    live_server.thread.httpd.socket.listen(2 * CROWD)
    return live_server


@pytest.fixture
def point(article):
    return article.points.first()


def send_path(point):
    return reverse("discussion:answer", args=[point.article.slug, point.pk])


def new_cookie():
    return secrets.token_urlsafe(24)


def at_the_same_moment(count, action):
    start = threading.Barrier(count, timeout=30)

    def run(number):
        start.wait()
        return action(number)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count), timeout=120))


def reader_browser(server, cookie):
    browser = Browser(server.url)
    browser.cookies[READER_COOKIE] = cookie
    return browser


def test_a_readers_first_answers_sent_together_are_one_answer(crowd_server, point):
    cookie = new_cookie()
    choices = ["agree", "disagree", "unsure"]

    responses = at_the_same_moment(
        CROWD,
        lambda number: reader_browser(crowd_server, cookie).post(
            send_path(point), {"answer": choices[number % 3]}
        ),
    )

    assert [response.status for response in responses] == [302] * CROWD
    assert QuickAnswer.objects.filter(point=point).count() == 1


def test_readers_of_one_network_sent_together_never_pass_the_cap(
    crowd_server, point, settings
):
    settings.DISCUSSION_ANSWERS_PER_NETWORK = 50
    # 45 readers from this network have answered already, one by one
    for _ in range(45):
        reader = Client()
        reader.cookies[READER_COOKIE] = new_cookie()
        assert reader.post(send_path(point), {"answer": "agree"}).status_code == 302
    cookies = [new_cookie() for _ in range(CROWD)]

    responses = at_the_same_moment(
        CROWD,
        lambda number: reader_browser(crowd_server, cookies[number]).post(
            send_path(point), {"answer": "disagree"}
        ),
    )

    statuses = sorted(response.status for response in responses)
    assert statuses == [302] * 5 + [429] * (CROWD - 5)
    assert QuickAnswer.objects.filter(point=point).count() == 50


def test_readers_at_the_cap_can_still_change_their_answers_together(
    crowd_server, point, settings
):
    settings.DISCUSSION_ANSWERS_PER_NETWORK = 6
    cookies = [new_cookie() for _ in range(6)]
    for cookie in cookies:
        reader = Client()
        reader.cookies[READER_COOKIE] = cookie
        assert reader.post(send_path(point), {"answer": "agree"}).status_code == 302
    newcomers = [new_cookie() for _ in range(6)]
    everyone = cookies * 2 + newcomers  # each reader twice, and six new ones

    responses = at_the_same_moment(
        len(everyone),
        lambda number: reader_browser(crowd_server, everyone[number]).post(
            send_path(point), {"answer": "unsure"}
        ),
    )

    statuses = sorted(response.status for response in responses)
    assert statuses == [302] * 12 + [429] * 6
    answers = QuickAnswer.objects.filter(point=point)
    assert answers.count() == 6
    assert set(answers.values_list("answer", flat=True)) == {"unsure"}
