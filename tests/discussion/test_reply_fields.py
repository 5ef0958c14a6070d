"""A reply answers a comment, not a point: the reply form shows neither the
point nor the stance, and the server never refuses a reply over either. A
comment's stance needs a point, and that error can always be fixed on the
page that shows it."""

import itertools
import re

import pytest
from django.urls import reverse

from discussion.forms import CommentForm
from discussion.models import PendingComment
from tests.factories import make_comment
from tests.helpers import comment_form_data, html, post_comment

pytestmark = pytest.mark.django_db

STANCES = ["", "agree", "disagree", "mixed", "forged"]
POINTS = ["none", "this article's", "another article's", "forged"]


def _point_value(kind, article, other_point):
    return {
        "none": "",
        "this article's": article.points.first().pk,
        "another article's": other_point.pk,
        "forged": "x'--",
    }[kind]


@pytest.fixture
def other_point(published_article, councillors):
    return published_article.points.create(perspective=councillors, text="Elsewhere")


@pytest.mark.parametrize(("point", "stance"), list(itertools.product(POINTS, STANCES)))
def test_a_reply_is_never_refused_over_a_point_or_a_stance(
    article, other_point, point, stance
):
    parent = make_comment(article)
    data = comment_form_data(
        article,
        reply_to=parent.pk,
        point=_point_value(point, article, other_point),
        stance=stance,
    )
    form = CommentForm(article, data=data)

    assert form.is_valid(), form.errors
    created = form.get_comment_create_data()
    assert created["point_id"] is None
    assert created["stance"] == ""
    assert created["parent_id"] == parent.pk


@pytest.mark.parametrize(("point", "stance"), list(itertools.product(POINTS, STANCES)))
def test_a_comment_is_refused_only_for_what_its_form_shows(
    article, other_point, point, stance
):
    data = comment_form_data(
        article, point=_point_value(point, article, other_point), stance=stance
    )
    form = CommentForm(article, data=data)

    expected = set()
    if point in ("another article's", "forged"):
        expected.add("point")
    if stance == "forged":
        expected.add("stance")
    elif stance and point == "none":
        expected.add("stance")  # a stance needs a point: choose one, or no stance
    assert set(form.errors) == expected
    if not expected:
        created = form.get_comment_create_data()
        assert created["stance"] == (stance if point != "none" else "")


@pytest.mark.parametrize(
    ("point", "stance", "reply"),
    list(itertools.product(POINTS, STANCES, [False, True])),
)
def test_every_error_links_to_a_field_on_the_page(
    client, article, other_point, point, stance, reply
):
    parent = make_comment(article)
    response = post_comment(
        client,
        article,
        reply_to=parent.pk if reply else 0,
        point=_point_value(point, article, other_point),
        stance=stance,
        name="",  # always one error, so the form comes back
    )

    page = html(response)
    assert response.status_code == 400
    targets = re.findall(r'<li><a href="#([^"]+)">', page)
    assert "id_name" in targets
    for target in targets:
        assert f'id="{target}"' in page, f"{target} is not on the page"
    assert ('name="stance"' in page) is not reply
    assert ('name="point"' in page) is not reply
    assert not PendingComment.objects.exists()


def test_a_reply_with_a_stance_left_from_the_article_form_is_sent(
    client, article, mailoutbox
):
    parent = make_comment(article, user_name="Ann")

    response = post_comment(client, article, reply_to=parent.pk, stance="agree")

    assert response.status_code == 302
    pending = PendingComment.objects.get()
    assert pending.parent_id == parent.pk
    assert (pending.point_id, pending.stance) == (None, "")


def test_the_reply_page_shows_neither_the_point_nor_the_stance(client, article):
    parent = make_comment(article)

    page = html(client.get(reverse("discussion:reply", args=[parent.pk])))

    assert 'name="stance"' not in page
    assert 'name="point"' not in page
