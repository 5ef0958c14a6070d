from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Insight"

    def ready(self):
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from . import moderation, signals
        from .models import (
            ArgumentPoint,
            Article,
            ArticleComment,
            Audience,
            ModerationPolicy,
        )

        moderation.register()
        # xtd copies a comment's public/removed state onto all its replies on
        # every save. Here each comment keeps its own state: a removed comment's
        # replies stay readable under a placeholder, a held reply stays held.
        pre_save.disconnect(
            publish_or_unpublish_on_pre_save, sender=ArticleComment._meta.label
        )
        post_save.connect(signals.comment_saved, sender=ArticleComment)
        pre_save.connect(signals.remember_hidden_state, sender=ArticleComment)
        for signal in (post_save, post_delete):
            signal.connect(signals.discussion_changed, sender=ArticleComment)
            for model in (Article, ArgumentPoint, Audience, ModerationPolicy):
                signal.connect(signals.every_page_changed, sender=model)
