"""Holding a reader's comment until they confirm it, within the limits on the
confirmation e-mails we send (the models: models/pending.py)."""

import enum

from django.conf import settings
from django.db import transaction

from .models import (
    ConfirmationNetwork,
    ModerationPolicy,
    PendingComment,
    SentConfirmation,
)
from .models.pending import recipient_digest


class MailLimit(enum.Enum):
    NETWORK = "asked for from one network"
    SITE = "sent in all"
    ADDRESS = "sent to one address"


class OverMailLimit(Exception):
    """No confirmation e-mail may be sent now: `limit` says which limit."""

    def __init__(self, limit):
        super().__init__(limit)
        self.limit = limit


def reserve_confirmation(tmp_comment, network):
    """Keep a comment pending and count the e-mail that will confirm it.
    Raises OverMailLimit if the network asking (a keyed hash of it) has had
    its share of the hour's e-mails, if the site has sent its hourly limit, or
    the address its own. Counted in the database every app server shares, so
    the form cannot be turned on anyone's inbox, and one network cannot use
    up everyone's e-mails. Returns (pending comment, token)."""
    ModerationPolicy.current()  # the row the lock below is taken on
    with transaction.atomic():
        # one reservation at a time, so posts sent together cannot all pass
        list(ModerationPolicy.objects.select_for_update().values_list("pk"))
        hour_ago = SentConfirmation.objects.hour_ago()
        # a network's count is needed for an hour only
        ConfirmationNetwork.objects.filter(confirmation__sent_at__lte=hour_ago).delete()
        from_network = ConfirmationNetwork.objects.sent_in_the_last_hour()
        sent = SentConfirmation.objects.sent_in_the_last_hour()
        recipient = recipient_digest(tmp_comment.user_email)
        limits = (
            (
                MailLimit.NETWORK,
                from_network.filter(network=network),
                settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR,
            ),
            (MailLimit.SITE, sent, settings.DISCUSSION_CONFIRMATIONS_PER_HOUR),
            (
                MailLimit.ADDRESS,
                sent.filter(recipient=recipient),
                settings.DISCUSSION_CONFIRMATIONS_PER_ADDRESS_PER_HOUR,
            ),
        )
        for limit, counted, allowed in limits:
            if counted.count() >= allowed:
                raise OverMailLimit(limit)
        pending, token = PendingComment.hold(tmp_comment)
        confirmation = SentConfirmation.objects.create(
            digest=pending.digest, recipient=recipient
        )
        ConfirmationNetwork.objects.create(confirmation=confirmation, network=network)
    return pending, token


def cancel_confirmation(pending):
    """The e-mail could not be sent: forget the comment and its count (its
    network's with it)."""
    SentConfirmation.objects.filter(digest=pending.digest).delete()
    pending.delete()
