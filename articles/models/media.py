"""The media library: pictures uploaded once and placed in articles' text by
reference, `![alt text](media:42)` (see figures.py)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ..images import PictureField, RandomName, picture, rendition_name

# What Markdown would read as formatting in a reference's alt text
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>!&#|~])")


class MediaPicture(models.Model):
    """A picture in the media library, with what readers are told about it."""

    image = PictureField(
        "picture",
        upload_to=RandomName("media"),
        width_field="width",
        height_field="height",
        help_text="A JPEG, PNG or WebP of up to 10 MB, ideally 1,200 pixels wide "
        "or more.",
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for someone who cannot see it.",
    )
    is_decorative = models.BooleanField(
        "the picture is decorative",
        default=False,
        help_text="Tick if it adds nothing to the text: screen readers then skip it.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text='For example "Photo: Jo Bloggs".'
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="media_pictures",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "library picture"
        verbose_name_plural = "media library"

    def __str__(self):
        return self.alt_text or self.caption or f"Picture {self.pk}"

    def clean(self):
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": "Enter alt text for the picture, or tick the box "
                    "to say it is decorative"
                }
            )

    @property
    def reference(self):
        """What an editor pastes into an article's Markdown to show it."""
        alt = "" if self.is_decorative else " ".join(self.alt_text.split())
        escaped = MARKDOWN_PUNCTUATION.sub(r"\\\1", alt)
        return f"![{escaped}](media:{self.pk})"

    @property
    def alt_for_readers(self):
        return "" if self.is_decorative else self.alt_text

    def picture(self):
        """Its renditions' sources and size, as images.Picture, or None."""
        return picture(self.image, self.width, self.height)

    def thumbnail_url(self):
        return self.image.storage.url(rendition_name(self.image.name, 480))
