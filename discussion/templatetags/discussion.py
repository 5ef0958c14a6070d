from django import template
from django.urls import reverse

from .. import normalise, text
from ..alerts import moderator_addresses
from ..models import ArticleComment

register = template.Library()


comment_text = register.filter(text.comment_text)
govuk_datetime = register.filter(text.govuk_datetime)
one_line = register.filter(normalise.one_line)


@register.inclusion_tag("discussion/_moderation_summary.html")
def moderation_summary(user):
    """How many comments wait for a moderator, for those allowed to moderate."""
    if not user.has_perm("discussion.change_articlecomment"):
        return {"show": False}
    waiting = ArticleComment.objects.awaiting_moderation()
    oldest = waiting.order_by("submit_date").values_list("submit_date", flat=True)
    return {
        "show": True,
        "waiting": waiting.count(),
        "oldest": oldest.first(),
        "reported": ArticleComment.objects.visible().reported().count(),
        "queue_url": reverse("admin:discussion_articlecomment_changelist"),
        # held and reported comments are e-mailed to moderators: to no one?
        "no_one_alerted": not moderator_addresses(),
    }
