"""Perspectives: the groups articles speak to, each with a page."""

import reversion
from django.db import models
from django.urls import reverse

from .. import markdown


@reversion.register()
class Perspective(models.Model):
    """A group an article speaks to, such as councillors or frontline staff."""

    name = models.CharField(max_length=100, unique=True)
    singular_label = models.CharField(
        max_length=100,
        blank=True,
        help_text='One person writing from it, for example "a councillor". '
        "Shown with comments and in the comment form.",
    )
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(
        blank=True, help_text="Markdown: *emphasis*, **bold** and [links](https://…)."
    )
    description_html = models.TextField(blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:perspective", kwargs={"slug": self.slug})

    def render_markdown(self):
        self.description_html = markdown.render_inline(self.description)

    @property
    def one_person(self):
        """How one person writing from it is named: "a councillor"."""
        return self.singular_label or self.name.lower()

    @property
    def anchor(self):
        """The id of this perspective's section on an article page."""
        return f"perspective-{self.slug}"
