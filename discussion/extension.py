"""What the discussion adds to the content's pages (articles/extensions.py),
registered from DiscussionConfig.ready()."""

from articles.extensions import ContentExtension
from pagecache.pages import page_number, slug, whole_number

from .models import ArticleComment
from .models.counts import comments_on
from .page_versions import EVERY_DISCUSSION, discussion_of
from .section import (
    DiscussionSection,
    discussion_section,
    one_of_the_stances,
    preview_section,
)


class DiscussionExtension(ContentExtension):
    # an article page's query: the discussion filtered by a perspective or a
    # point and a stance, a page of it, or a point to respond to
    article_params = {
        "perspective": slug,
        "point": whole_number,
        "stance": one_of_the_stances,
        "page": page_number,
        "respond": whole_number,
    }
    article_versions = (discussion_of("{slug}"),)
    # lists count each article's comments
    list_versions = (EVERY_DISCUSSION,)

    def article_query(self, linked):
        return DiscussionSection.linked_query(linked)

    def article_section(self, article, query):
        return discussion_section(article, query)

    def preview_section(self, article):
        return preview_section(article)

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
