"""Editable pages (flat pages) always use the site's page template: editors
choose no template, so none can show a page through the admin's templates
or any other."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.flatpages.models import FlatPage

from tests.helpers import html

pytestmark = pytest.mark.django_db

TEMPLATES_ASKED_FOR = [
    "admin/base.html",
    "admin/login.html",
    "registration/password_reset_email.html",
    "500.html",
    "flatpages/../admin/base.html",
    "../settings.py",
    "/etc/passwd",
    "django/forms/widgets/input.html",
    "{{ request.user.password }}",
    "admin/base.html\x00",
    "x" * 200,
]


@pytest.fixture
def editor_client(client, django_user_model):
    importlib.import_module("discussion.migrations.0004_staff_groups").make_groups(
        apps, None
    )
    user = django_user_model.objects.create_user("ed", "ed@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def privacy_page(db):
    page = FlatPage.objects.create(
        url="/privacy/", title="Privacy", content="How we use your data."
    )
    page.sites.add(1)
    return page


def page_form(page, **fields):
    return {
        "url": page.url,
        "title": page.title,
        "content": page.content,
        "sites": [1],
        **fields,
    }


def test_editors_are_offered_no_template_for_a_page(editor_client, privacy_page):
    form = html(
        editor_client.get(f"/admin/flatpages/flatpage/{privacy_page.pk}/change/")
    )
    assert 'name="content"' in form
    assert "template_name" not in form


@pytest.mark.parametrize("template", TEMPLATES_ASKED_FOR)
def test_a_template_an_editor_sends_is_not_used(
    editor_client, client, privacy_page, template
):
    response = editor_client.post(
        f"/admin/flatpages/flatpage/{privacy_page.pk}/change/",
        page_form(privacy_page, content="Edited.", template_name=template),
    )

    assert response.status_code == 302
    privacy_page.refresh_from_db()
    assert privacy_page.content == "Edited."
    assert privacy_page.template_name == ""
    client.logout()
    page = html(client.get("/privacy/"))
    assert '<div class="page-content"><p>Edited.</p>' in page
    assert "Django administration" not in page and "Insight admin" not in page


def test_a_template_set_before_is_dropped_when_the_page_is_next_saved(
    editor_client, privacy_page
):
    FlatPage.objects.filter(pk=privacy_page.pk).update(template_name="admin/base.html")

    editor_client.post(
        f"/admin/flatpages/flatpage/{privacy_page.pk}/change/", page_form(privacy_page)
    )

    privacy_page.refresh_from_db()
    assert privacy_page.template_name == ""
