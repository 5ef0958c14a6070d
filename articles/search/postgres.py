"""Search on PostgreSQL: full-text search with the `english` configuration.

Each article's weighted document is the search_vector column, which triggers
keep current (migration 0007_search) and a GIN index serves; points are
matched on their text through a GIN index on its to_tsvector(). Every term
goes through websearch_to_tsquery(), built from the reader's words alone.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL

from ..models import ArgumentPoint, Article
from . import (
    START_MARK,
    STOP_MARK,
    ArticleResult,
    PointResult,
    article_excerpt,
    marked,
)
from .query import websearch_text

# ts_rank divides by 1 + log(length), so long articles do not win by length
RANK_NORMALISATION = 1
# A common word matches a good share of a large site's rows, and ranking every
# match takes seconds; so does checking a phrase of common words, or a word
# left out, on every row that holds the words. So each section looks at a
# bounded number of the rows that hold every word the reader asked for (the
# GIN index gives those without reading the rows) and ranks those of them
# that match, and a search costs about the same however common its words are.
# Articles are looked at newest first; points and comments in the index's
# order, for the order by date would mean reading every match first.
ARTICLES_EXAMINED = 1_000
ROWS_EXAMINED = 1_000
# how many of the best the query that shows them ranks again and marks up:
# enough that a few hidden or unpublished among them still leave a full page
BEST_KEPT = 50
SNIPPET_OPTIONS = {"max_words": 30, "min_words": 12, "max_fragments": 1}


def stored_vector(table):
    """A table's search_vector column, which PostgreSQL keeps current: for
    articles by triggers (0007_search), for points and comments as generated
    columns (0011_stored_point_vectors, discussion's 0011)."""
    return RawSQL(f'"{table}"."search_vector"', [], output_field=SearchVectorField())


def article_vector():
    return stored_vector("articles_article")


def point_vector():
    return stored_vector("articles_argumentpoint")


def best_matches(queryset, vector, query, *, examined, order_by=()):
    """The ids of the BEST_KEPT best-ranked rows of queryset that match the
    parsed query, among the first `examined` (in order_by's order, else the
    index's) that hold all its words. Read first, on their own, so that the
    query showing them looks up no more than that many rows."""
    exact = tsquery(query)
    holding_words = (
        queryset.order_by(*order_by)
        .annotate(match_id=F("pk"), document=vector)
        .filter(document=tsquery(query, every_word_anywhere=True))
        .values("match_id", "document")[:examined]
    )
    rows_sql, rows_params = holding_words.query.sql_with_params()
    compiler = holding_words.query.get_compiler(connection=connection)
    exact_sql, exact_params = compiler.compile(
        exact.resolve_expression(holding_words.query)
    )
    sql = f"SELECT match_id FROM ({rows_sql}) AS holding_words"
    params = list(rows_params)
    # a row holding every word matches unless there is a phrase or a word left
    # out, and each check reads the vector again
    if query.excluded or any(len(term.words) > 1 for term in query.terms):
        sql += f" WHERE document @@ {exact_sql}"
        params += exact_params
    sql += f" ORDER BY ts_rank(document, {exact_sql}, %s) DESC, match_id DESC LIMIT %s"
    params += [*exact_params, RANK_NORMALISATION, BEST_KEPT]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [match_id for (match_id,) in cursor.fetchall()]


def tsquery(query, every_word_anywhere=False):
    """The parsed Query as a tsquery: each term through websearch_to_tsquery.
    every_word_anywhere gives a looser one, which the GIN index answers on
    its own: each phrase's words in any order and place, nothing left out."""

    def term_query(term):
        if every_word_anywhere:
            return SearchQuery(term.text, config="english", search_type="plain")
        return SearchQuery(
            websearch_text(term), config="english", search_type="websearch"
        )

    combined = None
    for group in query.groups:
        either = reduce(or_, (term_query(term) for term in group))
        combined = either if combined is None else combined & either
    if not every_word_anywhere:
        for term in query.excluded:
            combined &= ~term_query(term)
    return combined


def headline(field, tsq, **options):
    return SearchHeadline(
        field,
        tsq,
        config="english",
        start_sel=START_MARK,
        stop_sel=STOP_MARK,
        **options,
    )


def articles(query, limit):
    tsq = tsquery(query)
    best = best_matches(
        Article.objects.published(),
        article_vector(),
        query,
        examined=ARTICLES_EXAMINED,
        order_by=("-published_at", "-id"),
    )
    found = (
        Article.objects.filter(pk__in=best)
        .annotate(
            rank=SearchRank(article_vector(), tsq, normalization=RANK_NORMALISATION),
            marked_title=headline("title", tsq, highlight_all=True),
            marked_standfirst=headline("standfirst", tsq, highlight_all=True),
            marked_introduction=headline("introduction", tsq, **SNIPPET_OPTIONS),
        )
        .order_by("-rank", "-published_at", "-id")
        .values_list(
            "slug", "marked_title", "marked_standfirst", "marked_introduction"
        )[:limit]
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
    tsq = tsquery(query)
    found = (
        ArgumentPoint.objects.filter(article__in=Article.objects.published())
        .filter(
            pk__in=best_matches(
                ArgumentPoint.objects.all(),
                point_vector(),
                query,
                examined=ROWS_EXAMINED,
            )
        )
        .annotate(
            rank=SearchRank(point_vector(), tsq),
            marked_text=headline("text", tsq, highlight_all=True),
        )
        .order_by("-rank", "-article__published_at", "article_id", "position", "id")
        .values_list(
            "pk", "article__slug", "article__title", "perspective__name", "marked_text"
        )[:limit]
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
