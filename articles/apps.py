from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class ArticlesConfig(AppConfig):
    """The content: perspectives, articles, their argument points and authors."""

    name = "articles"
    verbose_name = "Insight"

    def ready(self):
        from . import receivers, revisions
        from .models import (
            ArgumentPoint,
            Article,
            ArticleTopic,
            Author,
            MediaPicture,
            Perspective,
            Topic,
        )

        for model in (Article, ArgumentPoint, Perspective):
            pre_save.connect(receivers.render_markdown, sender=model)
        for model in (Article, Author, MediaPicture):
            pre_save.connect(receivers.remember_pictures, sender=model)
            post_save.connect(receivers.remove_replaced_pictures, sender=model)
            post_delete.connect(receivers.remove_pictures, sender=model)
        # the "Updated" date
        pre_save.connect(revisions.note_article_revision, sender=Article)
        pre_save.connect(revisions.note_point_revision, sender=ArgumentPoint)
        post_delete.connect(revisions.note_point_removed, sender=ArgumentPoint)
        # readers' cached pages (pagecache)
        for model in (
            Article,
            ArgumentPoint,
            Perspective,
            Author,
            Topic,
            ArticleTopic,
            MediaPicture,  # articles' figures
        ):
            post_save.connect(receivers.content_changed, sender=model)
            post_delete.connect(receivers.content_changed, sender=model)
        for through in (ArticleTopic, Article.related_articles.through):
            m2m_changed.connect(receivers.topics_or_picks_changed, sender=through)
