"""Confirming a comment from the link e-mailed to its author.

Opening the link (GET or HEAD) only shows the comment and a button: a mail
scanner that follows links publishes nothing. Pressing the button (POST)
publishes it, once.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..models import PendingComment, SentConfirmation
from ..previews import pending_as_published
from ..publishing import NotPublished, Refusal, publish
from .responses import banned, closed, refusal


# The token in the link is the secret: there is no session for CSRF to guard.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    pending = PendingComment.objects.for_token(token)
    if pending is None:
        if used := SentConfirmation.objects.used(token):
            return _already_used(request, used.comment)
        return refusal(
            request,
            "This link does not work",
            "The link may have been copied wrongly, or it has expired. Check that "
            "you copied the whole link from the email. If it still does not work, "
            "write your comment again.",
            404,
        )
    if pending.has_expired:
        return refusal(
            request,
            "This link has expired",
            "Links to confirm a comment work for a limited time. Write your "
            "comment again, and open the new link we email you.",
            410,
            pending.article,
        )
    if request.method != "POST":
        return _page(
            request,
            "discussion/comment_confirm.html",
            pending=pending,
            preview=pending_as_published(pending),
        )
    try:
        comment = publish(pending)
    except NotPublished as error:
        if error.why == Refusal.SENT_BEFORE:
            return _page(
                request,
                "discussion/comment_sent_before.html",
                comment=error.earlier,
                article=pending.article,
            )
        if error.why == Refusal.BANNED:
            return banned(request, pending.article, pending.user_email)
        if error.why == Refusal.USED:  # pressed twice: the first press won
            used = SentConfirmation.objects.used(token)
            return _already_used(request, used and used.comment, pending.article)
        return _not_published(request, pending.article, error.why)
    return _page(
        request,
        "discussion/comment_confirmed.html",
        comment=comment,
        article=comment.article,
    )


NOT_PUBLISHED = {
    Refusal.PARENT_REMOVED: (
        "Your reply could not be published",
        "The comment you replied to has been removed, so your reply was not published.",
        410,
    ),
    Refusal.REFUSED: (
        "Your comment could not be published",
        "We no longer accept comments from this email address.",
        400,
    ),
    Refusal.DUPLICATE: (
        "This comment is already published",
        "The same comment has already been posted on this article.",
        409,
    ),
}


def _not_published(request, article, why):
    if why == Refusal.WITHDRAWN:
        raise Http404("The article is no longer published")
    if why == Refusal.CLOSED:
        return closed(request, article)
    title, message, status = NOT_PUBLISHED[why]
    return refusal(request, title, message, status, article)


def _already_used(request, comment, article=None):
    """A used link: it publishes nothing again, but leads to what it published."""
    response = render(
        request,
        "discussion/comment_link_used.html",
        {"comment": comment, "article": article},
        status=410,
    )
    add_never_cache_headers(response)
    return response


def _page(request, template, **context):
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response
