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
from django_comments.signals import comment_will_be_posted
from django_comments_xtd.models import TmpXtdComment

from articles.models import Article

from ..models import ArticleComment, PendingComment, SentConfirmation
from ..moderation import comments_are_open
from .posting import publish
from .responses import closed, refusal


# The token in the link is the secret: there is no session for CSRF to guard.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    pending = PendingComment.objects.for_token(token)
    if pending is None:
        if SentConfirmation.objects.was_used(token):
            return _already_used(request)
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
        return _page(request, "discussion/comment_confirm.html", pending=pending)
    return _publish_pending(request, pending)


def _publish_pending(request, pending):
    article = Article.objects.published().filter(pk=pending.article_id).first()
    if article is None:
        raise Http404("The article is no longer published")
    if not comments_are_open(article):
        return closed(request, article)
    if pending.parent_id and not (
        ArticleComment.objects.visible()
        .filter(pk=pending.parent_id, article=article)
        .exists()
    ):
        return refusal(
            request,
            "Your reply could not be published",
            "The comment you replied to has been removed, so your reply was not "
            "published.",
            410,
            article,
        )
    # The policy may have changed since the comment was sent: ask it afresh.
    tmp_comment = pending.as_tmp_comment()
    responses = comment_will_be_posted.send(
        sender=TmpXtdComment, comment=tmp_comment, request=request
    )
    if any(response is False for _receiver, response in responses):
        return refusal(
            request,
            "Your comment could not be published",
            "We no longer accept comments from this email address.",
            400,
            article,
        )
    comment = publish(tmp_comment, request, pending=pending)
    if comment is None:
        if not PendingComment.objects.filter(pk=pending.pk).exists():
            return _already_used(request)  # pressed twice: the first press won
        return refusal(
            request,
            "This comment is already published",
            "The same comment has already been posted on this article.",
            409,
            article,
        )
    return _page(
        request,
        "discussion/comment_confirmed.html",
        comment=comment,
        article=comment.article,
    )


def _already_used(request):
    return refusal(
        request,
        "This link has already been used",
        "You have already confirmed this comment. Each link works once.",
        410,
    )


def _page(request, template, **context):
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response
