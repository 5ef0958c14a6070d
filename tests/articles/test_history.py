"""Every save in the admin is a version, with who saved it: editors see the
history, compare two versions and go back to an earlier one."""

import re
from urllib.parse import quote

import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Perspective
from tests.factories import make_article
from tests.helpers import html

pytestmark = pytest.mark.django_db


def article_form(article, introduction, points=()):
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "introduction": introduction,
        "topics": "Housing",
        "attribution": "",
        "author": "",
        "status": article.status,
        # the date as the form shows it: a plain edit, not a new date
        "published_at_0": timezone.localtime(article.published_at).strftime("%d/%m/%Y"),
        "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        "allow_comments": "on",
        "points-TOTAL_FORMS": str(len(points)),
        "points-INITIAL_FORMS": str(len(points)),
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for number, (point, text) in enumerate(points):
        data[f"points-{number}-id"] = point.pk
        data[f"points-{number}-article"] = article.pk
        data[f"points-{number}-text"] = text
        data[f"points-{number}-perspective"] = point.perspective_id
        data[f"points-{number}-position"] = point.position
    return data


@pytest.fixture
def edited_twice(publisher_client, publisher):
    publisher.first_name, publisher.last_name = "Pat", "Publisher"
    publisher.save()
    article = make_article(introduction="Made outside the admin.")
    url = f"/admin/articles/article/{article.pk}/change/"
    for text in ("The first text.", "The second text."):
        response = publisher_client.post(url, article_form(article, text))
        assert response.status_code == 302
    return article


def versions_of(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def test_each_save_in_the_admin_is_a_version_with_who_saved_it(
    publisher_client, edited_twice, publisher
):
    newest, first = versions_of(edited_twice)
    assert first.field_dict["introduction"] == "The first text."
    assert newest.field_dict["introduction"] == "The second text."
    assert {first.revision.user, newest.revision.user} == {publisher}

    history = html(
        publisher_client.get(f"/admin/articles/article/{edited_twice.pk}/history/")
    )
    assert history.count("Pat Publisher") == 2
    assert "Compare with the version before" in history


def test_a_publisher_goes_back_to_the_first_version(publisher_client, edited_twice):
    newest, first = versions_of(edited_twice)
    url = f"/admin/articles/article/{edited_twice.pk}/history/{first.pk}/"
    form = publisher_client.get(url)
    assert form.status_code == 200
    assert "The first text." in html(form)
    # looking at a version changes nothing
    edited_twice.refresh_from_db()
    assert edited_twice.introduction == "The second text."

    response = publisher_client.post(url, article_form(edited_twice, "The first text."))
    assert response.status_code == 302
    edited_twice.refresh_from_db()
    assert edited_twice.introduction == "The first text."
    assert len(versions_of(edited_twice)) == 3


def test_the_compare_page_shows_both_texts_with_the_change_marked(
    publisher_client, edited_twice
):
    newest, first = versions_of(edited_twice)
    history = html(
        publisher_client.get(f"/admin/articles/article/{edited_twice.pk}/history/")
    )
    link = re.search(r'href="([^"]+/history/compare/\?[^"]+)"', history).group(1)
    page = html(publisher_client.get(link.replace("&amp;", "&")))
    assert "The <del>first</del> text." in page
    assert "The <ins>second</ins> text." in page
    assert "Housing" in page  # topics are kept with each version


def test_the_compare_page_escapes_what_editors_typed(publisher_client, publisher):
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    for text in ("<script>alert(1)</script> one", "<b>bold</b> two"):
        publisher_client.post(url, article_form(article, text))
    newest, first = versions_of(article)
    page = html(
        publisher_client.get(
            f"/admin/articles/article/{article.pk}/history/compare/",
            {"from": first.pk, "to": newest.pk},
        )
    )
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page


def test_staff_without_rights_to_articles_cannot_compare(
    client, moderator, edited_twice
):
    newest, first = versions_of(edited_twice)
    client.force_login(moderator)
    response = client.get(
        f"/admin/articles/article/{edited_twice.pk}/history/compare/",
        {"from": first.pk, "to": newest.pk},
    )
    assert response.status_code == 403


def test_a_point_edited_inline_is_versioned_with_its_article(
    publisher_client, perspective
):
    article = make_article(points=[(perspective, "The point as first written")])
    point = article.points.get()
    url = f"/admin/articles/article/{article.pk}/change/"
    for text in ("The point, edited once", "The point, edited twice"):
        data = article_form(article, "Same text.", points=[(point, text)])
        assert publisher_client.post(url, data).status_code == 302
    newest, first = versions_of(article)
    [point_version] = [
        version
        for version in first.revision.version_set.all()
        if version.content_type.model == "argumentpoint"
    ]
    assert point_version.field_dict["text"] == "The point, edited once"
    page = html(
        publisher_client.get(
            f"{url.removesuffix('change/')}history/compare/",
            {"from": first.pk, "to": newest.pk},
        )
    )
    assert "edited <del>once</del>" in page
    assert "edited <ins>twice</ins>" in page

    # and going back to the first version puts the point back as it was
    publisher_client.post(
        f"{url.removesuffix('change/')}history/{first.pk}/",
        article_form(article, "Same text.", points=[(point, "The point, edited once")]),
    )
    point.refresh_from_db()
    assert point.text == "The point, edited once"


def test_publishing_from_the_list_is_a_version_too(admin_client, draft_article):
    admin_client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [draft_article.pk]},
    )
    [version] = versions_of(draft_article)
    assert version.field_dict["status"] == Article.Status.PUBLISHED
    assert version.revision.user.username == "admin"


def test_perspectives_and_flat_pages_keep_their_history(admin_client, perspective):
    url = f"/admin/articles/perspective/{perspective.pk}/change/"
    data = {"name": "Frontline teams", "slug": perspective.slug, "position": 0}
    assert admin_client.post(url, data).status_code == 302
    assert versions_of(perspective)[0].field_dict["name"] == "Frontline teams"

    page = FlatPage.objects.create(url="/privacy/", title="Privacy", content="Old")
    page.sites.add(1)
    response = admin_client.post(
        f"/admin/flatpages/flatpage/{page.pk}/change/",
        {"url": "/privacy/", "title": "Privacy", "content": "New", "sites": [1]},
    )
    assert response.status_code == 302
    assert versions_of(page)[0].field_dict["content"] == "New"
    history = admin_client.get(f"/admin/flatpages/flatpage/{page.pk}/history/")
    assert history.status_code == 200


def test_content_never_saved_in_the_admin_has_an_empty_history(admin_client):
    call_command("loaddata", "seed", verbosity=0)
    page = FlatPage.objects.create(url="/made-elsewhere/", title="Made elsewhere")
    for url in (
        f"/admin/articles/article/{Article.objects.get().pk}/history/",
        f"/admin/articles/perspective/{Perspective.objects.first().pk}/history/",
        f"/admin/flatpages/flatpage/{page.pk}/history/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "No versions have been saved yet." in html(response)


@pytest.mark.parametrize("missing", ["999999", "-1", "0", "x", "é", "9" * 25])
@pytest.mark.parametrize("model", ["articles/article", "articles/perspective"])
def test_the_history_of_something_missing_is_not_found(editor_client, model, missing):
    response = editor_client.get(f"/admin/{model}/{quote(missing)}/history/")
    # Django's "doesn't exist" message on the admin's front page, or a 404
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
