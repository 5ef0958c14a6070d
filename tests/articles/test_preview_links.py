"""Share a preview: a link to a draft for someone without an account, made
and revoked on the article's change page by Editors, never cached."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewLink
from tests.factories import make_article
from tests.helpers import html, main_content, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(perspective):
    return make_article(
        title="A draft to share",
        slug="a-draft-to-share",
        status="draft",
        points=[(perspective, "A point for the outside author")],
    )


def share_url(article):
    return reverse("admin:articles_article_share", args=[article.pk])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def share(client, article, days="7"):
    return client.post(share_url(article), {"days": days})


@pytest.fixture
def link(editors_client, draft):
    response = share(editors_client, draft)
    assert response.status_code == 302
    return PreviewLink.objects.get()


@pytest.fixture
def signed_out():
    return Client()


@pytest.fixture
def clock(monkeypatch):
    """Moves the site's clock on: clock.move(days=8)."""
    real_now = timezone.now

    class Clock:
        offset = timedelta()

        def move(self, **delta):
            self.offset += timedelta(**delta)

    moved = Clock()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + moved.offset)
    return moved


def test_an_editor_makes_a_link_that_works_for_seven_days(
    editors_client, editors_member, draft
):
    page = html(editors_client.get(change_url(draft)))
    assert 'id="share-preview"' in page
    assert 'name="days"' in page and 'value="7"' in page

    response = share(editors_client, draft)
    assert response.status_code == 302
    assert response["Location"] == change_url(draft) + "#share-preview"
    link = PreviewLink.objects.get()
    assert link.article == draft
    assert link.created_by == editors_member
    assert abs(link.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(
        minutes=1
    )
    page = html(editors_client.get(change_url(draft)))
    assert "Preview link made." in page
    assert link.get_absolute_url() in page
    listing = page.split('id="share-preview"', 1)[1]
    assert "Made by editors-member" in listing
    assert timezone.localtime(link.expires_at).strftime("%-d %B %Y") in listing


@pytest.mark.parametrize("days", ["1", "30"])
def test_a_link_may_work_from_one_to_thirty_days(editors_client, draft, days):
    share(editors_client, draft, days)
    link = PreviewLink.objects.get()
    assert (link.expires_at - link.created_at) == timedelta(days=int(days))


@pytest.mark.parametrize(
    "days", ["0", "31", "-1", "", "abc", "7.5", "99999999999999999999", "7 days"]
)
def test_a_link_for_any_other_number_of_days_is_refused_clearly(
    editors_client, draft, days
):
    response = share(editors_client, draft, days)
    assert response.status_code == 302
    assert not PreviewLink.objects.exists()
    page = html(editors_client.get(change_url(draft)))
    assert "No link was made." in page


def test_anyone_with_the_link_sees_the_draft_with_a_banner(signed_out, link, draft):
    response = signed_out.get(link.get_absolute_url())
    assert response.status_code == 200
    banner = re.search(r'<div class="preview-banner".*?</div>', html(response), re.S)
    assert "This is a preview." in text_of(banner.group())
    assert "not published" in text_of(banner.group())
    main = main_content(response)
    assert "<h1>A draft to share</h1>" in main
    assert "A point for the outside author" in main
    assert "Edit in the admin" not in html(response)


def test_the_shared_preview_has_no_comment_form_that_works(signed_out, link):
    page = html(signed_out.get(link.get_absolute_url()))
    assert "Comments are closed" not in page
    forms = page.split('<fieldset class="preview-form" disabled>', 1)
    assert 'id="comment-form"' in forms[1].split("</fieldset>", 1)[0]
    assert 'id="comment-form"' not in forms[0]
    assert "Respond to this point" not in page


def test_the_shared_preview_is_never_cached_nor_indexed(
    signed_out, link, draft, settings
):
    settings.HTTP_CACHE = "varnish"
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    first = signed_out.get(link.get_absolute_url())
    cache_control = first["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "s-maxage" not in cache_control and "public" not in cache_control
    assert "Surrogate-Key" not in first and "xkey" not in first
    assert "noindex" in first["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex">' in html(first)

    draft.title = "An edited draft"
    draft.save()
    again = signed_out.get(link.get_absolute_url())
    assert "<h1>An edited draft</h1>" in main_content(again)


def test_the_shared_preview_is_in_no_sitemap_or_feed(signed_out, link):
    for url in ["/sitemap.xml", "/sitemap-articles.xml", "/feeds/articles/"]:
        response = signed_out.get(url)
        assert link.key not in html(response), url
        assert "/preview/" not in html(response), url


def test_an_expired_link_says_so(signed_out, link, clock):
    clock.move(days=6, hours=23)
    assert signed_out.get(link.get_absolute_url()).status_code == 200
    clock.move(hours=2)
    response = signed_out.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "This preview link has expired" in html(response)
    assert "no-store" in response["Cache-Control"]


def test_an_expired_link_is_no_longer_listed(editors_client, link, draft, clock):
    clock.move(days=8)
    page = html(editors_client.get(change_url(draft)))
    page = page.split('id="share-preview"', 1)[1]
    assert link.get_absolute_url() not in page
    assert "There are no working preview links." in page


def test_any_editor_may_revoke_any_link(
    editors_client, link, draft, signed_out, django_user_model
):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("other-editor", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    other_client = Client()
    other_client.force_login(other)
    revoke = reverse("admin:articles_article_revoke_share", args=[draft.pk, link.pk])
    assert f'action="{revoke}"' in html(other_client.get(change_url(draft)))

    response = other_client.post(revoke)
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_by == other and link.revoked_at is not None
    opened = signed_out.get(link.get_absolute_url())
    assert opened.status_code == 410
    assert "This preview link has been revoked" in html(opened)
    page = html(other_client.get(change_url(draft)))
    assert "Preview link revoked." in page
    assert link.get_absolute_url() not in page.split('id="share-preview"', 1)[1]


def test_revoking_needs_a_post_and_the_right_to_change_articles(
    editors_client, link, draft, django_user_model
):
    from django.contrib.auth.models import Permission

    revoke = reverse("admin:articles_article_revoke_share", args=[draft.pk, link.pk])
    assert editors_client.get(revoke).status_code == 405
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_article"))
    viewer_client = Client()
    viewer_client.force_login(viewer)
    assert viewer_client.post(revoke).status_code == 403
    assert viewer_client.post(share_url(draft), {"days": "7"}).status_code == 403
    assert 'id="share-preview"' not in html(viewer_client.get(change_url(draft)))
    link.refresh_from_db()
    assert link.revoked_at is None
    assert PreviewLink.objects.count() == 1


def test_a_link_cannot_be_revoked_through_another_article(editors_client, link):
    other = make_article()
    revoke = reverse("admin:articles_article_revoke_share", args=[other.pk, link.pk])
    assert editors_client.post(revoke).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize(
    "address",
    [
        "/preview/{article}/{key}x/",
        "/preview/{article}/not-a-key/",
        "/preview/{article}/" + "A" * 5000 + "/",
        "/preview/99999999999999999999/{key}/",
        "/preview/0/{key}/",
        "/preview/{other}/{key}/",
    ],
)
def test_a_forged_link_or_one_for_another_article_is_not_found(
    signed_out, link, draft, address
):
    other = make_article(status="draft")
    url = address.format(article=draft.pk, key=link.key, other=other.pk)
    response = signed_out.get(url)
    assert response.status_code == 404
    assert "This preview link does not work" in html(response)
    assert "A point for the outside author" not in html(response)


@pytest.mark.parametrize(
    "key",
    [
        "a\x00b",  # PostgreSQL refuses a NUL byte in a query
        "k" * 5000,
        "schlüssel",
        "%F0%9F%94%91",
        "key with spaces",
        "key'; select 1; --",
    ],
    ids=["nul", "huge", "non-ascii", "emoji", "spaces", "quote"],
)
def test_a_key_of_any_other_shape_is_not_found(signed_out, draft, key):
    response = signed_out.get(f"/preview/{draft.pk}/{key}/")
    assert response.status_code == 404
    assert "This preview link does not work" in html(response)


def test_a_link_to_an_article_since_published_goes_to_its_page(signed_out, link, draft):
    draft.status = "published"
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    response = signed_out.get(link.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
