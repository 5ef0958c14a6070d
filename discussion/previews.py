"""A comment not yet published, shown as the discussion will show it: the
preview before sending, and the page that confirms it."""

from django.utils import timezone

from articles.text import shorten

from .models import STANCE_PHRASES, ArticleComment
from .text import comment_text, govuk_datetime
from .threads import Node, ShownComment


def as_published(
    *, name, text, perspective=None, point=None, stance="", parent_id=0, when=None
):
    """A threads.Node for the discussion's templates, with the byline the
    comment will have: name, perspective, stance, point and whom it replies to."""
    point_id = point.pk if point else None
    comment = ShownComment(
        pk=0,
        thread_id=0,
        parent_id=parent_id or 0,
        level=1 if parent_id else 0,
        is_public=True,
        is_removed=False,
        is_erased=False,
        user_name=name,
        comment=text,
        submit_date=when or timezone.now(),
        stance=stance if point else "",
        is_featured=False,
        perspective_id=perspective.pk if perspective else None,
        point_id=point_id,
        perspective=perspective,
        point=point,
    )
    parent = None
    if parent_id:
        parent = ArticleComment.objects.visible().filter(pk=parent_id).first()
    node = Node(comment=comment, parent=parent, is_shown=True)
    node.text_html = comment_text(text)
    node.when = govuk_datetime(comment.submit_date)
    if perspective:
        node.writing_as = perspective.one_person
    if point:
        node.point_excerpt = shorten(point.plain_text, 100)
        node.stance = STANCE_PHRASES.get(comment.stance, "")
    if parent:
        node.parent_url = parent.get_absolute_url()
    return node


def pending_as_published(pending):
    """A comment waiting for its author's confirmation, as it will be shown."""
    return as_published(
        name=pending.user_name,
        text=pending.comment,
        perspective=pending.perspective,
        point=pending.point,
        stance=pending.stance,
        parent_id=pending.parent_id,
    )
