import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import dateformat, timezone
from django.utils.html import urlize
from django.utils.safestring import mark_safe

register = template.Library()


# urlize is slow, and most comments have no links: it runs only when the text
# has something it could turn into one (a scheme, www., an e-mail address or
# one of the bare domains it recognises).
MIGHT_LINK = re.compile(r"://|www\.|@|\.(com|edu|gov|int|mil|net|org)\b", re.IGNORECASE)


@register.filter
def comment_text(text):
    """A commenter's plain text: escaped, line breaks kept, links clickable."""
    if not MIGHT_LINK.search(text):
        return mark_safe(linebreaksbr(text, autoescape=True))
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # urlize escapes everything else, so this attribute can only be its own.
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc"')
    return mark_safe(linebreaksbr(linked, autoescape=False))


@register.filter
def govuk_datetime(value):
    """25 November 2026 at 2:05pm, in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    suffix = "am" if local.hour < 12 else "pm"
    day = dateformat.format(local, "j F Y")
    return f"{day} at {dateformat.format(local, 'g:i')}{suffix}"


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
