from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save


class PageCacheConfig(AppConfig):
    """Readers' whole-page cache and the versions that invalidate it."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from articles.models import ArgumentPoint, Article, Perspective
        from discussion.models import ArticleComment, ModerationPolicy, QuickAnswer

        from . import receivers

        pre_save.connect(receivers.remember_hidden_state, sender=ArticleComment)
        for signal in (post_save, post_delete):
            signal.connect(receivers.comment_changed, sender=ArticleComment)
            signal.connect(receivers.answer_changed, sender=QuickAnswer)
            for model in (Article, ArgumentPoint, Perspective, ModerationPolicy):
                signal.connect(receivers.every_page_changed, sender=model)
        # a deployment runs migrate: pages it changes (templates, settings)
        # are rendered afresh, even from a cache that outlived the old code
        post_migrate.connect(receivers.every_page_changed, sender=self)
