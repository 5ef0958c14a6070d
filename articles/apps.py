from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """The content: perspectives, articles and their argument points."""

    name = "articles"
    verbose_name = "Insight"
