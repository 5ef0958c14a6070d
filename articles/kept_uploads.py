"""Pictures kept when a form fails: a lead image or an author photo uploaded
with a form that comes back with an error is checked and re-encoded as
images.py does, kept in the database for a day, and offered again as "Keep
this picture" or "Choose another", so the editor need not choose it again.

The form carries a signed reference to the kept picture: it names the editor
who uploaded it and expires with the picture, so a forged, borrowed or stale
reference is refused with a message, never used."""

from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from PIL import Image

from . import images
from .models import KeptUpload

KEEP_FOR = timedelta(days=1)
THUMBNAIL_SIDE = 240
SALT = "articles.kept_uploads"
KEEP, REPLACE = "keep", "replace"

MESSAGES = {
    "refused": (
        "The picture you uploaded before cannot be used. Choose the picture again"
    ),
    "expired": (
        "The picture you uploaded before is no longer kept (pictures are kept "
        "for a day). Choose the picture again"
    ),
}


class Refused(Exception):
    """A reference to a kept picture that cannot be used, and why."""

    def __init__(self, why):
        super().__init__(MESSAGES[why])
        self.why = why
        self.message = MESSAGES[why]


def keep(upload, owner):
    """Keep a checked upload for its owner: re-encoded, with a thumbnail."""
    suffix, content = images.cleaned(upload)
    thumbnail, width, height = _thumbnail(content)
    return KeptUpload.objects.create(
        owner=owner,
        picture=content,
        suffix=suffix,
        thumbnail=thumbnail,
        thumbnail_width=width,
        thumbnail_height=height,
    )


def _thumbnail(content):
    with Image.open(BytesIO(content)) as image:
        image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        out = BytesIO()
        image.save(out, "WEBP", quality=80)
        return out.getvalue(), image.width, image.height


def reference(kept):
    """The signed reference a form carries to a kept picture."""
    return signing.dumps({"kept": kept.pk, "owner": kept.owner_id}, salt=SALT)


def kept_for(token, user):
    """The kept picture a reference names, if it is the user's and still kept;
    otherwise Refused."""
    try:
        data = signing.loads(token, salt=SALT, max_age=KEEP_FOR)
    except signing.SignatureExpired as error:
        raise Refused("expired") from error
    except signing.BadSignature as error:
        raise Refused("refused") from error
    if not isinstance(data, dict) or data.get("owner") != user.pk:
        raise Refused("refused")
    kept = KeptUpload.objects.filter(pk=data.get("kept"), owner=user).first()
    if kept is None:  # used by a save, or purged
        raise Refused("expired")
    return kept


def as_upload(kept):
    """The kept picture as a file the form and the model take as an upload."""
    return images.CleanedUpload(kept.suffix, bytes(kept.picture))


def purge(now=None):
    """Delete pictures kept for longer than KEEP_FOR; returns how many."""
    moment = (now or timezone.now()) - KEEP_FOR
    count, _ = KeptUpload.objects.older_than(moment).delete()
    return count


@dataclass(frozen=True)
class Offer:
    """What the picture field shows when it offers a kept picture again."""

    token: str
    token_name: str
    choice_name: str
    is_kept: bool  # "Keep this picture" chosen
    thumbnail_url: str
    width: int
    height: int


class KeptUploadsForm:
    """A model form mixin: the fields named in kept_upload_fields keep what
    was uploaded. The admin (admin/kept_uploads.py) sets the owner and the
    thumbnail's address, and calls keep_uploads() when the form comes back."""

    kept_upload_fields = ()
    kept_upload_owner = None

    @staticmethod
    def kept_thumbnail_url(token):
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_uploads = {}  # field name: the KeptUpload offered again
        self.used_kept_uploads = []
        self.kept_upload_refusals = {}
        if self.is_bound:
            for name in self._keeping_fields():
                self._take_kept_upload(name)

    def _keeping_fields(self):
        """The fields that keep uploads, among those this user may change
        (a published article's picture is read only to editors)."""
        return [name for name in self.kept_upload_fields if name in self.fields]

    def kept_names(self, name):
        prefixed = self.add_prefix(name)
        return f"{prefixed}_kept", f"{prefixed}_choice"

    def _take_kept_upload(self, name):
        token_name, choice_name = self.kept_names(name)
        token = self.data.get(token_name)
        if not token:
            return
        # a new picture chosen wins, whichever button is ticked
        is_wanted = self.data.get(choice_name) != REPLACE and not self.files.get(
            self.add_prefix(name)
        )
        try:
            kept = kept_for(token, self.kept_upload_owner)
        except Refused as refusal:
            if is_wanted:
                self.kept_upload_refusals[name] = refusal.message
            return
        self.kept_uploads[name] = kept
        if is_wanted:
            self.files = self.files.copy()
            self.files[self.add_prefix(name)] = as_upload(kept)
            self.used_kept_uploads.append(kept)

    def clean(self):
        cleaned_data = super().clean()
        for name, message in self.kept_upload_refusals.items():
            self.add_error(name, message)
        return cleaned_data

    def keep_uploads(self):
        """The form came back with an error: keep each new picture it took,
        and offer it (or the one kept before) again."""
        cleaned_data = getattr(self, "cleaned_data", {})
        for name in self._keeping_fields():
            value = cleaned_data.get(name)
            if (
                name not in self.errors
                and isinstance(value, UploadedFile)
                and not isinstance(value, images.CleanedUpload)
            ):
                self.kept_uploads[name] = keep(value, self.kept_upload_owner)
                choice = KEEP
            else:
                choice = self.data.get(self.kept_names(name)[1], KEEP)
            kept = self.kept_uploads.get(name)
            self.fields[name].widget.offer = kept and self._offer(name, kept, choice)

    def _offer(self, name, kept, choice):
        token = reference(kept)
        token_name, choice_name = self.kept_names(name)
        return Offer(
            token=token,
            token_name=token_name,
            choice_name=choice_name,
            is_kept=choice != REPLACE,
            thumbnail_url=self.kept_thumbnail_url(token),
            width=kept.thumbnail_width,
            height=kept.thumbnail_height,
        )

    def forget_used_kept_uploads(self):
        """Once saved, a kept picture is the article's or the author's own."""
        KeptUpload.objects.filter(
            pk__in=[kept.pk for kept in self.used_kept_uploads]
        ).delete()
