from django.conf import settings
from django.shortcuts import get_object_or_404

from articles.models import Article
from insight.site import SiteFeed, absolute_url

from .models import ArticleComment
from .normalise import one_line
from .text import comment_text


class LatestCommentsFeed(SiteFeed):
    """The latest published comments across Insight."""

    title = f"{settings.SITE_NAME}: latest comments"
    description = "The latest comments from readers of Insight."

    def items(self):
        return self.published_comments()[:30]

    def published_comments(self):
        return (
            ArticleComment.objects.visible()
            .on_published_articles()
            .select_related("article", "perspective")
            .order_by("-submit_date")
        )

    def item_title(self, item):
        return f"{one_line(item.user_name)} on {item.article.title}"

    def item_description(self, item):
        # Feed readers show descriptions as HTML: comment text is plain text,
        # so it goes escaped, as the article page shows it.
        return comment_text(item.comment)

    def item_pubdate(self, item):
        return item.submit_date

    def item_author_name(self, item):
        return one_line(item.user_name)


class ArticleCommentsFeed(LatestCommentsFeed):
    """The latest published comments on one article."""

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article):
        return f"Comments on {article.title}"

    def description(self, article):
        return f"The latest comments on {article.title}."

    def link(self, article):
        return absolute_url(article.get_absolute_url())

    def items(self, article):
        return self.published_comments().filter(article=article)[:30]
