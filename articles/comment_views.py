"""The reader's side of the discussion: post, preview, confirm, reply, mute.

Built on django-comments-xtd's form, model, signed links and moderator, with
our own views so every refusal is a clear page and no failure loses a comment.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django_comments.signals import comment_will_be_posted
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import TmpXtdComment
from django_comments_xtd.signals import confirmation_received

from .forms import CommentForm, ReportForm
from .limits import address_hash, client_ip, too_many
from .models import Article, ArticleComment, CommentReport, ModerationPolicy
from .moderation import tell_moderators
from .notifications import read_mute_key, send_confirmation_request

logger = logging.getLogger(__name__)

FORM_TEMPLATE = "articles/comment_form.html"


def _refusal(request, title, message, status, article=None):
    response = render(
        request,
        "articles/comment_refused.html",
        {"title": title, "message": message, "article": article},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _closed(request, article):
    policy = ModerationPolicy.current()
    if policy.is_paused:
        message = policy.pause_message
    else:
        message = "Comments are closed on this article, so your comment was not sent."
    return _refusal(request, "Comments are closed", message, 403, article)


def _form_page(request, form, article, status=200, **context):
    response = render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "article": article,
            "parent": _parent_for(form),
            "preview_text": context.pop("preview_text", ""),
            **context,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _parent_for(form):
    reply_to = form["reply_to"].value()
    try:
        reply_to = int(reply_to or 0)
    except (TypeError, ValueError):
        return None
    if not reply_to:
        return None
    return ArticleComment.objects.visible().filter(pk=reply_to).first()


def _find_article(data):
    """The published article a post is for, or None."""
    if data.get("content_type") != "articles.article":
        return None
    try:
        return Article.objects.published().get(pk=int(data.get("object_pk", "")))
    except (Article.DoesNotExist, TypeError, ValueError):
        return None


@csrf_exempt
@require_POST
def post_comment(request):
    # Readers' article pages are cached whole, so their comment forms carry no
    # CSRF token; an anonymous post has no session to ride on, and the form is
    # signed and time-stamped. Signed-in staff do have one: check theirs.
    if request.user.is_authenticated:
        return _checked_post_comment(request)
    return _post_comment(request)


def _post_comment(request):
    data = request.POST.copy()
    article = _find_article(data)
    if article is None:
        raise Http404("No published article for this comment")
    if not article.comments_are_open():
        return _closed(request, article)

    form = CommentForm(article, data=data)
    security_errors = form.security_errors()
    if "timestamp" in security_errors and "security_hash" not in security_errors:
        # The page was open a long time: give a fresh form, keep their words.
        data.update(CommentForm(article).generate_security_data())
        form = CommentForm(article, data=data)
        form.is_valid()
        return _form_page(request, form, article, status=400, form_expired=True)
    if security_errors:
        return _refusal(
            request,
            "Your comment could not be sent",
            "The form had been changed or was not sent from this site, so we "
            "could not accept it. Go back to the article and write your comment "
            "in the comment box there.",
            400,
            article,
        )
    if form.errors:
        return _form_page(request, form, article, status=400)
    if "preview" in data:
        return _form_page(
            request, form, article, preview_text=form.cleaned_data["comment"]
        )
    action = "reply" if form.cleaned_data["reply_to"] else "comment"
    if too_many(request, action):
        return _form_page(request, form, article, status=429, rate_limited=True)
    if _is_duplicate(article.pk, form.cleaned_data["comment"]):
        form.add_error("comment", DUPLICATE_MESSAGE)
        return _form_page(request, form, article, status=400)

    tmp_comment = form.get_comment_object(site_id=xtd_settings.SITE_ID)
    tmp_comment.ip_address = client_ip(request) or None
    if request.user.is_authenticated:
        tmp_comment.user = request.user

    responses = comment_will_be_posted.send(
        sender=TmpXtdComment, comment=tmp_comment, request=request
    )
    if any(response is False for _receiver, response in responses):
        if not article.comments_are_open():
            return _closed(request, article)
        return _refusal(
            request,
            "Your comment could not be accepted",
            "We do not accept comments from this email address. If you think "
            "this is wrong, contact us using the details in the comments policy.",
            400,
            article,
        )

    if request.user.is_authenticated and request.user.is_staff:
        comment = _publish(tmp_comment, request)
        if comment is None:
            form.add_error("comment", DUPLICATE_MESSAGE)
            return _form_page(request, form, article, status=400)
        return redirect(comment.get_absolute_url())

    try:
        send_confirmation_request(tmp_comment, article)
    except Exception:
        logger.exception("Confirmation e-mail for article %s not sent", article.pk)
        return _form_page(request, form, article, status=503, email_failed=True)
    return redirect("articles:comment-sent", slug=article.slug)


_checked_post_comment = csrf_protect(_post_comment)

DUPLICATE_MESSAGE = (
    "This comment has already been posted on this article. Change it, "
    "or go back to the article to see it"
)


def _is_duplicate(article_id, text):
    return ArticleComment.objects.filter(article_id=article_id, comment=text).exists()


def _publish(tmp_comment, request):
    """Create the comment from its signed form and run xtd's moderation hooks.

    Returns None, storing nothing, if the same text reached the article first
    (a link opened twice at once, a button pressed twice).
    """
    tmp_comment.pop("xtd_comment", None)
    with transaction.atomic():
        # One comment at a time per article, so the duplicate check holds and
        # xtd's two saves (which number the thread) never interleave. SQLite's
        # immediate transactions already let one writer in at a time.
        list(
            Article.objects.select_for_update()
            .filter(pk=tmp_comment.article_id)
            .values_list("pk")
        )
        if _is_duplicate(tmp_comment.article_id, tmp_comment.comment):
            return None
        comment = ArticleComment(**tmp_comment)
        comment.save()
    tmp_comment.xtd_comment = comment
    confirmation_received.send(
        sender=TmpXtdComment, comment=tmp_comment, request=request
    )
    return comment


def comment_sent(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(request, "articles/comment_sent.html", {"article": article})


def confirm(request, key):
    try:
        tmp_comment = signed.loads(key, extra_key=xtd_settings.COMMENTS_XTD_SALT)
    except Exception:  # a bad signature, or a link to something since deleted
        return _refusal(
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
    if not article.comments_are_open():
        return _closed(request, article)
    parent_id = tmp_comment.parent_id
    if parent_id and not (
        ArticleComment.objects.visible().filter(pk=parent_id, article=article).exists()
    ):
        return _refusal(
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
        return _refusal(
            request,
            "Your comment could not be published",
            "We no longer accept comments from this email address.",
            400,
            article,
        )
    comment = None
    if not _is_duplicate(article.pk, tmp_comment.comment):
        comment = _publish(tmp_comment, request)
    if comment is None:
        existing = _confirmed_before(tmp_comment)  # perhaps just now, in parallel
        if existing is not None:
            return _confirmed_page(request, existing, already=True)
        return _refusal(
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
        "articles/comment_confirmed.html",
        {"comment": comment, "article": comment.article, "already": already},
    )
    add_never_cache_headers(response)
    return response


def reply(request, pk):
    parent = get_object_or_404(
        ArticleComment.objects.visible().select_related("article", "perspective"),
        pk=pk,
    )
    article = parent.article
    if not article.is_published:
        raise Http404("The article is not published")
    if not article.comments_are_open():
        return _closed(request, article)
    if not parent.allow_thread():
        return _refusal(
            request,
            "You cannot reply to this comment",
            "Replies cannot go deeper than this. Reply to the comment above it, "
            "or add a new comment at the end of the article.",
            400,
            article,
        )
    form = CommentForm(article, comment=parent)
    return _form_page(request, form, article)


def mute(request, key):
    found = read_mute_key(key)
    if found is None:
        return _refusal(
            request,
            "This link does not work",
            "Check that you copied the whole link from the email.",
            400,
        )
    article_id, email = found
    article = get_object_or_404(Article, pk=article_id)
    ArticleComment.objects.filter(
        article=article, user_email__iexact=email, followup=True
    ).update(followup=False)
    return render(request, "articles/comment_muted.html", {"article": article})


def report(request, pk):
    """Any reader may report a comment; enough reports hold it for a moderator."""
    comment = get_object_or_404(
        ArticleComment.objects.visible().select_related("article"), pk=pk
    )
    if not comment.article.is_published:
        raise Http404("The article is not published")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if too_many(request, "report"):
            return _refusal(
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
            reporter=address_hash(request),
            defaults=form.cleaned_data,
        )
        if created:
            _hold_if_reported_enough(comment, report)
        return render(
            request,
            "articles/comment_reported.html",
            {"comment": comment, "article": comment.article, "already": not created},
        )
    response = render(
        request,
        "articles/comment_report.html",
        {"comment": comment, "article": comment.article, "form": form},
        status=400 if form.errors else 200,
    )
    add_never_cache_headers(response)
    return response


def _hold_if_reported_enough(comment, report):
    report_count = comment.reports.values("reporter").distinct().count()
    is_held = report_count >= settings.REPORTS_TO_HOLD and comment.is_public
    if is_held:
        comment.is_public = False
        comment.held_reason = f"Reported by {report_count} people"
        comment.save(update_fields=["is_public", "held_reason"])
    tell_moderators(
        f"A comment has been reported on {comment.article}",
        "articles/email/moderators_reported.txt",
        {
            "comment": comment,
            "article": comment.article,
            "report": report,
            "report_count": report_count,
            "is_held": is_held,
        },
    )
