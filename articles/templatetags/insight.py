from django import template

from .. import text

register = template.Library()


comment_text = register.filter(text.comment_text)
govuk_datetime = register.filter(text.govuk_datetime)


@register.inclusion_tag("admin/_moderation_summary.html")
def moderation_summary(user):
    """How many comments wait for a moderator, for those allowed to moderate."""
    from django.urls import reverse

    from ..models import ArticleComment

    if not user.has_perm("articles.change_articlecomment"):
        return {"show": False}
    waiting = ArticleComment.objects.filter(is_public=False, is_removed=False)
    oldest = waiting.order_by("submit_date").values_list("submit_date", flat=True)
    return {
        "show": True,
        "waiting": waiting.count(),
        "oldest": oldest.first(),
        "reported": ArticleComment.objects.visible()
        .filter(reports__isnull=False)
        .distinct()
        .count(),
        "queue_url": reverse("admin:articles_articlecomment_changelist"),
    }
