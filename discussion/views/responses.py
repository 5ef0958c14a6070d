"""The pages every step of the discussion may answer with. None is cached:
each is about one reader's comment."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from ..models import ArticleComment, Ban, ModerationPolicy

FORM_TEMPLATE = "discussion/comment_form.html"


def refusal(request, title, message, status, article=None):
    """A clear page saying why a comment, reply or report was not taken."""
    response = render(
        request,
        "discussion/comment_refused.html",
        {"title": title, "message": message, "article": article},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def banned(request, article, email):
    """The commenter is banned or suspended: say so, until when, and why."""
    ban = Ban.objects.on(email)
    if ban is None:  # lifted a moment ago: nothing to say but try again
        return refusal(
            request,
            "Your comment could not be sent",
            "Go back to the article and send your comment again.",
            409,
            article,
        )
    response = render(
        request,
        "discussion/comment_banned.html",
        {"ban": ban, "article": article},
        status=403,
    )
    add_never_cache_headers(response)
    return response


def closed(request, article):
    """Comments are closed on the article, or paused site-wide."""
    policy = ModerationPolicy.current()
    if policy.is_paused:
        message = policy.pause_message
    else:
        message = "Comments are closed on this article, so your comment was not sent."
    return refusal(request, "Comments are closed", message, 403, article)


def form_page(request, form, article, status=200, **context):
    """The comment form on a page of its own, keeping what the reader typed."""
    response = render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "article": article,
            "parent": _parent_for(form),
            "preview": context.pop("preview", None),
            **context,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _parent_for(form):
    """The comment being replied to, if the form names one that exists."""
    if "reply_to" in form.errors:
        return None
    try:
        reply_to = int(form["reply_to"].value() or 0)
    except (TypeError, ValueError):
        return None
    if not reply_to:
        return None
    return ArticleComment.objects.visible().filter(pk=reply_to).first()
