from django.db import transaction


def comment_saved(sender, instance, raw=False, **kwargs):
    """Once a comment is visible, its followers hear of it (once)."""
    if raw or not instance.is_visible or instance.followers_notified_at:
        return
    from .notifications import notify_followers

    transaction.on_commit(lambda: notify_followers(instance))
