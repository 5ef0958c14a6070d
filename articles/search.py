"""Plain word search over published articles and their argument points.

Every word must appear (case-insensitive) for a match. Works the same on
SQLite and PostgreSQL, which is all a site of this size needs.
"""

import re

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import ArgumentPoint, Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_RESULTS = 50
EXCERPT_RADIUS = 90


def words_of(query):
    """The searchable words in a query: letters and digits only, at most eight."""
    return re.findall(r"\w+", query[:MAX_QUERY_LENGTH])[:MAX_WORDS]


def _all_words_in(fields, words):
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def search(words):
    """Published articles and points that contain every word."""
    article_fields = [
        "title",
        "standfirst",
        "introduction",
        "attribution",
        "points__perspective__name",
    ]
    articles = (
        Article.objects.published()
        .filter(_all_words_in(article_fields, words))
        .distinct()
    )
    points = (
        ArgumentPoint.objects.filter(article__in=Article.objects.published())
        .filter(_all_words_in(["text", "perspective__name"], words))
        .select_related("article", "perspective")
        .order_by("-article__published_at", "article_id", "position")
    )
    return list(articles[:MAX_RESULTS]), list(points[:MAX_RESULTS])


def highlight(text, words, radius=EXCERPT_RADIUS):
    """An escaped excerpt of text around the first match, matches in <mark>."""
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = 0
    end = len(text)
    if first and len(text) > 2 * radius:
        start = max(0, first.start() - radius)
        end = min(len(text), first.end() + radius)
    excerpt = text[start:end]
    pieces = []
    position = 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
