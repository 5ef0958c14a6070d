"""Many readers at once: every comment stored exactly once, no errors, on
SQLite (WAL, immediate transactions) and on PostgreSQL alike."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings

from discussion.models import ArticleComment
from tests.factories import make_comment
from tests.helpers import comment_form_data, post_comment
from tests.platform.servers import Browser

PEOPLE = 50

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    settings.DISCUSSION_RATE_LIMITS = dict.fromkeys(
        django_settings.DISCUSSION_RATE_LIMITS, "10000/m"
    )


@pytest.fixture
def crowd_server(live_server):
    """The live server, able to queue a crowd's connections: Django's test
    server listens for 10 at a time (gunicorn, in production, for 2048)."""
    live_server.thread.httpd.socket.listen(2 * PEOPLE)
    return live_server


def all_at_once(count, action):
    """Run action(i) for i in range(count) in as many threads, released together."""
    start = threading.Barrier(count, timeout=30)

    def run(number):
        start.wait()
        return action(number)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count), timeout=120))


def test_fifty_comments_posted_at_the_same_moment_are_all_stored_once(
    crowd_server, article, django_user_model
):
    django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "right-password-1", is_staff=True
    )
    signed_in = Browser(crowd_server.url)
    signed_in.sign_in("moderator", "right-password-1")

    def post(number):
        browser = Browser(crowd_server.url)
        browser.cookies = dict(signed_in.cookies)
        data = comment_form_data(
            article,
            comment=f"Comment {number} sent with everyone else.",
            name="Moderator",
            email="moderator@example.org",
        )
        return browser.post("/comments/post/", {**data, "post": ""})

    responses = all_at_once(PEOPLE, post)

    assert [response.status for response in responses] == [302] * PEOPLE
    stored = sorted(ArticleComment.objects.values_list("comment", flat=True))
    assert stored == sorted(
        f"Comment {number} sent with everyone else." for number in range(PEOPLE)
    )
    assert ArticleComment.objects.filter(is_public=True).count() == PEOPLE


def test_fifty_replies_at_once_keep_the_thread_in_order(
    crowd_server, article, django_user_model
):
    django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "right-password-1", is_staff=True
    )
    signed_in = Browser(crowd_server.url)
    signed_in.sign_in("moderator", "right-password-1")
    parent = make_comment(article, comment="The comment everyone answers.")

    def reply(number):
        browser = Browser(crowd_server.url)
        browser.cookies = dict(signed_in.cookies)
        data = comment_form_data(
            article,
            comment=f"Reply {number}.",
            name="Moderator",
            email="moderator@example.org",
            reply_to=parent.pk,
        )
        return browser.post("/comments/post/", {**data, "post": ""})

    responses = all_at_once(PEOPLE, reply)

    assert [response.status for response in responses] == [302] * PEOPLE
    thread = ArticleComment.objects.filter(thread_id=parent.pk)
    assert thread.count() == PEOPLE + 1
    # xtd numbers a thread's comments for display: none may share a place
    assert sorted(thread.values_list("order", flat=True)) == list(range(1, PEOPLE + 2))
    parent.refresh_from_db()
    assert parent.nested_count == PEOPLE


def test_a_confirmation_button_pressed_many_times_at_once_stores_one_comment(
    crowd_server, client, article, mailoutbox
):
    assert post_comment(client, article, comment="Confirm me once").status_code == 302
    [mail] = mailoutbox
    link = re.search(r"(/comments/confirm/[^/\s]+/)", mail.body).group(1)

    responses = all_at_once(
        10, lambda _number: Browser(crowd_server.url).post(link, {})
    )

    # one press publishes; the others hear the link has been used
    assert sorted(response.status for response in responses) == [200] + [410] * 9
    assert list(ArticleComment.objects.values_list("comment", flat=True)) == [
        "Confirm me once"
    ]


def test_posts_sent_together_cannot_pass_the_mail_limit_together(
    crowd_server, article, mailoutbox
):
    from discussion.models import SentConfirmation

    def post(number):
        browser = Browser(crowd_server.url)
        form = browser.comment_form(article.get_absolute_url())
        return browser.post(
            "/comments/post/",
            {
                **form,
                "comment": f"Sent together {number}.",
                "name": "Someone",
                "email": "victim@example.org",
                "post": "",
            },
        )

    responses = all_at_once(8, post)

    assert sorted(r.status for r in responses) == [302] * 3 + [429] * 5
    assert SentConfirmation.objects.count() == 3


def test_posts_from_one_network_sent_together_get_only_its_share(
    crowd_server, article, mailoutbox, settings
):
    from discussion.models import ConfirmationNetwork

    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 4

    def post(number):
        browser = Browser(crowd_server.url)
        form = browser.comment_form(article.get_absolute_url())
        return browser.post(
            "/comments/post/",
            {
                **form,
                "comment": f"One home, post {number}.",
                "name": "Someone",
                "email": f"reader{number}@example.org",
                "post": "",
            },
        )

    responses = all_at_once(12, post)

    assert sorted(r.status for r in responses) == [302] * 4 + [429] * 8
    assert ConfirmationNetwork.objects.count() == 4
    assert len(mailoutbox) == 4
