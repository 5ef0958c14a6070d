"""A commenter's name is one line of text: the form refuses line breaks,
controls and bidi controls with a clear message, and names stored before (or
typed in the admin) reach e-mails and feeds on one line."""

import unicodedata

import pytest
from django.urls import reverse

from discussion.models import ArticleComment, PendingComment
from discussion.notifications import (
    notify_followers,
    send_confirmation_request,
    tell_commenter_published,
)
from tests.factories import make_comment
from tests.helpers import html, post_comment

pytestmark = pytest.mark.django_db

ATTACK = "Sam\r\n\r\nACTION NEEDED: https://evil.example/v"
MESSAGE = "Enter your name on one line"

CONTROLS = [
    chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cc"
]
BIDI_CONTROLS = [
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u200e",
    "\u200f",
    "\u061c",
]
SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\n", "\r\n"]
BREAKERS = CONTROLS + BIDI_CONTROLS + SEPARATORS
# as a name would carry them, wherever they are: inside, leading or paired
NAMES = [f"Sam{ch}Jones" for ch in BREAKERS] + [
    f"Sam{ch}{ch}Evil paragraph" for ch in BREAKERS
]

HONEST_NAMES = [
    "Siân Llewellyn-Jones",
    "Ffion ap Rhys",
    "Zoë O’Brien",
    "Δημήτρης Παπαδόπουλος",
    "Анна Иванова",
    "محمد علي",
    "שרה כהן",
    "李小龙",
    "Dr. A. N. Other (councillor)",
    "👩🏽‍⚕️ Nurse Kay",  # a zero-width joiner is part of the emoji
]


def test_the_class_covers_every_control_character():
    assert len(CONTROLS) == 65
    assert len(NAMES) == 2 * (65 + 12 + 8)


@pytest.mark.parametrize("name", [ATTACK, *NAMES])
def test_a_name_that_breaks_the_line_is_refused_with_a_clear_message(
    client, mailoutbox, published_article, name, room_for_many_comments
):
    response = post_comment(client, published_article, name=name)
    assert response.status_code == 400
    assert MESSAGE in html(response)
    assert mailoutbox == []
    assert not PendingComment.objects.exists()


@pytest.mark.parametrize("name", HONEST_NAMES)
def test_honest_names_in_any_script_are_sent_as_typed(
    client, mailoutbox, published_article, name
):
    response = post_comment(client, published_article, name=name)
    assert response.status_code == 302
    assert PendingComment.objects.get().user_name == name
    assert f"Hello {name}," in mailoutbox[0].body


# PostgreSQL stores no null character, so no stored name has one
STORABLE_NAMES = [name for name in NAMES if "\x00" not in name]


@pytest.mark.parametrize("name", [ATTACK, *STORABLE_NAMES[::3]])
def test_a_stored_name_reaches_the_confirmation_mail_on_one_line(
    mailoutbox, published_article, name
):
    pending = PendingComment.objects.create(
        digest=f"{len(PendingComment.objects.all()):064}",
        article=published_article,
        user_name=name,
        user_email="sam@example.org",
        comment="Hello.",
        submitted_at=published_article.published_at,
        expires_at=published_article.published_at,
    )
    send_confirmation_request(pending, "a-token")
    (mail,) = mailoutbox
    greeting = mail.body.split("\n", 1)[0]
    assert greeting.startswith("Hello Sam")
    assert greeting.endswith(",")
    assert "\n\nThank you for your comment" in mail.body
    assert not any(ch in mail.body for ch in BIDI_CONTROLS + ["\r", "\x0b", "\x0c"])
    paragraphs = mail.body.split("\n\n")
    assert not any(p.startswith(("ACTION", "Evil")) for p in paragraphs)
    assert "ACTION NEEDED" not in mail.body.split("\n", 1)[1]


def test_stored_names_reach_follow_up_and_approval_mail_on_one_line(
    mailoutbox, published_article
):
    follower = make_comment(
        published_article,
        user_name=ATTACK,
        user_email="follower@example.org",
        followup=True,
    )
    comment = make_comment(published_article, user_name=f"Kim\u2028\u2028{ATTACK}")
    notify_followers(comment)
    tell_commenter_published(comment)
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        for line in mail.body.splitlines():
            assert not line.startswith("ACTION NEEDED"), mail.body
        assert "\r" not in mail.body and "\u2028" not in mail.body
    follow_up = mailoutbox[0]
    assert follow_up.to == [follower.user_email]
    assert "Hello Sam ACTION NEEDED: https://evil.example/v," in follow_up.body
    assert "Kim Sam ACTION NEEDED: https://evil.example/v has commented" in (
        follow_up.body
    )


def test_stored_names_reach_the_comments_feed_on_one_line(client, published_article):
    make_comment(published_article, user_name=ATTACK, comment="Feed me.")
    feed = client.get(reverse("discussion:article-feed", args=[published_article.slug]))
    body = feed.content.decode()
    assert "Sam ACTION NEEDED: https://evil.example/v on" in body
    assert "Sam\r\n" not in body and "Sam\n" not in body
    assert ArticleComment.objects.get().user_name == ATTACK  # kept, only shown whole


def test_stored_names_reach_the_csv_export_on_one_line(client, published_article):
    make_comment(published_article, user_name=f"\u202e{ATTACK}\u2029")
    url = reverse("discussion:summary-csv", args=[published_article.slug])
    response = client.get(url)
    text = b"".join(response.streaming_content).decode()
    assert "Sam ACTION NEEDED: https://evil.example/v," in text
    assert not any(ch in text for ch in ["\u202e", "\u2029", "\r\n\r\n"])
