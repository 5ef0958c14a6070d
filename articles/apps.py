from django.apps import AppConfig
from django.db.models.signals import pre_save


class ArticlesConfig(AppConfig):
    """The content: perspectives, articles and their argument points."""

    name = "articles"
    verbose_name = "Insight"

    def ready(self):
        from . import receivers
        from .models import ArgumentPoint, Article, Perspective

        for model in (Article, ArgumentPoint, Perspective):
            pre_save.connect(receivers.render_markdown, sender=model)
