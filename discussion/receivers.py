"""What the discussion keeps in step when comments change (wired in apps.py)."""

from django.db import transaction


def tell_followers_once_visible(sender, instance, raw=False, **kwargs):
    """Once a comment is visible, its followers hear of it (once)."""
    if raw or not instance.is_visible or instance.followers_notified_at:
        return
    from .notifications import notify_followers

    transaction.on_commit(lambda: notify_followers(instance))
