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


def test_a_point_with_few_comments_says_fewer_than_5_and_no_stances(
    client, article, stances
):
    page = article_page(client, article)

    assert "Fewer than 5 comments<span" in page
    assert "(agree:" not in page


def test_each_point_counts_its_stances_as_the_summary_does(client, article):
    point = article.points.first()
    for stance, count in (("agree", 6), ("disagree", 5), ("mixed", 7)):
        for _ in range(count):
            make_comment(article, point=point, stance=stance)
    make_comment(article, point=point)

    page = article_page(client, article)

    # 19 less 6, 5 and 7 would give away the one comment without a stance
    assert "5 or more comments<span" in page
    assert "(agree: 6, disagree: 5, mixed views: 7)" in page
    assert "19 comments<span" not in page


def test_a_points_comments_are_counted_exactly_when_none_is_hidden(client, article):
    point = article.points.first()
    for stance in ("agree", "mixed"):
        for _ in range(5):
            make_comment(article, point=point, stance=stance)

    page = article_page(client, article)

    assert "10 comments<span" in page
    assert "(agree: 5, mixed views: 5)" in page


@pytest.mark.parametrize("forged", ["yes", "AGREE", "agree'--", "x" * 300])
def test_an_unknown_stance_goes_to_the_canonical_page(client, article, stances, forged):
    response = client.get(
        article.get_absolute_url(), {"stance": forged, "point": stances.pk}
    )

    assert response.status_code == 301
    assert response["Location"] == f"{article.get_absolute_url()}?point={stances.pk}"
