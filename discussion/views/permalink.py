"""A comment's own address, which leads to where the article shows it."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from ..models import ArticleComment
from ..thread_queries import page_of


def comment_permalink(request, pk):
    """Where a comment is: its article, on the page of the discussion showing it."""
    comment = get_object_or_404(ArticleComment.objects.select_related("article"), pk=pk)
    article = comment.article
    if not article.is_published:
        raise Http404("The article is not published")
    page = page_of(comment)
    if page is None:
        raise Http404("The comment is not shown")
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{article.get_absolute_url()}{query}#{comment.anchor}")
