"""Readers' pages beyond the article (the index, perspective pages, feeds and
common searches) are kept whole like the article, made stale by the same
changes, and each page takes one entry in the cache however often it changes."""

import os

import pytest
from django.core.cache import caches
from django.urls import reverse

from articles.models import Article
from discussion.models import ArticleComment
from pagecache.middleware import COMMON_AFTER_ASKS
from tests.factories import make_article, make_comment
from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if committed: its new versions reach the cache."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def reader_pages(article, perspective):
    return {
        "index": reverse("articles:list"),
        "index by perspective": f"{reverse('articles:list')}"
        f"?perspective={perspective.slug}",
        "perspectives": reverse("articles:perspectives"),
        "perspective": perspective.get_absolute_url(),
        "article feed": reverse("articles:feed"),
        "comments feed": reverse("discussion:feed"),
        "article's comments feed": reverse(
            "discussion:article-feed", args=[article.slug]
        ),
        "sitemap": reverse("sitemap"),
    }


@pytest.mark.parametrize(
    "page",
    [
        "index",
        "index by perspective",
        "perspectives",
        "perspective",
        "article feed",
        "comments feed",
        "article's comments feed",
        "sitemap",
    ],
)
def test_a_readers_page_is_answered_from_the_cache_with_no_queries(
    client, article, councillors, page, django_assert_num_queries
):
    make_comment(article, perspective=councillors)
    url = reader_pages(article, councillors)[page]
    fresh = client.get(url)
    assert fresh.status_code == 200
    assert "ETag" in fresh

    with django_assert_num_queries(0):
        cached = client.get(url)
    assert cached.content == fresh.content
    assert cached["Content-Type"] == fresh["Content-Type"]
    assert client.get(url, HTTP_IF_NONE_MATCH=fresh["ETag"]).status_code == 304


@pytest.mark.parametrize(
    "page, shows_comments",
    [
        ("index", True),
        ("perspectives", True),
        ("perspective", True),
        ("comments feed", True),
        ("article's comments feed", True),
        ("article feed", False),
    ],
)
def test_a_comment_published_anywhere_reaches_the_pages_that_count_or_list_it(
    client, article, councillors, committed, page, shows_comments
):
    url = reader_pages(article, councillors)[page]
    before = client.get(url)

    committed(
        lambda: make_comment(
            article, perspective=councillors, comment="A newly published view."
        )
    )
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    if shows_comments:
        assert after.status_code == 200
        assert after.content != before.content
    else:
        assert after.status_code == 304


def test_the_index_shows_a_new_comment_count_at_once(client, article, committed):
    client.get(reverse("articles:list"))
    committed(lambda: make_comment(article))
    committed(lambda: make_comment(article))
    assert "2 comments" in html(client.get(reverse("articles:list")))


def test_an_edited_title_reaches_the_index_feeds_and_perspective_pages(
    client, article, councillors, committed
):
    pages = reader_pages(article, councillors)
    urls = [pages[name] for name in ("index", "perspective", "article feed")]
    for url in urls:
        client.get(url)

    def retitle():
        article.title = "A title the editor fixed"
        article.save()

    committed(retitle)
    for url in urls:
        assert "A title the editor fixed" in html(client.get(url)), url


def test_a_renamed_perspective_reaches_the_perspective_list(
    client, councillors, committed
):
    client.get(reverse("articles:perspectives"))

    def rename():
        councillors.name = "Elected members"
        councillors.save()

    committed(rename)
    assert "Elected members" in html(client.get(reverse("articles:perspectives")))


def test_pages_that_do_not_exist_are_not_kept(client, article):
    past_the_end = f"{reverse('articles:list')}?page=99"
    unknown = f"{reverse('articles:list')}?perspective=no-such-perspective"
    for url in (past_the_end, unknown):
        assert client.get(url).status_code == 200
        assert "ETag" not in client.get(url)
    assert client.get("/perspectives/no-such-perspective/").status_code == 404
    assert client.get("/sitemap-articles.xml?p=7").status_code == 404
    assert page_entries() == 0


def test_campaign_parameters_share_the_index_copy(
    client, article, django_assert_num_queries
):
    first = client.get(reverse("articles:list"))
    with django_assert_num_queries(0):
        tagged = client.get(f"{reverse('articles:list')}?utm_source=newsletter")
    assert tagged["ETag"] == first["ETag"]


def test_a_search_is_kept_once_readers_ask_for_it_often(
    client, article, django_assert_num_queries
):
    url = f"{reverse('articles:search')}?q=lead"
    for _ in range(COMMON_AFTER_ASKS - 1):
        assert "ETag" not in client.get(url)  # rare so far: rendered each time
    kept = client.get(url)
    assert "ETag" in kept
    assert article.get_absolute_url() in html(kept)
    with django_assert_num_queries(0):
        assert client.get(url).content == kept.content


def test_a_kept_search_finds_an_article_published_after_it(client, committed):
    url = f"{reverse('articles:search')}?q=resilience"
    for _ in range(COMMON_AFTER_ASKS + 1):
        client.get(url)
    found = committed(lambda: make_article(title="Resilience in social care"))
    assert found.get_absolute_url() in html(client.get(url))


def test_searches_asked_once_each_leave_nothing_in_the_cache(client, article):
    for number in range(20):
        client.get(f"{reverse('articles:search')}?q=word{number}")
    assert page_entries() == 0


def test_each_page_takes_one_entry_however_often_it_changes(
    client, article, councillors, committed
):
    urls = list(reader_pages(article, councillors).values())
    urls.append(article.get_absolute_url())
    for number in range(5):
        committed(lambda n=number: make_comment(article, comment=f"View {n}."))
        for url in urls:
            assert client.get(url).status_code == 200
    assert page_entries() == len(urls)
    newest = ArticleComment.objects.latest("pk").comment
    assert newest in html(client.get(article.get_absolute_url()))


def test_signed_in_staff_get_the_index_afresh(client, editor, article):
    client.force_login(editor)
    draft = make_article(title="A draft for the editor", status=Article.Status.DRAFT)
    response = client.get(reverse("articles:list"))
    assert "ETag" not in response
    assert draft.title not in html(response)  # the index lists published only


def page_entries():
    """How many pages the readers' page cache holds."""
    cache = caches["pages"]
    if "REDIS_URL" in os.environ:
        client = cache._cache.get_client(None)
        pattern = cache.make_key("page:*")
        return sum(1 for _ in client.scan_iter(match=pattern))
    prefix = cache.make_key("page:")
    return sum(1 for key in cache._cache if key.startswith(prefix))
