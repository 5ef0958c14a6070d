"""Ids too large for any database are refused plainly, never with a 500."""

import pytest

from tests.helpers import html, post_comment

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
JUST_OVER = str(2**63)


@pytest.mark.parametrize("number", [HUGE, JUST_OVER])
@pytest.mark.parametrize(
    "path", ["/comments/{}/", "/comments/reply/{}/", "/comments/report/{}/"]
)
def test_out_of_range_comment_ids_are_not_found(client, db, path, number):
    assert client.get(path.format(number)).status_code == 404
    assert client.post(path.format(number), {"reason": "spam"}).status_code == 404


@pytest.mark.parametrize("field", ["reply_to", "point", "perspective"])
@pytest.mark.parametrize("number", [HUGE, JUST_OVER, "-1"])
def test_out_of_range_ids_in_the_comment_form_are_clear_errors(
    client, mailoutbox, article, field, number
):
    response = post_comment(client, article, **{field: number})

    assert response.status_code == 400
    assert "There is a problem" in html(response)
    assert mailoutbox == []


@pytest.mark.parametrize("number", [HUGE, JUST_OVER])
def test_an_out_of_range_article_id_is_not_found(client, article, number):
    response = post_comment(client, article, object_pk=number)
    assert response.status_code in (400, 404)
