"""Confirming a comment by the link e-mailed to the reader: it is published
once, bad links are refused, and signed-in staff need no link."""

import re

import pytest

from discussion.models import ArticleComment
from tests.helpers import confirm, html, link_in, post_and_confirm, post_comment

pytestmark = pytest.mark.django_db


DATE_PATTERN = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September"
    r"|October|November|December) \d{4} at \d{1,2}:\d{2}(am|pm)\b"
)


def test_opening_the_confirmation_link_publishes_the_comment(
    client, mailoutbox, article, staff_perspective, councillor_point
):
    post_comment(
        client,
        article,
        name="Sam",
        comment="Leadership is everyone's job.",
        perspective=staff_perspective,
        point=councillor_point,
    )

    response = confirm(client, mailoutbox[0])

    assert response.status_code == 200
    assert "Your comment is published" in html(response)
    comment = ArticleComment.objects.get()
    assert comment.is_visible
    assert comment.article == article
    assert comment.user_name == "Sam"
    assert comment.perspective == staff_perspective
    assert comment.point == councillor_point


def test_a_confirmed_comment_shows_on_the_article_with_who_wrote_it_and_why(
    client, mailoutbox, article, staff_perspective, councillor_point
):
    post_and_confirm(
        client,
        mailoutbox,
        article,
        name="Sam",
        comment="Leadership is everyone's job.",
        perspective=staff_perspective,
        point=councillor_point,
    )
    comment = ArticleComment.objects.get()

    page = html(client.get(article.get_absolute_url()))

    assert "Leadership is everyone&#x27;s job." in page
    assert "<b>Sam</b>" in page
    assert "writing as frontline staff" in page
    assert 'Responding to: <a href="#point-' in page
    assert "Councillors set the tone for the whole place" in page
    assert f'id="c{comment.pk}"' in page
    # the date is the comment's permalink
    assert re.search(f'<a href="#c{comment.pk}">{DATE_PATTERN.pattern}</a>', page)


def test_opening_the_confirmation_link_twice_creates_no_duplicate(
    client, mailoutbox, article
):
    post_comment(client, article)
    link = link_in(mailoutbox[0], "confirm")
    client.post(link)

    again_get, again_post = client.get(link), client.post(link)

    for again in (again_get, again_post):
        assert again.status_code == 410
        assert "You have already confirmed this comment" in html(again)
    assert ArticleComment.objects.count() == 1


def test_a_tampered_confirmation_link_gives_a_404_page_in_the_sites_style(
    client, mailoutbox, article
):
    post_comment(client, article)
    link = link_in(mailoutbox[0], "confirm")
    tampered = link[:-3] + ("A" if link[-2] != "A" else "B") + "/"

    response = client.post(tampered)

    assert response.status_code == 404
    page = html(response)
    assert "This link does not work" in page
    assert "Skip to main content" in page  # the site's own layout
    assert not ArticleComment.objects.exists()


def test_signed_in_staff_skip_confirmation(admin_client, mailoutbox, article):
    response = post_comment(admin_client, article, comment="From the editors.")

    comment = ArticleComment.objects.get()
    assert comment.is_visible
    assert comment.comment == "From the editors."
    assert response.status_code == 302
    assert response.url == comment.get_absolute_url()
    assert mailoutbox == []
