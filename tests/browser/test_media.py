"""An editor gives an article a lead image in the admin; readers see it, and
pages with pictures meet WCAG 2.2 AA, in a real browser."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from tests.browser.conftest import MODERATOR_PASSWORD, loaded_width
from tests.factories import image_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def serve_media(settings):
    settings.SERVE_MEDIA = True


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", MODERATOR_PASSWORD, is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=[
                "change_article",
                "view_article",
                "view_author",
                "change_argumentpoint",
                "view_argumentpoint",
                "view_perspective",
                "publish_article",  # the seed is published: Publishers change it
            ],
        )
    )
    return user


def test_editor_adds_a_lead_image_that_readers_then_see(
    page, new_context, live_server, seed, editor, sign_in
):
    sign_in(page, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{seed.pk}/change/")
    page.get_by_label("Lead image:").set_input_files(
        {
            "name": "council-meeting.jpg",
            "mimeType": "image/jpeg",
            "buffer": image_upload(size=(1600, 900)).read(),
        }
    )
    page.get_by_label("Alt text").fill("Councillors and staff around a table")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    reader = new_context().new_page()
    reader.goto(live_server.url + seed.get_absolute_url())
    image = reader.get_by_role("img", name="Councillors and staff around a table")
    expect(image).to_be_visible()
    assert loaded_width(image) > 0
    assert image.get_attribute("width") == "1200"


def test_editor_sees_what_is_wrong_with_a_gif(page, live_server, seed, editor, sign_in):
    sign_in(page, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{seed.pk}/change/")
    page.get_by_label("Lead image:").set_input_files(
        {
            "name": "moving.gif",
            "mimeType": "image/gif",
            "buffer": image_upload(size=(40, 40), kind="GIF").read(),
        }
    )
    page.get_by_label("Alt text").fill("A moving picture")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text(
        "The selected file must be a JPEG, PNG or WebP image"
    )


def test_an_article_with_an_image_and_an_author_page_meet_wcag_aa(
    page, live_server, seed, check_axe
):
    seed.lead_image = image_upload(size=(1600, 900))
    seed.lead_image_alt = "Councillors and staff around a table"
    seed.lead_image_caption = "A partnership board meets in public."
    seed.lead_image_credit = "Photo: Insight"
    seed.save()
    author = seed.author
    author.photo = image_upload(size=(600, 600))
    author.photo_alt = "Richard Vize"
    author.role = "Journalist"
    author.bio = "Writes about public services."
    author.save()

    page.goto(live_server.url + seed.get_absolute_url())
    expect(page.locator(".lead-image img")).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Richard Vize").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Richard Vize")
    check_axe(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320

    page.goto(f"{live_server.url}/authors/")
    check_axe(page)
