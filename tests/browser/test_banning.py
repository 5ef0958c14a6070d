"""A moderator opens a commenter's history from a comment, bans them, and
the commenter's next comment, from another spelling of their address, is
refused with the reason; then the ban is lifted. In a real browser."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.browser.conftest import MODERATOR_PASSWORD
from tests.browser.test_moderating import DJANGO_ADMIN_EXCEPTIONS
from tests.factories import make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def group_moderator(django_user_model):
    """A member of the Moderators group, as the migrations make it."""
    importlib.import_module("discussion.migrations.0004_staff_groups").make_groups(
        apps, None
    )
    importlib.import_module("discussion.migrations.0017_commenters").let_moderators_ban(
        apps, None
    )
    user = django_user_model.objects.create_user(
        "sam", "sam@example.org", MODERATOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_a_moderator_bans_a_commenter_who_is_then_refused_and_lifts_it(
    page,
    new_context,
    live_server,
    article_url,
    seed,
    group_moderator,
    sign_in,
    check_axe,
):
    for text, email in [
        ("An earlier comment from Erin.", "erin@example.org"),
        ("Something abusive.", "Erin+x@Example.org"),
    ]:
        abusive = make_comment(seed, comment=text, user_name="Erin", user_email=email)
    sign_in(page, group_moderator)
    page.goto(f"{live_server.url}/admin/discussion/articlecomment/{abusive.pk}/change/")
    page.get_by_role("link", name="Commenter’s history and bans").click()
    expect(page.get_by_role("heading", name="Commenter: Erin")).to_be_visible()
    expect(page.get_by_text("An earlier comment from Erin.")).to_be_visible()
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)

    page.get_by_label("Add a note").fill("Warned by email. <b>Twice</b>.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".messagelist")).to_contain_text("Note added.")
    notes = page.locator("#commenter-notes")
    expect(notes).to_contain_text("Warned by email. <b>Twice</b>.")
    expect(notes).to_contain_text("sam, ")
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)

    page.get_by_role("button", name="Ban or suspend").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the reason")
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)

    page.get_by_label("Suspend for 7 days").check()
    page.get_by_label("Reason").fill("Abuse of other readers.")
    page.get_by_role("button", name="Ban or suspend").click()
    expect(page.locator(".messagelist")).to_contain_text("Suspended until")
    expect(page.get_by_role("button", name="Lift this ban")).to_be_visible()
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)

    reader = new_context().new_page()
    reader.goto(article_url)
    reader.get_by_label("Comment", exact=True).fill("Trying again.")
    reader.get_by_label("Name").fill("E")
    reader.get_by_label("Email address").fill("ERIN+other@EXAMPLE.ORG")
    reader.get_by_role("button", name="Send comment").click()
    expect(
        reader.get_by_role("heading", name="You are suspended from commenting")
    ).to_be_visible()
    expect(reader.get_by_text("Abuse of other readers.")).to_be_visible()
    check_axe(reader)

    page.get_by_role("button", name="Lift this ban").click()
    expect(page.locator(".messagelist")).to_contain_text("Ban lifted")
    expect(page.get_by_text("Lifted by sam")).to_be_visible()
    page.goto(f"{live_server.url}/admin/discussion/ban/")
    expect(page.locator("#result_list")).to_contain_text("Lifted")
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
