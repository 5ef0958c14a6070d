"""What makes cached pages stale: each receiver bumps the versions of the
pages a change shows on (wired in apps.py)."""

from django.db.models.signals import post_save

from articles.models import Article

from .versions import bump_answers, bump_discussion, bump_site

# What a hidden comment shows: nothing, or a placeholder over its replies.
HIDDEN_STATE_FIELDS = ("is_public", "is_removed", "is_erased")


def _hidden_state(comment):
    return tuple(getattr(comment, name) for name in HIDDEN_STATE_FIELDS)


def remember_hidden_state(sender, instance, raw=False, **kwargs):
    """Before a hidden comment is saved, note how it was shown (new: not at all)."""
    if raw or instance.is_visible:
        return
    saved = (
        sender._base_manager.filter(pk=instance.pk)
        if instance.pk
        else sender._base_manager.none()
    )
    instance._hidden_state_before = saved.values_list(*HIDDEN_STATE_FIELDS).first()


def comment_changed(sender, instance, raw=False, **kwargs):
    """A comment changed: its article's page must be rendered afresh.

    Not when a comment stays hidden as it was (one held for a moderator, say):
    nothing on the page changes until it is approved.
    """
    if not instance.is_visible and kwargs["signal"] is post_save:
        before = getattr(instance, "_hidden_state_before", ())
        if before is None or before == _hidden_state(instance):
            return
    slug = (
        Article.objects.filter(pk=instance.article_id)
        .values_list("slug", flat=True)
        .first()
    )
    if slug:
        bump_discussion(slug)


def answer_changed(sender, instance, raw=False, **kwargs):
    """A quick answer was given, changed or withdrawn: the pages that show
    its article's answers are rendered afresh (never the article page)."""
    slug = (
        Article.objects.filter(pk=instance.article_id)
        .values_list("slug", flat=True)
        .first()
    )
    if slug:
        bump_answers(slug)


def every_page_changed(sender, raw=False, **kwargs):
    """Something every article page shows changed."""
    bump_site()


def topics_or_picks_changed(sender, action, **kwargs):
    """An article's topics or its editor-picked related articles changed:
    article pages, lists and topic pages show them."""
    if action.startswith("post_"):
        bump_site()
