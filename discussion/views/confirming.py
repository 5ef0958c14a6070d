"""Confirming a comment from the link e-mailed to its author."""

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_comments.signals import comment_will_be_posted
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import TmpXtdComment

from articles.models import Article

from ..models import ArticleComment
from ..moderation import comments_are_open
from .posting import is_duplicate, publish
from .responses import closed, refusal


def confirm(request, key):
    try:
        tmp_comment = signed.loads(key, extra_key=xtd_settings.COMMENTS_XTD_SALT)
    except Exception:  # a bad signature, or a link to something since deleted
        return refusal(
            request,
            "This link does not work",
            "The link may have been copied wrongly, or changed. Check that you "
            "copied the whole link from the email. If it still does not work, "
            "write your comment again.",
            400,
        )
    existing = _confirmed_before(tmp_comment)
    if existing is not None:
        return _confirmed_page(request, existing, already=True)

    article = Article.objects.published().filter(pk=tmp_comment.article_id).first()
    if article is None:
        raise Http404("The article is no longer published")
    if not comments_are_open(article):
        return closed(request, article)
    parent_id = tmp_comment.parent_id
    if parent_id and not (
        ArticleComment.objects.visible().filter(pk=parent_id, article=article).exists()
    ):
        return refusal(
            request,
            "Your reply could not be published",
            "The comment you replied to has been removed, so your reply was not "
            "published.",
            410,
            article,
        )
    # The policy may have changed since the comment was sent: ask it again,
    # afresh (the link still carries the decision made when it was sent).
    tmp_comment.is_public = True
    tmp_comment.held_reason = ""
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
    comment = None
    if not is_duplicate(article.pk, tmp_comment.comment):
        comment = publish(tmp_comment, request)
    if comment is None:
        existing = _confirmed_before(tmp_comment)  # perhaps just now, in parallel
        if existing is not None:
            return _confirmed_page(request, existing, already=True)
        return refusal(
            request,
            "This comment is already published",
            "The same comment has already been posted on this article.",
            409,
            article,
        )
    return _confirmed_page(request, comment)


def _confirmed_before(tmp_comment):
    """The comment this confirmation link has already published, if any."""
    return ArticleComment.objects.filter(
        user_email=tmp_comment.user_email,
        user_name=tmp_comment.user_name,
        submit_date=tmp_comment.submit_date,
        article_id=tmp_comment.article_id,
    ).first()


def _confirmed_page(request, comment, already=False):
    response = render(
        request,
        "discussion/comment_confirmed.html",
        {"comment": comment, "article": comment.article, "already": already},
    )
    add_never_cache_headers(response)
    return response
