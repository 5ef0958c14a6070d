"""Readers can read the discussion by stance, alone or with a perspective or
a point; a stance no link makes goes to the page that shows what there is."""

import pytest

from tests.factories import make_comment
from tests.helpers import article_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def stances(article):
    point = article.points.first()
    make_comment(article, point=point, stance="agree", comment="Yes indeed.")
    make_comment(article, point=point, stance="disagree", comment="Not at all.")
    make_comment(article, comment="No stance here.")
    return point


def test_the_discussion_can_be_read_by_stance(client, article, stances):
    response = client.get(article.get_absolute_url(), {"stance": "disagree"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Not at all." in page
    assert "Yes indeed." not in page and "No stance here." not in page
    assert "whose writers say they disagree with the point" in page


def test_stance_combines_with_a_point(client, article, stances):
    response = client.get(
        article.get_absolute_url(), {"point": stances.pk, "stance": "agree"}
    )

    assert response.status_code == 200
    assert "Yes indeed." in response.content.decode()
    assert "Not at all." not in response.content.decode()


def test_the_stance_links_give_counts(client, article, stances):
    page = article_page(client, article)

    assert 'href="?stance=agree#discussion">Agree (1)' in page
    assert 'href="?stance=mixed#discussion">Mixed views (0)' in page


def test_a_point_with_few_comments_counts_them_exactly(client, article, stances):
    page = article_page(client, article)

    # comments are public: no small-number rule for them
    assert "2 comments<span" in page
    assert "(agree: 1, disagree: 1)" in page


@pytest.mark.parametrize("count, words", [(1, "1 comment"), (3, "3 comments")])
def test_one_comment_is_a_comment(client, article, count, words):
    point = article.points.first()
    for _ in range(count):
        make_comment(article, point=point, stance="mixed")

    page = article_page(client, article)

    assert f">{words}<span" in page
    assert f"(mixed views: {count})" in page


def test_each_point_counts_its_stances_as_the_summary_does(client, article):
    point = article.points.first()
    for stance, count in (("agree", 6), ("disagree", 5), ("mixed", 1)):
        for _ in range(count):
            make_comment(article, point=point, stance=stance)
    make_comment(article, point=point)

    page = article_page(client, article)

    assert "13 comments<span" in page
    assert "(agree: 6, disagree: 5, mixed views: 1)" in page


@pytest.mark.parametrize("forged", ["yes", "AGREE", "agree'--", "x" * 300])
def test_an_unknown_stance_goes_to_the_canonical_page(client, article, stances, forged):
    response = client.get(
        article.get_absolute_url(), {"stance": forged, "point": stances.pk}
    )

    assert response.status_code == 301
    assert response["Location"] == f"{article.get_absolute_url()}?point={stances.pk}"
