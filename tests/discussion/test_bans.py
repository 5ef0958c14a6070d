"""A banned or suspended commenter's next comment is refused, from any
spelling of their mailbox, with a clear page saying until when and why;
and nothing more is e-mailed to them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from discussion.models import ArticleComment, Ban, PendingComment
from discussion.models.pending import recipient_digest
from tests.factories import make_comment, set_policy
from tests.helpers import (
    comment_form_data,
    confirm,
    html,
    mail_to,
    moderate,
    post_and_confirm,
    post_comment,
)

pytestmark = pytest.mark.django_db

BANNED = "erin.jones@example.org"

# Every way of writing the banned mailbox: case, a +tag, full-width and other
# compatibility forms, invisible characters, and the domain in
# Unicode or as IDNA writes it.
SPELLINGS = [
    "erin.jones@example.org",
    "Erin.Jones@EXAMPLE.ORG",
    "erin.jones+news@example.org",
    "ERIN.JONES+a+b@Example.Org",
    "erin.jones@ｅｘａｍｐｌｅ.org",
    "erin.jones@exam\u00adple.org",
    "  erin.jones@example.org  ",
]
IDN_SPELLINGS = [
    "erin@bücher.example",
    "erin@xn--bcher-kva.example",
    "Erin+x@BÜCHER.example",
]


def ban(email, days=None, reason="Repeated personal abuse of other commenters."):
    return Ban.objects.create(
        commenter=recipient_digest(email),
        until=timezone.now() + timedelta(days=days) if days else None,
        reason=reason,
    )


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_suspended_commenter_is_refused_from_every_spelling(
    client, published_article, mailoutbox, spelling
):
    ban(BANNED, days=7, reason="Posting the same advert <b>again</b> & again.")

    response = post_comment(client, published_article, email=spelling)

    assert response.status_code == 403
    page = html(response)
    assert "You are suspended from commenting" in page
    assert "until " in page and f"{timezone.localtime().year}" in page
    # the reason, shown as the text the moderator typed
    assert "Posting the same advert &lt;b&gt;again&lt;/b&gt; &amp; again." in page
    assert not mailoutbox
    assert not PendingComment.objects.exists()
    assert not ArticleComment.objects.exists()


@pytest.mark.parametrize("spelling", IDN_SPELLINGS)
def test_a_ban_on_an_international_domain_reaches_its_idna_spelling(
    client, published_article, mailoutbox, spelling
):
    ban("erin@xn--bcher-kva.example")
    response = post_comment(client, published_article, email=spelling)
    assert response.status_code == 403
    assert "You are banned from commenting" in html(response)
    assert not mailoutbox


def test_a_ban_for_good_says_so_and_gives_the_reason(client, published_article):
    ban(BANNED, reason="Threats against a named officer.")
    response = post_comment(client, published_article, email=BANNED)
    page = html(response)
    assert "You are banned from commenting" in page
    assert "Threats against a named officer." in page
    assert "until" not in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_other_commenters_at_the_same_domain_are_not_refused(
    client, published_article, mailoutbox
):
    ban(BANNED)
    for other in ("erin.jone@example.org", "erin.jones@example.com", "sam@example.org"):
        assert post_comment(client, published_article, email=other).status_code == 302
    assert len(mailoutbox) == 3


def test_a_lifted_or_ended_ban_lets_the_commenter_post_again(
    client, published_article, mailoutbox
):
    lifted = ban(BANNED)
    lifted.lift(None)
    ended = ban(BANNED, days=1)
    Ban.objects.filter(pk=ended.pk).update(until=timezone.now() - timedelta(minutes=1))

    post_and_confirm(client, mailoutbox, published_article, email=BANNED)

    assert ArticleComment.objects.get().is_visible


def test_a_link_sent_before_the_ban_publishes_nothing(
    client, published_article, mailoutbox
):
    assert post_comment(client, published_article, email=BANNED).status_code == 302
    ban("Erin.Jones+later@example.org", days=30)

    response = confirm(client, mailoutbox.pop())

    assert response.status_code == 403
    assert "You are suspended from commenting" in html(response)
    assert not ArticleComment.objects.exists()
    assert not mailoutbox


def test_a_banned_follower_is_sent_no_follow_ups(
    client, published_article, mailoutbox, django_capture_on_commit_callbacks
):
    make_comment(published_article, user_email="Erin.Jones@Example.org", followup=True)
    make_comment(published_article, user_email="sam@example.org", followup=True)
    ban(BANNED, days=3)

    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(client, mailoutbox, published_article, email="kim@example.org")

    assert mail_to(mailoutbox, "sam@example.org")
    assert not [m for m in mailoutbox if "erin" in " ".join(m.to).lower()]


def test_a_banned_commenter_is_not_told_a_held_comment_was_approved(
    admin_client, published_article, mailoutbox
):
    set_policy(hold_all=True)
    held = make_comment(
        published_article, user_email="erin.jones+x@example.org", is_public=False
    )
    ban(BANNED)

    moderate(admin_client, "approve", [held])

    assert not mailoutbox


def test_checking_for_a_ban_among_ten_thousand_is_one_query(
    client, published_article, django_assert_num_queries
):
    now = timezone.now()
    Ban.objects.bulk_create(
        Ban(commenter=recipient_digest(f"banned{n}@example.net"), reason="Spam.")
        for n in range(10_000)
    )
    Ban.objects.bulk_create(
        [Ban(commenter=recipient_digest(BANNED), reason="Old.", lifted_at=now)]
    )
    for email in ("banned9999@example.net", "BANNED17+x@EXAMPLE.net", BANNED):
        with django_assert_num_queries(1):
            Ban.objects.on(email)
    assert Ban.objects.on("Banned42@example.NET").reason == "Spam."
    assert Ban.objects.on(BANNED) is None


def test_ten_thousand_bans_cost_a_post_one_query(client, published_article, mailoutbox):
    data = comment_form_data(published_article, email="kim@example.org")
    client.post("/comments/post/", {**data, "comment": "Warming up."})
    with CaptureQueriesContext(connection) as before:
        client.post("/comments/post/", {**data, "comment": "First try."})
    Ban.objects.bulk_create(
        Ban(commenter=recipient_digest(f"banned{n}@example.net"), reason="Spam.")
        for n in range(10_000)
    )
    with CaptureQueriesContext(connection) as after:
        client.post("/comments/post/", {**data, "comment": "Second try."})
    assert len(after) == len(before)
    assert len(mailoutbox) == 3
    looked_up = [q for q in after.captured_queries if '"discussion_ban"' in q["sql"]]
    assert len(looked_up) == 1
