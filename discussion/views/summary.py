"""What we heard: an article's summary page, its public CSVs of comments and
of quick answers, and the data dictionary that describes them."""

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import get_text_list

from articles.models import ArgumentPoint, Article, Perspective
from articles.text import shorten

from ..answer_rows import ANSWER_COLUMNS, answer_rows
from ..answers import answer_counts
from ..models import ArticleComment, Stance
from ..normalise import one_line
from ..spreadsheets import safe_cell
from ..summary import summary_of

# Quick answers by point, perspective and answer, in one grouped query.
ANSWER_COUNTS = answer_counts

CSV_COLUMNS = [
    ("id", "The comment's number. Its page is /comments/<id>/."),
    ("date", "When the comment was sent, in ISO 8601 (UTC)."),
    ("name", "The name the commenter chose to show. No email or IP address."),
    ("perspective", "The perspective the commenter wrote from, if they said."),
    (
        "point",
        "The argument point the comment responds to: its number in the article "
        "and the start of its text. Empty for the article as a whole.",
    ),
    (
        "stance",
        f"{get_text_list(Stance.values, 'or')}, if the commenter said; else empty.",
    ),
    ("text", "The comment, as published."),
    ("parent id", "The id of the comment it replies to; empty for a new thread."),
    ("featured", "yes if moderators featured the comment, else no."),
]


def _article_and_points(slug):
    """A published article with its points (and their perspectives): one
    query, or two when the article has no points."""
    points = list(
        ArgumentPoint.objects.select_related("article", "perspective").filter(
            article__in=Article.objects.published().filter(slug=slug)
        )
    )
    if points:
        return points[0].article, points
    return get_object_or_404(Article.objects.published(), slug=slug), []


def summary(request, slug):
    article, points = _article_and_points(slug)
    return render(
        request,
        "discussion/summary.html",
        {
            "article": article,
            "summary": summary_of(article, points, answer_counts=ANSWER_COUNTS),
        },
    )


def data_dictionary(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(
        request,
        "discussion/summary_data.html",
        {
            "article": article,
            "columns": CSV_COLUMNS,
            "answer_columns": ANSWER_COLUMNS,
        },
    )


def answers_csv(request, slug):
    """The quick answers to each point by perspective, shown by the
    small-number rule: the numbers the summary shows, and no others."""
    article, points = _article_and_points(slug)
    rows = answer_rows(points, ANSWER_COUNTS(article), list(Perspective.objects.all()))
    writer = csv.writer(_Echo())
    lines = [writer.writerow([name for name, _description in ANSWER_COLUMNS])]
    lines += [writer.writerow([safe_cell(cell) for cell in row]) for row in rows]
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{article.slug}-answers.csv"'
    )
    return response


class _Echo:
    def write(self, value):
        return value


def comments_csv(request, slug):
    """Every published comment on the article, streamed: no personal data,
    nothing removed or held."""
    article, points = _article_and_points(slug)
    numbered = {
        point.pk: f"{number}. {shorten(point.text, 80)}"
        for number, point in enumerate(points, start=1)
    }
    rows = (
        ArticleComment.objects.visible()
        .filter(article=article)
        .order_by("pk")
        .values_list(
            "pk",
            "submit_date",
            "user_name",
            "perspective__name",
            "point_id",
            "stance",
            "comment",
            "parent_id",
            "is_featured",
        )
    )
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([name for name, _description in CSV_COLUMNS])
        for (
            pk,
            date,
            name,
            perspective,
            point,
            stance,
            text,
            parent,
            featured,
        ) in rows.iterator(chunk_size=2000):
            cells = [
                pk,
                date.isoformat(),
                one_line(name),
                perspective or "",
                numbered.get(point, ""),
                stance,
                text,
                parent if parent != pk else "",
                "yes" if featured else "no",
            ]
            yield writer.writerow([safe_cell(cell) for cell in cells])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{article.slug}-comments.csv"'
    )
    return response
