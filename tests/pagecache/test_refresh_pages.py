"""After a database restore, `refresh_pages` makes every reader's page
render afresh: no copy cached before the restore is served again."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from pagecache.models import PageVersion

pytestmark = pytest.mark.django_db


def test_pages_changed_behind_the_caches_back_are_rendered_afresh(
    client, article, django_capture_on_commit_callbacks
):
    pages = [article.get_absolute_url(), "/", "/feeds/articles/"]
    for page in pages:
        client.get(page)  # the first reader's copy is kept
    before = {page: client.get(page) for page in pages}
    assert all(response.status_code == 200 for response in before.values())
    # a restore changes rows without the signals that bump versions
    Article.objects.filter(pk=article.pk).update(title="The restored title")
    stale = client.get(article.get_absolute_url())
    assert "The restored title" not in stale.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_pages", stdout=io.StringIO())

    for page, response in before.items():
        again = client.get(page, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 200, page
        assert "The restored title" in again.content.decode(), page


def test_every_version_moves_past_any_before(
    article, django_capture_on_commit_callbacks
):
    PageVersion.objects.create(key="article:another", version=1)
    old = dict(PageVersion.objects.values_list("key", "version"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_pages", stdout=io.StringIO())
    new = dict(PageVersion.objects.values_list("key", "version"))
    assert set(old) <= set(new)
    assert "site" in new
    assert all(new[key] > max(old.values()) for key in old)
