"""Moderators feature the best comments: a per-row button and an admin
action; featured comments show first, labelled in words, and only while
readers can see them."""

import re

import pytest
from django.urls import reverse

from discussion.models import ArticleComment
from pagecache.models import PageVersion
from tests.factories import make_comment
from tests.helpers import article_page, html, moderate, queue_row, queue_url

pytestmark = pytest.mark.django_db


def test_the_feature_button_features_a_published_comment(
    moderator_client, moderator, article
):
    comment = make_comment(article)
    row = queue_row(moderator_client.get(queue_url()), comment)
    assert re.findall(r">(\w+)<span", row) == ["Remove", "Feature"]

    moderator_client.post(
        f"/admin/discussion/articlecomment/{comment.pk}/decide/feature/"
    )

    comment.refresh_from_db()
    assert comment.is_featured
    assert comment.moderated_by == moderator


def test_the_action_features_only_published_comments(moderator_client, article):
    shown = make_comment(article)
    held = make_comment(article, is_public=False)
    removed = make_comment(article, is_removed=True)

    response = moderate(moderator_client, "feature", [shown, held, removed])

    featured = set(ArticleComment.objects.filter(is_featured=True))
    assert featured == {shown}
    assert response.status_code == 302


def test_unfeature_button_and_action(moderator_client, article):
    one = make_comment(article, is_featured=True)
    two = make_comment(article, is_featured=True)
    assert "Unfeature" in queue_row(moderator_client.get(queue_url()), one)

    moderator_client.post(
        f"/admin/discussion/articlecomment/{one.pk}/decide/unfeature/"
    )
    moderate(moderator_client, "unfeature", [two])

    assert not ArticleComment.objects.filter(is_featured=True).exists()


def test_removing_a_featured_comment_unfeatures_it(moderator_client, article):
    comment = make_comment(article, is_featured=True, comment="Best words.")

    moderate(moderator_client, "remove", [comment])

    comment.refresh_from_db()
    assert not comment.is_featured
    assert "Featured comments" not in article_page(moderator_client, article)


def test_featured_comments_are_listed_first_and_labelled_in_words(client, article):
    make_comment(article, comment="An ordinary comment.")
    best = make_comment(
        article,
        comment="The best comment.",
        is_featured=True,
        point=article.points.first(),
        stance="agree",
    )

    page = article_page(client, article)

    featured = page[
        page.index("Featured comments") : page.index('<ol class="comments"')
    ]
    assert "The best comment." in featured
    assert '<strong class="tag">Featured</strong>' in featured
    assert "agrees with this point" in featured
    assert f'href="/comments/{best.pk}/"' in featured
    assert "An ordinary comment." not in featured


def test_a_hidden_featured_comment_is_not_listed(client, article):
    make_comment(
        article, comment="Held but featured.", is_featured=True, is_public=False
    )

    assert "Featured comments" not in article_page(client, article)


def test_featuring_makes_the_article_page_stale(moderator_client, article):
    comment = make_comment(article)
    before = PageVersion.objects.get(key=f"article:{article.slug}").version

    moderate(moderator_client, "feature", [comment])

    after = PageVersion.objects.get(key=f"article:{article.slug}").version
    assert after != before


def test_the_queue_can_be_filtered_to_featured_comments(moderator_client, article):
    featured = make_comment(article, is_featured=True)
    make_comment(article)

    response = moderator_client.get(queue_url(), {"is_featured__exact": "1"})

    assert list(response.context["cl"].result_list) == [featured]
    assert "Published, featured" in html(response)


def test_a_featured_comment_has_the_same_byline_on_the_article_and_its_summary(
    client, article, councillors
):
    point = article.points.first()
    make_comment(
        article,
        user_name="Priya",
        perspective=councillors,
        point=point,
        stance="disagree",
        is_featured=True,
    )
    byline = (
        '<strong class="tag">Featured</strong> <b>Priya</b>, writing as '
        f"{councillors.one_person}, disagrees with this point "
        f"(“{point.plain_text}”)</p>"
    )

    summary = html(client.get(reverse("discussion:summary", args=[article.slug])))

    assert byline in article_page(client, article)
    assert byline in summary
