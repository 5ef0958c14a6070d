"""Drafts and scheduled articles: hidden from readers, from every list, feed
and the sitemap; previewed by editors at their public address."""

import re

import pytest
from django.urls import reverse

from tests.helpers import html, main_content, text_of

pytestmark = pytest.mark.django_db


HIDDEN_ARTICLES = ["draft_article", "scheduled_article"]


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_unpublished_article_is_not_found_by_readers(client, request, hidden):
    article = request.getfixturevalue(hidden)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_unpublished_article_is_not_found_by_staff_who_cannot_change_articles(
    viewer_client, request, hidden
):
    article = request.getfixturevalue(hidden)
    assert viewer_client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_unpublished_article_appears_in_no_list(
    client, request, hidden, published_article, perspective
):
    article = request.getfixturevalue(hidden)
    secret_point = article.points.get().text
    search = reverse("articles:search")
    # each list shows the published article, so it is really a list of articles
    lists = [
        reverse("articles:list"),
        reverse("articles:list") + f"?perspective={perspective.slug}",
        perspective.get_absolute_url(),
        search + "?q=piece",
        reverse("articles:feed"),
        reverse("articles:feed-atom"),
        "/sitemap-articles.xml",
    ]
    for url in lists:
        content = html(client.get(url))
        assert published_article.get_absolute_url() in content, url
        assert article.get_absolute_url() not in content, url
        assert article.title not in content, url
        assert secret_point not in content, url
    point_search = html(client.get(search, {"q": secret_point}))
    assert "No results for" in point_search
    assert article.get_absolute_url() not in point_search


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_editor_previews_an_unpublished_article_at_its_public_url(
    editor_client, request, hidden
):
    article = request.getfixturevalue(hidden)
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.title in text_of(main_content(response))
    banner = re.search(r'<div class="preview-banner".*?</div>', html(response), re.S)
    assert banner is not None
    assert "Preview." in text_of(banner.group())


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_preview_is_kept_out_of_search_engines_and_caches(
    editor_client, request, hidden
):
    article = request.getfixturevalue(hidden)
    response = editor_client.get(article.get_absolute_url())
    assert '<meta name="robots" content="noindex">' in html(response)
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_published_article_has_no_preview_banner_even_for_editors(
    editor_client, published_article
):
    response = editor_client.get(published_article.get_absolute_url())
    assert "preview-banner" not in html(response)
    assert "noindex" not in html(response)
    assert "X-Robots-Tag" not in response
    # private to the editor, as every page rendered for staff, but not a preview
    assert "max-age=0" not in response.get("Cache-Control", "")


def test_a_draft_preview_says_it_is_a_draft_not_published(editor_client, draft_article):
    page = html(editor_client.get(draft_article.get_absolute_url()))
    assert "Draft – not published" in page
    assert "Published <time" not in page


def test_a_preview_of_an_article_ready_for_review_says_so(editor_client, draft_article):
    draft_article.status = "ready"
    draft_article.save()
    page = html(editor_client.get(draft_article.get_absolute_url()))
    banner = re.search(r'<div class="preview-banner".*?</div>', page, re.S)
    assert "This article is ready for review and readers cannot see it." in text_of(
        banner.group()
    )


def test_a_scheduled_preview_says_when_it_will_be_published(
    editor_client, scheduled_article
):
    page = html(editor_client.get(scheduled_article.get_absolute_url()))
    assert "Scheduled for <time" in page
    assert "Published <time" not in page


def test_the_admin_list_tells_draft_scheduled_and_published_apart(
    admin_client, published_article, draft_article, scheduled_article
):
    page = html(admin_client.get("/admin/articles/article/"))
    for article, state in [
        (published_article, "Published"),
        (draft_article, "Draft"),
        (scheduled_article, "Scheduled"),
    ]:
        row = page.split(f">{article.title}</a>", 1)[1].split("</tr>", 1)[0]
        assert f'<td class="field-state">{state}</td>' in row
