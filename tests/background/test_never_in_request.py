"""Everything the site e-mails, but the confirmation link, is queued by the
request (or command) that causes it and sent by the worker: the request
opens no connection to the mail server, and the worker then delivers it."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from background.models import OutgoingMail
from discussion.models import ModeratorProfile
from tests.discussion.test_decision_history import decide_url
from tests.factories import make_comment, make_moderator, set_policy
from tests.helpers import (
    FROM_OUR_PAGES,
    link_in,
    moderate,
    post_comment,
    report_url,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sams_browser(django_user_model):
    sam = make_moderator(django_user_model, "sam", "Sam")
    browser = Client(headers=FROM_OUR_PAGES)
    browser.force_login(sam)
    browser.sam = sam
    return browser


def with_a_follower(article):
    make_comment(
        article,
        user_email="follower@example.org",
        followup=True,
        followers_notified_at=timezone.now(),
    )


def bulk_approval(article, sams_browser, reader):
    """A moderator's bulk approval: "published" notices and follow-ups."""
    with_a_follower(article)
    held = [
        make_comment(article, is_public=False, user_email=f"writer{n}@example.org")
        for n in range(2)
    ]
    response = moderate(sams_browser, "approve", held)
    assert response.status_code == 302
    return {"writer0@example.org", "writer1@example.org", "follower@example.org"}


def removal_with_a_reason(article, sams_browser, reader):
    comment = make_comment(article, user_email="writer@example.org", followup=True)
    response = sams_browser.post(
        decide_url(comment, "remove"), {"removal_reason": "Off topic"}
    )
    assert response.status_code == 302
    return {"writer@example.org"}


def held_comment_confirmed(article, sams_browser, reader):
    """The moderators' alert about a comment held for them."""
    set_policy(hold_all=True)
    with_a_follower(article)
    return {"sam@example.org"}


def report(article, sams_browser, reader):
    comment = make_comment(article)
    response = reader.post(report_url(comment), {"reason": "spam"})
    assert response.status_code in (200, 302)
    return {"sam@example.org"}


def hourly_digest(article, sams_browser, reader):
    ModeratorProfile.objects.update_or_create(
        user=sams_browser.sam, defaults={"alerts": ModeratorProfile.Alerts.HOURLY}
    )
    reader.post(report_url(make_comment(article)), {"reason": "spam"})
    assert not OutgoingMail.objects.exists()  # saved for the digest
    call_command("send_moderator_digests", stdout=None)
    return {"sam@example.org"}


def confirmed_comment(article, sams_browser, reader):
    """A reader's confirmed comment: the follow-ups."""
    with_a_follower(article)
    return {"follower@example.org"}


def staff_comment(article, sams_browser, reader):
    """Staff publish at once, with no confirmation: the follow-ups."""
    with_a_follower(article)
    response = post_comment(sams_browser, article, comment="From the moderators.")
    assert response.status_code == 302
    return {"follower@example.org"}


def run_worker_once():
    call_command(
        "db_worker",
        batch=True,
        interval=0,
        startup_delay=False,
        reload=False,
        verbosity=0,
    )


@pytest.mark.parametrize(
    "happening",
    [
        bulk_approval,
        removal_with_a_reason,
        held_comment_confirmed,
        report,
        hourly_digest,
        confirmed_comment,
        staff_comment,
    ],
)
def test_mail_is_queued_in_the_request_and_sent_by_the_worker(
    queued_to, published_article, sams_browser, happening
):
    smtp = queued_to
    reader = Client(headers=FROM_OUR_PAGES)
    opened = smtp.handler_connections()
    expected = happening(published_article, sams_browser, reader)
    if happening in (held_comment_confirmed, confirmed_comment):
        post_comment(reader, published_article, email="reader@example.org")
        # the confirmation link goes in the reader's request, to tell them
        assert smtp.handler.counts() == {"reader@example.org": 1}
        link = link_in(SimpleNamespace(body=smtp.bodies[-1]), "confirm")
        opened = smtp.handler_connections()
        assert reader.post(link).status_code == 200

    assert smtp.handler_connections() == opened  # no mail sent in the request
    assert OutgoingMail.objects.waiting().exists() or happening in (
        confirmed_comment,
        staff_comment,
    )

    run_worker_once()

    delivered = set(smtp.handler.counts()) - {"reader@example.org"}
    assert delivered == expected
    assert not OutgoingMail.objects.waiting().exists()


@pytest.mark.parametrize("server_mode", ["refuse", "stall"])
def test_a_confirmation_the_server_does_not_take_is_told_to_the_reader(
    queued_to, published_article, server_mode
):
    """The one e-mail sent in the request: the reader is there to be told."""
    queued_to.handler.mode = server_mode
    reader = Client(headers=FROM_OUR_PAGES)

    response = post_comment(reader, published_article, comment="Do not lose this.")

    assert response.status_code == 503
    page = response.content.decode()
    assert "We could not send the email to confirm your comment" in page
    assert "Do not lose this.</textarea>" in page
    assert queued_to.handler.delivered == []
    assert not OutgoingMail.objects.exists()  # not queued to send later either


def test_an_error_in_a_request_is_reported_to_admins_by_the_worker(
    queued_to, published_article, settings, monkeypatch
):
    settings.ADMINS = [("Ops", "ops@example.org")]

    def broken(*args, **kwargs):
        raise ValueError("Something broke")

    monkeypatch.setattr("discussion.views.reporting.tell_moderators", broken)
    reader = Client(headers=FROM_OUR_PAGES, raise_request_exception=False)
    opened = queued_to.handler_connections()

    response = reader.post(
        report_url(make_comment(published_article)), {"reason": "spam"}
    )

    assert response.status_code == 500
    assert queued_to.handler_connections() == opened
    run_worker_once()
    assert set(queued_to.handler.counts()) == {"ops@example.org"}
    [(_, subject)] = queued_to.handler.delivered
    assert "Internal Server Error" in subject
