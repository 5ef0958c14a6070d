"""A page its view marks private or no-store (a preview) is never kept by
the page cache nor offered to an HTTP cache in front, even when declared a
reader's page."""

import pytest

from tests.pagecache import private_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_page(settings):
    settings.ROOT_URLCONF = "tests.pagecache.private_urls"
    settings.HTTP_CACHE = "varnish"
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    private_urls.renderings.clear()
    return "/private/"


def test_a_private_page_is_rendered_afresh_every_time(client, private_page):
    first = client.get(private_page)
    second = client.get(private_page)
    assert first.content == b"Rendering 1"
    assert second.content == b"Rendering 2"
    assert len(private_urls.renderings) == 2


def test_a_private_page_is_never_offered_to_an_http_cache(client, private_page):
    for _ in range(2):
        response = client.get(private_page)
        assert "xkey" not in response and "Surrogate-Key" not in response
        assert "no-store" in response["Cache-Control"]
        assert "s-maxage" not in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
