"""A moderator's decisions on one comment, the same from the queue's bulk
actions, its per-row buttons and the comment's own page. Each is kept in the
comment's history (who decided what, and when), and returns the decision's
name, or "" if there was nothing to do.

decide() runs one with the comment locked, so that of two moderators
deciding at the same moment, one decides and the other is told who did."""

from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from .models import ArticleComment, CommentDecision
from .notifications import tell_commenter_published, tell_commenter_removed
from .text import govuk_time_of_day


def approve(comment, user, removal_reason=""):
    """Publish a comment waiting for a moderator (or removed); a published one
    that readers reported is kept instead."""
    if comment.is_visible:
        return keep(comment, user)
    if comment.is_erased:
        return ""  # erased at the author's request: nothing left to publish
    # held before it was ever shown, not hidden later by readers' reports
    was_held = not comment.is_public and comment.followers_notified_at is None
    comment.is_public = True
    comment.is_removed = False
    # publishing a comment readers' reports hid keeps it against them
    _dismiss_reports(comment, user)
    _record(comment, user, CommentDecision.Kind.APPROVED)
    if was_held:
        tell_commenter_published(comment)
    return "Approved"


def remove(comment, user, removal_reason=""):
    """Hide a comment; its replies stay readable under a placeholder. Given a
    reason, a commenter who asked for e-mails is told it."""
    if comment.is_removed:
        return ""
    was_visible = comment.is_visible
    comment.is_removed = True
    comment.is_featured = False  # only what readers see can be featured
    _record(comment, user, CommentDecision.Kind.REMOVED, removal_reason)
    if removal_reason:
        tell_commenter_removed(comment, removal_reason, was_visible)
    return "Removed"


def keep(comment, user, removal_reason=""):
    """Keep a reported comment as it is: its reports are dismissed (kept, with
    who dismissed them and when), and reports never hide it again (new ones
    still bring it to the queue)."""
    if not comment.is_visible or not comment.reports.undismissed().exists():
        return ""
    _dismiss_reports(comment, user)
    _record(comment, user, CommentDecision.Kind.KEPT)
    return "Kept"


def feature(comment, user, removal_reason=""):
    """Show a published comment first, labelled Featured."""
    if comment.is_featured or not comment.is_visible:
        return ""
    comment.is_featured = True
    _record(comment, user, CommentDecision.Kind.FEATURED)
    return "Featured"


def unfeature(comment, user, removal_reason=""):
    if not comment.is_featured:
        return ""
    comment.is_featured = False
    _record(comment, user, CommentDecision.Kind.UNFEATURED)
    return "Unfeatured"


DECISIONS = {
    "approve": approve,
    "remove": remove,
    "keep": keep,
    "feature": feature,
    "unfeature": unfeature,
}


@dataclass(frozen=True)
class Outcome:
    """What came of pressing a decision's button."""

    done: str = ""  # the decision's name, or "" if nothing changed
    comment: ArticleComment | None = None
    already: str = ""  # who decided first, when this changed nothing


def decide(comment_id, decision, user, *, seen=None, removal_reason=""):
    """One decision on one comment, locked against a moderator deciding on
    it at the same moment. `seen` is the comment's seen_marker() on the page
    the button was on: if another decision came since, nothing changes."""
    with transaction.atomic():
        comment = (
            ArticleComment.objects.select_for_update()
            .select_related("article")
            .filter(pk=comment_id)
            .first()
        )
        if comment is None:
            return Outcome()
        if seen is not None and seen != seen_marker(comment):
            return Outcome(comment=comment, already=already_decided(comment, user))
        done = DECISIONS[decision](comment, user, removal_reason)
    if done:
        return Outcome(done=done, comment=comment)
    return Outcome(comment=comment, already=already_decided(comment, user))


def seen_marker(comment):
    """Names the last decision on a comment as a page shows it: a button sends
    it back, so a decision made meanwhile is not silently overruled."""
    if comment.moderated_at is None:
        return "undecided"
    return comment.moderated_at.astimezone(UTC).isoformat()


def already_decided(comment, user):
    """ "Already approved by Sam at 4:26pm", or "" if no one has decided."""
    last = comment.decisions.select_related("decided_by").first()
    if last is None:
        return ""
    if last.decided_by_id == user.pk:
        who = "you"
    elif last.decided_by is None:
        who = "a moderator"
    else:
        who = last.decided_by.get_short_name() or last.decided_by.get_username()
    kind = last.get_kind_display().lower()
    return f"Already {kind} by {who} {govuk_time_of_day(last.decided_at)}"


def _dismiss_reports(comment, user):
    comment.reports.undismissed().update(dismissed_at=timezone.now(), dismissed_by=user)


def _record(comment, user, kind, removal_reason=""):
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.save()
    CommentDecision.objects.create(
        comment=comment,
        kind=kind,
        removal_reason=removal_reason,
        decided_by=user,
        decided_at=comment.moderated_at,
    )
