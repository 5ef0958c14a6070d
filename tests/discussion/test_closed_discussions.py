"""Closed discussions: comments turned off on an article, closed some days
after publication, or paused everywhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_article, set_policy
from tests.helpers import ago, article_page, confirm, html, post_comment

pytestmark = pytest.mark.django_db


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


def test_close_after_days_closes_comments_on_an_older_article(client, mailoutbox, db):
    set_policy(close_after_days=30)
    old = make_article(published_at=ago(days=40))
    page = article_page(client, old)
    assert "Comments are closed." in page
    assert 'id="comment-form"' not in page
    response = post_comment(client, old)
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert mailoutbox == []


def test_close_after_days_leaves_a_newer_article_open(client, db):
    set_policy(close_after_days=30)
    recent = make_article(published_at=ago(days=10))
    page = article_page(client, recent)
    assert 'id="comment-form"' in page
    assert "Comments are closed" not in page


def test_a_confirmation_link_opened_after_comments_close_publishes_nothing(
    client, mailoutbox, article
):
    post_comment(client, article)
    article.allow_comments = False
    article.save()

    response = confirm(client, mailoutbox[0])

    assert response.status_code == 403
    assert not ArticleComment.objects.exists()


def test_pausing_shows_the_pause_message_on_every_article(client, db):
    set_policy(is_paused=True, pause_message="Commenting is paused until 8 May.")
    for article in (make_article(), make_article(published_at=ago(days=300))):
        page = article_page(client, article)
        assert "Commenting is paused until 8 May." in page
        assert 'id="comment-form"' not in page


def test_pausing_refuses_new_comments(client, published_article, mailoutbox):
    set_policy(is_paused=True, pause_message="Commenting is paused until 8 May.")
    response = post_comment(client, published_article)
    assert response.status_code == 403
    assert "Commenting is paused until 8 May." in response.content.decode()
    assert mailoutbox == []
    assert not ArticleComment.objects.exists()
