"""E-mails about moderation: moderators hear of held and reported comments,
commenters hear when a held comment of theirs is published."""

from tests.factories import make_comment, set_policy
from tests.helpers import (
    confirm,
    mail_to,
    moderate,
    newest_comment,
    post_and_confirm,
    post_comment,
    queue_url,
    report_url,
)


def test_moderators_are_told_of_a_held_comment(
    client, published_article, moderator, editor, mailoutbox
):
    set_policy(hold_all=True)
    post_and_confirm(client, mailoutbox, published_article, comment="Check me.")
    told = mail_to(mailoutbox, "moderator@example.org")
    assert len(told) == 1
    assert told[0].to == ["moderator@example.org"]  # not the editor
    assert "waiting for moderation" in told[0].subject
    assert "Check me." in told[0].body
    assert "Every comment is held for approval" in told[0].body
    assert f"{queue_url()}?status=awaiting" in told[0].body


def test_moderators_are_told_of_a_reported_comment(
    client, published_article, moderator, mailoutbox
):
    comment = make_comment(published_article, comment="Buy my things.")
    client.post(report_url(comment), {"reason": "spam", "details": "An advert."})
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["moderator@example.org"]
    assert "has been reported" in message.subject
    assert "It is spam or advertising" in message.body
    assert "An advert." in message.body
    assert "Buy my things." in message.body


def test_moderators_get_no_email_about_a_published_comment(
    client, published_article, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        # confirmed by hand: post_and_confirm would take the confirmation
        # e-mail out of the outbox, and it is meant to be the only one there
        post_comment(client, published_article)
        confirm(client, mailoutbox[0])
    assert newest_comment().is_visible
    assert [message.to for message in mailoutbox] == [["alex@example.org"]]


def test_the_commenter_hears_when_their_held_comment_is_published(
    moderator_client, published_article, mailoutbox
):
    comment = make_comment(
        published_article, is_public=False, user_email="held@example.org"
    )
    moderate(moderator_client, "approve", [comment])
    told = mail_to(mailoutbox, "held@example.org")
    assert len(told) == 1
    assert told[0].subject == "Your comment on Published piece is published"
    assert comment.get_absolute_url() in told[0].body


def test_approving_a_published_comment_sends_nothing(
    moderator_client, published_article, mailoutbox, django_capture_on_commit_callbacks
):
    comment = make_comment(published_article)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(moderator_client, "approve", [comment])
    assert mailoutbox == []
