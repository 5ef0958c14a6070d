"""Readers' reports that a comment breaks the comments policy."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class CommentReportQuerySet(models.QuerySet):
    def undismissed(self):
        """Reports no moderator has dismissed by keeping their comment."""
        return self.filter(dismissed_at__isnull=True)

    def unresolved(self):
        """Reports made since a moderator last decided on their comment."""
        return self.undismissed().filter(
            Q(comment__moderated_at__isnull=True)
            | Q(created_at__gt=F("comment__moderated_at"))
        )


class CommentReport(models.Model):
    """A reader's report that a comment breaks the comments policy."""

    class Reason(models.TextChoices):
        SPAM = "spam", "It is spam or advertising"
        ABUSIVE = "abusive", "It is abusive, offensive or discriminatory"
        PERSONAL = "personal", "It shares someone's personal information"
        OFF_TOPIC = "off-topic", "It is off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(
        "discussion.ArticleComment", on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(blank=True, max_length=1000)
    # A keyed hash of the reporter's address: tells reporters apart, names no one.
    reporter = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Keeping a comment dismisses its reports: they stay as evidence, and no
    # longer count.
    dismissed_at = models.DateTimeField(null=True, blank=True, editable=False)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="dismissed_reports",
    )

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="one_report_per_reporter"
            )
        ]
        indexes = [
            # the queue's "Reported" filter reads the few reports still open
            models.Index(
                fields=["comment"],
                condition=Q(dismissed_at__isnull=True),
                name="report_undismissed_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (comment {self.comment_id})"
