"""Pictures editors upload: checked with Pillow, stored without their metadata,
and kept with smaller copies (renditions) for readers' screens.

An upload must be a JPEG, PNG or WebP that Pillow can read to the end, of at
most MAX_UPLOAD_BYTES and MAX_PIXELS. What is stored is the picture re-encoded
from its pixels, turned upright first: camera details and locations (EXIF,
GPS, XMP, comments) are left behind. Renditions are WebP, named after the
picture: "articles/3f9c.jpg" has "articles/3f9c-480.webp" and so on, one for
each width in WIDTHS up to the picture's own, never enlarged.
"""

import secrets
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A small file can declare an enormous picture (a "decompression bomb") that
# would fill the server's memory once decoded.
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
WIDTHS = (480, 800, 1200)

MESSAGES = {
    "empty": "The selected file is empty",
    "too_big": "The selected file must be smaller than 10 MB",
    "type": "The selected file must be a JPEG, PNG or WebP image",
    "too_many_pixels": (
        "The selected image must be smaller than 40 megapixels "
        "(for example, 8,000 by 5,000 pixels)"
    ),
    "damaged": (
        "The selected file could not be read – it may be damaged or incomplete"
    ),
}


def validate_upload(value):
    """Refuse a new upload that is not a whole JPEG, PNG or WebP of a sensible
    size. A picture already stored was checked when it came in."""
    # _committed is false only for a file assigned but not yet stored
    if value and not getattr(value, "_committed", True):
        check_upload(value.file)


def check_upload(upload):
    if upload.size == 0:
        raise ValidationError(MESSAGES["empty"], code="empty")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(MESSAGES["too_big"], code="too_big")
    try:
        with _opened(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    MESSAGES["too_many_pixels"], code="too_many_pixels"
                )
            image.load()  # reads to the end: a truncated file fails here
    except UnidentifiedImageError as error:
        raise ValidationError(MESSAGES["type"], code="type") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            MESSAGES["too_many_pixels"], code="too_many_pixels"
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(MESSAGES["damaged"], code="damaged") from error


@contextmanager
def _opened(upload):
    """Image.open for the formats we take, with Pillow's warning about huge
    pictures raised as an error, and the file rewound afterwards."""
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(upload, formats=list(FORMATS)) as image:
                yield image
        finally:
            upload.seek(0)


def cleaned(upload):
    """The picture re-encoded from its pixels, upright and without metadata,
    as (file extension, bytes)."""
    with _opened(upload) as image:
        kind = image.format
        # the colour profile is kept: it is colour, not personal data
        icc_profile = image.info.get("icc_profile")
        picture = ImageOps.exif_transpose(image)
        if kind == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        elif picture.mode not in ("RGB", "RGBA", "L", "LA"):
            picture = picture.convert("RGBA")
        out = BytesIO()
        options = {"icc_profile": icc_profile} if icc_profile else {}
        if kind == "JPEG":
            options.update(quality=88, optimize=True)
        elif kind == "WEBP":
            options.update(quality=85)
        picture.save(out, kind, **options)
    return FORMATS[kind], out.getvalue()


def rendition_name(name, width):
    return f"{PurePosixPath(name).with_suffix('')}-{width}.webp"


def rendition_widths(width):
    """(name's width, actual width) of each rendition of a picture this wide:
    up to the first that covers it, none wider than the picture."""
    widths = []
    for slot in WIDTHS:
        widths.append((slot, min(slot, width)))
        if slot >= width:
            break
    return widths


def make_renditions(file):
    """Store the renditions of a stored picture (a FieldFile)."""
    storage = file.storage
    with storage.open(file.name) as stored, Image.open(stored) as image:
        image.load()
        for slot, width in rendition_widths(image.width):
            height = max(1, round(image.height * width / image.width))
            copy = image.resize((width, height), Image.Resampling.LANCZOS)
            out = BytesIO()
            copy.save(out, "WEBP", quality=80)
            name = rendition_name(file.name, slot)
            storage.delete(name)  # an earlier copy under this name goes
            storage.save(name, ContentFile(out.getvalue()))


def delete_with_renditions(storage, name):
    """Remove a stored picture and every rendition it may have."""
    storage.delete(name)
    for slot in WIDTHS:
        storage.delete(rendition_name(name, slot))


@dataclass(frozen=True)
class Picture:
    """What an <img> needs: the largest rendition, the srcset and its size."""

    src: str
    srcset: str
    width: int
    height: int


def picture(file, width, height):
    """The Picture of a stored picture of the given size, or None."""
    if not file or not width or not height:
        return None
    storage = file.storage
    sources = [
        (storage.url(rendition_name(file.name, slot)), actual)
        for slot, actual in rendition_widths(width)
    ]
    largest = sources[-1][1]
    return Picture(
        src=sources[-1][0],
        srcset=", ".join(f"{url} {actual}w" for url, actual in sources),
        width=largest,
        height=max(1, round(height * largest / width)),
    )


@deconstructible
class RandomName:
    """Stores uploads under a random name in a folder: the editor's file name
    says nothing to readers, and a new picture has a new address."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename).suffix.lower()
        return f"{self.folder}/{secrets.token_hex(8)}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


class UploadField(forms.FileField):
    """The file box of a picture: checks the upload before the model reads its
    size, and says what is wrong rather than refusing in general terms."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            check_upload(upload)
        return upload

    def widget_attrs(self, widget):
        return {
            **super().widget_attrs(widget),
            "accept": "image/jpeg,image/png,image/webp",
        }


class PictureField(models.ImageField):
    """An uploaded picture: checked, stored without its metadata, and kept
    with its renditions. receivers.py removes the files it replaces."""

    default_validators = [validate_upload]

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": UploadField})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            suffix, content = cleaned(file.file)
            # upload_to names it; storing sets the width and height fields
            # from the content, which must have a name for that
            name = f"upload{suffix}"
            file.save(name, ContentFile(content, name=name), save=False)
            make_renditions(file)
        return super().pre_save(model_instance, add)
