"""A member of the Moderators group keeps a reported comment, notes why, and
later removes it with a reason, on the comment's own page: the reports stay
as evidence, and the page keeps its history, readable in both colour schemes."""

import importlib

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from discussion.models import CommentReport
from tests.browser.test_moderating import DJANGO_ADMIN_EXCEPTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "right-password-1"


@pytest.fixture
def sam(django_user_model):
    from django.apps import apps

    migration = importlib.import_module("discussion.migrations.0004_staff_groups")
    migration.make_groups(apps, None)
    user = django_user_model.objects.create_user(
        "sam", "sam@example.org", PASSWORD, first_name="Sam", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_a_moderator_keeps_notes_and_removes_with_the_history_in_view(
    page, live_server, add_comment, sam, sign_in, check_axe, mailoutbox
):
    comment = add_comment("Sharp but fair, I think.", name="Bola", followup=True)
    for number, (reason, details) in enumerate(
        [("abusive", "Rude about councillors"), ("spam", "")]
    ):
        CommentReport.objects.create(
            comment=comment, reason=reason, details=details, reporter=f"{number:064}"
        )
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, sam, password=PASSWORD)
    page.goto(f"{live_server.url}/admin/discussion/articlecomment/{comment.pk}/change/")

    page.get_by_role("button", name="Keep, and dismiss the reports").click()
    expect(page.locator(".messagelist")).to_contain_text("Comment by Bola: Kept.")
    reports = page.get_by_role("table", name="Reports")
    expect(reports.get_by_role("row")).to_have_count(3)
    expect(reports).to_contain_text("Rude about councillors")
    expect(reports).to_contain_text("By sam on ")

    page.get_by_label("Add a note").fill("Kept: robust, not abusive.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".messagelist")).to_contain_text("Note added.")
    expect(page.locator(".moderator-notes")).to_contain_text(
        "Kept: robust, not abusive."
    )

    page.get_by_label("Reason for removing").select_option("Off topic")
    page.get_by_role("button", name="Remove", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Comment by Bola: Removed.")
    decisions = page.get_by_role("table", name="Decisions")
    expect(decisions.get_by_role("row")).to_have_count(3)
    expect(decisions).to_contain_text("Off topic")
    assert any("Off topic" in mail.body for mail in mailoutbox)

    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
