"""Each reader's page owns its query: an address that writes a parameter
otherwise than the site's own links do is sent to the one they use before any
view runs, for less than a cached page costs; a value the page does not have
is sent on by the view once, then from the cache."""

import pytest
from django.urls import reverse

from articles import views
from discussion import section
from pagecache.middleware import COMMON_AFTER_ASKS
from tests.factories import make_comment

pytestmark = pytest.mark.django_db

# Ways to write a parameter that no link on the site writes, and what each
# link writes instead ("" where it writes none).
ODD_PAGE_NUMBERS = [
    ("01", ""),
    ("002", "2"),
    ("0", ""),
    ("-1", ""),
    ("+2", ""),
    ("2.0", ""),
    ("1e1", ""),
    ("abc", ""),
    ("", ""),
    (" 2", ""),
    ("２", ""),  # a full-width digit
    ("٣", ""),  # an Arabic-Indic digit
    ("0" * 5000 + "2", "2"),
    ("9" * 400, "9" * 400),  # written as links would: the view decides
]
ODD_IDS = [
    ("abc", ""),
    ("07", "7"),
    ("-3", ""),
    ("0", ""),
    ("1.5", ""),
    ("٣", ""),
    ("１", ""),
    ("3 ", ""),
]
ODD_SLUGS = ["Bad slug", "<script>", "a/b", "ümlaut"]


def redirect_target(response):
    assert response.status_code == 301, response.status_code
    return response["Location"]


@pytest.fixture
def no_view_runs(monkeypatch):
    """Fail the test if the article page's view is reached."""

    def refuse(*args, **kwargs):
        raise AssertionError("the view ran")

    monkeypatch.setattr(views.ArticleDetailView, "dispatch", refuse)
    monkeypatch.setattr(views.ArticleListView, "dispatch", refuse)


@pytest.mark.parametrize("page, linked", ODD_PAGE_NUMBERS)
def test_an_oddly_written_page_number_is_sent_on_before_any_query(
    client, article, page, linked, no_view_runs, django_assert_num_queries
):
    if page == linked:
        return  # written as links write it: the view's to decide
    for url in (article.get_absolute_url(), reverse("articles:list")):
        with django_assert_num_queries(0):
            response = client.get(url, {"page": page})
        expected = f"{url}?page={linked}" if linked else url
        assert redirect_target(response) == expected


@pytest.mark.parametrize("name", ["point", "respond"])
@pytest.mark.parametrize("value, linked", ODD_IDS)
def test_an_oddly_written_point_is_sent_on_before_any_query(
    client, article, name, value, linked, no_view_runs, django_assert_num_queries
):
    url = article.get_absolute_url()
    with django_assert_num_queries(0):
        response = client.get(url, {name: value})
    assert redirect_target(response) == (f"{url}?{name}={linked}" if linked else url)


@pytest.mark.parametrize("name", ["perspective", "stance"])
@pytest.mark.parametrize("value", ODD_SLUGS)
def test_an_oddly_written_filter_is_sent_on_before_any_query(
    client, article, name, value, no_view_runs, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url(), {name: value})
    assert redirect_target(response) == article.get_absolute_url()


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_page_number_too_long_to_exist_is_sent_to_a_page_that_does(
    client, article, digits
):
    make_comment(article)
    url = article.get_absolute_url()
    assert redirect_target(client.get(url, {"page": "9" * digits})) == url
    assert (
        client.get(reverse("articles:list"), {"page": "9" * digits}).status_code == 200
    )


def test_a_forms_empty_fields_share_the_pages_copy(
    client, article, django_assert_num_queries
):
    url = reverse("articles:list")
    first = client.get(url)
    client.get(url)  # a slow first request may leave the versions to read once
    with django_assert_num_queries(0):
        filtered = client.get(f"{url}?perspective=&topic=&page=")
    assert filtered.status_code == 200
    assert filtered["ETag"] == first["ETag"]


def test_a_parameter_given_twice_is_sent_to_one(
    client, article, no_view_runs, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(f"{article.get_absolute_url()}?page=2&page=3")
    assert redirect_target(response) == f"{article.get_absolute_url()}?page=3"


def test_a_mix_no_link_makes_is_sent_on_keeping_what_links_make(
    client, article, no_view_runs, django_assert_num_queries
):
    point = article.points.first()
    url = article.get_absolute_url()
    with django_assert_num_queries(0):
        response = client.get(
            url, {"respond": point.pk, "stance": "agree", "utm_source": "mail"}
        )
    assert redirect_target(response) == f"{url}?respond={point.pk}"


def test_odd_addresses_are_sent_on_for_signed_in_staff_too(
    client, editor, article, no_view_runs
):
    client.force_login(editor)
    response = client.get(article.get_absolute_url(), {"point": "abc"})
    assert redirect_target(response) == article.get_absolute_url()


@pytest.mark.parametrize(
    "query", ["point=999999", "perspective=no-such-perspective", "stance=maybe"]
)
def test_a_value_the_article_lacks_is_sent_on_from_the_cache_once_asked_often(
    client, article, query, django_assert_num_queries
):
    url = f"{article.get_absolute_url()}?{query}"
    client.get(article.get_absolute_url())  # the page readers are sent to
    for _ in range(COMMON_AFTER_ASKS):
        assert redirect_target(client.get(url)) == article.get_absolute_url()
    client.get(url)  # a slow first request may leave the versions to read once
    with django_assert_num_queries(0):
        response = client.get(url)
    assert redirect_target(response) == article.get_absolute_url()
    assert "ETag" not in response


def test_a_kept_redirect_goes_when_the_article_changes(
    client, article, django_capture_on_commit_callbacks
):
    url = f"{article.get_absolute_url()}?perspective=elected-members"
    for _ in range(COMMON_AFTER_ASKS + 1):
        assert redirect_target(client.get(url)) == article.get_absolute_url()

    councillors = article.points.first().perspective
    with django_capture_on_commit_callbacks(execute=True):
        councillors.slug = "elected-members"
        councillors.save()

    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "query", ["point=999999", "respond=999999", "perspective=no-such-perspective"]
)
def test_a_value_the_article_lacks_is_sent_on_before_its_threads_are_read(
    client, article, query, monkeypatch
):
    def refuse(*args, **kwargs):
        raise AssertionError("the threads were read")

    monkeypatch.setattr(section, "discussion_for", refuse)
    response = client.get(f"{article.get_absolute_url()}?{query}")
    assert redirect_target(response) == article.get_absolute_url()
