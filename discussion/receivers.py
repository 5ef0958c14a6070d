"""What the discussion keeps in step when comments change (wired in apps.py)."""

from django.db.models import QuerySet
from django.db.models.signals import post_save

from articles.models import Article
from background.mail import queue_after_saving
from pagecache.versions import bump_site

from . import counting
from .locking import lock_discussions
from .page_versions import bump_answers, bump_discussion
from .tasks import tell_followers

# What a hidden comment shows: nothing, or a placeholder over its replies.
HIDDEN_STATE_FIELDS = ("is_public", "is_removed", "is_erased")
# What is read of a comment's stored row before it is saved or deleted: where
# it is counted, and how readers saw it.
STORED_FIELDS = tuple(dict.fromkeys((*counting.COUNTED_FIELDS, *HIDDEN_STATE_FIELDS)))


def tell_followers_once_visible(sender, instance, raw=False, **kwargs):
    """Once a comment is visible, its followers hear of it (once), from the
    worker: the task is queued in the comment's own transaction."""
    if raw or not instance.is_visible or instance.followers_notified_at:
        return
    queue_after_saving(tell_followers, instance.pk)


def remember_as_stored(sender, instance, raw=False, **kwargs):
    """Before a comment is saved or deleted, note its row as stored (a new
    one: None), read once and locked: the counts and the readers' pages
    both follow from it. Fixtures (raw) are counted by recount_discussions."""
    if raw:
        return
    lock_discussions([instance.article_id])
    instance._stored_before = counting.stored(sender, instance.pk, STORED_FIELDS)


def count_saved_comment(sender, instance, raw=False, update_fields=None, **kwargs):
    """The discussion's counts follow a comment's visibility, perspective and
    point."""
    if raw:
        return
    before = getattr(instance, "_stored_before", None)
    after = counting.saved(instance, before, update_fields)
    counting.move(counting.counted(before), counting.counted(after))


def uncount_deleted_comment(sender, instance, **kwargs):
    before = getattr(instance, "_stored_before", None)
    counting.move(counting.counted(before), None)


def recount_bulk_updated(sender, articles, counted, **kwargs):
    """A bulk update() saves no comment: the articles it touched are counted
    afresh, in its transaction."""
    if counted:
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


def _hidden_state(comment):
    return tuple(getattr(comment, name) for name in HIDDEN_STATE_FIELDS)


def comment_pages_changed(sender, instance, raw=False, **kwargs):
    """A comment changed: its article's pages are rendered afresh.

    Not when a comment stays hidden as it was (one held for a moderator, say):
    nothing on the page changes until it is approved.
    """
    if not instance.is_visible and kwargs["signal"] is post_save:
        stored = getattr(instance, "_stored_before", ())
        before = stored and tuple(stored[name] for name in HIDDEN_STATE_FIELDS)
        if before is None or before == _hidden_state(instance):
            return
    slug = _slug_of(instance.article_id)
    if slug:
        bump_discussion(slug)


def bulk_updated_pages_changed(sender, articles, **kwargs):
    """A bulk update() changed comments as readers see them: the pages of
    the articles it touched are rendered afresh."""
    for slug in Article.objects.filter(pk__in=articles).values_list("slug", flat=True):
        bump_discussion(slug)


def answer_pages_changed(sender, instance, raw=False, **kwargs):
    """A quick answer was given, changed or withdrawn: the pages that show
    its article's answers are rendered afresh (never the article page)."""
    slug = _slug_of(instance.article_id)
    if slug:
        bump_answers(slug)


def policy_changed(sender, raw=False, **kwargs):
    """The moderation policy shows on every article (comments open, paused)."""
    bump_site()


def _slug_of(article_id):
    return Article.objects.filter(pk=article_id).values_list("slug", flat=True).first()
