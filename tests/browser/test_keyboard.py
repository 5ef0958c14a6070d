"""The comment flow by keyboard alone, focus always seen (2.1.1, 2.4.7, 2.4.11)."""

import re

import pytest
from playwright.sync_api import expect

from discussion.models import ArticleComment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the focus is and whether it can be seen. A text box taller than the
# space left may show only its caret at first; brought fully into view, it must
# fit the viewport with nothing on top of it.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = () => element.getClientRects()[0] || element.getBoundingClientRect();
    const first = box();
    const shown = Math.min(first.bottom, innerHeight) - Math.max(first.top, 0);
    element.scrollIntoView({block: "nearest", inline: "nearest"});
    const last = box();
    const hit = document.elementFromPoint(
        last.left + last.width / 2, last.top + last.height / 2);
    return {
        name: element.outerHTML.slice(0, 100),
        indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none",
        inView: shown >= Math.min(first.height, 16) && last.width > 0
            && last.top >= -1 && last.left >= -1  // a pixel for rounding
            && last.bottom <= innerHeight + 1 && last.right <= innerWidth + 1,
        onTop: hit !== null && (hit === element || element.contains(hit)),
    };
}"""
MATCHES = "([selector, text]) => document.activeElement.matches(selector) && "
MATCHES += "document.activeElement.textContent.includes(text)"


def assert_focus_is_seen(page):
    focused = page.evaluate(FOCUSED)
    assert focused, "focus was lost to the page itself"
    assert focused["indicator"], f"no visible focus indicator on {focused['name']}"
    assert focused["inView"], f"focus is off screen on {focused['name']}"
    assert focused["onTop"], f"focus is hidden under something on {focused['name']}"


def tab_to(page, selector, text="", key="Tab", limit=250):
    """Press Tab until the focus is on selector, checking every stop on the way."""
    for _ in range(limit):
        page.keyboard.press(key)
        assert_focus_is_seen(page)
        if page.evaluate(MATCHES, [selector, text]):
            return
    raise AssertionError(f"{limit} presses of {key} never reached {selector} {text}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def test_comment_flow_with_the_keyboard_alone(page, article_url, confirmation_link):
    page.goto(article_url)
    page.keyboard.press("Tab")
    assert_focus_is_seen(page)
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    type_into(page, "#id_comment", "Systems leadership starts with listening.")
    type_into(page, "#id_name", "Femi")
    type_into(page, "#id_email", "femi@example.org")
    tab_to(page, "#id_perspective")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_perspective option:checked")).to_have_text(
        "A member of frontline staff"
    )
    tab_to(page, "#id_followup")
    page.keyboard.press("Space")
    expect(page.locator("#id_followup")).to_be_checked()
    tab_to(page, "button", "Preview")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your comment")
    tab_to(page, "button", "Send comment")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(confirmation_link())  # opened from the e-mail
    tab_to(page, "button", "Publish my comment")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your comment is published"
    )
    tab_to(page, "a", "See your comment")
    page.keyboard.press("Enter")

    comment = ArticleComment.objects.get()
    assert (comment.perspective.name, comment.followup) == ("Frontline staff", True)
    expect(page).to_have_url(re.compile(f"#c{comment.pk}$"))
    expect(page.locator(f"#c{comment.pk}")).to_be_in_viewport()


def test_reply_in_place_with_the_keyboard_alone(
    page, article_url, add_comment, confirmation_link
):
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)

    tab_to(page, f"#c{parent.pk} > article .act a[href*='/reply/']")
    page.keyboard.press("Enter")
    reply_box = page.locator(f"#c{parent.pk} #comment-form textarea")
    expect(reply_box).to_be_focused()
    assert_focus_is_seen(page)
    page.keyboard.type("Health partners too.")
    type_into(page, "#id_name", "Gita")
    type_into(page, "#id_email", "gita@example.org")
    tab_to(page, "button", "Send reply")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(confirmation_link())
    tab_to(page, "button", "Publish my comment")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your comment is published"
    )
    assert ArticleComment.objects.get(user_name="Gita").parent_id == parent.pk


def test_cancel_reply_with_the_keyboard_returns_focus_to_the_reply_link(
    page, article_url, add_comment
):
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)

    tab_to(page, f"#c{parent.pk} > article .act a[href*='/reply/']")
    page.keyboard.press("Enter")
    tab_to(page, "button", "Cancel reply")
    page.keyboard.press("Enter")

    expect(
        page.locator(f"#c{parent.pk} > article .act a[href*='/reply/']")
    ).to_be_focused()
    assert_focus_is_seen(page)


def test_cancel_after_choosing_reply_twice_returns_focus_to_the_second_link(
    page, article_url, add_comment
):
    first = add_comment("Councils convene the partners.", name="Bola")
    second = add_comment("Health partners matter too.", name="Gita")
    page.goto(article_url)

    for comment in (first, second):
        tab_to(page, f"#c{comment.pk} > article .act a[href*='/reply/']")
        page.keyboard.press("Enter")
    expect(page.locator(f"#c{second.pk} #comment-form textarea")).to_be_focused()
    tab_to(page, "button", "Cancel reply")
    page.keyboard.press("Enter")

    expect(
        page.locator(f"#c{second.pk} > article .act a[href*='/reply/']")
    ).to_be_focused()


def test_a_moderator_approves_a_row_with_the_keyboard_alone(
    page, live_server, add_comment, moderator, sign_in
):
    held = add_comment("Held for a keyboard user.", name="Chidi", is_public=False)
    sign_in(page, moderator)
    page.goto(f"{live_server.url}/admin/discussion/articlecomment/")

    tab_to(page, "button", "Approve comment by Chidi")
    page.keyboard.press("Enter")

    expect(page.locator(".messagelist")).to_contain_text("Comment by Chidi: Approved.")
    held.refresh_from_db()
    assert held.is_visible
    assert held.moderated_by == moderator
