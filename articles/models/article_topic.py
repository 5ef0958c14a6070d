"""That an article is about a topic, and how an article's topics are named."""

import reversion
from django.db import models
from taggit.managers import _TaggableManager
from taggit.models import ItemBase


class ArticleTopicsManager(_TaggableManager):
    """An article's topics: a typed name joins the existing topic of that
    name whatever its case or spacing, and keeps that topic's spelling
    (Topic.objects.named)."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        topics = self.through.tag_model().objects
        tags = [topics.named(tag) if isinstance(tag, str) else tag for tag in tags]
        return super()._to_tag_model_instances(tags, tag_kwargs)


@reversion.register()
class ArticleTopic(ItemBase):
    """That an article is about a topic."""

    tag = models.ForeignKey(
        "Topic",  # by name, as Article.author
        on_delete=models.CASCADE,
        related_name="article_topics",
    )
    content_object = models.ForeignKey(
        "Article",  # by name: the article's module imports this one
        on_delete=models.CASCADE,
        related_name="article_topics",
    )

    class Meta:
        ordering = ["content_object_id", "tag__name"]
        unique_together = [("content_object", "tag")]
        verbose_name = "article's topic"

    def __str__(self):
        return f"{self.content_object} is about {self.tag}"
