"""A lead image or an author photo uploaded with a form that comes back with
an error is kept: the form shows it again with "Keep this picture", and
saving it makes it the article's (or the author's) picture, with its
renditions, without choosing it again."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import images
from articles.kept_uploads import KEEP_FOR
from articles.models import Article, Author, KeptUpload
from tests.articles.kept_upload_helpers import (
    add_article,
    add_author,
    kept_reference,
    make_editors_user,
    thumbnail_address,
)
from tests.articles.test_image_uploads import MARKER, exif_with_location, picture
from tests.factories import image_upload, make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors_user(django_user_model):
    return make_editors_user(django_user_model)


@pytest.fixture
def editors_client(client, editors_user):
    client.force_login(editors_user)
    return client


def points(perspective, text):
    return {
        "points-TOTAL_FORMS": "1",
        "points-0-text": text,
        "points-0-perspective": str(perspective.pk) if perspective else "",
        "points-0-position": "0",
    }


# each way the add-article form can come back, and what puts it right
ARTICLE_MISTAKES = {
    "alt text missing": ({}, {"lead_image_alt": "A harbour at dawn"}),
    "title missing": (
        {"title": "", "lead_image_alt": "A harbour at dawn"},
        {"lead_image_alt": "A harbour at dawn"},
    ),
    "slug taken": (
        {"slug": "taken", "lead_image_alt": "A harbour at dawn"},
        {"lead_image_alt": "A harbour at dawn"},
    ),
    "a point without its perspective": (
        {"lead_image_alt": "A harbour at dawn", "points": None},
        {"lead_image_alt": "A harbour at dawn", "points": "fixed"},
    ),
}
ARTICLE_ERRORS = {
    "alt text missing": "Enter alt text for the lead image",
    "title missing": "This field is required",
    "slug taken": "Article with this Slug already exists",
    "a point without its perspective": "This field is required",
}


def article_fields(fields, perspective):
    fields = dict(fields)
    wanted = fields.pop("points", "none")
    if wanted is None:
        fields |= points(None, "A point with no perspective")
    elif wanted == "fixed":
        fields |= points(perspective, "A point with no perspective")
    return fields


@pytest.mark.parametrize("mistake", ARTICLE_MISTAKES)
def test_a_lead_image_is_kept_whatever_the_form_got_wrong(
    editors_client, perspective, mistake
):
    make_article(slug="taken")
    wrong, right = ARTICLE_MISTAKES[mistake]
    sent = image_upload(size=(900, 600))

    response = add_article(
        editors_client, lead_image=sent, **article_fields(wrong, perspective)
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert ARTICLE_ERRORS[mistake] in page
    assert "Keep this picture" in page and "Choose another" in page
    token = kept_reference(response)
    assert token
    thumbnail = editors_client.get(thumbnail_address(response))
    assert thumbnail.status_code == 200
    assert thumbnail["Content-Type"] == "image/webp"

    response = add_article(
        editors_client,
        lead_image_kept=token,
        lead_image_choice="keep",
        **article_fields(right, perspective),
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="with-a-picture")
    assert (article.lead_image_width, article.lead_image_height) == (900, 600)
    storage = article.lead_image.storage
    for slot, _width in images.rendition_widths(900):
        assert storage.exists(images.rendition_name(article.lead_image.name, slot))
    assert not KeptUpload.objects.exists()  # it is the article's own now


def test_keep_this_picture_is_ticked_and_the_file_box_is_still_there(
    editors_client,
):
    response = add_article(editors_client, lead_image=image_upload())
    page = response.content.decode()
    assert re.search(r'value="keep"\s+checked', page)
    assert not re.search(r'value="replace"\s+checked', page)
    assert 'type="file" name="lead_image"' in page
    assert 'accept="image/jpeg,image/png,image/webp"' in page


def test_a_kept_picture_is_stored_as_it_was_checked_not_encoded_again(
    editors_client, media_root
):
    sent = picture("JPEG", size=(640, 480), exif=exif_with_location())
    response = add_article(
        editors_client, lead_image=image_upload_of(sent, "camera.jpg")
    )
    kept = KeptUpload.objects.get()
    assert MARKER.encode() not in bytes(kept.picture)
    assert not list(media_root.rglob("*.*"))  # nothing in the public media yet

    add_article(
        editors_client,
        lead_image_kept=kept_reference(response),
        lead_image_alt="A photo",
    )

    article = Article.objects.get()
    with article.lead_image.open() as stored:
        assert stored.read() == images.cleaned(image_upload_of(sent, "x.jpg"))[1]


def image_upload_of(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_kept_picture_is_offered_again_if_the_form_fails_again(editors_client):
    response = add_article(editors_client, lead_image=image_upload(), title="")
    first = KeptUpload.objects.get()

    response = add_article(
        editors_client, lead_image_kept=kept_reference(response), title=""
    )

    assert "Keep this picture" in response.content.decode()
    assert KeptUpload.objects.get() == first  # the same picture, kept once
    response = add_article(
        editors_client,
        lead_image_kept=kept_reference(response),
        lead_image_alt="Still here",
    )
    assert response.status_code == 302
    assert Article.objects.get().lead_image


def test_choose_another_with_a_new_picture_stores_the_new_one(editors_client):
    response = add_article(editors_client, lead_image=image_upload(size=(300, 200)))
    response = add_article(
        editors_client,
        lead_image_kept=kept_reference(response),
        lead_image_choice="replace",
        lead_image=image_upload(size=(500, 400)),
        lead_image_alt="The other one",
    )
    assert response.status_code == 302
    assert Article.objects.get().lead_image_width == 500


def test_choose_another_stays_ticked_if_the_form_fails_again(editors_client):
    response = add_article(editors_client, lead_image=image_upload())
    response = add_article(
        editors_client,
        lead_image_kept=kept_reference(response),
        lead_image_choice="replace",
        title="",
    )
    page = response.content.decode()
    assert "Keep this picture" in page
    assert re.search(r'value="replace"\s+checked', page)
    assert not re.search(r'value="keep"\s+checked', page)


def test_a_new_picture_wins_even_with_keep_ticked_as_without_javascript(
    editors_client,
):
    response = add_article(editors_client, lead_image=image_upload(size=(300, 200)))
    add_article(
        editors_client,
        lead_image_kept=kept_reference(response),
        lead_image_choice="keep",
        lead_image=image_upload(size=(500, 400)),
        lead_image_alt="The other one",
    )
    assert Article.objects.get().lead_image_width == 500


def test_choose_another_without_a_picture_saves_without_the_kept_one(
    editors_client,
):
    response = add_article(editors_client, lead_image=image_upload())
    response = add_article(
        editors_client,
        lead_image_kept=kept_reference(response),
        lead_image_choice="replace",
    )
    assert response.status_code == 302
    assert not Article.objects.get().lead_image


def test_a_kept_picture_replaces_an_articles_picture_on_the_change_form(
    editors_client, media_root
):
    article = make_article(
        status="draft",  # an editor changes only drafts
        lead_image=image_upload(size=(300, 200)),
        lead_image_alt="The old one",
    )
    old_name = article.lead_image.name
    change = reverse("admin:articles_article_change", args=[article.pk])
    form = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "introduction": "",
        "attribution": "",
        "author": "",
        "lead_image_alt": "The old one",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "status": article.status,
        "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_1": "00:00:00",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }

    response = editors_client.post(
        change, {**form, "title": "", "lead_image": image_upload(size=(500, 400))}
    )
    assert "Keep this picture" in response.content.decode()
    response = editors_client.post(
        change, {**form, "lead_image_kept": kept_reference(response)}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead_image_width == 500
    assert article.lead_image.name != old_name


# each way the author form can come back
AUTHOR_MISTAKES = {
    "alt text missing": ({}, "Enter alt text for the photo"),
    "name missing": ({"name": "", "photo_alt": "Smiling"}, "This field is required"),
    "slug taken": (
        {"slug": "taken", "photo_alt": "Smiling"},
        "Author with this Slug already exists",
    ),
}


@pytest.mark.parametrize("mistake", AUTHOR_MISTAKES)
def test_an_author_photo_is_kept_whatever_the_form_got_wrong(editors_client, mistake):
    make_author(slug="taken")
    wrong, error = AUTHOR_MISTAKES[mistake]
    response = add_author(editors_client, photo=image_upload(size=(400, 400)), **wrong)
    assert error in response.content.decode()
    assert "Keep this picture" in response.content.decode()
    assert editors_client.get(thumbnail_address(response)).status_code == 200

    response = add_author(
        editors_client,
        photo_kept=kept_reference(response, "photo"),
        photo_alt="Smiling",
    )

    assert response.status_code == 302
    author = Author.objects.get(slug="richard-vize")
    assert author.photo_width == 400
    assert author.picture() is not None
    assert not KeptUpload.objects.exists()


def test_pictures_kept_over_a_day_are_purged_and_newer_ones_stay(editors_client):
    add_article(editors_client, lead_image=image_upload())
    add_article(editors_client, lead_image=image_upload())
    old, new = KeptUpload.objects.order_by("id")
    KeptUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - KEEP_FOR - timedelta(minutes=1)
    )
    KeptUpload.objects.filter(pk=new.pk).update(
        created_at=timezone.now() - KEEP_FOR + timedelta(minutes=5)
    )

    call_command("purge_kept_uploads", "--dry-run", stdout=None)
    assert KeptUpload.objects.count() == 2
    call_command("purge_kept_uploads", stdout=None)
    assert list(KeptUpload.objects.all()) == [new]


def test_the_daily_schedule_purges_kept_pictures(editors_client):
    from background.schedule import queue_due_jobs

    add_article(editors_client, lead_image=image_upload())
    KeptUpload.objects.update(created_at=timezone.now() - timedelta(days=2))
    assert "purge_kept_uploads" in queue_due_jobs()  # tests' tasks run at once
    assert not KeptUpload.objects.exists()
