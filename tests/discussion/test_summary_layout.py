"""What we heard, as an analyst reads it: one short paragraph when there
are no views yet, quiet points folded into one list, "Read them" only where
there is something to read, and an intro that reads as a sentence."""

import re

import pytest
from django.urls import reverse

from discussion.views import summary as summary_view
from tests.factories import make_comment
from tests.helpers import main_content

pytestmark = pytest.mark.django_db


def summary(client, article):
    response = client.get(reverse("discussion:summary", args=[article.slug]))
    assert response.status_code == 200
    return main_content(response)


def words(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", html)).strip()


def test_with_no_views_the_summary_is_one_short_paragraph(client, article):
    page = summary(client, article)

    assert "There are no views on this article yet" in page
    assert "<table" not in page
    assert "fewer than 5" not in page
    assert page.count("<p") == 1
    assert len(words(page)) < 300


def test_points_nobody_discussed_are_folded_into_one_list(client, article):
    talked_about, quiet = article.points.all()
    make_comment(article, point=talked_about, stance="agree")

    page = summary(client, article)

    assert page.count('id="quiet-heading">Not yet discussed</h2>') == 1
    folded = page[page.index("Not yet discussed") :]
    assert quiet.text in folded
    assert talked_about.text not in folded
    assert f"<h3>{quiet.text}</h3>" not in page


@pytest.mark.parametrize("comments", [0, 1, 3])
def test_read_them_only_where_there_are_comments(
    client, article, comments, monkeypatch
):
    point, answered = article.points.all()
    for _ in range(comments):
        make_comment(article, point=point)
    monkeypatch.setattr(
        summary_view,
        "ANSWER_COUNTS",
        lambda article: {(answered.pk, None, "agree"): 7},
    )

    page = summary(client, article)

    links = re.findall(r'\?point=(\d+)#discussion">Read them', page)
    assert links == ([str(point.pk)] if comments else [])
    assert f"<h3>{answered.text}</h3>" in page
    assert "No comments on this point." in page


@pytest.mark.parametrize(
    "comments, answers, intro",
    [
        (1, 0, "1 published comment and no quick answers, by perspective and point."),
        (3, 2, "3 published comments and fewer than 5 quick answers, by"),
        (0, 9, "No published comments and 9 quick answers, by perspective"),
    ],
)
def test_the_intro_is_a_sentence_in_sentence_case(
    client, article, monkeypatch, comments, answers, intro
):
    point = article.points.first()
    for _ in range(comments):
        make_comment(article, point=point)
    monkeypatch.setattr(
        summary_view,
        "ANSWER_COUNTS",
        lambda article: {(point.pk, None, "unsure"): answers} if answers else {},
    )

    page = summary(client, article)

    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)
    assert lead.startswith(intro)
    assert lead[0].isupper() or lead[0].isdigit()
