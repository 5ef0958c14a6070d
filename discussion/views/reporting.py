"""Reporting a comment: any reader may, without an account."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ..forms import ReportForm
from ..limits import network_hash, too_many
from ..models import ArticleComment, CommentReport
from ..moderation import tell_moderators
from .origin import refuses_other_sites
from .responses import refusal


def _reported_comment(pk):
    comment = get_object_or_404(
        ArticleComment.objects.visible().select_related("article"), pk=pk
    )
    if not comment.article.is_published:
        raise Http404("The article is not published")
    return comment


def _report_to_send_again(request, pk, send_again):
    """The report as filled in, to send again from this page (see origin.py)."""
    comment = _reported_comment(pk)
    return _form_page(request, comment, ReportForm(request.POST), 403, send_again)


@csrf_exempt
@refuses_other_sites(_report_to_send_again)
def report(request, pk):
    """Any reader may report a comment; enough reports hold it for a moderator.
    Where the post was made is checked (origin.py); signed-in staff's CSRF
    token is checked too."""
    if request.user.is_authenticated:
        return _checked_report(request, pk)
    return _report(request, pk)


def _report(request, pk):
    comment = _reported_comment(pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if too_many(request, "report"):
            return refusal(
                request,
                "You have sent too many reports",
                "Wait an hour and try again. If something on the site needs "
                "urgent attention, contact us using the details in the comments "
                "policy.",
                429,
                comment.article,
            )
        report, created = CommentReport.objects.get_or_create(
            comment=comment,
            reporter=network_hash(request),
            defaults=form.cleaned_data,
        )
        if created:
            _hold_if_reported_enough(comment, report)
        return render(
            request,
            "discussion/comment_reported.html",
            {"comment": comment, "article": comment.article, "already": not created},
        )
    return _form_page(request, comment, form, 400 if form.errors else 200)


_checked_report = csrf_protect(_report)


def _form_page(request, comment, form, status, send_again=""):
    response = render(
        request,
        "discussion/comment_report.html",
        {
            "comment": comment,
            "article": comment.article,
            "form": form,
            "send_again": send_again,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _hold_if_reported_enough(comment, report):
    """Hold a comment enough people report, unless a moderator has already
    decided on it: then new reports only put it in the queue."""
    report_count = (
        comment.reports_since_decision().values("reporter").distinct().count()
    )
    is_held = (
        report_count >= settings.DISCUSSION_REPORTS_TO_HOLD
        and comment.is_public
        and comment.moderated_at is None
    )
    if is_held:
        comment.is_public = False
        comment.held_reason = f"Reported by {report_count} people"
        comment.save(update_fields=["is_public", "held_reason"])
    tell_moderators(
        f"A comment has been reported on {comment.article}",
        "discussion/email/moderators_reported.txt",
        {
            "comment": comment,
            "article": comment.article,
            "report": report,
            "report_count": report_count,
            "is_held": is_held,
        },
    )
