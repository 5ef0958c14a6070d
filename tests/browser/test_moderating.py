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
        "/discussion/articlecomment/",
        "/discussion/articlecomment/?status=awaiting",
        f"/discussion/articlecomment/{comment.pk}/change/",
        "/discussion/moderationpolicy/",
    ]:
        page.goto(admin + path)
        check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)


def test_the_queue_and_the_article_form_fit_a_1280_pixel_screen(
    page, live_server, add_comment, moderator, sign_in, seed, admin_user
):
    add_comment("A reasonably long comment, " * 12, name="Dami", is_public=False)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, moderator)
    page.goto(f"{live_server.url}/admin/discussion/articlecomment/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    excerpt = page.locator("#result_list tbody .field-excerpt").first
    assert excerpt.bounding_box()["width"] >= 200  # lines, not a word a line
    page.context.clear_cookies()  # sign out

    admin_user.set_password("pass-for-tests-1")
    admin_user.save()
    sign_in(page, admin_user, password="pass-for-tests-1")
    page.goto(f"{live_server.url}/admin/articles/article/{seed.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
