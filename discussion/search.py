"""Search over published comments, the "Comments" section of search results.

Only comments readers may see, on published articles, and never an erased
one. PostgreSQL matches the text through a GIN index on its to_tsvector();
SQLite through the discussion_comment_fts table, which triggers keep in step
with the comments (migration 0007_comment_search). Whether a comment is shown
is decided at query time, so one published or removed later shows or goes at
once.
"""

from dataclasses import dataclass

from django.db import connection

from articles.search import (
    RESULTS_PER_SECTION,
    START_MARK,
    STOP_MARK,
    marked,
)
from articles.search.query import fts5_query

from .models import ArticleComment

SNIPPET_WORDS = 30


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


def search_comments(query, limit=RESULTS_PER_SECTION):
    """The best comments for a parsed articles.search Query, best first."""
    if not query:
        return []
    found = _postgres if connection.vendor == "postgresql" else _sqlite
    return [
        CommentResult(
            url=ArticleComment(pk=pk).get_absolute_url(),
            name=name,
            article_title=title,
            excerpt=marked(excerpt),
        )
        for pk, name, title, excerpt in found(query, limit)
    ]


def _postgres(query, limit):
    from articles.search.postgres import (
        ROWS_EXAMINED,
        best_matches_sql,
        fetch,
        headline_sql,
        where_of,
    )

    best, best_params = best_matches_sql(
        "django_comments", query, examined=ROWS_EXAMINED
    )
    excerpt, excerpt_params = headline_sql(
        "django_comments.comment",
        query,
        MaxWords=SNIPPET_WORDS,
        MinWords=12,
        MaxFragments=2,
        FragmentDelimiter=" … ",
    )
    shown, shown_params = where_of(searchable())
    # the comment's three tables share its id; xtd's adds nothing needed here
    return fetch(
        f"""
        WITH best AS MATERIALIZED ({best})
        SELECT django_comments.id, django_comments.user_name, articles_article.title,
            {excerpt}
        FROM best
        JOIN django_comments ON django_comments.id = best.id
        JOIN discussion_articlecomment
            ON discussion_articlecomment.xtdcomment_ptr_id = best.id
        JOIN articles_article
            ON articles_article.id = discussion_articlecomment.article_id
        WHERE {shown}
        ORDER BY best.rank DESC, django_comments.submit_date DESC
        LIMIT %s
        """,
        [*best_params, *excerpt_params, *shown_params, limit],
    )


def _sqlite(query, limit):
    shown, shown_params = searchable().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT c.id, c.user_name, a.title,
                snippet(discussion_comment_fts, 0, %s, %s, '…', {SNIPPET_WORDS})
            FROM discussion_comment_fts
            JOIN django_comments c ON c.id = discussion_comment_fts.rowid
            JOIN discussion_articlecomment ac ON ac.xtdcomment_ptr_id = c.id
            JOIN articles_article a ON a.id = ac.article_id
            WHERE discussion_comment_fts MATCH %s AND c.id IN ({shown})
            ORDER BY bm25(discussion_comment_fts), c.submit_date DESC
            LIMIT %s
            """,
            [START_MARK, STOP_MARK, fts5_query(query), *shown_params, limit],
        )
        return cursor.fetchall()
