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
from django.db.models import Func
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
SNIPPET_OPTIONS = {"max_words": 30, "min_words": 12, "max_fragments": 1}


class EnglishVector(Func):
    """to_tsvector('english', text), written as the GIN indexes on it are."""

    template = "to_tsvector('english'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def article_vector():
    return RawSQL(
        '"articles_article"."search_vector"', [], output_field=SearchVectorField()
    )


def tsquery(query):
    """The parsed Query as a tsquery: each term through websearch_to_tsquery."""

    def term_query(term):
        return SearchQuery(
            websearch_text(term), config="english", search_type="websearch"
        )

    combined = None
    for group in query.groups:
        either = reduce(or_, (term_query(term) for term in group))
        combined = either if combined is None else combined & either
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
    found = (
        Article.objects.published()
        .alias(document=article_vector())
        .filter(document=tsq)
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
        .alias(document=EnglishVector("text"))
        .filter(document=tsq)
        .annotate(
            rank=SearchRank(EnglishVector("text"), tsq),
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
