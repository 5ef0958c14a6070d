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
# A common word matches a good share of a large site's points and comments,
# and ranking every match takes seconds. They are ranked among the first this
# many the GIN index gives, so a search costs about the same however common
# its words are. (Articles' stored vectors rank fast enough as they are.)
CANDIDATES = 1000
SNIPPET_OPTIONS = {"max_words": 30, "min_words": 12, "max_fragments": 1}


class EnglishVector(Func):
    """to_tsvector('english', text), written as the GIN indexes on it are."""

    template = "to_tsvector('english'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def article_vector():
    return RawSQL(
        '"articles_article"."search_vector"', [], output_field=SearchVectorField()
    )


def candidates(queryset, vector, tsq):
    """The ids of at most CANDIDATES rows matching, straight from the index:
    read first, on their own, so the query that ranks them looks up no more
    than that many rows."""
    return list(
        queryset.alias(document=vector)
        .filter(document=tsq)
        .values_list("pk", flat=True)[:CANDIDATES]
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
        .filter(
            pk__in=candidates(ArgumentPoint.objects.all(), EnglishVector("text"), tsq)
        )
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
