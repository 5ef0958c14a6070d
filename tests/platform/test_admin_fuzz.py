"""Object ids no row can have (huge, negative, not a number, not ASCII) in any
admin address, or ticked in a bulk action, get a clear 4xx, never a 500:
for every model's admin, as every kind of staff, on SQLite and PostgreSQL."""

import importlib
import logging
from datetime import timedelta
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import make_comment
from tests.helpers import html
from tests.platform.admin_addresses import admin_addresses, every_model_admin

pytestmark = pytest.mark.django_db

IDS = {
    "huge": [
        str(2**31),  # past PostgreSQL's integer
        str(2**63 - 1),
        str(2**63),  # past every database's bigint
        str(2**64),
        "9" * 20,
        "9" * 400,
        "1" + "0" * 4000,
    ],
    "negative": ["-1", "-0", str(-(2**63)), str(-(2**63) - 1), "-" + "9" * 40],
    "non-numeric": [
        "x",
        "1.5",
        "1e3",
        "0x10",
        " 1",
        "1 ",
        "1,2",
        "+1",
        "_5F",
        "..",
        "1'--",
        "\x00",
        "1\x00",
        "%",
        "\t",
        "true",
        "NaN",
        "[1]",
    ],
    "non-ascii": [
        "é",
        "١٢٣",  # Arabic-Indic digits, which int() reads as 123
        "１２",  # full-width digits
        "²",
        "😀",
        "\u200b1",
        "ß" * 300,
        "\ud7ff",
    ],
}
ALL_IDS = [(kind, value) for kind, values in IDS.items() for value in values]
STAFF = ["superuser", "Editors", "Moderators", "no group"]


@pytest.fixture(autouse=True)
def refusals_unlogged():
    """Thousands of 403s and 404s, each logged, would take most of the time;
    errors are still logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def staff_client(client, django_user_model, db):
    migration = importlib.import_module("discussion.migrations.0004_staff_groups")
    migration.make_groups(apps, None)

    def sign_in(kind):
        if kind == "superuser":
            user = django_user_model.objects.create_superuser("root", "r@example.org")
        else:
            user = django_user_model.objects.create_user(
                "staff", "s@example.org", is_staff=True
            )
            if kind != "no group":
                user.groups.add(Group.objects.get(name=kind))
        client.force_login(user)
        client.raise_request_exception = False
        return client, user

    return sign_in


# the views that act on a POST; the others are only read
ACTING = ("/change/", "/delete/", "/decide/approve/", "/history/1/")


def tried_addresses(value):
    """Each admin address that names an object, with value as its id."""
    for model, model_admin in every_model_admin():
        for address, names_object in admin_addresses(
            model, model_admin, quote(value, safe="")
        ):
            if names_object:
                yield address


@pytest.mark.parametrize("kind", STAFF)
@pytest.mark.parametrize("id_class", IDS)
def test_ids_no_row_can_have_get_a_4xx_in_every_admin_address(
    staff_client, kind, id_class, published_article
):
    client, _user = staff_client(kind)
    for value in IDS[id_class]:
        for address in tried_addresses(value):
            methods = [client.get]
            if address.endswith(ACTING):
                methods.append(client.post)
            for method in methods:
                response = method(address + "?from=1&to=2")
                # a 4xx, Django's "doesn't exist" back to the admin, or the
                # row itself where Python reads the id as a number (" 1")
                assert response.status_code < 500, (address, response)
                if response.status_code == 302:
                    assert response["Location"].startswith("/admin/")


def test_the_fuzz_reaches_every_address_that_names_an_object():
    addresses = set(tried_addresses("x"))
    assert len(addresses) > 50
    for expected in [
        "/admin/discussion/articlecomment/x/change/",
        "/admin/auth/user/x/password/",
        "/admin/articles/article/x/history/",
        "/admin/articles/article/x/history/compare/",
        "/admin/flatpages/flatpage/x/history/1/",
    ]:
        assert expected in addresses


@pytest.mark.parametrize("kind", STAFF)
@pytest.mark.parametrize("id_class", IDS)
def test_ids_no_row_can_have_ticked_in_a_bulk_action_are_refused(
    staff_client, kind, id_class, published_article, rf
):
    client, user = staff_client(kind)
    request = rf.get("/")
    request.user = user
    for value in IDS[id_class]:
        for model, model_admin in every_model_admin():
            changelist = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            for action in [*model_admin.get_actions(request), "delete_selected"]:
                response = client.post(
                    changelist,
                    {"action": action, "_selected_action": [value], "index": "0"},
                )
                assert response.status_code < 500, (changelist, action, response)


def test_a_bulk_action_with_an_id_no_row_can_have_says_what_to_do(
    admin_client, published_article
):
    comment = make_comment(published_article)
    for value in ["x", "9" * 20, "١٢٣x", "-"]:
        response = admin_client.post(
            "/admin/discussion/articlecomment/",
            {"action": "feature", "_selected_action": [comment.pk, value]},
            follow=True,
        )
        assert response.status_code == 200
        assert "Select items from the list to act on them." in html(response)
    comment.refresh_from_db()
    assert not comment.is_featured


def list_queries(value):
    """(address, query) for each list, export and autocomplete, with value
    in its search, its paging, and every filter of the list's, as the
    field, its id and a range."""
    for model, model_admin in every_model_admin():
        changelist = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        yield changelist, {"q": value, "p": value, "o": value}
        # the export form's own fields are no filters of the list
        yield changelist + "export/", {"q": value, "format": value}
        for name in model_admin.list_filter:
            if isinstance(name, str):
                for lookup in ("exact", "id__exact", "gte", "isnull"):
                    yield changelist, {f"{name}__{lookup}": value}
        for name in model_admin.autocomplete_fields:
            yield (
                "/admin/autocomplete/",
                {
                    "app_label": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "field_name": name,
                    "term": value,
                    "page": value,
                },
            )


@pytest.mark.parametrize("id_class", IDS)
def test_values_no_column_can_hold_in_a_list_query_are_a_4xx(
    admin_client, id_class, published_article
):
    admin_client.raise_request_exception = False
    for value in IDS[id_class] + ["\x00", "a\x00b"]:
        for address, query in list_queries(value):
            response = admin_client.get(address, query)
            assert response.status_code < 500, (address, query, response)


def test_superusers_clean_up_expired_sign_in_attempts(admin_client):
    expired = AccessAttempt.objects.create(username="old", failures_since_start=1)
    AccessAttempt.objects.filter(pk=expired.pk).update(
        attempt_time=timezone.now() - timedelta(days=2)
    )
    recent = AccessAttempt.objects.create(username="new", failures_since_start=1)

    response = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "cleanup_expired_attempts", "_selected_action": [recent.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Cleaned up 1 expired access attempts." in html(response)
    assert list(AccessAttempt.objects.all()) == [recent]
