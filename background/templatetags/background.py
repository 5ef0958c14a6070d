from datetime import timedelta

from django import template
from django.utils import timezone

from ..queue_state import queue_state

register = template.Library()


@register.inclusion_tag("background/queue_summary.html")
def queue_summary(user):
    """The worker's queue, for operators (superusers) on the admin's index."""
    if not user.is_superuser:
        return {"state": None}
    state = queue_state()
    since = timezone.now() - timedelta(seconds=state.oldest_seconds)
    return {"state": state, "since": since}
