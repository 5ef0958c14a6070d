"""A moderator works the queue in the admin, in a real browser."""

import pytest
from playwright.sync_api import expect

from discussion.models import CommentReport

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
    add_comment(
        "Cheap pills, sold here. " * 40,
        name="Cato",
        is_public=False,
        held_reason="It contains a held word or phrase",
        held_phrase="cheap pills",
    )
    reported = add_comment("Reported, perhaps unfairly.", name="Dele")
    CommentReport.objects.create(
        comment=reported, reason="abusive", details="Rude to me.", reporter="r"
    )
    add_comment("Featured for its care.", name="Ebo", is_featured=True)
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


TOO_WIDE = """() => Array.from(document.querySelectorAll("body *"))
    .filter(element => element.getBoundingClientRect().right > innerWidth)
    .map(element => element.tagName + "." + element.className).slice(0, 8)"""

# Each decision button in the queue, where it sits once the page is scrolled
# up or down to it (never sideways), and whether a click there would reach it.
DECISION_BUTTONS_IN_VIEW = """() => {
    const buttons = Array.from(document.querySelectorAll(
        '#result_list button[formaction*="/decide/"]'));
    return buttons.map(button => {
        const before = button.getBoundingClientRect();
        window.scrollTo(0, window.scrollY + before.top - innerHeight / 2);
        const box = button.getBoundingClientRect();
        const width = document.documentElement.clientWidth;
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        return {
            label: button.textContent.trim().replace(/\\s+/g, " "),
            inside: box.left >= 0 && box.right <= width && box.top >= 0
                && box.bottom <= innerHeight && box.width > 0 && box.height > 0,
            reached: hit !== null && (hit === button || button.contains(hit)),
            covered_by: hit ? hit.tagName + "." + hit.className : null,
        };
    });
}"""


@pytest.mark.parametrize(
    "viewport",
    [
        {"width": 768, "height": 1024},
        {"width": 1024, "height": 768},
        {"width": 1280, "height": 800},
        {"width": 1440, "height": 900},
    ],
    ids=lambda viewport: f"{viewport['width']}px",
)
def test_every_decision_button_in_the_queue_is_in_view_and_not_covered(
    page, live_server, add_comment, moderator, sign_in, viewport
):
    add_comment(
        "A held comment that goes on for some time. " * 14,
        name="Dami Olaniyan-Whitcombe",
        is_public=False,
        held_reason="It has 2 or more links",
    )
    add_comment("Held briefly.", name="Efe", is_public=False)
    reported = add_comment("Reported but fine. " * 5, name="Fola")
    CommentReport.objects.create(
        comment=reported, reason="off-topic", details="Not about this.", reporter="r"
    )
    add_comment("Featured for its care.", name="Gbenga", is_featured=True)
    add_comment("Published plainly.", name="Hana")
    page.set_viewport_size(viewport)
    sign_in(page, moderator)
    page.goto(f"{live_server.url}/admin/discussion/articlecomment/")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= viewport["width"], page.evaluate(TOO_WIDE)
    buttons = page.evaluate(DECISION_BUTTONS_IN_VIEW)
    labels = [button["label"].split(" comment by ")[0] for button in buttons]
    # held: approve, remove; reported: keep, remove, feature; featured:
    # remove, unfeature; published: remove, feature
    assert sorted(labels) == sorted(
        ["Approve", "Remove"] * 2
        + ["Keep", "Remove", "Feature"]
        + ["Remove", "Unfeature"]
        + ["Remove", "Feature"]
    )
    hidden = [button for button in buttons if not button["inside"]]
    assert not hidden, f"outside the screen: {hidden}"
    covered = [button for button in buttons if not button["reached"]]
    assert not covered, f"covered: {covered}"


def test_the_article_form_fits_a_1280_pixel_screen(
    page, live_server, seed, admin_user, sign_in
):
    page.set_viewport_size({"width": 1280, "height": 800})
    admin_user.set_password("pass-for-tests-1")
    admin_user.save()
    sign_in(page, admin_user, password="pass-for-tests-1")
    page.goto(f"{live_server.url}/admin/articles/article/{seed.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_moderator_works_ten_held_comments_by_keyboard_alone(
    page, live_server, add_comment, moderator, sign_in
):
    held = [
        add_comment(f"Held comment {number}.", name=f"Reader {number}", is_public=False)
        for number in range(10)
    ]
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, moderator)
    page.goto(f"{live_server.url}/admin/discussion/articlecomment/?status=awaiting")

    search = page.get_by_role("textbox", name="Search")
    search.focus()
    page.keyboard.type("a r e f")  # typed into the box, not taken as shortcuts
    expect(search).to_have_value("a r e f")
    page.keyboard.press("Tab")  # out of the box, to its Search button

    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Approve")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    page.keyboard.press("j")
    focused = page.locator("#result_list tbody tr:focus")
    expect(focused).to_contain_text("Held comment 0.")
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(focused).to_contain_text("Held comment 0.")
    for number in range(10):
        expect(focused).to_contain_text(f"Held comment {number}.")
        page.keyboard.press("a" if number % 2 == 0 else "r")
        expect(page.locator(".messagelist")).to_contain_text(
            f"Comment by Reader {number}:"
        )
    for number, comment in enumerate(held):
        comment.refresh_from_db()
        assert comment.is_visible if number % 2 == 0 else comment.is_removed
    assert comment.moderated_by == moderator
