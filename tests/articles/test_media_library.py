"""The media library in the admin, as a member of the Editors group: upload a
picture once, with alt text (or decorative), caption and credit; find it;
copy its reference; be warned on saving an article that refers to a picture
the library lacks."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles.models import MediaPicture
from tests.factories import image_upload, make_article, make_media_picture
from tests.helpers import article_form, html

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/mediapicture/"


@pytest.fixture
def editors_group(db):
    importlib.import_module("discussion.migrations.0004_staff_groups").make_groups(
        apps, None
    )
    importlib.import_module(
        "articles.migrations.0016_media_library"
    ).let_editors_manage_the_media_library(apps, None)
    return Group.objects.get(name="Editors")


@pytest.fixture
def group_editor(client, django_user_model, editors_group):
    user = django_user_model.objects.create_user(
        "eddie", "eddie@example.org", is_staff=True
    )
    user.groups.add(editors_group)
    client.force_login(user)
    return user


def upload(client, **fields):
    data = {
        "image": image_upload(size=(1600, 900)),
        "alt_text": "A ward at night",
        "caption": "Night shift at the infirmary.",
        "credit": "Photo: Sam Lee",
        "_save": "Save",
    }
    data.update(fields)
    return client.post(f"{ADD}add/", data)


def test_editors_may_add_change_and_see_library_pictures_but_not_delete(
    client, group_editor
):
    assert group_editor.has_perms(
        [
            "articles.add_mediapicture",
            "articles.change_mediapicture",
            "articles.view_mediapicture",
        ]
    )
    assert not group_editor.has_perm("articles.delete_mediapicture")
    assert ">Media library</a>" in html(client.get("/admin/"))
    assert client.get(f"{ADD}add/").status_code == 200


def test_an_editor_uploads_a_picture_stored_with_renditions_and_who_and_when(
    client, group_editor, media_root
):
    response = upload(client)
    assert response.status_code == 302
    media = MediaPicture.objects.get()
    assert media.uploaded_by == group_editor
    assert media.uploaded_at is not None
    assert (media.width, media.height) == (1600, 900)
    stored = sorted(path.name for path in (media_root / "media").iterdir())
    assert len(stored) == 4  # the picture and three WebP renditions
    assert sum(name.endswith(".webp") for name in stored) == 3


def test_alt_text_is_required_unless_the_picture_is_decorative(client, group_editor):
    refused = upload(client, alt_text="  ")
    assert refused.status_code == 200
    assert "Enter alt text for the picture, or tick the box" in html(refused)
    assert not MediaPicture.objects.exists()

    assert upload(client, alt_text="", is_decorative="on").status_code == 302
    assert MediaPicture.objects.get().reference.startswith("![](media:")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.jpg", b"", "The submitted file is empty"),
        ("notes.jpg", b"not a picture at all", "must be a JPEG, PNG or WebP"),
    ],
)
def test_a_bad_upload_says_what_is_wrong(client, group_editor, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = upload(client, image=SimpleUploadedFile(name, content))
    assert refused.status_code == 200
    assert message in html(refused)


def test_the_list_shows_a_thumbnail_and_the_reference_to_paste(client, group_editor):
    media = make_media_picture(alt_text='A "quoted" [bracketed] picture')
    page = html(client.get(ADD))
    assert media.thumbnail_url() in page
    reference = f"![A \\&quot;quoted\\&quot; \\[bracketed\\] picture](media:{media.pk})"
    assert reference.replace("\\&quot;", "&quot;") in page
    change = html(client.get(f"{ADD}{media.pk}/change/"))
    assert f"(media:{media.pk})</code>" in change
    assert media.thumbnail_url() in change


def test_the_reference_gives_back_the_librarys_alt_text_when_rendered(client):
    media = make_media_picture(alt_text="Costs *rose* by [10%] \\ <b>")
    article = make_article(introduction=media.reference)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Costs *rose* by [10%] \\ &lt;b&gt;"' in page


@pytest.mark.parametrize(
    ("search", "found"),
    [("ward", True), ("infirmary", True), ("Sam Lee", True), ("kitchen", False)],
)
def test_the_library_is_searched_by_alt_text_caption_and_credit(
    client, group_editor, search, found
):
    media = make_media_picture(
        alt_text="A ward at night",
        caption="Night shift at the infirmary.",
        credit="Photo: Sam Lee",
    )
    page = html(client.get(ADD, {"q": search}))
    assert (f"(media:{media.pk})" in page) == found


def test_the_library_is_searched_by_reference_too(client, group_editor):
    media = make_media_picture()
    other = make_media_picture()
    page = html(client.get(ADD, {"q": f"media:{media.pk}"}))
    assert f"(media:{media.pk})" in page and f"(media:{other.pk})" not in page
    for odd in ["media:", "media:-1", "9" * 40, "media:abc"]:
        assert client.get(ADD, {"q": odd}).status_code == 200


def test_saving_an_article_names_each_reference_the_library_lacks(
    client, group_editor, perspective, editor
):
    client.force_login(editor)
    media = make_media_picture()
    text = (
        f"![Known](media:{media.pk})\n\n![Gone](media:{media.pk + 100})\n\n"
        f"![Huge](media:{'9' * 30})"
    )
    response = client.post(
        "/admin/articles/article/add/",
        article_form(introduction=text, status="draft", points=[("A", perspective)]),
        follow=True,
    )
    page = html(response)
    assert "Readers will not see 2 pictures in the introduction" in page
    assert f"media:{media.pk + 100}, media:{'9' * 30}" in page
    assert f"media:{media.pk}," not in page


def test_saving_an_article_with_every_picture_known_warns_of_nothing(
    client, perspective, editor
):
    client.force_login(editor)
    media = make_media_picture()
    response = client.post(
        "/admin/articles/article/add/",
        article_form(
            introduction=f"![Known](media:{media.pk})", points=[("A", perspective)]
        ),
        follow=True,
    )
    assert "Readers will not see" not in html(response)


def test_ten_thousand_references_save_with_a_short_warning(client, perspective, editor):
    client.force_login(editor)
    text = "\n".join(f"![x](media:{number})" for number in range(1, 10_001))
    response = client.post(
        "/admin/articles/article/add/",
        article_form(introduction=text, status="draft", points=[("A", perspective)]),
        follow=True,
    )
    assert response.status_code == 200
    page = html(response)
    assert "Readers will not see 10,000 pictures" in page
    assert "and 9,990 more" in page
    assert "Readers will see only the first 100 pictures" in page
    assert len(page) < 200_000


def test_a_replaced_or_deleted_picture_leaves_no_files_behind(
    media_root, django_capture_on_commit_callbacks
):
    media = make_media_picture()
    first = {path.name for path in (media_root / "media").iterdir()}
    media.image = image_upload(size=(900, 600))
    with django_capture_on_commit_callbacks(execute=True):
        media.save()
    second = {path.name for path in (media_root / "media").iterdir()}
    assert len(second) == 4 and not first & second
    with django_capture_on_commit_callbacks(execute=True):
        media.delete()
    assert not list((media_root / "media").iterdir())


def test_publishers_may_use_the_library_as_editors_do(db):
    Group.objects.filter(name="Publishers").delete()
    migration = "articles.migrations.{}".format
    importlib.import_module("discussion.migrations.0004_staff_groups").make_groups(
        apps, None
    )
    importlib.import_module(
        migration("0016_media_library")
    ).let_editors_manage_the_media_library(apps, None)
    importlib.import_module(migration("0018_review_before_publishing")).make_publishers(
        apps, None
    )
    publishers = Group.objects.get(name="Publishers")
    granted = set(
        publishers.permissions.filter(codename__endswith="mediapicture").values_list(
            "codename", flat=True
        )
    )
    assert granted == {"add_mediapicture", "change_mediapicture", "view_mediapicture"}
