"""Moderators' private notes on a commenter, on the commenter page: plain
text up to 2,000 characters, recorded as who and when, listed with the notes
on that commenter's comments. Editors see and add none; erasing the commenter
erases them."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from discussion.models import ModeratorNote
from discussion.models.pending import recipient_digest
from tests.factories import make_comment
from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def erins_comment(published_article):
    return make_comment(
        published_article, user_name="Erin", user_email="Erin+news@Example.ORG"
    )


def page_of(commenter):
    return reverse("admin:discussion_commenter", args=[commenter])


def notes_url(commenter):
    return reverse("admin:discussion_commenter_add_note", args=[commenter])


def notes_section(page):
    return page.split('id="commenter-notes"', 1)[1].split('id="add-note"', 1)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Rang them on Tuesday; they agreed to tone it down.",
        "<script>alert(1)</script> & \"quotes\" 'apostrophes' <b>bold</b>",
        "<img src=x onerror=alert(1)>",
        "x" * 2000,
        "👍🏽" * 1000,  # 2,000 characters, 8,000 bytes
        "Line one\nLine two\r\nLine three",
        "العربية mixed with English \u202e reversed",
    ],
)
def test_a_moderator_notes_a_commenter_kept_as_who_and_when(
    sams_browser, sam, erins_comment, text
):
    commenter = erins_comment.commenter

    response = sams_browser.post(notes_url(commenter), {"note": text}, follow=True)

    note = ModeratorNote.objects.get()
    assert (note.comment, note.commenter) == (None, commenter)
    assert (note.written_by, note.text) == (sam, text.strip())
    assert response.redirect_chain[-1][0].startswith(page_of(commenter))
    page = html(response)
    assert "Note added." in page
    notes = notes_section(page)
    assert "sam, " in notes
    assert note.written_at.strftime("%-d %B %Y") in notes
    first_line = text.strip().splitlines()[0]
    assert escape(first_line) in notes
    assert "<script>" not in page and "<img src=x" not in page
    assert "<b>bold</b>" not in notes


def test_the_page_lists_notes_on_the_commenter_and_on_their_comments(
    sams_browser, sam, erins_comment, published_article
):
    other_spelling = make_comment(published_article, user_email="ERIN@example.org")
    someone_else = make_comment(published_article, user_email="sam@example.org")
    ModeratorNote.objects.create(comment=other_spelling, text="On a comment.")
    ModeratorNote.objects.create(comment=someone_else, text="Not about Erin.")
    ModeratorNote.objects.create(commenter=someone_else.commenter, text="Sam only.")
    sams_browser.post(notes_url(erins_comment.commenter), {"note": "On Erin."})

    notes = notes_section(html(sams_browser.get(page_of(erins_comment.commenter))))

    assert "On Erin." in notes and "On a comment." in notes
    assert "Not about Erin." not in notes and "Sam only." not in notes
    comment_page = reverse(
        "admin:discussion_articlecomment_change", args=[other_spelling.pk]
    )
    assert comment_page in notes


@pytest.mark.parametrize("length", [2001, 2500, 100_000])
def test_a_commenter_note_over_2000_characters_is_refused_and_kept(
    sams_browser, erins_comment, length
):
    commenter = erins_comment.commenter
    typed = ("Too long. " * (length // 10 + 1))[: length - 1] + "x"

    response = sams_browser.post(notes_url(commenter), {"note": typed}, follow=True)

    assert not ModeratorNote.objects.exists()
    page = html(response)
    assert f"Enter a note of 2,000 characters or fewer: yours has {length:,}" in page
    assert "Too long. Too long." in page.split('id="note"', 1)[1]  # still there
    # once shown, the draft is not kept for ever
    assert "Too long." not in html(sams_browser.get(page_of(commenter)))


@pytest.mark.parametrize("typed", ["", "   ", "\n\t", "a\x00b"])
def test_an_empty_or_broken_commenter_note_gets_a_clear_message(
    sams_browser, erins_comment, typed
):
    response = sams_browser.post(
        notes_url(erins_comment.commenter), {"note": typed}, follow=True
    )

    assert response.status_code == 200
    assert not ModeratorNote.objects.exists()
    page = html(response)
    assert "Enter a note" in page or "Remove the null characters" in page


@pytest.mark.parametrize("group", ["Editors", None])
def test_editors_and_other_staff_neither_add_nor_read_commenter_notes(
    django_user_model, sams_browser, erins_comment, group
):
    commenter = erins_comment.commenter
    sams_browser.post(notes_url(commenter), {"note": "Private: known troll."})
    importlib.import_module("discussion.migrations.0004_staff_groups").make_groups(
        apps, None
    )
    editor = django_user_model.objects.create_user("ed", is_staff=True)
    if group:
        editor.groups.add(Group.objects.get(name=group))
    editors_browser = Client()
    editors_browser.force_login(editor)

    for response in (
        editors_browser.get(page_of(commenter)),
        editors_browser.post(notes_url(commenter), {"note": "Mine"}),
    ):
        assert response.status_code == 403
        assert "known troll" not in html(response)
    assert ModeratorNote.objects.count() == 1
    assert Client().post(notes_url(commenter), {"note": "Mine"}).status_code == 302
    assert sams_browser.get(notes_url(commenter)).status_code == 405
    assert ModeratorNote.objects.count() == 1


def test_no_note_on_a_commenter_no_one_has_been(sams_browser):
    response = sams_browser.post(notes_url("a" * 64), {"note": "Ghost"})

    assert response.status_code == 404
    assert not ModeratorNote.objects.exists()


def test_commenter_notes_need_the_pages_csrf_token(sam, erins_comment):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(sam)

    response = strict.post(notes_url(erins_comment.commenter), {"note": "Forged"})

    assert response.status_code == 403
    assert not ModeratorNote.objects.exists()


@pytest.mark.parametrize(
    "asked_for",
    ["erin@example.org", "ERIN+other@EXAMPLE.org", "erin@ｅｘａｍｐｌｅ.org"],
)
def test_erasing_a_commenter_erases_the_notes_about_them(
    sams_browser, erins_comment, published_article, asked_for
):
    other = make_comment(published_article, user_email="sam@example.org")
    sams_browser.post(notes_url(erins_comment.commenter), {"note": "Erin, 07700"})
    sams_browser.post(notes_url(other.commenter), {"note": "About someone else."})

    call_command("commenter_data", asked_for, "--erase", stdout=None)

    assert list(ModeratorNote.objects.values_list("text", flat=True)) == [
        "About someone else."
    ]
    assert not ModeratorNote.objects.filter(
        commenter=recipient_digest("erin@example.org")
    ).exists()
