"""What moderators did and wrote about a comment: its decisions and their
private notes, shown on the comment's admin page as its history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

NOTE_MAX_LENGTH = 2000


class CommentDecision(models.Model):
    """A moderator's decision on a comment: who, what and when."""

    class Kind(models.TextChoices):
        APPROVED = "approved", "Approved"
        REMOVED = "removed", "Removed"
        KEPT = "kept", "Kept"
        FEATURED = "featured", "Featured"
        UNFEATURED = "unfeatured", "Unfeatured"
        UNDONE = "undone", "Undone"

    comment = models.ForeignKey(
        "discussion.ArticleComment",
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    removal_reason = models.CharField(
        max_length=200, blank=True, help_text="The reason the commenter was given."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comment_decisions",
    )
    decided_at = models.DateTimeField(default=timezone.now)
    # What the decision changed, as it was before: undoing puts it back.
    # Empty for an undo, which cannot itself be undone.
    state_before = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} (comment {self.comment_id})"


class ModeratorNote(models.Model):
    """A moderator's private note on a comment, or on a commenter (their
    mailbox, as a keyed digest): never shown to readers."""

    comment = models.ForeignKey(
        "discussion.ArticleComment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
    )
    # A keyed digest of the commenter's normalised mailbox, for notes on a
    # commenter rather than on one comment.
    commenter = models.CharField(max_length=64, blank=True)
    text = models.TextField(max_length=NOTE_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderator_notes",
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(comment__isnull=False) | ~Q(commenter=""),
                name="note_on_a_comment_or_commenter",
            )
        ]
        indexes = [
            models.Index(
                fields=["commenter"],
                condition=~Q(commenter=""),
                name="note_commenter_idx",
            )
        ]

    def __str__(self):
        # no text: the admin's log keeps this
        return f"Note {self.pk}"
