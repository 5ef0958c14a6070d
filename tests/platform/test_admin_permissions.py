"""Every admin address, the ones libraries add included (exports, history,
recovery, comparison), answers only staff with a permission to see its data:
the others get 403, or the sign-in page, and never a row of it."""

import importlib

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django_comments_xtd.models import BlackListedDomain
from reversion.models import Version

from articles.models import Topic
from discussion.admin.exports import AnswerCountResource, CommentResource
from discussion.models import ModerationPolicy, QuickAnswer
from tests.factories import make_author, make_comment
from tests.platform.admin_addresses import admin_addresses, every_model_admin

pytestmark = pytest.mark.django_db

STAFF = ["Editors", "Moderators", None]  # None: staff in no group
SECRET = "Words only permitted staff may read"


def export_request(file_format="0"):
    """What the export form posts: a format, the first resource and every
    field of each resource ticked."""
    data = {"format": file_format, "resource": "0"}
    for resource in (CommentResource, AnswerCountResource):
        prefix = resource.__name__.lower()
        data |= {f"{prefix}_{field}": "on" for field in resource().get_export_order()}
    return data


@pytest.fixture(autouse=True)
def staff_groups(db):
    migration = importlib.import_module("discussion.migrations.0004_staff_groups")
    migration.make_groups(apps, None)
    importlib.import_module(
        "discussion.migrations.0018_moderator_alerts"
    ).grant_moderators(apps, None)


@pytest.fixture
def staff(django_user_model):
    def make(group_name):
        name = (group_name or "nogroup").lower()
        user = django_user_model.objects.create_user(
            name, f"{name}@example.org", is_staff=True
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def a_row_of_everything(published_article):
    """One row of each model the admin shows, each holding SECRET where it
    has text, and a saved version of each versioned one."""
    point = published_article.points.get()
    comment = make_comment(published_article, comment=SECRET)
    QuickAnswer.objects.create(
        point=point, article=published_article, answer="agree", reader="r", network="n"
    )
    ModerationPolicy.current()
    BlackListedDomain.objects.create(domain="secret.example")
    Topic.objects.create(name="Secret topic", slug="secret-topic")
    make_author(name="Secret author")
    page = FlatPage.objects.create(url="/secret/", title="Secret", content=SECRET)
    page.sites.add(Site.objects.get_current())
    AccessAttempt.objects.create(username="secret", failures_since_start=1)
    AccessLog.objects.create(username="secret")
    AccessFailureLog.objects.create(username="secret")
    for versioned in (published_article, point.perspective, page):
        with reversion.create_revision():
            versioned.save()
    return comment


def every_admin_address(model, model_admin):
    """Each address of the model's admin, for a real row and version."""
    row = model._default_manager.order_by("pk").first()
    content_type = ContentType.objects.get_for_model(model)
    version = Version.objects.filter(content_type=content_type).first()
    for address, _names_object in admin_addresses(
        model,
        model_admin,
        str(row.pk) if row else "1",
        str(version.pk) if version else "1",
    ):
        yield address


def test_the_walk_reaches_every_address_libraries_add():
    addresses = {
        address
        for model, model_admin in every_model_admin()
        for address in every_admin_address(model, model_admin)
    }
    for expected in [
        "/admin/discussion/articlecomment/export/",
        "/admin/discussion/quickanswer/export/",
        "/admin/articles/article/recover/",
        "/admin/articles/article/1/history/1/",
        "/admin/articles/article/1/history/compare/",
        "/admin/flatpages/flatpage/recover/1/",
        "/admin/discussion/articlecomment/1/decide/approve/",
    ]:
        assert expected in addresses


@pytest.mark.parametrize("group_name", STAFF)
def test_staff_without_a_permission_on_a_model_get_none_of_its_data(
    client, staff, group_name, a_row_of_everything
):
    user = staff(group_name)
    client.force_login(user)
    refused = 0
    for model, model_admin in every_model_admin():
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        ):
            continue
        for address in every_admin_address(model, model_admin):
            for method in (client.get, client.post):
                response = method(address, export_request())
                if response.status_code == 302:  # the object's old address
                    assert response["Location"] == f"{address}change/"
                    continue
                assert response.status_code == 403, (method, address, response)
                assert SECRET.encode() not in response.content
                assert "Content-Disposition" not in response
                refused += 1
    assert refused > 100


def test_signed_out_visitors_are_sent_to_sign_in_from_every_address(
    client, a_row_of_everything
):
    for model, model_admin in every_model_admin():
        for address in every_admin_address(model, model_admin):
            for method in (client.get, client.post):
                response = method(address, export_request())
                assert response.status_code == 302, address
                assert response["Location"].startswith(
                    ("/admin/login/", f"{address}change/")
                ), address


# --- exports, as each group -----------------------------------------------------

EXPORTS = {
    "/admin/discussion/articlecomment/export/": "discussion.view_articlecomment",
    "/admin/discussion/quickanswer/export/": "discussion.view_quickanswer",
}


@pytest.mark.parametrize("group_name", STAFF)
@pytest.mark.parametrize("address", EXPORTS)
@pytest.mark.parametrize("file_format", ["0", "1"])
def test_an_export_answers_only_staff_who_may_see_its_list(
    client, staff, group_name, address, file_format, a_row_of_everything
):
    user = staff(group_name)
    client.force_login(user)
    changelist = address.removesuffix("export/")
    may_see_list = client.get(changelist).status_code == 200

    form = client.get(address)
    export = client.post(address, export_request(file_format))

    assert may_see_list == user.has_perm(EXPORTS[address])
    if may_see_list:
        assert form.status_code == 200
        assert (
            export.status_code == 200 and "attachment" in export["Content-Disposition"]
        )
    else:
        assert form.status_code == export.status_code == 403
        assert SECRET.encode() not in export.content


def test_moderators_export_comments_and_answer_counts_but_no_personal_data(
    client, staff, a_row_of_everything
):
    client.force_login(staff("Moderators"))
    comments = client.post("/admin/discussion/articlecomment/export/", export_request())
    assert SECRET in comments.content.decode("utf-8-sig")
    assert "example.org" not in comments.content.decode("utf-8-sig")
    answers = client.post("/admin/discussion/quickanswer/export/", export_request())
    assert answers.status_code == 200
    assert "attachment" in answers["Content-Disposition"]
    rows = answers.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("article,point id,point,answered as,agree")
    # one answer: never an exact count under 5 (small_numbers.py)
    assert "Published piece" in rows[1]
    assert ",fewer than 5,fewer than 5,fewer than 5,fewer than 5," in rows[1]
    # the personal-data export is not theirs, even asked for by its place
    personal = client.post(
        "/admin/discussion/articlecomment/export/", export_request() | {"resource": "1"}
    )
    assert "example.org" not in personal.content.decode("utf-8-sig")
    assert not LogEntry.objects.exists()


def test_editors_export_neither_comments_nor_answer_counts(
    client, staff, a_row_of_everything
):
    client.force_login(staff("Editors"))
    for address in EXPORTS:
        response = client.post(address, export_request())
        assert response.status_code == 403
        assert "Content-Disposition" not in response


def test_a_superuser_exports_everything(admin_client, a_row_of_everything):
    for address in EXPORTS:
        response = admin_client.post(address, export_request())
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]


def test_an_export_holds_what_the_lists_filters_show(admin_client, published_article):
    held = make_comment(published_article, comment="Held words", is_public=False)
    make_comment(published_article, comment="Published words")
    address = "/admin/discussion/articlecomment/export/"

    response = admin_client.post(f"{address}?status=awaiting", export_request())
    text = response.content.decode("utf-8-sig")
    assert str(held.pk) in text and "Held words" in text
    assert "Published words" not in text

    unknown = admin_client.post(f"{address}?no_such_filter=1", export_request())
    assert unknown.status_code == 400
