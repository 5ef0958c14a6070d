"""A reader's page whose view keeps it out of every cache, for
test_private_pages.py."""

from django.http import HttpResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers

from pagecache.pages import reader_page

renderings = []


def private_view(request):
    renderings.append(request.path)
    response = HttpResponse(f"Rendering {len(renderings)}")
    add_never_cache_headers(response)
    return response


urlpatterns = [path("private/", reader_page(private_view), name="private")]
