"""Search over published comments, the "Comments" section of search results.

Only comments readers may see, on published articles, and never an erased
one. PostgreSQL matches the text through a GIN index on its to_tsvector();
SQLite through the discussion_comment_fts table, which triggers keep in step
with the comments (migration 0007_comment_search). Whether a comment is shown
is decided at query time, so one published or removed later shows or goes at
once. DiscussionConfig.ready() registers the section with articles.search.
"""

from dataclasses import dataclass

from django.conf import settings

from articles.search import SearchSection, TextIndex, ranked_rows, register_section

from .models import ArticleComment

EXCERPT_WORDS = 30


@dataclass(frozen=True)
class CommentResult:
    url: str
    name: str
    article_title: str
    excerpt: str


def searchable():
    """The comments search may show."""
    return (
        ArticleComment.objects.visible().on_published_articles().filter(is_erased=False)
    )


class CommentSection(SearchSection):
    """Readers' published comments, unless DISCUSSION_SEARCH_COMMENTS is off."""

    verbose_name = "comment"
    verbose_name_plural = "comments"
    finds = "readers’ comments"
    template_name = "discussion/_comment_result.html"
    index = TextIndex("django_comments", "comment", "discussion_comment_fts")

    def is_searched(self):
        return settings.DISCUSSION_SEARCH_COMMENTS

    def search(self, query, limit):
        # the comment's three tables share its id; xtd's adds nothing needed here
        found = ranked_rows(
            self.index,
            query,
            limit,
            columns=[
                "django_comments.id",
                "django_comments.user_name",
                "articles_article.title",
            ],
            joins="""
                JOIN discussion_articlecomment
                    ON discussion_articlecomment.xtdcomment_ptr_id = django_comments.id
                JOIN articles_article
                    ON articles_article.id = discussion_articlecomment.article_id
            """,
            shown=searchable(),
            order_by="django_comments.submit_date DESC",
            excerpt_words=EXCERPT_WORDS,
        )
        return [
            CommentResult(
                url=ArticleComment(pk=pk).get_absolute_url(),
                name=name,
                article_title=title,
                excerpt=excerpt,
            )
            for pk, name, title, excerpt in found
        ]


def register():
    """Adds the comments to search, after the content's sections."""
    register_section(CommentSection())
