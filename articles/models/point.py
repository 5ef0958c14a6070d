"""Argument points: what an article argues to one perspective."""

import reversion
from django.db import models

from .. import markdown
from ..text import shorten
from .perspective import Perspective


@reversion.register()
class ArgumentPoint(models.Model):
    """One argument an article makes to one perspective."""

    article = models.ForeignKey(
        "Article",  # by name: the article's module imports this one
        on_delete=models.CASCADE,
        related_name="points",
    )
    perspective = models.ForeignKey(
        Perspective, on_delete=models.PROTECT, related_name="points"
    )
    text = models.TextField(help_text="Markdown: *emphasis*, **bold** and links.")
    text_html = models.TextField(blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["article_id", "position", "id"]
        verbose_name = "argument point"

    def __str__(self):
        return shorten(self.plain_text, 80)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def render_markdown(self):
        self.text_html = markdown.render_inline(self.text)

    @property
    def plain_text(self):
        """The point as readers read it, without Markdown: for excerpts."""
        return markdown.plain_text(self.text_html)

    @property
    def anchor(self):
        return f"point-{self.pk}"
