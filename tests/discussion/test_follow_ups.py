"""Follow-up e-mails to a discussion's followers, and the link that mutes them."""

import pytest
from django.urls import reverse

from background.models import OutgoingMail
from discussion.models import ArticleComment
from tests.factories import make_article, make_comment, set_policy
from tests.helpers import (
    FAILING_BACKEND,
    html,
    link_in,
    mail_to,
    moderate,
    newest_comment,
    post_and_confirm,
    post_comment,
)

pytestmark = pytest.mark.django_db


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
        client.post(link)
        client.post(link)
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


def test_followers_hear_of_a_held_comment_when_approved_not_before(
    client,
    admin_client,
    published_article,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    set_policy(hold_all=True)
    make_comment(published_article, user_email="follower@example.org", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(client, mailoutbox, published_article, comment="Held news.")
    assert mail_to(mailoutbox, "follower@example.org") == []
    with django_capture_on_commit_callbacks(execute=True):
        moderate(admin_client, "approve", [newest_comment()])
    told = mail_to(mailoutbox, "follower@example.org")
    assert len(told) == 1
    assert told[0].subject == "New comment on Published piece"
    assert "Held news." in told[0].body


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

    assert client.get(mute).status_code == 200  # opening the link changes nothing
    response = client.post(mute)

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
        response = client.post(link)

    assert response.status_code == 200
    assert "Your comment is published" in html(response)
    assert ArticleComment.objects.get(comment="Published regardless.").is_visible
    assert "(follow-up) not sent" in caplog.text
    assert "follower@example.org" not in caplog.text
    # kept, to be tried again
    assert OutgoingMail.objects.waiting().get().recipient == "follower@example.org"
