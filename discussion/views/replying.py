"""The reply page: the comment form under the comment it answers."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from ..forms import CommentForm
from ..models import ArticleComment
from ..moderation import comments_are_open
from .responses import closed, form_page, refusal


@require_safe  # the form on this page posts to "post"
def reply(request, pk):
    parent = get_object_or_404(
        ArticleComment.objects.visible().select_related("article", "perspective"),
        pk=pk,
    )
    article = parent.article
    if not article.is_published:
        raise Http404("The article is not published")
    if not comments_are_open(article):
        return closed(request, article)
    if not parent.allow_thread():
        return refusal(
            request,
            "You cannot reply to this comment",
            "Replies cannot go deeper than this. Reply to the comment above it, "
            "or add a new comment at the end of the article.",
            400,
            article,
        )
    form = CommentForm(article, comment=parent)
    return form_page(request, form, article)
