"""Readers' cached article pages and their comments: fresh once a comment is
published, never served to staff, and commented on without a CSRF token."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion.models import ArticleComment
from tests.factories import make_comment
from tests.helpers import FROM_OUR_PAGES, comment_form_data, html, post_comment

pytestmark = pytest.mark.django_db


def test_a_newly_published_comment_reaches_readers_of_a_cached_page(
    client, article, django_capture_on_commit_callbacks
):
    assert "No one has commented yet." in html(client.get(article.get_absolute_url()))

    with django_capture_on_commit_callbacks(execute=True):
        make_comment(article, comment="Just published.")

    assert "Just published." in html(client.get(article.get_absolute_url()))


def test_a_reader_whose_copy_is_current_gets_not_modified(client, article):
    first = client.get(article.get_absolute_url())

    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert "no-cache" in first["Cache-Control"]


def test_signed_in_staff_are_never_served_the_readers_cached_page(
    client, admin_client, article
):
    client.get(article.get_absolute_url())  # cached for readers

    page = html(admin_client.get(article.get_absolute_url()))

    assert "We will email you a link" not in page


def test_a_reader_can_comment_from_a_page_without_a_csrf_token(mailoutbox, article):
    reader = Client(enforce_csrf_checks=True, headers=FROM_OUR_PAGES)
    page = html(reader.get(article.get_absolute_url()))
    assert "csrfmiddlewaretoken" not in page

    response = post_comment(reader, article)

    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_signed_in_staff_can_comment_from_the_article_page_with_csrf_checks(
    admin_user, article
):
    staff = Client(enforce_csrf_checks=True, headers=FROM_OUR_PAGES)
    staff.force_login(admin_user)
    page = html(staff.get(article.get_absolute_url()))
    form = page.split('<form class="comment-form"')[1].split("</form>")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    data = comment_form_data(article, comment="From the editors.")
    response = staff.post(
        reverse("discussion:post"), {**data, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert ArticleComment.objects.get().comment == "From the editors."


def test_a_signed_in_post_without_a_csrf_token_is_refused(admin_user, article):
    staff = Client(enforce_csrf_checks=True, headers=FROM_OUR_PAGES)
    staff.force_login(admin_user)

    response = post_comment(staff, article, comment="Forged.")

    assert response.status_code == 403
    assert not ArticleComment.objects.exists()
