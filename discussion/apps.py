from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from .signals import comments_updated


class DiscussionConfig(AppConfig):
    """Readers' comments (django-comments-xtd) and their moderation."""

    name = "discussion"
    verbose_name = "Discussion"

    def ready(self):
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from articles import extensions
        from articles.models import ArgumentPoint, Perspective

        from . import moderation, receivers, search
        from .extension import DiscussionExtension
        from .models import ArticleComment, ModerationPolicy, QuickAnswer

        moderation.register()
        search.register()
        extensions.register(DiscussionExtension())
        # xtd copies a comment's public/removed state onto all its replies on
        # every save. Here each comment keeps its own state: a removed comment's
        # replies stay readable under a placeholder, a held reply stays held.
        pre_save.disconnect(
            publish_or_unpublish_on_pre_save, sender=ArticleComment._meta.label
        )
        post_save.connect(receivers.tell_followers_once_visible, sender=ArticleComment)
        # the comment's row as stored, read once for the counts and the pages
        pre_save.connect(receivers.remember_as_stored, sender=ArticleComment)
        pre_delete.connect(receivers.remember_as_stored, sender=ArticleComment)
        # the discussion's counts (counting.py), in the comment's transaction
        post_save.connect(receivers.count_saved_comment, sender=ArticleComment)
        post_delete.connect(receivers.uncount_deleted_comment, sender=ArticleComment)
        comments_updated.connect(receivers.recount_bulk_updated, sender=ArticleComment)
        for model in (Perspective, ArgumentPoint):
            pre_delete.connect(receivers.remember_articles_counted, sender=model)
            post_delete.connect(receivers.recount_articles, sender=model)
        # readers' cached pages (pagecache)
        for signal in (post_save, post_delete):
            signal.connect(receivers.comment_pages_changed, sender=ArticleComment)
            signal.connect(receivers.answer_pages_changed, sender=QuickAnswer)
            signal.connect(receivers.policy_changed, sender=ModerationPolicy)
        comments_updated.connect(
            receivers.bulk_updated_pages_changed, sender=ArticleComment
        )
