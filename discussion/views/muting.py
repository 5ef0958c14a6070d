"""Stopping follow-up e-mails from the link in one of them."""

from django.shortcuts import get_object_or_404, render

from articles.models import Article

from ..models import ArticleComment
from ..notifications import read_mute_key
from .responses import refusal


def mute(request, key):
    found = read_mute_key(key)
    if found is None:
        return refusal(
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
    return render(request, "discussion/comment_muted.html", {"article": article})
