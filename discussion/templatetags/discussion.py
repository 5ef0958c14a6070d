from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def answer_row(context, point, choices, answer=None, counts_text="", return_to=""):
    """{% answer_row point choices answer counts_text return_to %}: a point's
    quick answer, one row of buttons, each aria-pressed; Withdraw shows only
    once the reader has answered (answer is their value, or None: the article
    page is the same for every reader). Written in Python rather than as an
    include, since the article page has one for each of its points."""
    user = context.get("user")
    token = CsrfTokenNode().render(context) if user and user.is_authenticated else ""
    kept = (
        format_html('<input type="hidden" name="return_to" value="{}">', return_to)
        if return_to
        else ""
    )
    buttons = format_html_join(
        "",
        '<button type="submit" class="answer-row__answer" name="answer" value="{}"'
        ' aria-pressed="{}">{}</button>',
        (
            (value, "true" if answer == value else "false", label)
            for value, label in choices
        ),
    )
    withdraw = mark_safe(
        '<button type="submit" class="answer-row__withdraw" name="answer"'
        ' value="withdraw">Withdraw<span class="vh"> my answer</span></button>'
        if answer
        else ""
    )
    counts = (
        format_html(">Answers so far: {}", counts_text)
        if counts_text
        else mark_safe(" hidden>")
    )
    return format_html(
        '<form class="answer-row" method="post" action="{}" data-answer-form'
        ' data-point="{}">\n  {}{}\n'
        '  <div class="answer-row__buttons" role="group"'
        ' aria-label="Do you agree with this point?">\n    {}\n    {}\n  </div>\n'
        '  <p class="answer-row__counts" data-answer-counts{}</p>\n'
        '  <p class="vh" role="status" data-answer-status></p>\n</form>',
        reverse("discussion:answer", args=(point.article.slug, point.pk)),
        point.pk,
        token,
        kept,
        buttons,
        withdraw,
        counts,
    )
