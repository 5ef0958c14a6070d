"""Comments wait on the server until their author confirms them on purpose:
the link is short, single-use and expiring, carries no personal data, and
publishes nothing when merely opened."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from discussion.models import ArticleComment, PendingComment, SentConfirmation
from tests.factories import make_comment, make_perspective, set_policy
from tests.helpers import FROM_OUR_PAGES, confirm, html, link_in, post_comment

pytestmark = pytest.mark.django_db

GREEK = "Η ηγεσία είναι υπόθεση όλων μας. " * 90  # about 3,000 characters


def test_a_posted_comment_waits_on_the_server_unseen(client, mailoutbox, article):
    post_comment(client, article, comment="Waiting words.", followup=True)

    pending = PendingComment.objects.get()
    assert pending.comment == "Waiting words."
    assert not ArticleComment.objects.exists()
    page = html(client.get(article.get_absolute_url()))
    assert "Waiting words." not in page
    assert "0 comments" in page
    assert "Waiting words." not in html(client.get("/feeds/comments/"))


def test_the_link_is_short_and_names_no_one(client, mailoutbox, article, settings):
    post_comment(
        client,
        article,
        name="Zoë Quinton",
        email="zoe.quinton@example.org",
        comment=GREEK,
        REMOTE_ADDR="203.0.113.77",
    )
    url = next(line for line in mailoutbox[0].body.split() if "/confirm/" in line)

    assert len(url) <= 100
    for personal in ("zoe", "quinton", "example", "203.0.113.77", "Η"):
        assert personal.lower() not in url.lower()


def token_in(mail):
    return link_in(mail, "confirm").removeprefix("/comments/confirm/").strip("/")


def test_the_link_holds_a_random_24_character_token(mailoutbox, article):
    for number in range(20):
        post_comment(
            Client(REMOTE_ADDR=f"198.51.100.{number}", headers=FROM_OUR_PAGES),
            article,
            email=f"reader{number}@example.org",
            comment=f"Words {number}.",
        )
    tokens = [token_in(mail) for mail in mailoutbox]
    assert len(tokens) == 20
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{24}", token) for token in tokens)
    assert len(set(tokens)) == 20
    # 144 random bits: every character of the alphabet turns up, in any place
    assert len(set("".join(tokens))) > 50


def test_the_confirmation_email_repeats_only_the_commenters_name(
    client, mailoutbox, article, councillor_point
):
    post_comment(
        client,
        article,
        name="Ffion Pritchard",
        email="ffion.p@example.org",
        comment="Words only the site should hold.",
        perspective=councillor_point.perspective,
        point=councillor_point,
        stance="disagree",
    )
    [mail] = mailoutbox
    text = f"{mail.subject}\n{mail.body}".lower()
    assert "hello ffion pritchard," in text
    for typed in (
        "words only the site",
        "ffion.p",
        "councillors",  # the perspective, as the point's text begins with it
        "set the tone",
        "disagree",
    ):
        assert typed not in text
    assert not mail.alternatives and not mail.attachments


def test_a_pending_comment_expires_after_7_days_by_default(client, mailoutbox, article):
    post_comment(client, article, comment="Seven days.")
    pending = PendingComment.objects.get()
    assert pending.expires_at - pending.submitted_at == timedelta(days=7)
    assert "The link works for 7 days." in mailoutbox[0].body


def test_a_sent_confirmation_keeps_neither_the_token_nor_the_address(
    client, mailoutbox, article
):
    post_comment(client, article, email="Kept.Out@Example.org", comment="Mine.")
    token = token_in(mailoutbox[0])
    confirm(client, mailoutbox[0])
    row = SentConfirmation.objects.values().get()
    stored = " ".join(str(value) for value in row.values()).lower()
    for personal in (token.lower(), "kept.out", "example.org"):
        assert personal not in stored
    # a keyed hash: not the address's plain digest, which anyone could work out
    for plain in (hashlib.sha256(b"kept.out@example.org"), hashlib.md5(b"x")):
        assert plain.hexdigest() != row["recipient"]
    assert row["used_at"] is not None


def test_purging_keeps_unused_confirmations_until_their_comment_expires(
    client, mailoutbox, article
):
    post_comment(client, article, email="a@example.org", comment="Left waiting.")
    post_comment(client, article, email="b@example.org", comment="Confirmed.")
    confirm(client, mailoutbox[1])
    SentConfirmation.objects.update(sent_at=timezone.now() - timedelta(days=2))

    call_command("purge_pending_comments", stdout=None)
    assert SentConfirmation.objects.count() == 2

    PendingComment.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("purge_pending_comments", stdout=None)
    assert not PendingComment.objects.exists()
    # the used one stays for good, so its link never publishes again
    assert SentConfirmation.objects.get().used_at is not None


def test_opening_the_link_shows_the_comment_and_publishes_nothing(
    client, mailoutbox, article
):
    post_comment(client, article, comment="Only when I say so.")
    link = link_in(mailoutbox[0], "confirm")

    shown = client.get(link)
    client.head(link)

    assert shown.status_code == 200
    assert "Only when I say so." in html(shown)
    assert "Publish my comment" in html(shown)
    assert not ArticleComment.objects.exists()
    assert client.post(link).status_code == 200
    assert ArticleComment.objects.get().comment == "Only when I say so."


def test_a_long_comment_in_any_script_is_confirmed(client, mailoutbox, article):
    text = ("领导力是每个人的事。" * 150 + "🙂" * 300)[:3000]
    post_comment(client, article, comment=text)

    assert confirm(client, mailoutbox[0]).status_code == 200
    assert ArticleComment.objects.get().comment == text


@pytest.mark.parametrize("how", ["erased", "deleted", "removed"])
def test_a_confirmed_comment_never_comes_back_from_its_old_link(
    client, mailoutbox, article, how
):
    post_comment(client, article, email="gone@example.org", comment="Gone words.")
    link = link_in(mailoutbox[0], "confirm")
    client.post(link)
    comment = ArticleComment.objects.get()
    if how == "erased":
        call_command("commenter_data", "gone@example.org", "--erase", stdout=None)
    elif how == "deleted":
        comment.delete()
    else:
        comment.is_removed = True
        comment.save()

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
    assert not ArticleComment.objects.filter(comment="Gone words.").exists() or (
        how == "removed" and not ArticleComment.objects.get().is_visible
    )
    assert "Gone words." not in html(client.get(article.get_absolute_url()))


def test_erasing_a_commenter_removes_their_unconfirmed_comments_too(
    client, mailoutbox, article
):
    post_comment(client, article, email="erase@example.org", comment="Unsent words.")
    link = link_in(mailoutbox[0], "confirm")

    call_command("commenter_data", "erase@example.org", "--erase", stdout=None)

    assert not PendingComment.objects.exists()
    assert client.post(link).status_code == 404
    assert not ArticleComment.objects.exists()


def test_a_deleted_point_or_perspective_does_not_lose_the_comment(
    client, mailoutbox, article
):
    passing = make_perspective(name="Passing interest", slug="passing")
    point = article.points.first()
    post_comment(client, article, perspective=passing, point=point, comment="Kept.")
    point.delete()
    passing.delete()

    response = confirm(client, mailoutbox[0])

    assert response.status_code == 200
    comment = ArticleComment.objects.get()
    assert (comment.comment, comment.point, comment.perspective) == (
        "Kept.",
        None,
        None,
    )


def test_links_expire(client, mailoutbox, article, settings):
    post_comment(client, article, comment="Too late.")
    PendingComment.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.post(link_in(mailoutbox[0], "confirm"))

    assert response.status_code == 410
    assert "This link has expired" in html(response)
    assert not ArticleComment.objects.exists()


def test_the_purge_command_deletes_expired_unconfirmed_comments(
    client, mailoutbox, article
):
    post_comment(client, article, comment="Expired.")
    post_comment(client, article, comment="Still waiting.", email="b@example.org")
    PendingComment.objects.filter(comment="Expired.").update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    call_command("purge_pending_comments", stdout=None)

    assert list(PendingComment.objects.values_list("comment", flat=True)) == [
        "Still waiting."
    ]


def test_posting_the_text_of_a_held_comment_reveals_nothing(
    client, mailoutbox, article
):
    make_comment(article, comment="A hidden, held comment.", is_public=False)

    response = post_comment(client, article, comment="A hidden, held comment.")

    assert response.status_code == 302
    assert "already" not in html(client.get(response.url))


def test_confirmation_mail_is_limited_per_address(client, mailoutbox, article):
    responses = [
        post_comment(
            client,
            article,
            email="Target@Example.org" if n % 2 else "target@example.org",
            comment=f"Attempt {n}.",
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        for n in range(5)
    ]

    assert [r.status_code for r in responses] == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3
    assert "Your text is still here" in html(responses[-1])
    assert "Attempt 4." in html(responses[-1])


def test_confirmation_mail_is_limited_site_wide(client, mailoutbox, article, settings):
    settings.DISCUSSION_CONFIRMATIONS_PER_HOUR = 2
    statuses = [
        post_comment(
            client,
            article,
            email=f"reader{n}@example.org",
            REMOTE_ADDR=f"198.51.100.{n}",
            comment=f"Words {n}.",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(mailoutbox) == 2


def test_follow_up_mail_offers_one_click_unsubscribe_without_the_address(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    set_policy(hold_all=False)
    post_comment(client, article, comment="New words.")
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, mailoutbox.pop())
    follow_up = mailoutbox.pop()
    mute = link_in(follow_up, "mute")

    assert follow_up.extra_headers["List-Unsubscribe"].endswith(f"{mute}>")
    assert follow_up.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert "follower" not in mute
    client.get(mute)
    client.head(mute)
    assert ArticleComment.objects.get(user_email="follower@example.org").followup
    client.post(mute, {"List-Unsubscribe": "One-Click"})
    assert not ArticleComment.objects.get(user_email="follower@example.org").followup


def test_plus_addresses_share_their_mailboxs_limit(client, mailoutbox, article):
    statuses = [
        post_comment(
            client,
            article,
            email=f"target+{n}@example.org",
            comment=f"Attempt {n}.",
            REMOTE_ADDR=f"198.51.100.{n}",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
