"""A moderator's decisions on one comment, the same from the queue's bulk
actions, its per-row buttons and the comment's own page. Each records who
decided and when, and returns the decision's name, or "" if there was
nothing to do."""

from django.utils import timezone

from .notifications import tell_commenter_published


def approve(comment, user):
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
    _record(comment, user)
    if was_held:
        tell_commenter_published(comment)
    return "Approved"


def remove(comment, user):
    """Hide a comment; its replies stay readable under a placeholder."""
    if comment.is_removed:
        return ""
    comment.is_removed = True
    comment.is_featured = False  # only what readers see can be featured
    _record(comment, user)
    return "Removed"


def keep(comment, user):
    """Keep a reported comment as it is: its reports are cleared, and reports
    never hide it again (new ones still bring it to the queue)."""
    if not comment.is_visible or not comment.reports.exists():
        return ""
    comment.reports.all().delete()
    _record(comment, user)
    return "Kept"


def feature(comment, user):
    """Show a published comment first, labelled Featured."""
    if comment.is_featured or not comment.is_visible:
        return ""
    comment.is_featured = True
    _record(comment, user)
    return "Featured"


def unfeature(comment, user):
    if not comment.is_featured:
        return ""
    comment.is_featured = False
    _record(comment, user)
    return "Unfeatured"


DECISIONS = {
    "approve": approve,
    "remove": remove,
    "keep": keep,
    "feature": feature,
    "unfeature": unfeature,
}


def _record(comment, user):
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.save()
