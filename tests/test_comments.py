"""The reader's discussion: post, confirm by e-mail, replies, follow-ups, feeds."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_article, make_comment, make_perspective
from tests.helpers import post_comment

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.failing_email.FailingEmailBackend"


def html(response):
    return response.content.decode()


def link_in(mail, name):
    """The path of the site link called name ("confirm" or "mute") in a mail."""
    site = re.escape(django_settings.SITE_URL.rstrip("/"))
    found = re.search(rf"{site}(/comments/{name}/[^/\s]+/)", mail.body)
    assert found, f"no {name} link in: {mail.body}"
    return found.group(1)


def post_and_confirm(client, mailoutbox, article, **fields):
    """Post a comment and open the link in its confirmation e-mail, running
    what waits for the commit; returns the confirmation page."""
    sent_before = len(mailoutbox)
    assert post_comment(client, article, **fields).status_code == 302
    with_link = mailoutbox[sent_before]
    del mailoutbox[sent_before]
    return client.get(link_in(with_link, "confirm"))


@pytest.fixture
def councillors(db):
    return make_perspective(name="Councillors", slug="councillors", position=1)


@pytest.fixture
def staff_perspective(perspective):
    perspective.position = 2
    perspective.save()
    return perspective


@pytest.fixture
def article(db, councillors, staff_perspective):
    return make_article(
        title="Anyone can lead",
        slug="anyone-can-lead",
        points=[
            (councillors, "Councillors set the tone for the whole place"),
            (staff_perspective, "Frontline staff see the system first"),
        ],
    )


@pytest.fixture
def councillor_point(article):
    return article.points.get(perspective__slug="councillors")


@pytest.fixture
def staff_point(article):
    return article.points.get(perspective__slug="frontline-staff")


# The whole flow: post, e-mail, confirm, show


# Preview and errors


# Replies


# Removed and held comments


# Perspectives and points


# Plain text only


# Follow-ups


def test_followers_are_emailed_when_a_later_comment_is_confirmed(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    make_comment(article, user_email="quiet@example.org", followup=False)
    make_comment(article, user_email="author@example.org", followup=True)

    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(
            client,
            mailoutbox,
            article,
            name="Author",
            email="author@example.org",
            comment="A later comment.",
            followup=True,
        )

    assert [mail.to for mail in mailoutbox] == [["follower@example.org"]]
    comment = ArticleComment.objects.get(comment="A later comment.")
    assert "A later comment." in mailoutbox[0].body
    assert f"{comment.get_absolute_url()}" in mailoutbox[0].body
    assert link_in(mailoutbox[0], "mute")


def test_followers_of_another_article_are_not_emailed(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(make_article(), user_email="elsewhere@example.org", followup=True)

    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(client, mailoutbox, article)

    assert mailoutbox == []


def test_followers_are_emailed_once_per_comment(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
        link = link_in(mailoutbox.pop(), "confirm")
        client.get(link)
        client.get(link)
        ArticleComment.objects.get(user_email="alex@example.org").save()

    assert len(mailoutbox) == 1


def test_a_held_comment_sends_follow_ups_when_it_is_approved(
    mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        held = make_comment(article, is_public=False, comment="Held for a while.")
    assert mailoutbox == []

    held.is_public = True
    with django_capture_on_commit_callbacks(execute=True):
        held.save()

    assert [mail.to for mail in mailoutbox] == [["follower@example.org"]]
    assert "Held for a while." in mailoutbox[0].body


def test_a_comment_by_staff_sends_follow_ups(
    admin_client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(admin_client, article)

    assert [mail.to for mail in mailoutbox] == [["follower@example.org"]]


def test_the_mute_link_stops_further_follow_ups(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(client, mailoutbox, article)
    mute = link_in(mailoutbox.pop(), "mute")

    response = client.get(mute)

    assert response.status_code == 200
    assert "You will not get any more emails about this article" in html(response)
    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(
            client,
            mailoutbox,
            article,
            email="someone@example.org",
            comment="A second comment, after the mute.",
        )
    assert mailoutbox == []


def test_a_tampered_mute_link_gives_a_400_page(client, article):
    response = client.get(reverse("discussion:mute", args=["not-a-key"]))

    assert response.status_code == 400
    assert "This link does not work" in html(response)


def test_a_failed_follow_up_still_publishes_the_comment(
    client, mailoutbox, article, settings, caplog, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    post_comment(client, article, comment="Published regardless.")
    link = link_in(mailoutbox[0], "confirm")
    settings.EMAIL_BACKEND = FAILING_BACKEND

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)

    assert response.status_code == 200
    assert "Your comment is published" in html(response)
    assert ArticleComment.objects.get(comment="Published regardless.").is_visible
    assert "Follow-up e-mails" in caplog.text
    assert "follower@example.org" not in caplog.text


# Closed discussions


def test_an_article_with_comments_turned_off_says_comments_are_closed(client):
    article = make_article(allow_comments=False)

    page = html(client.get(article.get_absolute_url()))

    assert "Comments are closed." in page
    assert 'id="comment-form"' not in page
    assert "Respond to this point" not in page


def test_a_comment_on_an_article_with_comments_turned_off_is_refused(
    client, mailoutbox
):
    article = make_article(allow_comments=False)

    response = post_comment(client, article)

    assert response.status_code == 403
    assert "Comments are closed" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_comments_close_the_set_number_of_days_after_publication(client, mailoutbox):
    policy = ModerationPolicy.current()
    policy.close_after_days = 30
    policy.save()
    old = make_article(published_at=timezone.now() - timedelta(days=31))
    recent = make_article(published_at=timezone.now() - timedelta(days=29))

    assert "Comments are closed." in html(client.get(old.get_absolute_url()))
    assert "Comments are closed." not in html(client.get(recent.get_absolute_url()))
    response = post_comment(client, old)
    assert response.status_code == 403
    assert "Comments are closed" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_a_confirmation_link_opened_after_comments_close_publishes_nothing(
    client, mailoutbox, article
):
    post_comment(client, article)
    article.allow_comments = False
    article.save()

    response = client.get(link_in(mailoutbox[0], "confirm"))

    assert response.status_code == 403
    assert not ArticleComment.objects.exists()


# Counts elsewhere, and feeds


# Permalinks


# The page cache


# CSRF: readers' pages are cached, so only signed-in posts carry a token


# Performance
