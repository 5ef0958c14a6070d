from django.db import models
from django.db.models import Q


class OutgoingMailQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(sent_at__isnull=True, gave_up_at__isnull=True)

    def not_sent(self):
        """Given up on: shown to operators as mail that could not be sent."""
        return self.filter(sent_at__isnull=True, gave_up_at__isnull=False)


class OutgoingMail(models.Model):
    """One e-mail to one recipient about one event, kept until it is sent or
    given up on. A row per (event, recipient): queuing the same event again
    adds nothing, and what is marked sent is never sent again."""

    event = models.CharField(max_length=100)
    recipient = models.CharField(max_length=254)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    # while one worker sends it, others leave it alone
    claimed_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)  # the worker's id
    sent_at = models.DateTimeField(null=True, blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = "email that could not be sent"
        verbose_name_plural = "mail that could not be sent"
        ordering = ["-queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="one_mail_per_event_and_recipient"
            )
        ]
        indexes = [
            # what the worker and /healthz look for: kept small by its condition
            models.Index(
                fields=["next_attempt_at"],
                name="mail_waiting",
                condition=Q(sent_at__isnull=True, gave_up_at__isnull=True),
            ),
            models.Index(
                fields=["gave_up_at"],
                name="mail_given_up",
                condition=Q(sent_at__isnull=True, gave_up_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.subject


class ScheduledJob(models.Model):
    """When a scheduled job was last queued, so that a restarted worker, or a
    second one, does not queue it again before it is due."""

    name = models.CharField(max_length=100, unique=True)
    last_queued_at = models.DateTimeField()

    def __str__(self):
        return self.name


class WorkerSeen(models.Model):
    """When a worker was last heard from (background/workers.py)."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return self.worker_id
