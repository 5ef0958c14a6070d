"""Authors: the people who write articles, each with a page listing them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from ..images import PictureField, RandomName, picture
from .article import Article


class AuthorQuerySet(models.QuerySet):
    def published(self):
        """Authors readers may meet: those with a published article."""
        return self.filter(articles__in=Article.objects.published()).distinct()


class Author(models.Model):
    """A person who writes articles, with a page listing them."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    bio = models.TextField("short biography", blank=True)
    photo = PictureField(
        upload_to=RandomName("authors"),
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text="A JPEG, PNG or WebP of up to 10 MB.",
    )
    photo_width = models.PositiveIntegerField(null=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, editable=False)
    photo_alt = models.CharField(
        "photo alt text",
        max_length=300,
        blank=True,
        help_text='What the photo shows, for example "Richard Vize, smiling".',
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Enter alt text for the photo"})

    def picture(self):
        return picture(self.photo, self.photo_width, self.photo_height)
