"""A member of the Editors group adds a picture to the media library, pastes
its reference into a draft's text and sees the figure on the article's page,
in a real browser; the library's pages and the article meet WCAG 2.2 AA."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, MediaPicture
from tests.browser.conftest import MODERATOR_PASSWORD, loaded_width
from tests.browser.test_moderating import DJANGO_ADMIN_EXCEPTIONS
from tests.factories import image_upload, make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def serve_media(settings):
    settings.SERVE_MEDIA = True


@pytest.fixture
def group_editor(django_user_model):
    """Robin, in the Editors group as the migrations made it."""
    importlib.import_module("discussion.migrations.0004_staff_groups").make_groups(
        apps, None
    )
    importlib.import_module(
        "articles.migrations.0016_media_library"
    ).let_editors_manage_the_media_library(apps, None)
    user = django_user_model.objects.create_user(
        "robin", "robin@example.org", MODERATOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def draft(seed):
    points = [(point.perspective, point.text) for point in seed.points.all()[:2]]
    return make_article(
        title="Care closer to home",
        slug="care-closer-to-home",
        introduction="Services are moving out of hospital.",
        status=Article.Status.DRAFT,
        points=points,
    )


def is_there(page, locator):
    """The element is what the browser finds at its centre: not covered."""
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const found = document.elementFromPoint(
                box.x + box.width / 2, box.y + box.height / 2);
            return element === found || element.contains(found);
        }"""
    )


def test_an_editor_places_a_library_picture_in_a_draft_and_sees_the_figure(
    page, live_server, draft, group_editor, sign_in, check_axe
):
    sign_in(page, group_editor)
    page.get_by_role("link", name="Media library").click()
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
    page.get_by_role("link", name="Add library picture").click()
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
    page.get_by_label("Picture:").set_input_files(
        {
            "name": "ward-at-night.jpg",
            "mimeType": "image/jpeg",
            "buffer": image_upload(size=(1600, 900)).read(),
        }
    )
    page.get_by_label("Caption:").fill("Night shift at the infirmary.")
    page.get_by_label("Credit:").fill("Photo: Sam Lee")
    page.get_by_role("button", name="Save", exact=True).click()
    # no alt text: told what to do, and nothing saved
    expect(page.locator(".errorlist")).to_contain_text(
        "Enter alt text for the picture, or tick the box to say it is decorative"
    )
    assert not MediaPicture.objects.exists()
    page.get_by_label("Picture:").set_input_files(
        {
            "name": "ward-at-night.jpg",
            "mimeType": "image/jpeg",
            "buffer": image_upload(size=(1600, 900)).read(),
        }
    )
    page.get_by_label("Alt text:").fill("A nurse at a desk on a dark ward")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # the library lists it with a thumbnail and the reference to paste
    page.locator("#searchbar").fill("infirmary")
    page.get_by_role("button", name="Search").click()
    reference = page.locator(".media-reference")
    expect(reference).to_have_count(1)
    assert is_there(page, reference)
    thumbnail = page.locator("img.media-thumbnail")
    expect(thumbnail).to_be_visible()
    assert loaded_width(thumbnail) > 0
    text = reference.inner_text()
    media = MediaPicture.objects.get()
    assert text == f"![A nurse at a desk on a dark ward](media:{media.pk})"
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
    page.get_by_role("link", name="A nurse at a desk on a dark ward").click()
    expect(page.locator(".media-reference")).to_have_text(text)
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)

    # pasted into the draft's text, with a reference the library lacks
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    introduction = page.get_by_label("Introduction:")
    introduction.fill(
        f"Services are moving out of hospital.\n\n{text}\n\n![Old](media:999999)"
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist")).to_contain_text(
        "Readers will not see 1 picture in the introduction: media:999999"
    )

    page.goto(live_server.url + draft.get_absolute_url())
    figure = page.locator(".article__introduction figure")
    expect(figure).to_have_count(1)
    image = figure.get_by_role("img", name="A nurse at a desk on a dark ward")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    assert loaded_width(image) > 0
    assert image.get_attribute("width") == "1200"
    expect(figure.locator("figcaption")).to_have_text(
        "Night shift at the infirmary. Photo: Sam Lee"
    )
    # at a phone's width the figure fits, with no sideways scrolling
    page.set_viewport_size({"width": 375, "height": 800})
    box = image.bounding_box()
    assert box["width"] <= 375 and box["height"] == pytest.approx(
        box["width"] * 675 / 1200, abs=2
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 800})
    check_axe(page)
