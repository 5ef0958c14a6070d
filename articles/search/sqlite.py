"""Search on SQLite: FTS5 tables with the porter stemmer, ranked by bm25().

articles_article_fts has one row per article (rowid = its id) with the
columns title, standfirst, perspectives, introduction and points;
articles_argumentpoint_fts one per point, with its text. Triggers keep both
current (migration 0007_search). bm25() weighs the columns as PostgreSQL
weighs A, B and C.
"""

from django.db import connection

from ..models import ArgumentPoint, Article
from . import (
    START_MARK,
    STOP_MARK,
    ArticleResult,
    PointResult,
    article_excerpt,
    marked,
)
from .query import fts5_query

# title (A); standfirst and perspectives (B); introduction and points (C)
ARTICLE_WEIGHTS = "10.0, 4.0, 4.0, 2.0, 2.0"
SNIPPET_WORDS = 24


def published_ids():
    """The SQL and parameters for the ids of published articles."""
    return Article.objects.published().values("pk").query.sql_with_params()


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def articles(query, limit):
    published, published_params = published_ids()
    found = rows(
        f"""
        SELECT a.slug, highlight(articles_article_fts, 0, %s, %s),
            highlight(articles_article_fts, 1, %s, %s),
            snippet(articles_article_fts, 3, %s, %s, '…', {SNIPPET_WORDS})
        FROM articles_article_fts
        JOIN articles_article a ON a.id = articles_article_fts.rowid
        WHERE articles_article_fts MATCH %s AND a.id IN ({published})
        ORDER BY bm25(articles_article_fts, {ARTICLE_WEIGHTS}),
            a.published_at DESC, a.id DESC
        LIMIT %s
        """,
        [*[START_MARK, STOP_MARK] * 3, fts5_query(query), *published_params, limit],
    )
    return [
        ArticleResult(
            url=Article(slug=slug).get_absolute_url(),
            title=marked(title),
            excerpt=article_excerpt(standfirst, introduction),
        )
        for slug, title, standfirst, introduction in found
    ]


def points(query, limit):
    published, published_params = published_ids()
    found = rows(
        f"""
        SELECT p.id, a.slug, a.title, pe.name,
            highlight(articles_argumentpoint_fts, 0, %s, %s)
        FROM articles_argumentpoint_fts
        JOIN articles_argumentpoint p ON p.id = articles_argumentpoint_fts.rowid
        JOIN articles_article a ON a.id = p.article_id
        JOIN articles_perspective pe ON pe.id = p.perspective_id
        WHERE articles_argumentpoint_fts MATCH %s AND p.article_id IN ({published})
        ORDER BY bm25(articles_argumentpoint_fts), a.published_at DESC,
            p.article_id, p.position, p.id
        LIMIT %s
        """,
        [START_MARK, STOP_MARK, fts5_query(query), *published_params, limit],
    )
    return [
        PointResult(
            url=ArgumentPoint(pk=pk, article=Article(slug=slug)).get_absolute_url(),
            text=marked(text),
            perspective=perspective,
            article_title=title,
        )
        for pk, slug, title, perspective, text in found
    ]
