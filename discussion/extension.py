"""What the discussion adds to the content's pages (articles/extensions.py),
registered from DiscussionConfig.ready()."""

from articles.extensions import ContentExtension

from .models import ArticleComment
from .models.counts import comments_on
from .section import discussion_section


class DiscussionExtension(ContentExtension):
    def article_section(self, article, query):
        return discussion_section(article, query)

    def annotate_articles(self, articles):
        """Each article's comment_count: the comments readers see."""
        counts = comments_on(articles)
        for article in articles:
            article.comment_count = counts.get(article.pk, 0)

    def annotate_perspectives(self, perspectives, articles):
        """Each perspective's comment_count on these articles."""
        counts = comments_on(articles, by="perspective")
        for perspective in perspectives:
            perspective.comment_count = counts.get(perspective.pk, 0)

    def perspective_page(self, perspective):
        """The latest comments written from the perspective."""
        latest = (
            ArticleComment.objects.visible()
            .on_published_articles()
            .filter(perspective=perspective)
            .select_related("article")
            .order_by("-submit_date")[:10]
        )
        return {"latest_comments": latest}
