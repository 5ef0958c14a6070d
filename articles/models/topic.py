"""Topics: subjects articles are about (django-taggit tags, linked to articles
by ArticleTopic), each with a page and a feed."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import NaturalKeyManager, TagBase

from .article import Article, ArticleTopic


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Topics readers can see: those of at least one published article."""
        return self.filter(
            Exists(
                ArticleTopic.objects.filter(
                    tag=OuterRef("pk"), content_object__in=Article.objects.published()
                )
            )
        )


class Topic(TagBase):
    """A subject articles are about, such as housing or integrated care."""

    objects = NaturalKeyManager.from_queryset(TopicQuerySet)()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        # plain ASCII, as the <slug:slug> converter of the topic's address expects
        slug = slugify(tag) or "topic"
        return f"{slug}_{i}" if i is not None else slug
