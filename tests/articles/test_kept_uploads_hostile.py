"""A kept picture belongs to the editor who uploaded it. A forged, altered,
borrowed, expired or purged reference to one is refused with a message on
the picture field, never a 500, and its thumbnail is served to no one else;
a file that is not a picture is refused and nothing is kept."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles import images
from articles.kept_uploads import MESSAGES, SALT, reference
from articles.models import Article, KeptUpload
from tests.articles.kept_upload_helpers import (
    add_article,
    add_author,
    kept_reference,
    make_editors_user,
    thumbnail_address,
)
from tests.articles.test_image_uploads import upload
from tests.factories import image_upload, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def edna(django_user_model):
    return make_editors_user(django_user_model, "edna")


@pytest.fixture
def eric(django_user_model):
    return make_editors_user(django_user_model, "eric")


@pytest.fixture
def kept_by_edna(client, edna):
    """A picture Edna uploaded with a form that failed, and its reference."""
    client.force_login(edna)
    response = add_article(client, lead_image=image_upload())
    client.logout()
    return KeptUpload.objects.get(), kept_reference(response)


def made_at(moment, kept):
    """A reference to the kept picture as it would have been signed then."""
    stamp = signing.b62_encode(int(moment.timestamp()))
    with mock.patch.object(signing.TimestampSigner, "timestamp", lambda self: stamp):
        return reference(kept)


def with_payload(token, data):
    """The reference with other contents and the same signature."""
    _payload, stamp, signature = token.rsplit(":", 2)
    payload = signing.b64_encode(json.dumps(data, separators=(",", ":")).encode())
    return f"{payload.decode()}:{stamp}:{signature}"


def altered(token):
    """The reference with its signature's last characters changed."""
    payload, stamp, signature = token.split(":")
    ending = "BB" if signature.endswith("AA") else "AA"
    return f"{payload}:{stamp}:{signature[:-2]}{ending}"


def forged_references(kept, eric):
    return {
        "made up": "not-a-reference",
        "empty-looking": ":::",
        "very long": "A" * 10_000,
        "signature altered": altered(reference(kept)),
        "another picture's number, same signature": with_payload(
            reference(kept), {"kept": kept.pk + 1, "owner": kept.owner_id}
        ),
        "Eric as its owner, same signature": with_payload(
            reference(kept), {"kept": kept.pk, "owner": eric.pk}
        ),
        "signed for another purpose": signing.dumps(
            {"kept": kept.pk, "owner": kept.owner_id}, salt="something.else"
        ),
        "signed with another key": signing.dumps(
            {"kept": kept.pk, "owner": kept.owner_id}, salt=SALT, key="another-key"
        ),
        "signed for Eric by a forger": signing.dumps(
            {"kept": kept.pk, "owner": eric.pk}, salt=SALT, key="guessed-key"
        ),
        "not an object": signing.dumps([kept.pk], salt=SALT),
    }


FORGERIES = [
    "made up",
    "empty-looking",
    "very long",
    "signature altered",
    "another picture's number, same signature",
    "Eric as its owner, same signature",
    "signed for another purpose",
    "signed with another key",
    "signed for Eric by a forger",
    "not an object",
]


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_reference_is_refused_with_a_message(
    client, eric, kept_by_edna, forgery
):
    kept, _token = kept_by_edna
    token = forged_references(kept, eric)[forgery]
    client.force_login(eric)

    response = add_article(client, lead_image_kept=token, lead_image_alt="Mine")

    assert response.status_code == 200
    assert MESSAGES["refused"] in response.content.decode()
    assert not Article.objects.exists()
    thumbnail = client.get(
        reverse("admin:articles_article_kept_picture", args=[token[:2000]])
    )
    assert thumbnail.status_code == 404


def test_another_editors_kept_picture_is_refused_and_not_shown(
    client, eric, kept_by_edna
):
    kept, token = kept_by_edna
    client.force_login(eric)

    response = add_article(client, lead_image_kept=token, lead_image_alt="Mine")
    assert MESSAGES["refused"] in response.content.decode()
    assert not Article.objects.exists()
    # even re-signed with the site's key for Eric, the picture is still Edna's
    resigned = signing.dumps({"kept": kept.pk, "owner": eric.pk}, salt=SALT)
    response = add_article(client, lead_image_kept=resigned, lead_image_alt="Mine")
    assert MESSAGES["expired"] in response.content.decode()
    assert not Article.objects.exists()

    for address in (
        reverse("admin:articles_article_kept_picture", args=[token]),
        reverse("admin:articles_author_kept_picture", args=[token]),
        reverse("admin:articles_article_kept_picture", args=[resigned]),
    ):
        assert client.get(address).status_code == 404
    assert KeptUpload.objects.get() == kept  # still Edna's to use


def test_an_expired_reference_is_refused_as_expired(client, edna, kept_by_edna):
    kept, _token = kept_by_edna
    token = made_at(timezone.now() - timedelta(days=1, minutes=1), kept)
    client.force_login(edna)

    response = add_article(client, lead_image_kept=token, lead_image_alt="Mine")

    assert response.status_code == 200
    assert MESSAGES["expired"] in response.content.decode()
    assert not Article.objects.exists()
    thumbnail = reverse("admin:articles_article_kept_picture", args=[token])
    assert client.get(thumbnail).status_code == 404


def test_a_purged_or_used_picture_is_refused_as_expired(client, edna, kept_by_edna):
    kept, token = kept_by_edna
    KeptUpload.objects.all().delete()
    client.force_login(edna)

    response = add_author(client, photo_kept=token, photo_alt="Smiling")

    assert response.status_code == 200
    assert MESSAGES["expired"] in response.content.decode()
    assert "Keep this picture" not in response.content.decode()


def test_choose_another_ignores_a_bad_reference(client, edna):
    client.force_login(edna)
    response = add_article(
        client,
        lead_image_kept="not-a-reference",
        lead_image_choice="replace",
        lead_image=image_upload(),
        lead_image_alt="A fresh one",
    )
    assert response.status_code == 302
    assert Article.objects.get().lead_image


NOT_PICTURES = {
    "a script renamed .jpg": b"#!/bin/sh\nrm -rf /\n",
    "an SVG": b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
    "HTML": b"<!doctype html><script>alert(1)</script>",
}


@pytest.mark.parametrize("kind", NOT_PICTURES)
def test_a_file_that_is_not_a_picture_is_refused_and_not_kept(client, edna, kind):
    client.force_login(edna)
    response = add_article(client, lead_image=upload("photo.jpg", NOT_PICTURES[kind]))
    page = response.content.decode().replace("&#x27;", "'")
    assert images.MESSAGES["type"] in page
    assert "Keep this picture" not in page
    assert not KeptUpload.objects.exists()


def test_a_bad_new_file_leaves_the_kept_picture_offered(client, edna, kept_by_edna):
    kept, token = kept_by_edna
    client.force_login(edna)
    response = add_article(
        client,
        lead_image_kept=token,
        lead_image_choice="replace",
        lead_image=upload("photo.jpg", NOT_PICTURES["an SVG"]),
        lead_image_alt="A picture",
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert images.MESSAGES["type"] in page
    assert "Keep this picture" in page
    assert list(KeptUpload.objects.all()) == [kept]


def test_a_thumbnail_is_for_its_editor_only_and_never_cached(
    client, django_user_model, edna, kept_by_edna
):
    _kept, token = kept_by_edna
    address = reverse("admin:articles_article_kept_picture", args=[token])

    response = client.get(address)
    assert response.status_code == 302  # to the sign-in page
    assert "/admin/login/" in response["Location"]

    client.force_login(make_moderator(django_user_model, "mo", "Mo"))
    assert client.get(address).status_code == 403  # no say over articles

    client.force_login(edna)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_thumbnail_is_not_in_the_public_media(client, edna, media_root):
    client.force_login(edna)
    response = add_article(client, lead_image=image_upload())
    assert thumbnail_address(response).startswith("/admin/")
    assert not [path for path in media_root.rglob("*") if path.is_file()]
