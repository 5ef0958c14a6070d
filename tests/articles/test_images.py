"""Lead images and author photos: uploads are checked with Pillow and refused
with a plain message; what is stored has no metadata; renditions exist at the
right widths, are served with srcset, width and height, and go when the
picture is replaced or its article deleted."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles import images
from articles.models import Article
from tests.factories import image_upload, make_article, make_author

pytestmark = pytest.mark.django_db


def article_form(**fields):
    """What the admin's add-article form sends, with the fields given."""
    return {
        "title": "With a picture",
        "slug": "with-a-picture",
        "standfirst": "Standfirst.",
        "introduction": "",
        "attribution": "",
        "author": "",
        "lead_image_alt": "",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "status": Article.Status.PUBLISHED,
        "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_1": "00:00:00",
        "allow_comments": "on",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
        **fields,
    }


def add_article(client, **fields):
    return client.post(reverse("admin:articles_article_add"), article_form(**fields))


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def truncated_jpeg():
    whole = image_upload(size=(800, 600)).read()
    return upload("cut-short.jpg", whole[: len(whole) // 2])


def huge_png():
    # one colour compresses to almost nothing, whatever the size it declares
    out = BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    return upload("huge.png", out.getvalue())


REFUSED = {
    "a script renamed .jpg": (
        lambda: upload("photo.jpg", b"#!/bin/sh\nrm -rf /\n"),
        images.MESSAGES["type"],
    ),
    "an SVG": (
        lambda: upload(
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        images.MESSAGES["type"],
    ),
    "a GIF": (
        lambda: image_upload("moving.gif", size=(40, 40), kind="GIF"),
        images.MESSAGES["type"],
    ),
    "an empty file": (lambda: upload("empty.jpg", b""), "The submitted file is empty"),
    "a truncated JPEG": (truncated_jpeg, images.MESSAGES["damaged"]),
    "a PNG of 20,000 by 20,000 pixels": (huge_png, images.MESSAGES["too_many_pixels"]),
}


@pytest.mark.parametrize("kind", REFUSED)
def test_the_admin_refuses_what_is_not_a_whole_jpeg_png_or_webp(editor_client, kind):
    make_file, message = REFUSED[kind]
    response = add_article(
        editor_client, lead_image=make_file(), lead_image_alt="A picture"
    )
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Article.objects.exists()


def test_a_file_over_the_size_limit_is_refused(editor_client, monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 1000)
    response = add_article(
        editor_client, lead_image=image_upload(size=(800, 600)), lead_image_alt="A"
    )
    assert images.MESSAGES["too_big"] in response.content.decode()
    assert not Article.objects.exists()


def test_alt_text_is_needed_unless_the_image_is_decorative(publisher_client):
    response = add_article(publisher_client, lead_image=image_upload())
    assert "Enter alt text for the lead image" in response.content.decode()
    assert not Article.objects.exists()

    response = add_article(
        publisher_client, lead_image=image_upload(), is_lead_image_decorative="on"
    )
    assert response.status_code == 302
    assert Article.objects.get().lead_image


@pytest.mark.parametrize(
    ("kind", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")]
)
def test_jpeg_png_and_webp_are_stored_in_their_own_format(
    publisher_client, media_root, kind, name
):
    response = add_article(
        publisher_client,
        lead_image=image_upload(name, size=(1000, 500), kind=kind),
        lead_image_alt="Blue sky",
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.lead_image.name.startswith("articles/")
    assert article.lead_image.name.endswith(images.FORMATS[kind])
    with Image.open(media_root / article.lead_image.name) as stored:
        assert stored.format == kind
    assert (article.lead_image_width, article.lead_image_height) == (1000, 500)


def test_camera_details_and_location_are_stripped_and_the_picture_turned_upright(
    media_root,
):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)  # GPSLatitude
    with_metadata = image_upload(size=(600, 400), exif=exif.tobytes())
    with Image.open(with_metadata) as sent:
        assert sent.getexif().get_ifd(0x8825)
    with_metadata.seek(0)

    article = make_article(lead_image=with_metadata, lead_image_alt="A field")

    with Image.open(media_root / article.lead_image.name) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info
        assert stored.size == (400, 600)
    assert (article.lead_image_width, article.lead_image_height) == (400, 600)
    assert b"Camera maker" not in (media_root / article.lead_image.name).read_bytes()


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (1600, {480: 480, 800: 800, 1200: 1200}),
        (1000, {480: 480, 800: 800, 1200: 1000}),
        (600, {480: 480, 800: 600}),
        (300, {480: 300}),
    ],
)
def test_renditions_are_made_at_each_width_and_never_enlarged(
    media_root, width, expected
):
    article = make_article(
        lead_image=image_upload(size=(width, width // 2)), lead_image_alt="A"
    )
    made = {}
    for slot in images.WIDTHS:
        path = media_root / images.rendition_name(article.lead_image.name, slot)
        if path.exists():
            with Image.open(path) as rendition:
                assert rendition.format == "WEBP"
                assert rendition.height == max(1, round(rendition.width / 2))
                made[slot] = rendition.width
    assert made == expected


def test_the_page_shows_the_lead_image_with_srcset_size_caption_and_credit(client):
    article = make_article(
        lead_image=image_upload(size=(1600, 900)),
        lead_image_alt="Staff around a table",
        lead_image_caption="A team meeting in Leeds.",
        lead_image_credit="Photo: Jo Bloggs",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    img = re.search(r"<img src=\"[^\"]+-1200\.webp\"[^>]*>", page).group(0)
    assert 'alt="Staff around a table"' in img
    assert 'width="1200" height="675"' in img
    assert "-480.webp 480w" in img and "-800.webp 800w" in img
    assert "-1200.webp 1200w" in img
    assert 'sizes="' in img
    assert "loading=" not in img  # above the fold: loaded at once
    assert "A team meeting in Leeds." in page
    assert "Photo: Jo Bloggs" in page


def test_a_decorative_image_has_empty_alt_text(client):
    article = make_article(
        lead_image=image_upload(),
        lead_image_alt="Ignored",
        is_lead_image_decorative=True,
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<img [^>]*alt=""', page)
    assert "Ignored" not in page


def test_an_article_without_an_image_shows_none(client, published_article):
    page = client.get(published_article.get_absolute_url()).content.decode()
    assert "<img" not in page.split("<main", 1)[1]


def files_of(media_root, name):
    root = name.rsplit(".", 1)[0]
    return sorted(
        path.name
        for path in (media_root / "articles").iterdir()
        if path.name.startswith(root.split("/")[-1])
    )


def test_replacing_or_clearing_the_image_removes_the_old_files(
    media_root, django_capture_on_commit_callbacks
):
    article = make_article(lead_image=image_upload(), lead_image_alt="One")
    first = article.lead_image.name
    assert len(files_of(media_root, first)) == 4  # the picture, three renditions

    with django_capture_on_commit_callbacks(execute=True):
        article.lead_image = image_upload(size=(700, 400))
        article.save()
    second = article.lead_image.name
    assert second != first
    assert files_of(media_root, first) == []
    assert len(files_of(media_root, second)) == 3  # the picture, two renditions

    with django_capture_on_commit_callbacks(execute=True):
        article.lead_image = None
        article.save()
    assert files_of(media_root, second) == []


def test_saving_other_fields_keeps_the_image(
    media_root, django_capture_on_commit_callbacks
):
    article = make_article(lead_image=image_upload(), lead_image_alt="One")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Renamed"
        article.save()
        article.status = Article.Status.DRAFT
        article.save(update_fields=["status"])
    assert len(files_of(media_root, article.lead_image.name)) == 4


def test_deleting_an_article_removes_its_pictures(
    media_root, django_capture_on_commit_callbacks
):
    article = make_article(lead_image=image_upload(), lead_image_alt="One")
    name = article.lead_image.name
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert files_of(media_root, name) == []


def test_an_author_photo_is_checked_and_cleaned_the_same_way(media_root, editor_client):
    response = editor_client.post(
        reverse("admin:articles_author_add"),
        {
            "name": "Jo Bloggs",
            "slug": "jo-bloggs",
            "photo": image_upload("x.gif", kind="GIF"),
        },
    )
    assert images.MESSAGES["type"] in response.content.decode()
    response = editor_client.post(
        reverse("admin:articles_author_add"),
        {"name": "Jo Bloggs", "slug": "jo-bloggs", "photo": image_upload()},
    )
    assert "Enter alt text for the photo" in response.content.decode()

    author = make_author(photo=image_upload(size=(500, 500)), photo_alt="Jo Bloggs")
    assert author.photo.name.startswith("authors/")
    assert (media_root / images.rendition_name(author.photo.name, 480)).exists()


def test_pictures_are_served_by_the_site_only_when_it_is_told_to(client, settings):
    article = make_article(lead_image=image_upload(), lead_image_alt="One")
    url = article.lead_picture().src
    settings.SERVE_MEDIA = False
    assert client.get(url).status_code == 404
    settings.SERVE_MEDIA = True
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
