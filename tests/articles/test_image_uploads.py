"""What an uploaded picture may carry and how big it may be. Every byte
stored is re-encoded from the pixels: no comment, camera data, location,
XMP, text chunk, colour profile as sent, or anything after the picture
survives. Extreme sides and shapes are refused from the header, before the
pixels are read, and a refused or failed upload leaves no file behind."""

import struct
import time
import zipfile
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, PngImagePlugin

from articles import images
from articles.models import Article, Author
from tests.articles.test_images import add_article

pytestmark = pytest.mark.django_db

MARKER = "PLANTED-MARKER-7f3a"


def picture(kind, size=(320, 200), **save_options):
    out = BytesIO()
    mode = "RGBA" if kind == "PNG" else "RGB"
    Image.new(mode, size, (200, 90, 30)).save(out, kind, **save_options)
    return out.getvalue()


def exif_with_location():
    exif = Image.Exif()
    exif[0x010E] = f"Description {MARKER}"  # ImageDescription
    exif[0x010F] = f"Camera maker {MARKER}"  # Make
    exif[0x8825] = {  # GPS: a place and a note
        1: "N",
        2: (51.0, 30.0, 12.0),
        3: "W",
        4: (0.0, 7.0, 39.0),
        0x1B: f"ASCII\0\0\0{MARKER}".encode(),  # GPSProcessingMethod
    }
    return exif.tobytes()


def icc_profile_with_marker():
    """A working sRGB profile whose description names the marker."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    # after the length its header gives: colour tools read past it
    return profile + MARKER.encode()


def xmp():
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description about="{MARKER}"/></rdf:RDF></x:xmpmeta>'
    ).encode()


def png_text(kind):
    info = PngImagePlugin.PngInfo()
    if kind == "tEXt":
        info.add_text("Comment", MARKER)
    elif kind == "zTXt":
        info.add_text("Comment", MARKER * 20, zip=True)
    else:
        info.add_itxt("Comment", MARKER, lang="en", tkey="Comment")
    return picture("PNG", pnginfo=info)


def zip_of_marker():
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(f"{MARKER}.txt", f"{MARKER} inside a zip")
    return out.getvalue()


CARRYING_A_MARKER = {
    "JPEG comment (COM)": lambda: picture("JPEG", comment=MARKER),
    "JPEG EXIF with GPS": lambda: picture("JPEG", exif=exif_with_location()),
    "JPEG XMP": lambda: picture("JPEG", xmp=xmp()),
    "JPEG ICC profile": lambda: picture("JPEG", icc_profile=icc_profile_with_marker()),
    "JPEG with bytes after its end": lambda: picture("JPEG") + MARKER.encode(),
    "JPEG with a zip appended": lambda: picture("JPEG") + zip_of_marker(),
    "PNG tEXt": lambda: png_text("tEXt"),
    "PNG zTXt": lambda: png_text("zTXt"),
    "PNG iTXt": lambda: png_text("iTXt"),
    "PNG eXIf": lambda: picture("PNG", exif=exif_with_location()),
    "PNG ICC profile": lambda: picture("PNG", icc_profile=icc_profile_with_marker()),
    "PNG with bytes after its end": lambda: picture("PNG") + MARKER.encode(),
    "PNG with a zip appended": lambda: picture("PNG") + zip_of_marker(),
    "WebP EXIF": lambda: picture("WEBP", exif=exif_with_location()),
    "WebP XMP": lambda: picture("WEBP", xmp=xmp()),
    "WebP ICC profile": lambda: picture("WEBP", icc_profile=icc_profile_with_marker()),
    "WebP with a zip appended": lambda: picture("WEBP") + zip_of_marker(),
}


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize("carrier", CARRYING_A_MARKER)
def test_nothing_but_the_pixels_of_an_upload_is_stored(
    publisher_client, media_root, carrier
):
    sent = CARRYING_A_MARKER[carrier]()
    with Image.open(BytesIO(sent)) as sending:  # compressed chunks read out
        assert MARKER.encode() in sent or MARKER in repr(sending.info)

    response = add_article(
        publisher_client, lead_image=upload("photo.bin", sent), lead_image_alt="A photo"
    )

    assert response.status_code == 302
    files = stored_files(media_root)
    assert len(files) >= 2  # the picture and its renditions
    for path in files:
        content = path.read_bytes()
        assert MARKER.encode() not in content, path.name
        with Image.open(path) as stored:
            assert MARKER not in repr(stored.info), path.name
            assert not {"comment", "exif", "xmp", "icc_profile"} & set(stored.info)
            assert not stored.getexif()


def test_a_picture_with_a_colour_profile_keeps_its_colours(publisher_client):
    sent = picture("PNG", icc_profile=icc_profile_with_marker())

    add_article(
        publisher_client, lead_image=upload("colour.png", sent), lead_image_alt="Colour"
    )

    with Article.objects.get().lead_image.open() as stored, Image.open(stored) as image:
        red, green, blue, _alpha = image.getpixel((5, 5))
    assert abs(red - 200) + abs(green - 90) + abs(blue - 30) <= 6


def png_declaring(width, height):
    """A PNG header declaring any size, with almost no pixels behind it:
    what an attacker sends, and what only the header may judge."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def jpeg_declaring(width, height):
    """A real JPEG whose header is changed to declare another size."""
    data = bytearray(picture("JPEG", size=(16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


REFUSED_SIZES = [
    (1, 40_000_000, "too_long"),
    (40_000_000, 1, "too_long"),
    (1, 39_999_999, "too_long"),
    (10_001, 1_000, "too_long"),
    (1_000, 10_001, "too_long"),
    # beyond what Pillow opens at all: refused as too many pixels
    (65_535, 65_535, "too_many_pixels"),
    (2**31 - 1, 1, "too_many_pixels"),
    (3_000, 299, "too_thin"),
    (299, 3_000, "too_thin"),
    (10, 10, "too_small"),
    (1, 1, "too_small"),
    (15, 600, "too_small"),
]


@pytest.mark.parametrize(
    ("declaring", "width", "height", "why"),
    [
        (declaring, *size)
        for declaring in (png_declaring, jpeg_declaring)
        for size in REFUSED_SIZES
        # a JPEG header holds sides up to 65,535
        if declaring is png_declaring or max(size[:2]) <= 65_535
    ],
)
def test_extreme_sides_and_shapes_are_refused_from_the_header_at_once(
    editor_client, media_root, declaring, width, height, why
):
    started = time.monotonic()

    response = add_article(
        editor_client,
        lead_image=upload("odd.png", declaring(width, height)),
        lead_image_alt="Odd",
    )

    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert images.MESSAGES[why] in response.content.decode().replace("&#x27;", "'")
    assert not Article.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("width", "height"), [(16, 16), (3_000, 300), (300, 3_000), (10_000, 1_000)]
)
def test_pictures_at_the_limits_are_stored_with_their_renditions(
    publisher_client, media_root, width, height
):
    response = add_article(
        publisher_client,
        lead_image=upload("edge.jpg", picture("JPEG", size=(width, height))),
        lead_image_alt="At the edge",
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.lead_image_width, article.lead_image_height) == (width, height)
    assert len(stored_files(media_root)) == 1 + len(images.rendition_widths(width))


REFUSED_FILES = {
    "a tall PNG": lambda: png_declaring(1, 40_000_000),
    "a GIF": lambda: picture("GIF"),
    "a truncated JPEG": lambda: picture("JPEG")[:200],
    "a bomb": lambda: png_declaring(8_000, 8_000),
    "a zip": zip_of_marker,
}


@pytest.mark.parametrize("sent", REFUSED_FILES)
def test_a_refused_author_photo_leaves_no_file(editor_client, media_root, sent):
    response = editor_client.post(
        reverse("admin:articles_author_add"),
        {
            "name": "Jo Bloggs",
            "slug": "jo-bloggs",
            "photo": upload("photo.png", REFUSED_FILES[sent]()),
            "photo_alt": "Jo",
        },
    )

    assert response.status_code == 200
    assert not Author.objects.exists()
    assert stored_files(media_root) == []


def test_a_save_that_fails_after_storing_removes_what_it_stored(
    publisher_client, media_root, monkeypatch
):
    # the disk fills up while the renditions are written
    real_save = images.ContentFile

    def failing_rendition(content, name=None):
        if name is None:
            raise OSError("No space left on device")
        return real_save(content, name=name)

    monkeypatch.setattr(images, "ContentFile", failing_rendition)

    with pytest.raises(OSError):
        add_article(
            publisher_client,
            lead_image=upload("photo.jpg", picture("JPEG")),
            lead_image_alt="A photo",
        )

    assert not Article.objects.exists()
    assert stored_files(media_root) == []
