"""Search finds published comments, in a section of their own, and never a
comment readers may not see."""

import pytest
from django.urls import reverse

from discussion.models import ArticleComment
from tests.factories import make_comment
from tests.helpers import main_content, text_of

pytestmark = pytest.mark.django_db


def comments_section(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    page = main_content(response)
    if "<h2>Comments</h2>" not in page:
        return ""
    return page.split("<h2>Comments</h2>", 1)[1].split("</ul>", 1)[0]


def test_a_published_comment_is_found_with_its_author_article_and_link(
    client, published_article
):
    comment = make_comment(
        published_article,
        user_name="Sam Patel",
        comment="Pooled budgets changed how we worked together.",
    )
    section = comments_section(client, "budget")
    assert "<mark>budgets</mark>" in section
    assert f'href="{reverse("discussion:permalink", args=[comment.pk])}"' in section
    assert "Sam Patel, on Published piece" in text_of(section)


def test_the_summary_counts_the_comments_found(client, published_article):
    make_comment(published_article, comment="Pooled budgets work.")
    response = client.get(reverse("articles:search"), {"q": "budgets"})
    assert "1 result for ‘budgets’: 0 articles, 0 points and 1 comment." in text_of(
        main_content(response)
    )


@pytest.mark.parametrize(
    "hidden",
    [
        {"is_public": False},
        {"is_removed": True},
        {"is_removed": True, "is_erased": True},
        {"is_erased": True},
    ],
    ids=["held", "removed", "erased", "erased only"],
)
def test_a_comment_readers_may_not_see_is_never_found(
    client, published_article, hidden
):
    make_comment(published_article, comment="Secret budgets.", **hidden)
    assert comments_section(client, "budgets") == ""


@pytest.mark.parametrize("hidden", ["draft_article", "scheduled_article"])
def test_comments_on_unpublished_articles_are_never_found(client, request, hidden):
    make_comment(request.getfixturevalue(hidden), comment="Secret budgets.")
    assert comments_section(client, "budgets") == ""


def test_a_comment_shows_once_published_and_goes_once_removed(
    client, published_article
):
    comment = make_comment(published_article, comment="Budgets.", is_public=False)
    assert comments_section(client, "budgets") == ""
    ArticleComment.objects.filter(pk=comment.pk).update(is_public=True)
    assert "<mark>Budgets</mark>" in comments_section(client, "budgets")
    ArticleComment.objects.filter(pk=comment.pk).update(is_removed=True)
    assert comments_section(client, "budgets") == ""


def test_an_edited_comment_is_found_by_its_new_words(client, published_article):
    comment = make_comment(published_article, comment="Budgets.")
    ArticleComment.objects.filter(pk=comment.pk).update(comment="Allotments.")
    assert comments_section(client, "budgets") == ""
    assert "<mark>Allotments</mark>" in comments_section(client, "allotment")


def test_comment_text_is_escaped_around_the_marks(client, published_article):
    make_comment(
        published_article,
        user_name="<b>Mallory</b>",
        comment="<script>steal()</script> budgets & <img src=x onerror=y()>",
    )
    section = comments_section(client, "budgets")
    assert "<script>" not in section
    assert "<img" not in section
    assert "<mark>budgets</mark> &amp; &lt;img" in section
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in section


def test_comments_can_be_left_out_of_search(client, published_article, settings):
    settings.DISCUSSION_SEARCH_COMMENTS = False
    make_comment(published_article, comment="Pooled budgets work.")
    response = client.get(reverse("articles:search"), {"q": "budgets"})
    page = text_of(main_content(response))
    assert "No results for ‘budgets’" in page
    assert "comment" not in page.lower()
