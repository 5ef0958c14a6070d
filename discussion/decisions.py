"""A moderator's decisions on one comment, the same from the queue's bulk
actions, its per-row buttons and the comment's own page. Each is kept in the
comment's history (who decided what, and when), and returns the decision's
name, or "" if there was nothing to do.

decide() runs one with the comment locked, so that of two moderators
deciding at the same moment, one decides and the other is told who did."""

from dataclasses import dataclass
from datetime import UTC, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

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
    # reports are dismissed at the decision's own time, so undo() finds them
    now = timezone.now()
    _dismiss_reports(comment, user, now)
    _record(comment, user, CommentDecision.Kind.APPROVED, at=now)
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
    now = timezone.now()
    _dismiss_reports(comment, user, now)
    _record(comment, user, CommentDecision.Kind.KEPT, at=now)
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
    decision: CommentDecision | None = None  # the one made, to offer its undo


def decide(comment_id, decision, user, *, seen=None, removal_reason=""):
    """One decision on one comment, locked against a moderator deciding on
    it at the same moment. `seen` is the comment's seen_marker() on the page
    the button was on: if another decision came since, nothing changes."""
    with transaction.atomic():
        comment = _locked(comment_id)
        if comment is None:
            return Outcome()
        if seen is not None and seen != seen_marker(comment):
            return Outcome(comment=comment, already=already_decided(comment, user))
        done = DECISIONS[decision](comment, user, removal_reason)
    if done:
        return Outcome(done=done, comment=comment, decision=comment.decisions.first())
    return Outcome(comment=comment, already=already_decided(comment, user))


UNDO_SECONDS = 10


def undo(comment_id, decision_id, user):
    """Put a comment back as it was before one decision: only by the
    moderator who made it, within UNDO_SECONDS, and while it is still the
    last decision on the comment. Recorded in the history as "Undone"."""
    with transaction.atomic():
        comment = _locked(comment_id)
        decision = comment and comment.decisions.filter(pk=decision_id).first()
        if decision is None:
            return Outcome()
        refused = _undo_refused(comment, decision, user)
        if not refused:
            _undo(comment, decision, user)
            return Outcome(done="Undone", comment=comment)
    return Outcome(comment=comment, already=refused)


def undo_many(decision_ids, user):
    """Undo the decisions a bulk action made: all of them, or none if any
    one may not be undone (as undo() decides). Returns (how many were
    undone, why not), or None if there are no such decisions."""
    wanted = set(decision_ids)
    with transaction.atomic():
        decisions = list(CommentDecision.objects.filter(pk__in=wanted))
        if not decisions or len(decisions) != len(wanted):
            return None
        comments = {
            comment.pk: comment
            for comment in ArticleComment.objects.select_for_update()
            .select_related("article")
            .filter(pk__in=[decision.comment_id for decision in decisions])
            .order_by("pk")
        }
        for decision in decisions:
            comment = comments[decision.comment_id]
            refused = _undo_refused(comment, decision, user, named=True)
            if refused:
                return 0, refused
        for decision in decisions:
            _undo(comments[decision.comment_id], decision, user)
    return len(decisions), ""


def _undo_refused(comment, decision, user, named=False):
    """Why the decision may not be undone, or "". `named` names the comment,
    among others undone together."""
    last = comment.decisions.select_related("decided_by").first()
    if decision.decided_by_id != user.pk:
        return "Not undone: only the moderator who decided can undo it"
    if last != decision:
        who = _who(last, user)
        it = f"the comment by {comment.user_name}" if named else "it"
        return (
            f"Not undone: {who} {'have' if who == 'you' else 'has'} since "
            f"{_what(last)} {it} {govuk_time_of_day(last.decided_at)}"
        )
    if not decision.state_before or (
        timezone.now() - decision.decided_at > timedelta(seconds=UNDO_SECONDS)
    ):
        return (
            f"Too late to undo: a decision can only be undone within "
            f"{UNDO_SECONDS} seconds. Decide again instead"
        )
    return ""


def _undo(comment, decision, user):
    _restore(comment, decision)
    CommentDecision.objects.create(
        comment=comment, kind=CommentDecision.Kind.UNDONE, decided_by=user
    )


def _restore(comment, decision):
    before = decision.state_before
    comment.is_public = before["is_public"]
    comment.is_removed = before["is_removed"]
    comment.is_featured = before["is_featured"]
    moderated_at = before["moderated_at"]
    comment.moderated_at = moderated_at and parse_datetime(moderated_at)
    comment.moderated_by_id = before["moderated_by_id"]
    comment.save()
    # the reports this decision dismissed count again
    comment.reports.filter(
        dismissed_at=decision.decided_at, dismissed_by=decision.decided_by_id
    ).update(dismissed_at=None, dismissed_by=None)


def _locked(comment_id):
    return (
        ArticleComment.objects.select_for_update()
        .select_related("article")
        .filter(pk=comment_id)
        .first()
    )


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
    who = _who(last, user)
    return f"Already {_what(last)} by {who} {govuk_time_of_day(last.decided_at)}"


def _who(decision, user):
    if decision.decided_by_id == user.pk:
        return "you"
    if decision.decided_by is None:
        return "a moderator"
    return decision.decided_by.get_short_name() or decision.decided_by.get_username()


def _what(decision):
    return decision.get_kind_display().lower()


def _dismiss_reports(comment, user, at):
    comment.reports.undismissed().update(dismissed_at=at, dismissed_by=user)


def _record(comment, user, kind, removal_reason="", at=None):
    # the comment as stored before this decision, for undo(); the row is locked
    before = (
        ArticleComment.objects.filter(pk=comment.pk)
        .values("is_public", "is_removed", "is_featured", "moderated_at")
        .get()
    )
    before["moderated_by_id"] = comment.moderated_by_id
    if before["moderated_at"]:  # to the microsecond, as reports compare with it
        before["moderated_at"] = before["moderated_at"].isoformat()
    comment.moderated_by = user
    comment.moderated_at = at or timezone.now()
    comment.save()
    return CommentDecision.objects.create(
        comment=comment,
        kind=kind,
        removal_reason=removal_reason,
        decided_by=user,
        decided_at=comment.moderated_at,
        state_before=before,
    )
