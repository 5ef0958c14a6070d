"""Hostile posts to the admin's Preview: every one gives a page and saves
nothing."""

import pytest

from articles.models import ArgumentPoint, Article, Topic
from tests.factories import make_article
from tests.helpers import XSS, article_form, html

pytestmark = pytest.mark.django_db

ADD_PREVIEW = "/admin/articles/article/preview/"
SCRIPT = "<script>alert(1)</script>"
TEXT_FIELDS = [
    "title",
    "slug",
    "standfirst",
    "introduction",
    "attribution",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
    "topics",
    "author",
    "status",
    "published_at_0",
    "published_at_1",
    "related_articles",
]


def nothing_saved():
    assert not Article.objects.exists()
    assert not ArgumentPoint.objects.exists()
    assert not Topic.objects.exists()


@pytest.mark.parametrize(
    "total", ["99999999999999999999", "100000", "-5", "abc", "", "1e9", "٤٢"]
)
def test_any_number_of_points_claimed_gives_a_page(editors_client, perspective, total):
    data = article_form(points=[("A real point", perspective)])
    data["points-TOTAL_FORMS"] = total
    response = editors_client.post(ADD_PREVIEW, data)
    assert response.status_code == 200
    nothing_saved()


@pytest.mark.parametrize(
    "perspective_id",
    ["abc", "-1", "0", "999999", "99999999999999999999", "٤٢", "1e3", "", " 1"],
)
def test_a_point_with_a_perspective_that_does_not_exist_is_left_out(
    editors_client, perspective, perspective_id
):
    data = article_form(points=[("Kept", perspective), ("Odd one", perspective)])
    data["points-1-perspective"] = perspective_id
    data["points-1-position"] = "99999999999999999999999"
    response = editors_client.post(ADD_PREVIEW, data)
    assert response.status_code == 200
    page = html(response)
    assert "Kept" in page
    assert "Odd one" not in page
    assert "Points with no perspective chosen are left out." in page
    nothing_saved()


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("attack", XSS[:6])
def test_markup_in_any_field_is_shown_as_text(editors_client, field, attack):
    data = article_form() | {field: attack}
    response = editors_client.post(ADD_PREVIEW, data)
    assert response.status_code == 200
    assert attack not in html(response)
    nothing_saved()


def test_markup_in_a_point_is_shown_as_text(editors_client, perspective):
    data = article_form(points=[(SCRIPT, perspective)])
    page = html(editors_client.post(ADD_PREVIEW, data))
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


def test_a_slug_the_site_could_not_link_to_still_gives_a_preview(editors_client):
    for slug in ["", "../admin", "a b", "ü" * 3, "x" * 5000]:
        data = article_form(slug=slug)
        assert editors_client.post(ADD_PREVIEW, data).status_code == 200


def test_related_articles_and_an_author_that_do_not_exist_are_left_out(
    editors_client,
):
    published = make_article(title="A published neighbour")
    data = article_form(author="99999999999999999999")
    data["related_articles"] = ["abc", "99999999999", str(published.pk)]
    response = editors_client.post(ADD_PREVIEW, data)
    assert response.status_code == 200
    assert "A published neighbour" in html(response)
