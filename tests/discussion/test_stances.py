"""A commenter responding to a point may say whether they agree with it; the
stance travels with the pending comment, shows in words and is never forced."""

import pytest

from discussion.models import ArticleComment, PendingComment
from tests.factories import make_comment
from tests.helpers import (
    article_page,
    confirm,
    html,
    post_and_confirm,
    post_comment,
)

pytestmark = pytest.mark.django_db


def test_a_stance_waits_with_the_pending_comment_and_is_published_with_it(
    client, mailoutbox, article
):
    point = article.points.first()
    post_comment(client, article, point=point, stance="disagree")
    assert PendingComment.objects.get().stance == "disagree"

    confirm(client, mailoutbox[0])

    assert ArticleComment.objects.get().stance == "disagree"


def test_the_byline_says_the_stance_in_words(client, article):
    point = article.points.first()
    make_comment(article, point=point, stance="agree", user_name="Priya")

    assert "<b>Priya</b>, agrees with this point" in article_page(client, article)


def test_a_stance_without_a_point_is_refused_and_the_words_are_kept(client, article):
    response = post_comment(client, article, comment="My words.", stance="agree")

    page = html(response)
    assert response.status_code == 400
    assert "Choose the point you agree or disagree with" in page
    assert "My words." in page
    assert 'href="#id_stance_0"' in page
    assert not PendingComment.objects.exists()


@pytest.mark.parametrize("forged", ["yes", "AGREE", "agree'--", "x" * 500])
def test_a_forged_stance_is_a_clear_error(client, article, forged):
    point = article.points.first()
    response = post_comment(client, article, point=point, stance=forged)

    assert response.status_code == 400
    assert "Choose agree, disagree or mixed views" in html(response)
    assert not PendingComment.objects.exists()


def test_a_stance_on_a_closed_article_changes_nothing(client, article):
    article.allow_comments = False
    article.save()
    point = article.points.first()

    response = post_comment(client, article, point=point, stance="agree")

    assert "Comments are closed" in html(response)
    assert not PendingComment.objects.exists()
    assert not ArticleComment.objects.exists()


def test_no_stance_is_fine(client, mailoutbox, article):
    post_and_confirm(client, mailoutbox, article, point=article.points.first())

    assert ArticleComment.objects.get().stance == ""


def test_the_stance_is_asked_as_a_group_of_radios(client, article):
    page = article_page(client, article)

    assert "<legend" in page and "Do you agree with the point?" in page
    assert 'value="mixed"' in page
