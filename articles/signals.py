from django.db import transaction


def comment_saved(sender, instance, raw=False, **kwargs):
    """Once a comment is visible, its followers hear of it (once)."""
    if raw or not instance.is_visible or instance.followers_notified_at:
        return
    from .notifications import notify_followers

    transaction.on_commit(lambda: notify_followers(instance))


def discussion_changed(sender, instance, raw=False, **kwargs):
    """A comment changed: its article's page must be rendered afresh."""
    from .models import Article
    from .page_cache import bump_article

    slug = (
        Article.objects.filter(pk=instance.article_id)
        .values_list("slug", flat=True)
        .first()
    )
    if slug:
        transaction.on_commit(lambda: bump_article(slug))


def every_page_changed(sender, raw=False, **kwargs):
    """Something every article page shows changed."""
    from .page_cache import bump_site

    transaction.on_commit(bump_site)
