"""Kept uploads: a picture an editor uploaded with a form that then failed
validation, held for a day so the editor need not choose it again."""

from django.conf import settings
from django.db import models


class KeptUploadQuerySet(models.QuerySet):
    def older_than(self, moment):
        return self.filter(created_at__lt=moment)


class KeptUpload(models.Model):
    """A checked, re-encoded picture waiting for its form to be saved.

    Kept in the database, not the media folder: nothing serves it to readers,
    and every app server can read it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kept_uploads"
    )
    # what articles/images.py stores: re-encoded from the pixels alone
    picture = models.BinaryField()
    suffix = models.CharField(max_length=8)
    thumbnail = models.BinaryField()
    thumbnail_width = models.PositiveIntegerField()
    thumbnail_height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = KeptUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Picture kept for {self.owner} at {self.created_at:%d %B %Y %H:%M}"
