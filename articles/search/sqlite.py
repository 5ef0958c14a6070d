"""Search on SQLite: FTS5 tables with the porter stemmer, ranked by bm25().

articles_article_fts has one row per article (rowid = its id) with the
columns title, standfirst, perspectives, introduction and points;
articles_argumentpoint_fts one per point, with its text and its
perspective's names, and discussion's
discussion_comment_fts one per comment. Triggers keep them current
(migration 0007_search, and discussion's 0007_comment_search). bm25() weighs
the article's columns as PostgreSQL weighs A, B and C.
"""

from django.db import connection

from ..models import Article
from .query import fts5_query
from .sql import START_MARK, STOP_MARK, where_of
from .suggestions import CANDIDATES, MIN_SIMILARITY, trigram_similarity

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
    """The slug, title, standfirst, introduction and author's name of the
    best published articles, best first, their matches marked (the
    introduction's best part)."""
    published, published_params = published_ids()
    return rows(
        f"""
        SELECT a.slug, highlight(articles_article_fts, 0, %s, %s),
            highlight(articles_article_fts, 1, %s, %s),
            snippet(articles_article_fts, 3, %s, %s, '…', {SNIPPET_WORDS}),
            coalesce(au.name, '')
        FROM articles_article_fts
        JOIN articles_article a ON a.id = articles_article_fts.rowid
        LEFT JOIN articles_author au ON au.id = a.author_id
        WHERE articles_article_fts MATCH %s AND a.id IN ({published})
        ORDER BY bm25(articles_article_fts, {ARTICLE_WEIGHTS}),
            a.published_at DESC, a.id DESC
        LIMIT %s
        """,
        [*[START_MARK, STOP_MARK] * 3, fts5_query(query), *published_params, limit],
    )


def ranked_rows(index, query, limit, *, columns, joins, shown, order_by, excerpt_words):
    """See articles.search.ranked_rows: here shown is its WHERE clause and
    parameters, and columns one string."""
    fts = index.fts_table
    weights = "".join(f", {float(weight)}" for weight in index.fts_weights)
    if excerpt_words is None:
        excerpt = f"highlight({fts}, 0, %s, %s)"
    else:
        excerpt = f"snippet({fts}, 0, %s, %s, '…', {int(excerpt_words)})"
    shown_sql, shown_params = shown
    return rows(
        f"""
        SELECT {columns}, {excerpt}
        FROM {fts}
        JOIN {index.table} ON {index.table}.id = {fts}.rowid
        {joins}
        WHERE {fts} MATCH %s AND {shown_sql}
        ORDER BY bm25({fts}{weights}), {order_by}
        LIMIT %s
        """,
        [START_MARK, STOP_MARK, fts5_query(query), *shown_params, limit],
    )


def nearest_words(asked):
    """For each (word, other spelling): the word, whether a published
    article holds it (or its other spelling, or a word of the same stem), and
    the most similar words starting with the same letter that a published
    article holds, in one query."""
    connection.ensure_connection()
    connection.connection.create_function(
        "trigram_similarity", 2, trigram_similarity, deterministic=True
    )
    published, published_params = where_of(Article.objects.published())
    one_word = f"""
        SELECT %s,
            EXISTS (
                SELECT 1 FROM articles_article_fts
                JOIN articles_article
                    ON articles_article.id = articles_article_fts.rowid
                WHERE articles_article_fts MATCH %s AND {published}
            ),
            (
                SELECT group_concat(term, ' ') FROM (
                    SELECT vocabulary.term AS term
                    FROM articles_searchword_vocab AS vocabulary
                    WHERE vocabulary.term >= %s AND vocabulary.term < %s
                    AND length(vocabulary.term) BETWEEN %s AND %s
                    AND trigram_similarity(vocabulary.term, %s) >= %s
                    AND EXISTS (
                        SELECT 1 FROM articles_searchword_instance AS instance
                        JOIN articles_article ON articles_article.id = instance.doc
                        WHERE instance.term = vocabulary.term AND {published}
                    )
                    ORDER BY trigram_similarity(vocabulary.term, %s) DESC,
                        vocabulary.doc DESC, vocabulary.term
                    LIMIT %s
                )
            )
    """
    params = []
    for word, other in asked:
        first = word[0]
        params += [
            word,
            f'"{word}" OR "{other}"',
            *published_params,
            first,
            first + "\U0010ffff",
            len(word) - 2,
            len(word) + 2,
            word,
            MIN_SIMILARITY,
            *published_params,
            word,
            CANDIDATES,
        ]
    found = rows(" UNION ALL ".join([one_word] * len(asked)), params)
    return [(word, known, (nearby or "").split()) for word, known, nearby in found]
