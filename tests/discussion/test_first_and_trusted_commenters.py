"""A new site holds a commenter's first comment, whichever way they write
their address; a policy may trust commenters with a clean record, who then
skip the first-comment and links rules but no other."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_comments_xtd.models import BlackListedDomain

from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_comment, set_policy
from tests.helpers import newest_comment, post_and_confirm, post_comment

pytestmark = pytest.mark.django_db

THREE_LINKS = (
    "See https://one.example/a, https://two.example/b and https://three.example/c."
)


@pytest.mark.new_site_policy
def test_a_new_site_holds_first_comments_and_says_why(
    client, published_article, mailoutbox
):
    policy = ModerationPolicy.current()
    assert policy.hold_first_comments
    help_text = ModerationPolicy._meta.get_field("hold_first_comments").help_text
    assert "on for a new site" in help_text

    post_and_confirm(client, mailoutbox, published_article, email="new@example.org")

    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "It is the first comment from this email address"


@pytest.mark.new_site_policy
def test_signed_in_staff_are_not_held_as_first_commenters(
    moderator_client, published_article
):
    post_comment(moderator_client, published_article, email="moderator@example.org")
    assert newest_comment().is_visible
    # the rest of the policy still applies to them
    set_policy(hold_links_at=2)
    post_comment(moderator_client, published_article, comment=THREE_LINKS)
    assert newest_comment().is_awaiting_moderation


@pytest.mark.new_site_policy
@pytest.mark.parametrize(
    "spelling",
    [
        "Kim@Example.org",
        "kim+later@example.org",
        "KIM@ｅｘａｍｐｌｅ.ORG",
        "kim@exam\u00adple.org",
    ],
)
def test_once_published_any_spelling_of_the_address_is_not_held_as_first(
    client, published_article, mailoutbox, spelling
):
    make_comment(published_article, user_email="kim@example.org")
    post_and_confirm(client, mailoutbox, published_article, email=spelling)
    assert newest_comment().is_visible


@pytest.mark.new_site_policy
def test_a_held_or_removed_comment_does_not_make_an_address_known(
    client, published_article, mailoutbox
):
    make_comment(published_article, user_email="kim@example.org", is_public=False)
    make_comment(published_article, user_email="kim@example.org", is_removed=True)
    post_and_confirm(client, mailoutbox, published_article, email="kim@example.org")
    assert newest_comment().is_awaiting_moderation


def record(article, email, published=3, removed_days_ago=None):
    for _ in range(published):
        make_comment(article, user_email=email)
    if removed_days_ago is not None:
        make_comment(
            article,
            user_email=email,
            is_removed=True,
            moderated_at=timezone.now() - timedelta(days=removed_days_ago),
        )


@pytest.mark.parametrize("spelling", ["lee@example.org", "Lee+x@EXAMPLE.org"])
def test_a_trusted_commenter_skips_the_links_rule(
    client, published_article, mailoutbox, spelling
):
    set_policy(hold_first_comments=True, hold_links_at=2, trust_after_published=3)
    record(published_article, "lee@example.org", published=3)

    post_and_confirm(
        client, mailoutbox, published_article, email=spelling, comment=THREE_LINKS
    )

    assert newest_comment().is_visible


@pytest.mark.parametrize(
    ("published", "removed_days_ago", "trust_after"),
    [(2, None, 3), (5, 10, 3), (5, 0, 3), (3, None, None)],
)
def test_without_trust_links_are_held(
    client, published_article, mailoutbox, published, removed_days_ago, trust_after
):
    set_policy(
        hold_links_at=2, trust_after_published=trust_after, trust_lost_for_days=30
    )
    record(published_article, "lee@example.org", published, removed_days_ago)

    post_and_confirm(
        client,
        mailoutbox,
        published_article,
        email="lee@example.org",
        comment=THREE_LINKS,
    )

    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason.startswith("It has 3 links")


def test_trust_comes_back_once_a_removal_is_older_than_the_policy_says(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=2, trust_after_published=3, trust_lost_for_days=30)
    record(published_article, "lee@example.org", 3, removed_days_ago=31)
    post_and_confirm(
        client,
        mailoutbox,
        published_article,
        email="lee@example.org",
        comment=THREE_LINKS,
    )
    assert newest_comment().is_visible


def test_an_erasure_at_the_authors_request_is_no_removal(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=2, trust_after_published=3)
    record(published_article, "lee@example.org", 3)
    make_comment(
        published_article,
        user_email="lee@example.org",
        is_removed=True,
        is_erased=True,
        moderated_at=timezone.now(),
    )
    post_and_confirm(
        client,
        mailoutbox,
        published_article,
        email="lee@example.org",
        comment=THREE_LINKS,
    )
    assert newest_comment().is_visible


def test_a_trusted_commenter_is_still_held_for_a_held_word(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=2, trust_after_published=1, held_words="casino")
    record(published_article, "lee@example.org", 3)
    post_and_confirm(
        client,
        mailoutbox,
        published_article,
        email="lee@example.org",
        comment="Try the CASINO at https://a.example and https://b.example.",
    )
    assert newest_comment().held_reason == "It contains a held word or phrase"


def test_a_trusted_commenter_at_a_blocked_domain_is_still_refused(
    client, published_article, mailoutbox
):
    set_policy(trust_after_published=1)
    record(published_article, "lee@spam.example", 3)
    BlackListedDomain.objects.create(domain="spam.example")
    response = post_comment(client, published_article, email="lee@spam.example")
    assert response.status_code == 400
    assert not mailoutbox
    assert ArticleComment.objects.count() == 3


def test_a_trusted_commenters_comment_is_still_reported_to_the_queue(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=2, trust_after_published=1)
    record(published_article, "lee@example.org", 1)
    post_and_confirm(
        client,
        mailoutbox,
        published_article,
        email="lee@example.org",
        comment=THREE_LINKS,
    )
    comment = newest_comment()
    response = client.post(
        f"/comments/report/{comment.pk}/",
        {"reason": "spam", "email": "reporter@example.org"},
    )
    assert response.status_code in (200, 302)
    assert ArticleComment.objects.reported().filter(pk=comment.pk).exists()
