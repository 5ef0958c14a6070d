"""What keeps the content's derived data in step with what editors write
(wired in apps.py): Markdown is rendered as it is saved; a picture replaced,
cleared or left by a deleted row is removed with its renditions, once the
change is committed; and readers' cached pages are rendered afresh."""

from functools import partial

from django.db import transaction

from pagecache.versions import bump_site

from .images import PictureField, delete_with_renditions


def content_changed(sender, raw=False, **kwargs):
    """Every reader's page shows the content (an article's title, a
    perspective's name, a topic): each is rendered afresh."""
    bump_site()


def topics_or_picks_changed(sender, action, **kwargs):
    """An article's topics or its editor-picked related articles changed:
    article pages, lists and topic pages show them."""
    if action.startswith("post_"):
        bump_site()


def render_markdown(sender, instance, **kwargs):
    """Render an article's, a point's or a perspective's Markdown as it is
    saved, so pages show the kept HTML and never render it.

    A signal rather than save(): fixtures (loaddata) save raw, without save().
    Bulk updates (QuerySet.update) skip it: save row by row instead."""
    instance.render_markdown()


def _picture_fields(model):
    return [field for field in model._meta.fields if isinstance(field, PictureField)]


def remember_pictures(sender, instance, raw=False, **kwargs):
    """Before a save, note the pictures the row had."""
    fields = _picture_fields(sender)
    if raw or not fields or instance._state.adding:
        return
    names = [field.attname for field in fields]
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(names) & set(update_fields):
        return  # publishing, say: the pictures stay as they are
    stored = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    instance._pictures_before = stored or {}


def remove_replaced_pictures(sender, instance, raw=False, **kwargs):
    """After a save, remove the pictures the row no longer uses."""
    before = getattr(instance, "_pictures_before", {})
    for field in _picture_fields(sender):
        old = before.get(field.attname)
        if old and old != getattr(instance, field.attname).name:
            _remove_on_commit(field, old)
    instance._pictures_before = {}


def remove_pictures(sender, instance, **kwargs):
    """After a delete, remove the row's pictures."""
    for field in _picture_fields(sender):
        name = getattr(instance, field.attname).name
        if name:
            _remove_on_commit(field, name)


def _remove_on_commit(field, name):
    transaction.on_commit(partial(delete_with_renditions, field.storage, name))
