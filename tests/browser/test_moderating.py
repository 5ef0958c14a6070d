"""A moderator works the queue in the admin, in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Failures axe finds in Django's own admin templates and styles, which we do
# not override: (rule, where, why it is tolerated). Keep this list short.
DJANGO_ADMIN_EXCEPTIONS = [
    (
        "link-in-text-block",
        ".breadcrumbs",
        "Django's breadcrumbs set links apart from the current page by colour "
        "and the › separators, not by underline",
    ),
    (
        "target-size",
        "#changelist-filter",
        "Django's list filters are 20px-high links stacked in a column",
    ),
]


def test_moderator_approves_a_held_comment_from_the_top_of_the_queue(
    page, new_context, article_url, add_comment, moderator, sign_in
):
    add_comment("Published a while ago.", name="Asha")
    add_comment(
        "Held until a moderator reads it.",
        name="Bola",
        is_public=False,
        held_reason="Every comment is held for approval",
    )
    reader = new_context().new_page()
    reader.goto(article_url)
    expect(reader.get_by_text("Held until a moderator reads it.")).to_have_count(0)

    sign_in(page, moderator)
    expect(page.get_by_role("region", name="Moderation")).to_contain_text(
        "1 comment awaiting moderation"
    )
    page.get_by_role("link", name="Comments", exact=True).click()
    first_row = page.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text("Held until a moderator reads it.")
    expect(first_row).to_contain_text("Awaiting moderation")
    first_row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(
        label="Approve and publish selected comments"
    )
    page.get_by_role("button", name="Go").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "1 comment approved and published"
    )
    row = page.locator("#result_list tbody tr", has_text="Held until a moderator")
    expect(row).to_contain_text("Published")
    reader.reload()
    expect(reader.get_by_text("Held until a moderator reads it.")).to_be_visible()


def test_admin_pages_moderators_use_meet_wcag_aa(
    page, live_server, add_comment, moderator, sign_in, check_axe
):
    comment = add_comment("Held for a look.", name="Bola", is_public=False)
    admin = f"{live_server.url}/admin"
    page.goto(f"{admin}/login/")
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
    sign_in(page, moderator)
    for path in [
        "/",
        "/articles/articlecomment/",
        "/articles/articlecomment/?status=awaiting",
        f"/articles/articlecomment/{comment.pk}/change/",
        "/articles/moderationpolicy/",
    ]:
        page.goto(admin + path)
        check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
