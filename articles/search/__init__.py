"""Full-text search: the one way in, for every section of the results.

PostgreSQL searches a weighted document per article (A the title; B the
standfirst and the names of the perspectives its points address; C the
introduction and the points) with English stemming; SQLite searches FTS5
tables with the porter stemmer, its columns weighted alike. The database keeps
both current (see the 0007_search migration).

Each kind of thing found is a section (registry.py): the content registers
articles and points here, and another app registers its own section from its
AppConfig.ready(). search() asks every section, and a section that searches a
table of its own runs its query through ranked_rows(), which asks the backend
for the database in use; no section reaches into a backend.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import ArgumentPoint, Article
from . import postgres, sqlite
from .query import MAX_QUERY_LENGTH, Query, normalised_query, parse
from .registry import SearchSection, register_section, sections
from .spellings import with_other_spellings
from .sql import START_MARK, STOP_MARK, where_of
from .suggestions import suggestion

__all__ = [
    "MAX_QUERY_LENGTH",
    "RESULTS_PER_SECTION",
    "Query",
    "SearchSection",
    "TextIndex",
    "marked",
    "normalised_query",
    "parse",
    "ranked_rows",
    "register_section",
    "search",
    "sections",
    "suggested_search",
]

RESULTS_PER_SECTION = 20

# Backends mark matches with these private-use characters, which the page
# turns into <mark> only after escaping everything else.
_MARKED = re.compile(f"{START_MARK}([^{START_MARK}{STOP_MARK}]*){STOP_MARK}")


def marked(text):
    """Text from a backend, HTML-escaped, its matches wrapped in <mark>."""
    html = _MARKED.sub(r"<mark>\1</mark>", str(escape(text or "")))
    return mark_safe(html.replace(START_MARK, "").replace(STOP_MARK, ""))


def article_excerpt(standfirst, introduction):
    """The standfirst, and the part of the introduction that matched if any."""
    if START_MARK in (introduction or ""):
        return marked(f"{standfirst} … {introduction.lstrip('… ')}")
    return marked(standfirst)


def backend():
    """The search module for the database in use."""
    return postgres if connection.vendor == "postgresql" else sqlite


@dataclass(frozen=True)
class TextIndex:
    """A table searched by one text column: on PostgreSQL through the
    table's search_vector column, on SQLite through an FTS5 table holding the
    text as its first column, its rowid the row's id. fts_weights weighs the
    FTS5 table's columns for bm25() when it has more than one."""

    table: str
    column: str
    fts_table: str
    fts_weights: tuple = ()


def ranked_rows(
    index, query, limit, *, columns, joins, shown, order_by, excerpt_words=None
):
    """The best rows of index for a parsed Query that readers may see, best
    first, at most limit: each row the columns asked for (SQL naming tables
    as they are, with the joins that reach them), then the text with its
    matches marked, all of it or an excerpt of about excerpt_words. shown is a
    queryset of the index's rows saying which readers may see; order_by
    breaks ties in rank."""
    found = backend().ranked_rows(
        index,
        query,
        limit,
        columns=", ".join(columns),
        joins=joins,
        shown=where_of(shown),
        order_by=order_by,
        excerpt_words=excerpt_words,
    )
    return [(*row[:-1], marked(row[-1])) for row in found]


@dataclass(frozen=True)
class Found:
    """One section's results."""

    section: SearchSection
    results: list

    def __len__(self):
        return len(self.results)

    @property
    def counted(self):
        """How many were found, in words: "1 comment", "20 comments"."""
        count = len(self.results)
        noun = self.section.verbose_name
        return f"{count} {noun if count == 1 else self.section.verbose_name_plural}"


@dataclass(frozen=True)
class Results:
    """Every section searched, in order, with what each found."""

    sections: list

    def __len__(self):
        return sum(len(found) for found in self.sections)


def search(query, limit=RESULTS_PER_SECTION):
    """What every section finds for a parsed Query, best first in each, its
    words in British or American spelling alike."""
    widened = with_other_spellings(query)
    return Results(
        [
            Found(section, section.search(widened, limit) if query else [])
            for section in sections()
        ]
    )


def suggested_search(typed, query, results):
    """ "Did you mean": a search to offer instead of typed (the normalised
    query, parsed as query) when its Results are few, or None; at most one
    query."""
    return suggestion(typed, query, len(results), backend())


@dataclass(frozen=True)
class ArticleResult:
    url: str
    title: str
    excerpt: str
    author: str = ""


class ArticleSection(SearchSection):
    """Published articles, by their weighted document."""

    verbose_name = "article"
    verbose_name_plural = "articles"
    finds = "articles"
    template_name = "articles/_article_result.html"

    def search(self, query, limit):
        return [
            ArticleResult(
                url=Article(slug=slug).get_absolute_url(),
                title=marked(title),
                excerpt=article_excerpt(standfirst, introduction),
                author=author,
            )
            for slug, title, standfirst, introduction, author in backend().articles(
                query, limit
            )
        ]


@dataclass(frozen=True)
class PointResult:
    url: str
    text: str
    perspective: str
    article_title: str


class PointSection(SearchSection):
    """The points of published articles."""

    verbose_name = "point"
    verbose_name_plural = "points"
    finds = "the points they make"
    template_name = "articles/_point_result.html"
    # the point's words above its perspective's names, as on PostgreSQL
    index = TextIndex(
        "articles_argumentpoint",
        "text",
        "articles_argumentpoint_fts",
        fts_weights=(10.0, 1.0),
    )

    def search(self, query, limit):
        found = ranked_rows(
            self.index,
            query,
            limit,
            columns=[
                "articles_argumentpoint.id",
                "articles_article.slug",
                "articles_article.title",
                "articles_perspective.name",
            ],
            joins="""
                JOIN articles_article
                    ON articles_article.id = articles_argumentpoint.article_id
                JOIN articles_perspective
                    ON articles_perspective.id = articles_argumentpoint.perspective_id
            """,
            shown=ArgumentPoint.objects.filter(article__in=Article.objects.published()),
            order_by="""articles_article.published_at DESC,
                articles_argumentpoint.article_id, articles_argumentpoint.position,
                articles_argumentpoint.id""",
        )
        return [
            PointResult(
                url=ArgumentPoint(pk=pk, article=Article(slug=slug)).get_absolute_url(),
                text=text,
                perspective=perspective,
                article_title=title,
            )
            for pk, slug, title, perspective, text in found
        ]


register_section(ArticleSection())
register_section(PointSection())
