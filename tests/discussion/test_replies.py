"""Replies: the reply page, threading under the parent, the depth limit, and
what removing or approving a parent does to its replies."""

import pytest
from django.urls import reverse

from discussion.models import ArticleComment
from tests.factories import make_article, make_comment
from tests.helpers import confirm, html, post_and_confirm, post_comment

pytestmark = pytest.mark.django_db


def test_the_reply_page_shows_the_comment_being_replied_to(client, article):
    parent = make_comment(article, user_name="Priya", comment="Start small.")

    response = client.get(reverse("discussion:reply", args=[parent.pk]))

    assert response.status_code == 200
    page = html(response)
    assert "<h1>Reply to Priya</h1>" in page
    assert "<blockquote><p>Start small.</p></blockquote>" in page
    assert f'name="reply_to" value="{parent.pk}"' in page


def test_a_confirmed_reply_is_stored_under_its_parent(client, mailoutbox, article):
    parent = make_comment(article)

    post_and_confirm(client, mailoutbox, article, reply_to=parent.pk)

    reply = ArticleComment.objects.exclude(pk=parent.pk).get()
    assert reply.parent_id == parent.pk
    assert reply.level == 1
    assert reply.thread_id == parent.thread_id


def test_a_comment_at_the_deepest_level_cannot_be_replied_to(client, article):
    deepest = make_comment(
        article, parent=make_comment(article, parent=make_comment(article))
    )
    assert deepest.level == 2

    response = client.get(reverse("discussion:reply", args=[deepest.pk]))

    assert response.status_code == 400
    assert "You cannot reply to this comment" in html(response)


def test_a_post_replying_to_the_deepest_level_is_refused(client, mailoutbox, article):
    deepest = make_comment(
        article, parent=make_comment(article, parent=make_comment(article))
    )

    response = post_comment(client, article, reply_to=deepest.pk, comment="Kept.")

    assert response.status_code == 400
    page = html(response)
    assert "There is a problem" in page
    assert "Replies cannot go deeper here" in page
    assert ">\nKept.</textarea>" in page
    assert ArticleComment.objects.count() == 3
    assert mailoutbox == []


def test_a_reply_to_a_comment_on_another_article_is_refused(
    client, mailoutbox, article
):
    elsewhere = make_comment(make_article())

    response = post_comment(client, article, reply_to=elsewhere.pk)

    assert response.status_code == 400
    assert "not part of this discussion" in html(response)
    assert ArticleComment.objects.count() == 1
    assert mailoutbox == []


def test_the_deepest_comments_have_no_reply_link(client, article):
    deepest = make_comment(
        article, parent=make_comment(article, parent=make_comment(article))
    )

    page = html(client.get(article.get_absolute_url()))

    assert reverse("discussion:reply", args=[deepest.parent_id]) in page
    assert reverse("discussion:reply", args=[deepest.pk]) not in page


def test_a_reply_confirmed_after_its_parent_was_removed_is_not_published(
    client, mailoutbox, article
):
    parent = make_comment(article)
    post_comment(client, article, reply_to=parent.pk)
    parent.is_removed = True
    parent.save()

    response = confirm(client, mailoutbox[0])

    assert response.status_code == 410
    assert ArticleComment.objects.count() == 1


def test_removing_a_comment_does_not_hide_its_replies(article):
    parent = make_comment(article)
    reply = make_comment(article, parent=parent)

    parent.is_removed = True
    parent.save()

    reply.refresh_from_db()
    assert reply.is_public
    assert reply.is_visible


def test_approving_a_comment_does_not_publish_its_held_replies(article):
    parent = make_comment(article, is_public=False)
    held = make_comment(article, parent=parent, is_public=False)

    parent.is_public = True
    parent.save()

    held.refresh_from_db()
    assert not held.is_public
