"""What each row of the moderation queue shows, so a moderator decides
without opening the comment: its words, who wrote them from where, why it is
in the queue and how long it has waited."""

import re

from django.contrib.admin.views.main import ChangeList
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from ..models import STANCE_PHRASES, ArticleComment

# About a screenful of a row: most comments are shorter, and the rest are
# one "more" away (a <details>, which needs no JavaScript).
SHOWN_CHARACTERS = 600
# so the "more" never hides just a few words
SLACK_CHARACTERS = 100


def split_text(text, limit=SHOWN_CHARACTERS):
    """(shown, rest): the text cut between words at about `limit`
    characters, or all of it and "" if it is not much longer."""
    if len(text) <= limit + SLACK_CHARACTERS:
        return text, ""
    spaces = [match.start() for match in re.finditer(r"\s", text[: limit + 1])]
    # a very long word is cut, rather than showing little of the text
    cut = spaces[-1] if spaces and spaces[-1] > limit // 2 else limit
    return text[:cut], text[cut:]


def marked(text, phrase):
    """The text, escaped, with the held phrase marked where it is written
    plainly (any case, any spacing). A disguised one is named among the
    reasons instead."""
    if not phrase:
        return conditional_escape(text)
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    pattern = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces.append(conditional_escape(text[start : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        start = match.end()
    pieces.append(conditional_escape(text[start:]))
    return mark_safe("".join(pieces))  # each piece is escaped


def reasons(comment):
    """Why the comment is in the queue: what held it, and each report made
    since a moderator last decided on it, newest first."""
    found = []
    if comment.is_awaiting_moderation and comment.held_phrase:
        found.append(
            format_html(
                "It contains the held word or phrase <mark>{}</mark>",
                comment.held_phrase,
            )
        )
    elif comment.is_awaiting_moderation and comment.held_reason:
        found.append(conditional_escape(comment.held_reason))
    for report in comment.open_reports:
        found.append(
            format_html(
                'Reported <time datetime="{}">{} ago</time>: {}{}',
                report.created_at.isoformat(),
                timesince(report.created_at),
                report.get_reason_display(),
                format_html(". “{}”", report.details) if report.details else "",
            )
        )
    return found


def comment_cell(comment):
    shown, rest = split_text(comment.comment)
    return render_to_string(
        "admin/discussion/articlecomment/_queue_comment.html",
        {
            "comment": comment,
            "shown": marked(shown, comment.held_phrase),
            "rest": marked(rest, comment.held_phrase) if rest else "",
            "reasons": reasons(comment),
        },
    )


class QueueChangeList(ChangeList):
    """The queue's page of rows, each given its commenter's counts
    (commenter_counts), read for the whole page in one grouped query."""

    def get_results(self, request):
        super().get_results(request)
        # the page's rows are read here, and the template reuses them
        page = list(self.result_list)
        counts = ArticleComment.objects.commenter_counts(
            comment.commenter for comment in page
        )
        for comment in page:
            comment.commenter_counts = counts.get(comment.commenter)


class CommenterCounts:
    """The comments admin's part: its list is a QueueChangeList."""

    def get_changelist(self, request, **kwargs):
        return QueueChangeList


def commenter_cell(comment):
    return render_to_string(
        "admin/discussion/articlecomment/_queue_commenter.html",
        {
            "comment": comment,
            # None on a list that is not the queue's page
            "counts": getattr(comment, "commenter_counts", None),
            "name": marked(comment.user_name, comment.held_phrase),
            "stance": STANCE_PHRASES.get(comment.stance, ""),
        },
    )


def waited(comment):
    """How long the comment has waited for a decision: since it was sent if
    it is held, or since the oldest open report if it is reported."""
    if comment.is_awaiting_moderation:
        return timesince(comment.submit_date)
    if comment.open_reports:
        return timesince(min(report.created_at for report in comment.open_reports))
    return ""
