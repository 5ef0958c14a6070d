"""Editors order an article's points with Up and Down buttons that work
without JavaScript: a press shows the form again with the point moved, saving
nothing and losing nothing typed; positions are never typed; new points go to
the end."""

import html as html_module
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArgumentPoint, Article
from tests.factories import make_article, make_perspective

pytestmark = pytest.mark.django_db

TEXTS = ["First point", "Second point", "Third point"]


@pytest.fixture
def councillors():
    return make_perspective(name="Councillors", slug="councillors")


@pytest.fixture
def draft(councillors):
    article = make_article(
        title="In order",
        slug="in-order",
        status=Article.Status.DRAFT,
        points=[(councillors, text) for text in TEXTS],
    )
    # as before points had an order: every position 0
    article.points.update(position=0)
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, extra_rows=(), **fields):
    """The change form as a browser posts it: the saved points, then
    (text, perspective) rows typed into the blank rows."""
    points = list(article.points.order_by("position", "id"))
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "introduction": article.introduction,
        "topics": "",
        "attribution": "",
        "author": "",
        "status": article.status,
        "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_1": "00:00:00",
        "allow_comments": "on",
        "points-TOTAL_FORMS": str(len(points) + 3),
        "points-INITIAL_FORMS": str(len(points)),
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
    }
    for number, point in enumerate(points):
        data |= {
            f"points-{number}-id": point.pk,
            f"points-{number}-article": article.pk,
            f"points-{number}-text": point.text,
            f"points-{number}-perspective": point.perspective_id,
            f"points-{number}-position": point.position,
        }
    for extra in range(3):
        number = len(points) + extra
        data[f"points-{number}-article"] = article.pk
        data[f"points-{number}-position"] = str(len(points) + extra)
        if extra < len(extra_rows):
            text, perspective = extra_rows[extra]
            data[f"points-{number}-text"] = text
            data[f"points-{number}-perspective"] = perspective.pk
    return data | fields


def shown_points(response):
    """The points' texts in the order the form shows them."""
    page = response.content.decode()
    texts = re.findall(
        r'<textarea name="points-\d+-text"[^>]*>\n?(.*?)</textarea>', page, re.S
    )
    return [html_module.unescape(text) for text in texts if text.strip()]


def move_buttons(response):
    return re.findall(
        r'aria-label="(Move point \d+ (?:up|down))"', response.content.decode()
    )


def saved_order(article):
    return list(
        article.points.order_by("position", "id").values_list("text", flat=True)
    )


def test_the_form_shows_points_in_order_with_named_buttons_and_no_position_to_type(
    editors_client, draft
):
    response = editors_client.get(change_url(draft))
    page = response.content.decode()
    assert shown_points(response) == TEXTS
    assert re.search(r'<input type="hidden" name="points-0-position"', page)
    assert not re.search(r'<input type="number" name="points-\d+-position"', page)
    visible = [
        label
        for label in move_buttons(response)
        if not re.search(rf'aria-label="{label}"\s+hidden', page)
    ]
    assert visible == [
        "Move point 1 down",
        "Move point 2 up",
        "Move point 2 down",
        "Move point 3 up",
    ]


@pytest.mark.parametrize(
    "button, expected",
    [
        ("points-1 up", ["Second point", "First point", "Third point"]),
        ("points-1 down", ["First point", "Third point", "Second point"]),
        ("points-0 up", TEXTS),  # the first cannot go higher
        ("points-2 down", TEXTS),  # nor the last lower
    ],
)
def test_moving_a_point_shows_the_form_again_in_the_new_order_saving_nothing(
    editors_client, draft, button, expected
):
    data = form_data(draft, title="A title typed but not saved", _move_point=button)
    response = editors_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert shown_points(response) == expected
    assert 'value="A title typed but not saved"' in response.content.decode()
    # the page knows it holds changes not saved, to warn before leaving
    assert "data-unsaved-changes" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "In order"
    assert saved_order(draft) == TEXTS
    # saving the form as shown keeps the new order
    shown = form_data(draft, title="Saved at last")
    for name, value in response.context["inline_admin_formsets"][
        0
    ].formset.data.items():
        if name.startswith("points-"):
            shown[name] = value
    assert editors_client.post(change_url(draft), shown).status_code == 302
    assert saved_order(draft) == expected


def test_a_new_point_not_yet_saved_moves_and_keeps_its_text(
    editors_client, draft, councillors
):
    data = form_data(draft, extra_rows=[("A new point", councillors)])
    data["_move_point"] = "points-3 up"
    response = editors_client.post(change_url(draft), data)
    assert shown_points(response) == [
        "First point",
        "Second point",
        "A new point",
        "Third point",
    ]
    assert "Move point 4 up" in move_buttons(response)
    assert ArgumentPoint.objects.filter(article=draft).count() == 3


def test_moving_with_a_mistake_in_the_form_moves_and_leaves_the_error_for_saving(
    editors_client, draft
):
    data = form_data(draft, title="", _move_point="points-2 up")
    response = editors_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert shown_points(response) == ["First point", "Third point", "Second point"]
    assert "This field is required" not in response.content.decode()
    del data["_move_point"]
    saving = editors_client.post(change_url(draft), data)
    assert "This field is required" in saving.content.decode()
    draft.refresh_from_db()
    assert draft.title == "In order"


@pytest.mark.parametrize(
    "button",
    [
        "",
        "x",
        "up",
        "points-99 up",
        "points-0 sideways",
        "points--1 down",
        "points-3 up",
        "points-1 up " + "9" * 50,
        "\x00",
    ],
)
def test_odd_move_buttons_change_nothing_and_never_fail(editors_client, draft, button):
    response = editors_client.post(
        change_url(draft), form_data(draft, _move_point=button)
    )
    assert response.status_code == 200
    assert shown_points(response) == TEXTS
    assert saved_order(draft) == TEXTS


@pytest.mark.parametrize("position", ["9" * 5000, "²", "-1", "1e3", "", "٣"])
def test_odd_positions_are_put_after_the_others_and_never_fail(
    editors_client, draft, position
):
    data = form_data(draft, _move_point="points-2 up")
    data["points-0-position"] = position  # the first point's: it goes last
    response = editors_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert shown_points(response) == ["Third point", "Second point", "First point"]


def test_new_points_go_after_the_last(editors_client, draft, councillors):
    draft.points.filter(text="Third point").update(position=7)
    response = editors_client.get(change_url(draft))
    page = response.content.decode()
    assert re.search(r'name="points-3-position" value="8"', page)
    data = form_data(draft, extra_rows=[("Last of all", councillors)])
    data["points-3-position"] = "8"
    assert editors_client.post(change_url(draft), data).status_code == 302
    assert saved_order(draft) == [*TEXTS, "Last of all"]
    # and saving numbers them all in order
    assert list(
        draft.points.order_by("position").values_list("position", flat=True)
    ) == [
        0,
        1,
        2,
        3,
    ]


def test_a_new_article_shows_blank_rows_without_buttons(editors_client):
    response = editors_client.get(reverse("admin:articles_article_add"))
    page = response.content.decode()
    assert response.status_code == 200
    for label in move_buttons(response):
        assert re.search(rf'aria-label="{label}"\s+hidden', page)
