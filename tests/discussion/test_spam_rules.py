"""The spam rules match what readers see: links as the page makes them, held
words however they are disguised, and blocked domains however they are
written."""

import pytest
from django_comments_xtd.models import BlackListedDomain

from discussion.models import ArticleComment
from tests.factories import set_policy
from tests.helpers import html, newest_comment, post_and_confirm, post_comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "See phish.example.com/login and also shop.example.org/deal now",
        "Write to a@example.com or b@example.net",
        "www.example.com plus https://example.org/x",
    ],
)
def test_links_are_counted_as_the_page_makes_them(
    client, mailoutbox, published_article, text
):
    set_policy(hold_links_at=2)
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert "2 or more links" in comment.held_reason


@pytest.mark.parametrize(
    "disguised",
    [
        "fr\u200bee money",  # a zero-width space
        "fr\u0435e money",  # a Cyrillic "е"
        "FREE MONEY",
        "ｆｒｅｅ ｍｏｎｅｙ",  # full-width letters
        "fre\u00ade money",  # a soft hyphen
        "free m\u03bfney",  # a Greek "ο"
    ],
)
def test_held_words_are_found_however_they_are_disguised(
    client, mailoutbox, published_article, disguised
):
    set_policy(held_words="free money")
    post_and_confirm(client, mailoutbox, published_article, comment=disguised)
    assert newest_comment().is_awaiting_moderation


def test_plain_words_that_merely_resemble_a_held_phrase_still_publish(
    client, mailoutbox, published_article
):
    set_policy(held_words="free money", hold_links_at=None)
    post_and_confirm(client, mailoutbox, published_article, comment="Freedom money")
    assert newest_comment().is_visible


@pytest.mark.parametrize(
    "email",
    [
        "sam@SPAM.example",
        "sam@mail.spam.example",
        '"sam@good.example"@spam.example',
        "sam@spam.example.",
    ],
)
def test_blocked_domains_match_any_case_subdomains_and_the_last_at(
    client, mailoutbox, published_article, email
):
    BlackListedDomain.objects.create(domain="Spam.Example")
    response = post_comment(client, published_article, email=email)
    assert mailoutbox == []
    assert not ArticleComment.objects.exists()
    assert response.status_code == 400


def test_a_domain_that_merely_ends_alike_is_not_blocked(
    client, mailoutbox, published_article
):
    BlackListedDomain.objects.create(domain="spam.example")
    response = post_comment(client, published_article, email="sam@notspam.example")
    assert response.status_code == 302
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("email", ["sam@[192.0.2.1]", "sam@[127.0.0.1]"])
def test_addresses_at_an_ip_address_are_refused_with_a_clear_message(
    client, mailoutbox, published_article, email
):
    response = post_comment(client, published_article, email=email)
    assert response.status_code == 400
    assert "Enter an email address with a domain name" in html(response)
    assert mailoutbox == []
