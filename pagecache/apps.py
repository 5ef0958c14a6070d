from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_save,
)


class PageCacheConfig(AppConfig):
    """Readers' whole-page cache and the versions that invalidate it."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from articles.models import (
            ArgumentPoint,
            Article,
            ArticleTopic,
            Author,
            Perspective,
            Topic,
        )
        from discussion.models import ArticleComment, ModerationPolicy, QuickAnswer

        from . import receivers

        pre_save.connect(receivers.remember_hidden_state, sender=ArticleComment)
        for signal in (post_save, post_delete):
            signal.connect(receivers.comment_changed, sender=ArticleComment)
            signal.connect(receivers.answer_changed, sender=QuickAnswer)
            for model in (
                Article,
                ArgumentPoint,
                Perspective,
                Author,
                Topic,
                ArticleTopic,
                ModerationPolicy,
            ):
                signal.connect(receivers.every_page_changed, sender=model)
        for through in (ArticleTopic, Article.related_articles.through):
            m2m_changed.connect(receivers.topics_or_picks_changed, sender=through)
        # a deployment runs migrate: pages it changes (templates, settings)
        # are rendered afresh, even from a cache that outlived the old code
        post_migrate.connect(receivers.every_page_changed, sender=self)
