"""Which network asked for each confirmation e-mail, so that one network
gets only its share of the e-mails we send in an hour."""

from django.db import models

from .pending import SentConfirmation


class ConfirmationNetworkQuerySet(models.QuerySet):
    def sent_in_the_last_hour(self):
        return self.filter(
            confirmation__sent_at__gt=SentConfirmation.objects.hour_ago()
        )


class ConfirmationNetwork(models.Model):
    """The network a confirmation e-mail was asked from: a keyed hash
    (limits.network_hash) that names no one, kept for about an hour."""

    confirmation = models.OneToOneField(
        SentConfirmation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="network",
    )
    network = models.CharField(max_length=64, db_index=True)

    objects = ConfirmationNetworkQuerySet.as_manager()

    class Meta:
        ordering = ["confirmation"]

    def __str__(self):
        return f"Network of {self.confirmation}"
