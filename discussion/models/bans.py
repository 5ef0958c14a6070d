"""Commenters a moderator has banned or suspended."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .pending import recipient_digest


class BanQuerySet(models.QuerySet):
    def in_force(self):
        """Bans not lifted whose time has not run out."""
        return self.filter(
            Q(until__isnull=True) | Q(until__gt=timezone.now()), lifted_at__isnull=True
        )

    def on(self, email):
        """The ban in force on the mailbox email reaches, in any spelling, or
        None: one indexed lookup, however many bans there are."""
        if not email:
            return None
        return (
            self.in_force()
            .filter(commenter=recipient_digest(email))
            .order_by(models.F("until").desc(nulls_first=True))
            .first()
        )


class Ban(models.Model):
    """A commenter banned for good, or suspended until a time, with the reason
    they are told. Kept after it is lifted, with who lifted it and when."""

    # A keyed hash of the mailbox (models/pending.recipient_digest): every
    # spelling of one mailbox has it, and it names no one.
    commenter = models.CharField(max_length=64, db_index=True, editable=False)
    until = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to ban for good."
    )
    reason = models.TextField(
        max_length=500, help_text="The commenter is shown this reason."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="bans_made",
        verbose_name="banned by",
    )
    created_at = models.DateTimeField("banned at", default=timezone.now, editable=False)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="bans_lifted",
    )
    lifted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Ban {self.pk}"

    @property
    def is_in_force(self):
        """The instance's side of in_force()."""
        return self.lifted_at is None and (
            self.until is None or self.until > timezone.now()
        )

    @property
    def is_suspension(self):
        return self.until is not None

    def lift(self, user):
        """End the ban now, recording who lifted it. False if it had ended."""
        if not self.is_in_force:
            return False
        self.lifted_by = user
        self.lifted_at = timezone.now()
        self.save(update_fields=["lifted_by", "lifted_at"])
        return True
