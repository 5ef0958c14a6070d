"""A comment's page in the admin keeps its whole history: every report (with
who dismissed it, and when), every decision, and moderators' private notes,
which moderators add there."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse

from ..decisions import seen_marker
from ..models import NOTE_MAX_LENGTH, ArticleComment, ModerationPolicy, ModeratorNote

# what a session keeps of a refused note, so it can be shortened, not retyped
NOTE_DRAFT_KEPT = 10 * NOTE_MAX_LENGTH


class NoteForm(forms.Form):
    note = forms.CharField(
        max_length=NOTE_MAX_LENGTH,
        error_messages={
            "required": "Enter a note",
            "null_characters_not_allowed": "Remove the null characters from the note",
        },
    )


def _draft_key(pk):
    return f"discussion-note-draft-{pk}"


def commenter_draft_key(commenter):
    return f"discussion-commenter-note-draft-{commenter}"


def note_form_context(request, draft_key):
    """What the "Add a note" box needs: its limit and any refused draft."""
    return {
        "note_max_length": NOTE_MAX_LENGTH,
        "note_limit": f"{NOTE_MAX_LENGTH:,}",
        "note_draft": request.session.pop(draft_key, ""),
    }


class CommentHistoryMixin:
    """The history and notes on the comments admin's change page."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        comment = self.get_object(request, object_id)
        if comment is not None:
            extra_context = {
                **(extra_context or {}),
                "reports": comment.reports.select_related("dismissed_by"),
                "decisions": comment.decisions.select_related("decided_by"),
                "notes": comment.notes.select_related("written_by"),
                "removal_reasons": ModerationPolicy.current().removal_reason_list(),
                "seen": seen_marker(comment),
                **note_form_context(request, _draft_key(comment.pk)),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        add_note = self.admin_site.admin_view(self.add_note_view)
        return [
            path("<id:pk>/notes/", add_note, name="discussion_add_note"),
            *super().get_urls(),
        ]

    def add_note_view(self, request, pk):
        """A moderator's private note on the comment, as who and when."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(ArticleComment.objects.all(), pk=pk)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        page = reverse("admin:discussion_articlecomment_change", args=[comment.pk])
        return add_note(request, page, _draft_key(comment.pk), comment=comment)


def add_note(request, page, draft_key, **about):
    """Save the note a moderator typed about a comment or a commenter and go
    back to page; or say what is wrong, keeping what they typed to correct."""
    form = NoteForm(request.POST)
    if form.is_valid():
        ModeratorNote.objects.create(
            **about, text=form.cleaned_data["note"], written_by=request.user
        )
        messages.success(request, "Note added.")
        return redirect(f"{page}#notes")
    typed = request.POST.get("note", "").replace("\x00", "")
    if len(typed.strip()) > NOTE_MAX_LENGTH:
        message = (
            f"Enter a note of {NOTE_MAX_LENGTH:,} characters or fewer: yours "
            f"has {len(typed.strip()):,}. It is still in the box to shorten"
        )
    else:
        message = form.errors["note"][0]
    request.session[draft_key] = typed[:NOTE_DRAFT_KEPT]
    messages.error(request, message)
    return redirect(f"{page}#add-note")
