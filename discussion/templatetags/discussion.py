from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

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


# a point number no article has, marking the point's place in its address
POINT_MARK = str(10**17 + 7)


def _once_a_page(context, key, make):
    """make() the first time the page asks for key, then the same again."""
    if key not in context.render_context:
        context.render_context[key] = make()
    return context.render_context[key]


def _answer_buttons(choices, answer):
    return format_html_join(
        "",
        '<button type="submit" class="answer-row__answer" name="answer" value="{}"'
        ' aria-pressed="{}">{}</button>',
        (
            (value, "true" if answer == value else "false", label)
            for value, label in choices
        ),
    )


@register.simple_tag(takes_context=True)
def answer_row(context, point, choices, answer=None, counts_text="", return_to=""):
    """{% answer_row point choices answer counts_text return_to %}: a point's
    quick answer, one row of buttons, each aria-pressed; Withdraw shows only
    once the reader has answered (answer is their value, or None: the article
    page is the same for every reader). Written in Python rather than as an
    include, since the article page has one for each of its points: the
    address is reversed and the buttons written once a page."""
    slug = point.article.slug
    before, _mark, after = _once_a_page(
        context,
        ("answer address", slug),
        lambda: reverse("discussion:answer", args=(slug, POINT_MARK)).rpartition(
            POINT_MARK
        ),
    )
    buttons = _once_a_page(
        context,
        ("answer buttons", tuple(choices), answer),
        lambda: _answer_buttons(choices, answer),
    )
    user = context.get("user")
    token = CsrfTokenNode().render(context) if user and user.is_authenticated else ""
    kept = (
        format_html('<input type="hidden" name="return_to" value="{}">', return_to)
        if return_to
        else ""
    )
    withdraw = (
        '<button type="submit" class="answer-row__withdraw" name="answer"'
        ' value="withdraw">Withdraw<span class="vh"> my answer</span></button>'
        if answer
        else ""
    )
    counts = (
        format_html(">Answers so far: {}", counts_text) if counts_text else " hidden>"
    )
    number = escape(point.pk)
    return mark_safe(  # every value escaped
        f'<form class="answer-row" method="post"'
        f' action="{escape(before)}{number}{escape(after)}" data-answer-form'
        f' data-point="{number}">\n  {token}{kept}\n'
        '  <div class="answer-row__buttons" role="group"'
        f' aria-label="Do you agree with this point?">\n    {buttons}\n    {withdraw}\n'
        "  </div>\n"
        f'  <p class="answer-row__counts" data-answer-counts{counts}</p>\n'
        '  <p class="vh" role="status" data-answer-status></p>\n</form>'
    )


@register.simple_tag(takes_context=True)
def point_foot(context, point, section):
    """{% point_foot point section %}: what the discussion adds under a point
    of the article: its answer row, how many comments it has (with their
    stances) and a link to respond to it. Written in Python for the same
    reason as the answer row; section is the discussion's, or None."""
    comments_open = getattr(section, "comments_open", False)
    answers = ""
    if comments_open and section.answers_shown:
        answers = answer_row(context, point, section.answer_choices)
    number = escape(point.pk)
    comments = ""
    if getattr(point, "comment_count", 0):
        comments = format_html(
            '<a href="?point={}#discussion">{}'
            '<span class="vh"> on this point</span></a>',
            number,
            capfirst(point.comments_text),
        )
        if point.stances_text:
            comments += format_html(
                ' <span class="point__stances">({})</span>', point.stances_text
            )
    respond = (
        f'<a href="?respond={number}#comment-form">Respond to this point</a>'
        if comments_open
        else ""
    )
    return mark_safe(  # every value escaped
        f'<div class="point__foot">\n        {answers}\n'
        f'        <p class="point__actions">{comments}\n        {respond}</p>\n'
        "        </div>"
    )
