"""Sharing a draft: the actions that make and revoke preview links."""

from datetime import timedelta

from django.utils import timezone

from .models import PreviewLink


def share_preview(article, user, days=PreviewLink.DEFAULT_DAYS):
    """A new link that shows the article's current draft for `days` days."""
    now = timezone.now()
    return PreviewLink.objects.create(
        article=article,
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )


def revoke(link, user):
    """Stop the link working at once. Revoking twice keeps the first."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = user
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link
