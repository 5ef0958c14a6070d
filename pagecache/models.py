from django.db import models


class PageVersion(models.Model):
    """The current version of a set of readers' pages ("site", or one
    article's), kept in the database as the source of truth. The cache holds
    copies, which readers trust for a moment only."""

    key = models.CharField(max_length=250, unique=True)
    version = models.BigIntegerField()

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"{self.key}: {self.version}"
