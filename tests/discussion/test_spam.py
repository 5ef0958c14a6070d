"""Spam defences: blocked domains, the honeypot, the posting rate limit and
duplicate comments."""

from django_comments_xtd.models import BlackListedDomain

from discussion.models import ArticleComment
from tests.factories import make_comment
from tests.helpers import link_in, post_comment


def test_a_blocked_email_domain_is_refused_with_a_clear_page_and_nothing_sent(
    client, published_article, mailoutbox
):
    BlackListedDomain.objects.create(domain="spam.example")
    response = post_comment(client, published_article, email="sam@spam.example")
    assert response.status_code == 400
    assert "We do not accept comments from this email address" in (
        response.content.decode()
    )
    assert mailoutbox == []
    assert not ArticleComment.objects.exists()


def test_a_filled_honeypot_is_refused(client, published_article, mailoutbox):
    response = post_comment(client, published_article, honeypot="http://spam.example")
    assert response.status_code == 400
    assert mailoutbox == []
    assert not ArticleComment.objects.exists()


def test_posting_too_often_is_refused_with_429_and_the_text_kept(
    client, settings, published_article, mailoutbox
):
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "comment": "2/10m",
    }
    for number in (1, 2):
        post_comment(client, published_article, comment=f"Comment {number}.")
    response = post_comment(client, published_article, comment="My third attempt.")
    assert response.status_code == 429
    page = response.content.decode()
    assert "You have sent a lot of comments in a short time" in page
    assert "My third attempt." in page
    assert len(mailoutbox) == 2


def test_posting_text_already_on_the_article_is_refused_as_a_duplicate(
    client, published_article, mailoutbox
):
    make_comment(published_article, comment="Same words again.")
    response = post_comment(client, published_article, comment="Same words again.")
    assert response.status_code == 400
    assert "This comment has already been posted on this article" in (
        response.content.decode()
    )
    assert mailoutbox == []


def test_confirming_a_second_copy_of_the_same_text_is_refused(
    client, published_article, mailoutbox
):
    for _ in range(2):
        post_comment(client, published_article, comment="Same words again.")
    first, second = (link_in(message, "confirm") for message in mailoutbox)
    assert client.post(first).status_code == 200
    response = client.post(second)
    assert response.status_code == 200
    assert "already published" in response.content.decode()
    assert ArticleComment.objects.count() == 1


def test_staff_posting_the_same_text_twice_publishes_it_once(
    admin_client, published_article
):
    for _ in range(2):
        post_comment(admin_client, published_article, comment="Same words again.")
    assert ArticleComment.objects.count() == 1
