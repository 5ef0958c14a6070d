"""Counts and bylines read as sentences: no stray punctuation after a
count, and a byline names its author once, in a sentence that works
whatever the article's state."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_comment
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [0, 1, 2, 7])
@pytest.mark.parametrize("with_perspective", [False, True])
def test_the_comment_count_has_no_stray_punctuation(
    client, article, councillors, count, with_perspective
):
    for _ in range(count):
        make_comment(article, perspective=councillors if with_perspective else None)

    page = html(client.get(article.get_absolute_url()))

    counted = re.search(r'<p class="discussion__count">(.*?)</p>', page).group(1)
    assert counted == f"{count} comment{'' if count == 1 else 's'}"


def test_no_count_on_a_page_is_followed_by_a_colon(client, article, councillors):
    make_comment(article, perspective=councillors)

    words = text_of(html(client.get(article.get_absolute_url())))

    assert not re.search(r"\b\d+ (comment|point|answer|result)s?:", words)


def byline(client, article):
    page = html(client.get(article.get_absolute_url()))
    return text_of(re.search(r'<p class="meta">(.*?)</p>', page, re.S).group(1))


@pytest.mark.parametrize(
    ("status", "days", "expected"),
    [
        ("draft", -1, "By Richard Vize · Draft – not published yet"),
        ("published", 2, "By Richard Vize · Scheduled for"),
    ],
)
def test_an_unpublished_articles_byline_reads_as_a_sentence(
    editor_client, status, days, expected
):
    article = make_article(
        status=status,
        author=make_author(name="Richard Vize"),
        published_at=timezone.now() + timedelta(days=days),
    )

    shown = byline(editor_client, article)

    assert shown.startswith(expected)
    assert "published by" not in shown and "yet by" not in shown


def test_a_published_articles_byline_says_when_and_by_whom(client):
    article = make_article(author=make_author(name="Richard Vize"))

    shown = byline(client, article)

    assert re.fullmatch(r"Published \d{1,2} \w+ \d{4} by Richard Vize", shown)
    assert article.status == Article.Status.PUBLISHED
