"""Moderators' private notes on a comment: plain text up to 2,000 characters,
recorded as who and when, shown to moderators only."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from discussion.models import ModeratorNote
from tests.discussion.test_decision_history import page_url
from tests.factories import make_comment
from tests.helpers import html

pytestmark = pytest.mark.django_db


def note_url(comment):
    return reverse("admin:discussion_add_note", args=[comment.pk])


@pytest.mark.parametrize(
    "text",
    [
        "Warned by phone on Tuesday.",
        "<script>alert(1)</script> & \"quotes\" 'apostrophes'",
        "x" * 2000,
        "👍🏽" * 1000,  # 2,000 characters, 8,000 bytes
        "Line one\nLine two\r\nLine three",
        "العربية mixed with English \u202e reversed",
    ],
)
def test_a_moderator_adds_a_note_kept_as_who_and_when(
    sams_browser, sam, published_article, text
):
    comment = make_comment(published_article)

    response = sams_browser.post(note_url(comment), {"note": text}, follow=True)

    note = ModeratorNote.objects.get()
    assert (note.comment, note.written_by, note.text) == (comment, sam, text.strip())
    assert note.written_at
    page = html(response)
    assert "Note added." in page
    assert "<script>alert(1)</script>" not in page
    notes = page.split('id="notes"', 1)[1]
    assert "sam, " in notes
    assert escape(text.strip().splitlines()[0]) in notes


@pytest.mark.parametrize("length", [2001, 2500, 100_000])
def test_a_note_over_2000_characters_is_refused_and_kept_to_shorten(
    sams_browser, published_article, length
):
    comment = make_comment(published_article)
    typed = ("Too long. " * (length // 10 + 1))[: length - 1] + "x"

    response = sams_browser.post(note_url(comment), {"note": typed}, follow=True)

    assert not ModeratorNote.objects.exists()
    page = html(response)
    assert f"Enter a note of 2,000 characters or fewer: yours has {length:,}" in page
    assert "Too long. Too long." in page.split('id="note"', 1)[1]  # still there
    # once shown, the draft is not kept for ever
    assert "Too long." not in html(sams_browser.get(page_url(comment)))


@pytest.mark.parametrize("typed", ["", "   ", "\n\n\t", "\x00", "a\x00b"])
def test_an_empty_or_broken_note_gets_a_clear_message(
    sams_browser, published_article, typed
):
    comment = make_comment(published_article)

    response = sams_browser.post(note_url(comment), {"note": typed}, follow=True)

    assert response.status_code == 200
    assert not ModeratorNote.objects.exists()
    page = html(response)
    assert "Enter a note" in page or "Remove the null characters" in page


def test_only_moderators_add_or_read_notes(
    client, viewer_client, sams_browser, published_article
):
    comment = make_comment(published_article, comment="Public words.")
    sams_browser.post(note_url(comment), {"note": "Private: known troll."})

    assert sams_browser.get(note_url(comment)).status_code == 405
    assert viewer_client.post(note_url(comment), {"note": "Mine"}).status_code == 403
    anonymous = Client()
    assert anonymous.post(note_url(comment), {"note": "Mine"}).status_code == 302
    assert ModeratorNote.objects.count() == 1
    public = html(client.get(published_article.get_absolute_url()))
    assert "Public words." in public and "known troll" not in public
    assert (
        sams_browser.post(
            reverse("admin:discussion_add_note", args=[10**12]), {"note": "x"}
        ).status_code
        == 404
    )


def test_notes_need_the_pages_csrf_token(sam, published_article):
    comment = make_comment(published_article)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(sam)

    assert strict.post(note_url(comment), {"note": "Forged"}).status_code == 403
    assert not ModeratorNote.objects.exists()


def test_erasing_a_commenter_erases_the_notes_on_their_comments(
    sams_browser, published_article
):
    from django.core.management import call_command

    comment = make_comment(published_article, user_email="gone@example.org")
    sams_browser.post(note_url(comment), {"note": "About gone@example.org"})

    call_command("commenter_data", "gone@example.org", "--erase", stdout=None)

    assert not ModeratorNote.objects.exists()
