"""Banning and suspending commenters: the actions moderators take, each
recording who took it and when (the model: models/bans.py)."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from .models import Ban

# How long a moderator may suspend someone for; None bans for good.
LENGTHS = {
    "1": ("Suspend for 1 day", timedelta(days=1)),
    "7": ("Suspend for 7 days", timedelta(days=7)),
    "30": ("Suspend for 30 days", timedelta(days=30)),
    "forever": ("Ban for good", None),
}


class BanForm(forms.Form):
    """What a moderator says to ban or suspend a commenter."""

    length = forms.ChoiceField(
        label="How long for",
        choices=[(value, label) for value, (label, _) in LENGTHS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how long to ban or suspend them for"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="The commenter is shown this when they next try to comment.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the reason the commenter will be shown",
            "max_length": "Enter a reason of 500 characters or fewer",
        },
    )


def ban(commenter, length, reason, user):
    """Ban (or suspend for a while) the commenter, a mailbox's digest."""
    _label, duration = LENGTHS[length]
    now = timezone.now()
    return Ban.objects.create(
        commenter=commenter,
        until=now + duration if duration else None,
        reason=reason,
        created_by=user,
        created_at=now,
    )


def lift(bans, user):
    """Lift the bans still in force; how many were lifted."""
    return sum(ban.lift(user) for ban in bans)
