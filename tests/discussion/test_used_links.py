"""A confirmation link opened again publishes nothing, and leads the reader
to the comment it published, or says where that comment is now."""

import pytest

from discussion.models import ArticleComment
from tests.factories import set_policy
from tests.helpers import html, link_in, post_comment

pytestmark = pytest.mark.django_db


def _use_link(client, mailoutbox, article):
    post_comment(client, article, comment="Said once.")
    link = link_in(mailoutbox[0], "confirm")
    client.post(link)
    return link


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_used_link_leads_to_the_published_comment(
    client, mailoutbox, article, method
):
    link = _use_link(client, mailoutbox, article)
    comment = ArticleComment.objects.get()

    response = getattr(client, method)(link)

    page = html(response)
    assert response.status_code == 410
    assert "You have already confirmed this comment" in page
    assert f'<a href="{comment.get_absolute_url()}">See your comment</a>' in page
    assert "list of articles" not in page
    followed = client.get(comment.get_absolute_url(), follow=True)
    assert followed.redirect_chain[-1][0].endswith(f"#c{comment.pk}")
    assert ArticleComment.objects.count() == 1


def test_a_used_link_to_a_held_comment_says_it_waits_and_leads_to_the_article(
    client, mailoutbox, article
):
    set_policy(hold_all=True)
    link = _use_link(client, mailoutbox, article)

    page = html(client.get(link))

    assert "waiting for a moderator" in page
    assert f'href="{article.get_absolute_url()}"' in page
    assert "See your comment" not in page


def test_a_used_link_to_a_removed_comment_does_not_link_to_it(
    client, mailoutbox, article
):
    link = _use_link(client, mailoutbox, article)
    comment = ArticleComment.objects.get()
    comment.is_removed = True
    comment.save()

    page = html(client.get(link))

    assert "no longer published" in page
    assert "See your comment" not in page
    assert f'href="{article.get_absolute_url()}"' in page


def test_a_used_link_to_a_deleted_comment_still_says_it_was_used(
    client, mailoutbox, article
):
    link = _use_link(client, mailoutbox, article)
    ArticleComment.objects.all().delete()

    response = client.get(link)

    assert response.status_code == 410
    assert "You have already confirmed this comment" in html(response)
    assert "See your comment" not in html(response)
