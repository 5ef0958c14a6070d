"""Every e-mail about a reply says it is a reply, and to whom: the person
replied to reads "replied to you", other followers read whom it answers."""

import pytest

from discussion.decisions import approve, remove
from discussion.models import ArticleComment
from discussion.notifications import notify_followers
from tests.factories import make_comment, set_policy
from tests.helpers import mail_to, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(article):
    return make_comment(
        article, user_name="Ann Example", user_email="Ann@Example.org", followup=True
    )


@pytest.fixture
def bob(article):
    return make_comment(
        article, user_name="Bob Example", user_email="bob@example.org", followup=True
    )


@pytest.mark.parametrize("depth", [1, 2])
def test_the_person_replied_to_is_told_it_was_a_reply_to_them(
    mailoutbox, article, ann, bob, depth
):
    parent = ann if depth == 1 else make_comment(article, parent=ann, user_name="Cy")
    if depth == 2:
        parent.user_email, parent.followup = "cy@example.org", True
        parent.save()
    reply = make_comment(article, parent=parent, user_name="Cllr Tom")
    mailoutbox.clear()

    notify_followers(reply)

    to_parent = mail_to(mailoutbox, parent.user_email)
    assert len(to_parent) == 1
    assert to_parent[0].subject == f"Cllr Tom replied to you on {article.title}"
    assert f'Cllr Tom replied to you on "{article.title}"' in to_parent[0].body
    assert "has commented" not in to_parent[0].body
    others = mail_to(mailoutbox, "bob@example.org")
    assert len(others) == 1
    for other in others:
        assert other.subject == (
            f"Cllr Tom replied to {parent.user_name} on {article.title}"
        )
        assert f"Cllr Tom replied to {parent.user_name} on" in other.body
        assert "replied to you" not in other.body


def test_a_new_thread_is_still_a_new_comment(mailoutbox, article, ann):
    comment = make_comment(article, user_name="Cllr Tom")
    mailoutbox.clear()

    notify_followers(comment)

    (mail,) = mail_to(mailoutbox, "Ann@Example.org")
    assert mail.subject == f"New comment on {article.title}"
    assert "Cllr Tom has commented on" in mail.body
    assert "replied" not in mail.body


def test_the_confirmation_email_for_a_reply_calls_it_a_reply(
    client, mailoutbox, article, ann
):
    post_comment(client, article, reply_to=ann.pk)

    assert f'Thank you for your reply on "{article.title}"' in mailoutbox[0].body
    assert "If you did not write a reply" in mailoutbox[0].body


def test_an_approved_reply_is_called_a_reply_to_its_parent(
    mailoutbox, article, ann, moderator
):
    set_policy(hold_all=True)
    reply = make_comment(
        article, parent=ann, is_public=False, user_email="tom@example.org"
    )
    mailoutbox.clear()

    approve(reply, moderator)

    (told,) = mail_to(mailoutbox, "tom@example.org")
    assert told.subject == f"Your reply on {article.title} is published"
    assert f'Your reply to Ann Example on "{article.title}"' in told.body


def test_a_removed_reply_is_called_a_reply(mailoutbox, article, ann, moderator):
    reply = make_comment(
        article, parent=ann, user_email="tom@example.org", followup=True
    )
    mailoutbox.clear()

    remove(reply, moderator, "Off topic")

    (told,) = mail_to(mailoutbox, "tom@example.org")
    assert told.subject == f"Your reply on {article.title} has been removed"
    assert "removed your reply on" in told.body


def test_an_approved_reply_to_a_removed_comment_is_still_called_a_reply(
    mailoutbox, article, ann, moderator
):
    reply = make_comment(
        article, parent=ann, is_public=False, user_email="tom@example.org"
    )
    ArticleComment.objects.filter(pk=ann.pk).update(is_removed=True)
    mailoutbox.clear()

    approve(ArticleComment.objects.get(pk=reply.pk), moderator)

    (told,) = mail_to(mailoutbox, "tom@example.org")
    assert f'Your reply on "{article.title}" has been approved' in told.body
