"""An editor's lead image survives a form that comes back with an error: the
page shows it as a thumbnail with "Keep this picture", and saving after the
correction gives the article the picture readers then see. With JavaScript
and without."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Author
from tests.articles.kept_upload_helpers import EDITOR_PASSWORD, make_editors_user
from tests.browser.conftest import loaded_width
from tests.factories import image_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALT_TEXT = "Volunteers sorting food parcels in a church hall"

# Failures axe finds on the article form outside its picture fields, in
# Django's own widgets: (rule, where, why it is tolerated). Everything in the
# lead image's fieldset is checked.
ARTICLE_FORM_EXCEPTIONS = [
    (
        "label",
        ".field-published_at",
        "Django's split date and time boxes share the one label of the field",
    ),
    ("label", ".inline-group", "Django's tabular inline labels columns by heading"),
    ("select-name", ".inline-group", "Django's tabular inline, as above"),
    ("label", ".select2-container", "the autocomplete's search box (select2)"),
]


@pytest.fixture(autouse=True)
def serve_media(settings):
    settings.SERVE_MEDIA = True


@pytest.fixture
def editors_user(django_user_model):
    return make_editors_user(django_user_model)


def is_there(locator):
    """Whether the control is what a pointer at its centre reaches."""
    locator.scroll_into_view_if_needed()
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const found = document.elementFromPoint(
                box.left + box.width / 2, box.top + box.height / 2);
            return found === element || element.contains(found)
                || (element.labels && [...element.labels].includes(found));
        }"""
    )


def start_an_article_without_alt_text(page, live_server):
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Title:").fill("Food banks and the system")
    page.get_by_label("Slug:").fill("food-banks-and-the-system")  # no JavaScript
    page.get_by_label("Standfirst:").fill("What a food bank sees first.")
    page.get_by_label("Lead image:").set_input_files(
        {
            "name": "food-bank.jpg",
            "mimeType": "image/jpeg",
            "buffer": image_upload(size=(1600, 900)).read(),
        }
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_have_text(
        ["Enter alt text for the lead image, or tick the box to say it is decorative"]
    )


def see_the_kept_picture(page):
    thumbnail = page.get_by_role("img", name="The picture you uploaded")
    expect(thumbnail).to_be_visible()
    thumbnail.scroll_into_view_if_needed()
    assert loaded_width(thumbnail) > 0
    keep = page.get_by_role("radio", name="Keep this picture")
    expect(keep).to_be_checked()
    assert is_there(keep)
    assert is_there(page.get_by_role("radio", name="Choose another"))


def readers_see_the_picture(new_context, live_server):
    # published here, as a Publisher would: editors write, others publish
    article = Article.objects.get(title="Food banks and the system")
    assert article.lead_image
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    article.save()
    reader = new_context().new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    image = reader.get_by_role("img", name=ALT_TEXT)
    expect(image).to_be_visible()
    assert loaded_width(image) > 0
    assert image.get_attribute("width") == "1200"


def test_an_editor_keeps_the_picture_after_a_missing_alt_text(
    page, new_context, live_server, editors_user, sign_in, check_axe
):
    sign_in(page, editors_user, EDITOR_PASSWORD)
    start_an_article_without_alt_text(page, live_server)

    see_the_kept_picture(page)
    # with JavaScript, the file box waits until "Choose another" is ticked
    file_box = page.locator("input[type=file][name=lead_image]")
    expect(file_box).to_be_hidden()
    page.get_by_role("radio", name="Choose another").check()
    expect(file_box).to_be_visible()
    page.get_by_role("radio", name="Keep this picture").check()
    expect(file_box).to_be_hidden()
    check_axe(page, tolerated=ARTICLE_FORM_EXCEPTIONS)

    page.get_by_label("Alt text").fill(ALT_TEXT)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    readers_see_the_picture(new_context, live_server)


def test_the_picture_is_kept_without_javascript(
    new_context, live_server, editors_user, sign_in
):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, editors_user, EDITOR_PASSWORD)
    start_an_article_without_alt_text(page, live_server)

    see_the_kept_picture(page)
    expect(page.locator("input[type=file][name=lead_image]")).to_be_visible()

    page.get_by_label("Alt text").fill(ALT_TEXT)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    readers_see_the_picture(new_context, live_server)


def test_an_editor_keeps_an_author_photo_after_a_missing_alt_text(
    page, live_server, editors_user, sign_in, check_axe
):
    sign_in(page, editors_user, EDITOR_PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/author/add/")
    page.get_by_label("Name:").fill("Richard Vize")
    page.get_by_label("Slug:").fill("richard-vize")
    page.get_by_label("Photo:").set_input_files(
        {
            "name": "portrait.png",
            "mimeType": "image/png",
            "buffer": image_upload(size=(600, 600), kind="PNG").read(),
        }
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_have_text(["Enter alt text for the photo"])

    see_the_kept_picture(page)
    check_axe(page)

    page.get_by_label("Photo alt text:").fill("Richard Vize, smiling")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    author = Author.objects.get(name="Richard Vize")
    assert author.photo_width == 600
    assert author.picture() is not None
