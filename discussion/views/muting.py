"""Stopping follow-up e-mails from the link in one of them.

Opening the link shows a button; pressing it (POST) stops the e-mails. Mail
clients' one-click unsubscribe (RFC 8058) posts to the same address.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.models import Article

from ..models import ArticleComment
from ..notifications import followers_matching, read_mute_key
from .responses import refusal


# The signed key in the link is the secret; mail clients post without a session.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def mute(request, key):
    found = read_mute_key(key)
    if found is None:
        return refusal(
            request,
            "This link does not work",
            "Check that you copied the whole link from the email.",
            400,
        )
    article_id, follower = found
    article = get_object_or_404(Article, pk=article_id)
    template = "discussion/comment_mute.html"
    if request.method == "POST":
        for email in followers_matching(article_id, follower):
            ArticleComment.objects.filter(
                article=article, user_email__iexact=email, followup=True
            ).update(followup=False)
        template = "discussion/comment_muted.html"
    response = render(request, template, {"article": article})
    add_never_cache_headers(response)
    return response
