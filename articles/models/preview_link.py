"""Preview links: a draft shown to someone without an account, such as an
outside author, until the link expires or is revoked."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .article import Article


def new_key():
    """An unguessable key for the link's address (256 bits)."""
    return secrets.token_urlsafe(32)


class PreviewLinkQuerySet(models.QuerySet):
    def live(self):
        """Links that still open their article: not expired, not revoked."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A link that shows an article's current draft to anyone who has it."""

    DEFAULT_DAYS = 7
    MIN_DAYS = 1
    MAX_DAYS = 30

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Preview link to {self.article}"

    def get_absolute_url(self):
        return reverse(
            "articles:shared-preview",
            kwargs={"article_id": self.article_id, "key": self.key},
        )

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
