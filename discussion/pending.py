"""Holding a reader's comment until they confirm it, within the limits on the
confirmation e-mails we send (the models: models/pending.py)."""

from django.conf import settings
from django.db import transaction

from .models import ModerationPolicy, PendingComment, SentConfirmation
from .models.pending import recipient_digest


def reserve_confirmation(tmp_comment):
    """Keep a comment pending and count the e-mail that will confirm it, or
    None if the mail limits are reached: per address and site-wide, counted
    in the database every app server shares, so the form cannot be turned
    on anyone's inbox. Returns (pending comment, token)."""
    ModerationPolicy.current()  # the row the lock below is taken on
    with transaction.atomic():
        # one reservation at a time, so posts sent together cannot all pass
        list(ModerationPolicy.objects.select_for_update().values_list("pk"))
        sent = SentConfirmation.objects.sent_in_the_last_hour()
        recipient = recipient_digest(tmp_comment.user_email)
        if (
            sent.count() >= settings.DISCUSSION_CONFIRMATIONS_PER_HOUR
            or sent.filter(recipient=recipient).count()
            >= settings.DISCUSSION_CONFIRMATIONS_PER_ADDRESS_PER_HOUR
        ):
            return None
        pending, token = PendingComment.hold(tmp_comment)
        SentConfirmation.objects.create(digest=pending.digest, recipient=recipient)
    return pending, token


def cancel_confirmation(pending):
    """The e-mail could not be sent: forget the comment and its count."""
    SentConfirmation.objects.filter(digest=pending.digest).delete()
    pending.delete()
