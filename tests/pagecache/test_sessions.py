"""Requests that carry a session cookie never get another's cached page."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError

from tests.factories import make_comment

pytestmark = pytest.mark.django_db


def with_session(client):
    session = SessionStore()
    session["seen"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    return client


def test_a_reader_with_a_session_gets_a_fresh_page_marked_for_no_shared_cache(
    client, published_article
):
    make_comment(published_article, comment="Already cached words")
    client.get(published_article.get_absolute_url())
    make_comment(published_article, comment="Words added since")

    response = with_session(client).get(published_article.get_absolute_url())

    assert response.status_code == 200
    assert "Words added since" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "ETag" not in response


def test_signed_in_staff_pages_are_left_to_the_view(admin_client, published_article):
    response = admin_client.get(published_article.get_absolute_url())
    assert response.status_code == 200
    assert "ETag" not in response
    assert "no-cache" not in response.get("Cache-Control", "")


def test_a_session_holder_gets_a_503_while_the_database_is_down(
    client, published_article, monkeypatch
):
    with_session(client)

    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(SessionStore, "load", refuse)
    response = client.get(published_article.get_absolute_url())
    assert response.status_code == 503


@pytest.mark.parametrize("path", ["/", "/perspectives/", "/search/?q=lead"])
def test_pages_rendered_for_staff_are_private_and_never_stored(
    admin_client, client, published_article, path
):
    for url in (path, published_article.get_absolute_url()):
        staff = admin_client.get(url)["Cache-Control"]
        assert "private" in staff and "no-store" in staff
    assert "private" not in client.get(path).get("Cache-Control", "")
