"""Pictures editors upload: checked with Pillow, stored without their metadata,
and kept with smaller copies (renditions) for readers' screens.

An upload must be a JPEG, PNG or WebP that Pillow can read to the end, of at
most MAX_UPLOAD_BYTES and MAX_PIXELS, with sides from MIN_SIDE to MAX_SIDE and
no more than MAX_ASPECT to one (judged from the header, before decoding). What
is stored is the picture re-encoded from its pixels alone, turned upright and
into sRGB first: camera details and locations (EXIF, GPS, XMP, comments, text
chunks), colour profiles and anything after the picture are left behind.
Renditions are WebP, named after the picture: "articles/3f9c.jpg" has
"articles/3f9c-480.webp" and so on, one for each width in WIDTHS up to the
picture's own, never enlarged.
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
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A small file can declare an enormous picture (a "decompression bomb") that
# would fill the server's memory once decoded.
MAX_PIXELS = 40_000_000
# Sides a page can show. Renditions are WebP, which takes at most 16,383
# pixels a side, and every rendition of a picture this shape fits.
MAX_SIDE = 10_000
MIN_SIDE = 16
MAX_ASPECT = 10  # longer side to shorter side
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
    "too_long": (
        f"The selected image must be {MAX_SIDE:,} pixels or fewer on each side"
    ),
    "too_small": f"The selected image must be at least {MIN_SIDE} pixels on each side",
    "too_thin": (
        "The selected image is too long and thin: its longer side must be no "
        f"more than {MAX_ASPECT} times its shorter side"
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
            # judged from the header, before a pixel is decoded
            if why := _size_refusal(image.width, image.height):
                raise ValidationError(MESSAGES[why], code=why)
            image.load()  # reads to the end: a truncated file fails here
    except UnidentifiedImageError as error:
        raise ValidationError(MESSAGES["type"], code="type") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            MESSAGES["too_many_pixels"], code="too_many_pixels"
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(MESSAGES["damaged"], code="damaged") from error


def _size_refusal(width, height):
    """Why a picture of this size is refused, as a key of MESSAGES, or None."""
    if max(width, height) > MAX_SIDE:
        return "too_long"
    if min(width, height) < MIN_SIDE:
        return "too_small"
    if max(width, height) > MAX_ASPECT * min(width, height):
        return "too_thin"
    if width * height > MAX_PIXELS:
        return "too_many_pixels"
    return None


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
    """The picture re-encoded from its pixels, upright and in sRGB, as (file
    extension, bytes). Nothing else of the upload is kept: no comment,
    EXIF, XMP, text, colour profile or bytes after the picture."""
    with _opened(upload) as image:
        kind = image.format
        picture = _in_srgb(ImageOps.exif_transpose(image), image.info)
        if kind == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        elif picture.mode not in ("RGB", "RGBA", "L", "LA") or (
            "transparency" in picture.info
        ):
            picture = picture.convert("RGBA")
        # a new image of the pixels alone: Pillow writes back some of what it
        # read (a JPEG's comment, for one) when saving the image it opened
        pixels = Image.frombytes(picture.mode, picture.size, picture.tobytes())
        out = BytesIO()
        options = {}
        if kind == "JPEG":
            options.update(quality=88, optimize=True)
        elif kind == "WEBP":
            options.update(quality=85)
        pixels.save(out, kind, **options)
    return FORMATS[kind], out.getvalue()


SRGB = ImageCms.createProfile("sRGB")


def _in_srgb(picture, info):
    """The picture's colours converted from its own colour profile to sRGB,
    which browsers assume, so no profile need be stored. A profile that
    cannot be read leaves the colours as they are."""
    profile = info.get("icc_profile")
    if not profile:
        return picture
    output_mode = "RGBA" if picture.mode in ("RGBA", "LA", "PA") else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(profile))
        return ImageCms.profileToProfile(picture, source, SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return picture


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


class CleanedUpload(SimpleUploadedFile):
    """A picture that came through check_upload and cleaned() already (a kept
    upload, kept_uploads.py): stored as it is, not re-encoded a second time."""

    def __init__(self, suffix, content):
        kinds = {suffix: f"image/{kind.lower()}" for kind, suffix in FORMATS.items()}
        super().__init__(f"kept{suffix}", content, content_type=kinds[suffix])
        self.suffix = suffix


class PictureField(models.ImageField):
    """An uploaded picture: checked, stored without its metadata, and kept
    with its renditions. receivers.py removes the files it replaces."""

    default_validators = [validate_upload]

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": UploadField})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            if isinstance(file.file, CleanedUpload):
                suffix, content = file.file.suffix, file.file.read()
            else:
                suffix, content = cleaned(file.file)
            # upload_to names it; storing sets the width and height fields
            # from the content, which must have a name for that
            name = f"upload{suffix}"
            file.save(name, ContentFile(content, name=name), save=False)
            try:
                make_renditions(file)
            except BaseException:
                # a failed save leaves no file behind
                delete_with_renditions(file.storage, file.name)
                raise
        return super().pre_save(model_instance, add)
