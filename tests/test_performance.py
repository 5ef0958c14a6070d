"""The article page is served from the cache until something on it changes;
static files are served as production serves them."""

import os
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseMiddleware

from articles import views
from articles.models import Article
from discussion.models import CommentReport, ModerationPolicy
from insight import settings as project_settings
from pagecache import versions as page_versions
from tests.factories import make_article, make_comment, make_perspective

pytestmark = pytest.mark.django_db


def test_a_cached_article_page_costs_no_queries(
    client, article, django_assert_num_queries
):
    make_comment(article)
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert b'<li id="c' in response.content


def test_an_unchanged_page_answers_a_conditional_request_with_304(client, article):
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert "no-cache" in first["Cache-Control"]


def test_a_cached_page_carries_the_same_headers_as_a_fresh_one(client, article):
    make_comment(article)
    fresh = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())

    assert cached.content == fresh.content
    assert sorted(cached.headers) == sorted(fresh.headers)
    for name in [
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cache-Control",
        "Vary",
        "ETag",
        "Content-Length",
    ]:
        assert cached[name] == fresh[name], name


def test_readers_cached_pages_are_answered_before_sessions_and_the_view(
    client, article, monkeypatch
):
    make_comment(article, comment="Words already cached")
    client.get(article.get_absolute_url())

    def no_further(*args, **kwargs):
        raise AssertionError("a cached page went past the fast path")

    monkeypatch.setattr(SessionMiddleware, "process_request", no_further)
    monkeypatch.setattr(views.ArticleDetailView, "get", no_further)
    response = client.get(article.get_absolute_url())
    etag = response["ETag"]
    current = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "Words already cached" in response.content.decode()
    assert current.status_code == 304
    assert current["ETag"] == response["ETag"]
    assert current["Vary"] == response["Vary"] == "Cookie"
    assert "Content-Security-Policy" in current
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200
    assert head["ETag"] == etag


def test_signed_in_staff_never_get_the_readers_cached_page(client, editor, article):
    reader_page = client.get(article.get_absolute_url())
    assert b"csrfmiddlewaretoken" not in reader_page.content

    client.force_login(editor)
    staff_page = client.get(article.get_absolute_url())

    # staff post comments through a CSRF-checked form, which readers never see
    assert b"csrfmiddlewaretoken" in staff_page.content
    assert "ETag" not in staff_page


def test_readers_never_get_a_page_rendered_for_signed_in_staff(client, editor, article):
    client.force_login(editor)
    client.get(article.get_absolute_url())
    client.logout()
    client.cookies.clear()

    reader_page = client.get(article.get_absolute_url())

    assert b"csrfmiddlewaretoken" not in reader_page.content


def test_campaign_parameters_share_the_cached_page(
    client, article, django_assert_num_queries
):
    cached = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        tagged = client.get(f"{article.get_absolute_url()}?utm_source=newsletter")
    assert tagged.content == cached.content
    assert tagged["ETag"] == cached["ETag"]


@pytest.mark.parametrize(
    "query",
    [
        "perspective=no-such-perspective",
        "page=99",
        "point=999999",
        # combinations no link on the site makes
        "perspective=councillors&point={point}",
        "respond={point}&perspective=councillors",
    ],
)
def test_pages_the_site_does_not_link_to_are_not_kept(client, article, query):
    make_comment(article)
    point = article.points.get()
    url = f"{article.get_absolute_url()}?{query.format(point=point.pk)}"
    assert client.get(url).status_code == 200

    with CaptureQueriesContext(connection) as again:
        response = client.get(url)

    assert response.status_code == 200
    assert len(again) > 0  # rendered again, not kept in the cache
    assert "ETag" not in response
    assert "no-cache" in response["Cache-Control"]


def test_page_one_shares_the_copy_of_the_page_with_no_number(
    client, article, django_assert_num_queries
):
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        numbered = client.get(f"{article.get_absolute_url()}?page=1")
    assert numbered["ETag"] == first["ETag"]


def test_an_address_with_no_article_leaves_nothing_in_the_page_cache(client, article):
    client.get(article.get_absolute_url())  # the site's version is in the cache

    assert client.get("/insight/no-such-article/").status_code == 404
    assert page_versions.page_key("no-such-article", {}) is None


def test_an_edit_made_while_a_page_renders_is_not_hidden_by_that_page(
    client, article, monkeypatch
):
    url = article.get_absolute_url()
    load_article = views.ArticleDetailView.get_object

    def load_then_edit(view, *args):
        loaded = load_article(view, *args)
        # the editor saves while this reader's page is being rendered
        Article.objects.filter(pk=article.pk).update(title="A better title")
        page_versions.bump_site()
        return loaded

    monkeypatch.setattr(views.ArticleDetailView, "get_object", load_then_edit)
    assert "A better title" not in client.get(url).content.decode()
    monkeypatch.undo()

    assert "A better title" in client.get(url).content.decode()


def test_many_cached_pages_never_push_out_rate_limit_counts(client, settings):
    if "REDIS_URL" in os.environ:
        pytest.skip("the local-memory caches' sizes only")
    # a default cache so small that a few pages would push its counts out
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "OPTIONS": {"MAX_ENTRIES": 4}},
    }
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "report": "1/h",
    }
    perspectives = [
        make_perspective(name=f"Group {n}", slug=f"group-{n}") for n in range(4)
    ]
    article = make_article(points=[(a, f"A point to {a.name}") for a in perspectives])
    comment = make_comment(article)
    report = reverse("discussion:report", args=[comment.pk])
    assert client.post(report, {"reason": "spam"}).status_code == 200

    points = article.points.all()
    queries = [f"perspective={a.slug}" for a in perspectives]
    queries += [f"{name}={p.pk}" for p in points for name in ("point", "respond")]
    for query in queries:  # 12 pages, each kept in the cache
        assert "ETag" in client.get(f"{article.get_absolute_url()}?{query}")

    assert client.post(report, {"reason": "spam"}).status_code == 429


def test_a_cached_page_is_refused_to_an_unknown_host(client, article):
    cached = client.get(article.get_absolute_url())
    assert article.title in cached.content.decode()

    response = client.get(article.get_absolute_url(), HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert article.title not in response.content.decode()


def etag_after(client, article, change):
    before = client.get(article.get_absolute_url())["ETag"]
    change()
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=before)
    return response


def test_publishing_a_comment_changes_the_page(
    client, article, django_capture_on_commit_callbacks
):
    def publish():
        with django_capture_on_commit_callbacks(execute=True):
            make_comment(article, comment="Freshly published view")

    response = etag_after(client, article, publish)
    assert response.status_code == 200
    assert "Freshly published view" in response.content.decode()


def test_a_comment_held_for_a_moderator_leaves_the_cached_page_alone(
    client, article, django_capture_on_commit_callbacks
):
    def hold():
        with django_capture_on_commit_callbacks(execute=True):
            make_comment(article, comment="Waiting words", is_public=False)

    response = etag_after(client, article, hold)
    assert response.status_code == 304


def test_removing_a_held_comment_changes_its_placeholder_over_replies(
    client, article, django_capture_on_commit_callbacks
):
    held = make_comment(article, is_public=False)
    make_comment(article, parent=held, comment="A published reply")
    before = client.get(article.get_absolute_url())
    assert "Comment waiting for a moderator" in before.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        held.is_removed = True
        held.save()
    after = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert "Comment removed" in after.content.decode()
    assert "A published reply" in after.content.decode()


@pytest.mark.parametrize("action", ["approve", "remove"])
def test_a_moderators_decision_changes_the_page(
    client, admin_client, article, action, django_capture_on_commit_callbacks
):
    comment = make_comment(
        article, comment="Waiting words", is_public=action != "approve"
    )
    before = client.get(article.get_absolute_url())
    assert ("Waiting words" in before.content.decode()) is (action == "remove")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:discussion_articlecomment_changelist"),
            {"action": action, "_selected_action": [comment.pk]},
        )
    after = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert ("Waiting words" in after.content.decode()) is (action == "approve")
    assert LogEntry.objects.filter(object_id=str(comment.pk)).exists()


def test_a_comment_held_after_reports_leaves_the_page(
    client, article, settings, django_capture_on_commit_callbacks
):
    comment = make_comment(article, comment="Reported words")
    assert "Reported words" in client.get(article.get_absolute_url()).content.decode()
    report_url = reverse("discussion:report", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(settings.DISCUSSION_REPORTS_TO_HOLD):
            client.post(
                report_url, {"reason": "spam"}, REMOTE_ADDR=f"192.0.2.{number + 1}"
            )
    assert CommentReport.objects.filter(comment=comment).count() == 3
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Reported words" not in page


def test_erasing_a_commenter_changes_the_page(
    client, article, django_capture_on_commit_callbacks
):
    erased = make_comment(
        article, comment="Words to erase", user_email="erase@example.org"
    )
    make_comment(article, parent=erased, comment="A reply that stays")
    assert "Words to erase" in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("commenter_data", "erase@example.org", "--erase", stdout=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Words to erase" not in page
    assert "Comment removed at the author’s request" in page
    assert "A reply that stays" in page


def test_editing_the_article_changes_the_page(
    client, article, django_capture_on_commit_callbacks
):
    def edit():
        with django_capture_on_commit_callbacks(execute=True):
            article.standfirst = "A new standfirst for readers."
            article.save()

    response = etag_after(client, article, edit)
    assert "A new standfirst for readers." in response.content.decode()


def test_pausing_comments_changes_every_article_page(
    client, article, django_capture_on_commit_callbacks
):
    assert (
        'id="comment-form"' in client.get(article.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        policy = ModerationPolicy.current()
        policy.is_paused = True
        policy.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'id="comment-form"' not in page
    assert policy.pause_message in page


def test_static_files_are_hashed_compressed_and_cached_for_a_year(settings, tmp_path):
    """What collectstatic and WhiteNoise serve in production."""
    settings.STATIC_ROOT = tmp_path
    # the project's own storage, which the autouse fixture swaps out
    settings.STORAGES = project_settings.STORAGES
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = [path.name for path in (tmp_path / "css").glob("site.*.css")]
    assert hashed, "site.css has no hashed copy"
    assert (tmp_path / "css" / f"{hashed[0]}.gz").exists()

    # a fresh WhiteNoise reads this STATIC_ROOT, as a new server process would
    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
    response = middleware(RequestFactory().get(f"/static/css/{hashed[0]}"))
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 365 * 24 * 60 * 60
    assert "immutable" in cache_control
