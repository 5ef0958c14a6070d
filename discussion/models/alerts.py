"""How each moderator hears of comments that wait for them: an e-mail at once,
or an hourly digest of what waited in the hour."""

from django.conf import settings
from django.db import models


class ModeratorProfile(models.Model):
    """A moderator's own choices: for now, how they are alerted."""

    class Alerts(models.TextChoices):
        AT_ONCE = "at-once", "At once: an email for each comment"
        HOURLY = "hourly", "Hourly: one email listing the hour's comments"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderator_profile",
        editable=False,
    )
    alerts = models.CharField(
        "email alerts",
        max_length=10,
        choices=Alerts.choices,
        default=Alerts.AT_ONCE,
        help_text="When we email you about comments waiting for moderation.",
    )

    class Meta:
        ordering = ["user_id"]
        verbose_name = "your email alerts"
        verbose_name_plural = "your email alerts"

    def __str__(self):
        return f"Email alerts for {self.user}"


class DigestItem(models.Model):
    """An alert waiting for a moderator's next hourly digest."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_items",
    )
    # the comment goes, so does its alert: a digest names no erased comment
    comment = models.ForeignKey(
        "discussion.ArticleComment",
        on_delete=models.CASCADE,
        related_name="digest_items",
    )
    subject = models.CharField(max_length=300)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.subject
