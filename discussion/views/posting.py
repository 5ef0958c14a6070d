"""Posting a comment or a reply: check it, then e-mail a confirmation link
(signed-in staff publish at once).

Built on django-comments-xtd's form, model, signed links and moderator, with
our own views so every refusal is a clear page and no failure loses a comment.
"""

import logging

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe
from django_comments_xtd.conf import settings as xtd_settings

from articles.models import Article

from ..forms import CommentForm
from ..limits import client_ip, network_hash, too_many
from ..moderation import comments_are_open
from ..notifications import send_confirmation_request
from ..pending import (
    MailLimit,
    OverMailLimit,
    cancel_confirmation,
    reserve_confirmation,
)
from ..previews import as_published
from ..publishing import (
    NotPublished,
    Refusal,
    is_duplicate,
    policy_refusal,
    publish_at_once,
)
from .origin import refuses_other_sites
from .responses import banned, closed, form_page, refusal

logger = logging.getLogger(__name__)


def _find_article(data):
    """The published article a post is for, or None."""
    if data.get("content_type") != "articles.article":
        return None
    try:
        return Article.objects.published().get(pk=int(data.get("object_pk", "")))
    except (Article.DoesNotExist, TypeError, ValueError):
        return None


def _comment_to_send_again(request, send_again):
    """The comment as typed, to send again from this page (see origin.py)."""
    article = _find_article(request.POST)
    if article is None:
        raise Http404("No published article for this comment")
    form = CommentForm(article, data=request.POST)
    return form_page(request, form, article, status=403, send_again=send_again)


@csrf_exempt
@require_POST
@refuses_other_sites(_comment_to_send_again)
def post_comment(request):
    # Readers' article pages are cached whole, so their comment forms carry no
    # CSRF token: where the post was made is checked instead (origin.py).
    # Signed-in staff do have one: check theirs too.
    if request.user.is_authenticated:
        return _checked_post_comment(request)
    return _post_comment(request)


def _post_comment(request):
    data = request.POST.copy()
    article = _find_article(data)
    if article is None:
        raise Http404("No published article for this comment")
    if not comments_are_open(article):
        return closed(request, article)

    form = CommentForm(article, data=data)
    security_errors = form.security_errors()
    if "timestamp" in security_errors and "security_hash" not in security_errors:
        # The page was open a long time: give a fresh form, keep their words.
        data.update(CommentForm(article).generate_security_data())
        form = CommentForm(article, data=data)
        form.is_valid()
        return form_page(request, form, article, status=400, form_expired=True)
    if security_errors:
        return refusal(
            request,
            "Your comment could not be sent",
            "The form had been changed or was not sent from this site, so we "
            "could not accept it. Go back to the article and write your comment "
            "in the comment box there.",
            400,
            article,
        )
    if form.errors:
        return form_page(request, form, article, status=400)
    if "preview" in data:
        return form_page(request, form, article, preview=_preview(form))
    action = "reply" if form.cleaned_data["reply_to"] else "comment"
    if too_many(request, action):
        return form_page(request, form, article, status=429, rate_limited=True)
    if is_duplicate(article.pk, form.cleaned_data["comment"]):
        form.add_error("comment", DUPLICATE_MESSAGE)
        return form_page(request, form, article, status=400)

    tmp_comment = form.get_comment_object(site_id=xtd_settings.SITE_ID)
    tmp_comment.ip_address = client_ip(request) or None
    if request.user.is_authenticated:
        tmp_comment.user = request.user

    if request.user.is_authenticated and request.user.is_staff:
        try:
            comment = publish_at_once(tmp_comment)
        except NotPublished as error:
            if error.why == Refusal.DUPLICATE:
                form.add_error("comment", DUPLICATE_MESSAGE)
                return form_page(request, form, article, status=400)
            return _refused(request, article, error.why, tmp_comment.user_email)
        return redirect(comment.get_absolute_url())

    if why := policy_refusal(tmp_comment):
        return _refused(request, article, why, tmp_comment.user_email)

    try:
        pending, token = reserve_confirmation(tmp_comment, network_hash(request))
    except OverMailLimit as over:
        limited = (
            "network_limited" if over.limit == MailLimit.NETWORK else "mail_limited"
        )
        return form_page(request, form, article, status=429, **{limited: True})
    try:
        send_confirmation_request(pending, token)
    except Exception:
        cancel_confirmation(pending)
        logger.exception("Confirmation e-mail for article %s not sent", article.pk)
        return form_page(request, form, article, status=503, email_failed=True)
    return redirect("discussion:sent", slug=article.slug)


_checked_post_comment = csrf_protect(_post_comment)


def _preview(form):
    """The comment as the discussion will show it, byline and all."""
    data = form.cleaned_data
    return as_published(
        name=data["name"],
        text=data["comment"],
        perspective=data.get("perspective"),
        point=data.get("point"),
        stance=data.get("stance", ""),
        parent_id=data["reply_to"],
    )


DUPLICATE_MESSAGE = (
    "This comment has already been posted on this article. Change it, "
    "or go back to the article to see it"
)


def _refused(request, article, why, email):
    if why == Refusal.CLOSED:
        return closed(request, article)
    if why == Refusal.BANNED:
        return banned(request, article, email)
    return refusal(
        request,
        "Your comment could not be accepted",
        "We do not accept comments from this email address. If you think "
        "this is wrong, contact us using the details in the comments policy.",
        400,
        article,
    )


@require_safe
def comment_sent(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(
        request,
        "discussion/comment_sent.html",
        {"article": article, "days": settings.DISCUSSION_CONFIRMATION_DAYS},
    )
