"""When an article was last changed after publication, for its "Updated"
date (the page, the feeds, JSON-LD). Wired in apps.py.

Only what readers read counts: the words, the points, the lead image and
the author. Publishing, closing comments, a save that changes nothing and
any change before publication do not. Raw saves count too: reverting to an
earlier version (django-reversion) writes the rows raw.
"""

from django.utils import timezone

from .models import Article

READ_FIELDS = (
    "title",
    "standfirst",
    "introduction",
    "attribution",
    "author_id",
    "lead_image",
    "lead_image_alt",
    "is_lead_image_decorative",
    "lead_image_caption",
    "lead_image_credit",
)
POINT_FIELDS = ("text", "perspective_id")


def _as_stored(value):
    """A field's value as the database holds it (a file by its name)."""
    if hasattr(value, "storage"):
        value = value.name
    return "" if value is None else value


def _was_published(stored):
    return (
        stored["status"] == Article.Status.PUBLISHED
        and stored["published_at"] <= timezone.now()
    )


def note_article_revision(sender, instance, **kwargs):
    """Before an article is saved: mark it revised if it was published and
    what readers read has changed."""
    if instance.pk is None:
        return
    stored = (
        Article._base_manager.filter(pk=instance.pk)
        .values("status", "published_at", *READ_FIELDS)
        .first()
    )
    if not stored or not _was_published(stored):
        return
    if any(
        _as_stored(stored[n]) != _as_stored(getattr(instance, n)) for n in READ_FIELDS
    ):
        instance.revised_at = timezone.now()


def note_point_revision(sender, instance, **kwargs):
    """Before a point is saved: a changed point revises its article. A new
    one does when an editor adds it to a published article in the admin;
    elsewhere new points are an article being put together (the factories,
    loaddata), not a change to one readers have read."""
    stored = None
    if instance.pk is not None:
        stored = (
            sender._base_manager.filter(pk=instance.pk).values(*POINT_FIELDS).first()
        )
    if stored is None:
        if _admin_says_published(instance):
            _revise(instance)
        return
    if any(stored[n] != getattr(instance, n) for n in POINT_FIELDS):
        _revise(instance)


def note_point_removed(sender, instance, **kwargs):
    _revise(instance)


def _admin_says_published(point):
    article = point._state.fields_cache.get("article")
    return getattr(article, "_was_published", False)


def _revise(point):
    """Mark the point's article revised, if it was published before this
    change. The admin says whether it was (ArticleAdmin.save_model), since
    it saves the article before its points: the points of a new article, or
    of a draft published in the same save, are no revision."""
    article = point._state.fields_cache.get("article")
    was_published = getattr(article, "_was_published", None)
    if was_published is None:
        was_published = Article.objects.published().filter(pk=point.article_id).exists()
    if not was_published:
        return
    now = timezone.now()
    Article._base_manager.filter(pk=point.article_id).update(revised_at=now)
    if article is not None:
        article.revised_at = now
