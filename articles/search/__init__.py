"""Full-text search over published articles and their argument points.

PostgreSQL searches a weighted document per article (A the title; B the
standfirst and the names of the perspectives its points address; C the
introduction and the points) with English stemming; SQLite searches FTS5
tables with the porter stemmer, its columns weighted alike. The database keeps
both current (see the 0007_search migration). This module is the one way in:
it parses the query and asks the backend for the database in use, which
returns the same kinds of result on both.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .query import MAX_QUERY_LENGTH, Query, normalised_query, parse

__all__ = [
    "MAX_QUERY_LENGTH",
    "RESULTS_PER_SECTION",
    "Query",
    "backend",
    "marked",
    "normalised_query",
    "parse",
    "search",
]

RESULTS_PER_SECTION = 20

# Backends mark matches with these private-use characters, which the page
# turns into <mark> only after escaping everything else.
START_MARK = "\ue000"
STOP_MARK = "\ue001"
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


@dataclass(frozen=True)
class ArticleResult:
    url: str
    title: str
    excerpt: str


@dataclass(frozen=True)
class PointResult:
    url: str
    text: str
    perspective: str
    article_title: str


@dataclass(frozen=True)
class Results:
    articles: list
    points: list

    def __len__(self):
        return len(self.articles) + len(self.points)


def backend():
    """The search module for the database in use."""
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


def search(query, limit=RESULTS_PER_SECTION):
    """The best published articles and points for a parsed Query, best first."""
    if not query:
        return Results([], [])
    found = backend()
    return Results(found.articles(query, limit), found.points(query, limit))
