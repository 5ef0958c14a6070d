"""What the discussion keeps in step when comments change (wired in apps.py)."""

from django.db import transaction
from django.db.models import QuerySet

from articles.models import Article

from . import counting
from .notifications import notify_followers


def tell_followers_once_visible(sender, instance, raw=False, **kwargs):
    """Once a comment is visible, its followers hear of it (once)."""
    if raw or not instance.is_visible or instance.followers_notified_at:
        return
    transaction.on_commit(lambda: notify_followers(instance))


def remember_where_counted(sender, instance, raw=False, **kwargs):
    """Before a comment is saved or deleted, note what its counts depend on
    as stored (a new one: nothing). Fixtures (raw) are counted by
    recount_discussions."""
    if raw:
        return
    instance._counted_before = counting.stored(sender, instance.pk)


def count_saved_comment(sender, instance, raw=False, update_fields=None, **kwargs):
    """The discussion's counts follow a comment's visibility, perspective and
    point."""
    if raw:
        return
    before = getattr(instance, "_counted_before", None)
    after = counting.saved(instance, before, update_fields)
    counting.move(counting.counted(before), counting.counted(after))


def uncount_deleted_comment(sender, instance, **kwargs):
    before = getattr(instance, "_counted_before", None)
    counting.move(counting.counted(before), None)


def recount_bulk_updated(sender, articles, **kwargs):
    """A bulk update() saves no comment: the articles it touched are counted
    afresh, in its transaction."""
    for article_id in articles:
        counting.recount(article_id)


def remember_articles_counted(sender, instance, origin=None, **kwargs):
    """A perspective or point about to be deleted takes its count rows with
    it, and its comments lose it: note the articles to recount. Not when its
    article is being deleted: the article's counts go with it."""
    origin_model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if origin_model is Article:
        return
    instance._counted_articles = set(
        instance.discussion_counts.values_list("article_id", flat=True)
    )


def recount_articles(sender, instance, **kwargs):
    for article_id in getattr(instance, "_counted_articles", ()):
        counting.recount(article_id)
