"""A signed-out reader answers points, reloads the cached article page and
sees their own answers; without JavaScript, their answers on the article
have a page of their own. At 1280 and 375 px, in both colour schemes."""

import pytest
from playwright.sync_api import expect

from discussion.models import QuickAnswer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 375]
WITHDRAW_BUTTONS = "button:has-text('Withdraw')"
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


def assert_reflows(page):
    """At 320 CSS pixels nothing needs scrolling sideways (WCAG 1.4.10)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(SCROLL_WIDTH) <= 320
    page.set_viewport_size(size)


def check_axe_with_script(browser, page, check_axe):
    """axe needs scripts to run: check the same page, with the same cookies,
    in a browser that runs them."""
    context = browser.new_context(viewport=page.viewport_size)
    context.add_cookies(page.context.cookies())
    checked = context.new_page()
    checked.goto(page.url)
    check_axe(checked)
    context.close()


def row(page, point):
    return page.locator(f"#{point.anchor} [data-answer-form]")


def pressed(page, point):
    return row(page, point).locator("button[aria-pressed=true]")


@pytest.mark.parametrize("width", WIDTHS)
def test_answers_show_pressed_after_a_reload_with_javascript(
    browser, article_url, seed, check_axe, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    first, second, third = seed.points.all()[:3]
    page.goto(article_url)
    assert page.locator("select:not(#comment-form select)").count() == 1
    expect(page.locator(WITHDRAW_BUTTONS)).to_have_count(0)
    page.get_by_label("Which perspective do you answer from?").select_option(
        label="A councillor"
    )
    row(page, first).get_by_role("button", name="Agree", exact=True).click()
    expect(pressed(page, first)).to_have_text("Agree")
    row(page, second).get_by_role("button", name="Unsure", exact=True).click()
    expect(pressed(page, second)).to_have_text("Unsure")
    expect(row(page, first).locator("[data-answer-counts]")).to_contain_text(
        "Answers so far: fewer than 5 agree"
    )
    check_axe(page)
    assert_reflows(page)

    page.reload()
    expect(pressed(page, first)).to_have_text("Agree")
    expect(pressed(page, second)).to_have_text("Unsure")
    expect(pressed(page, third)).to_have_count(0)
    expect(page.locator(WITHDRAW_BUTTONS)).to_have_count(2)
    expect(page.get_by_label("Which perspective do you answer from?")).to_have_value(
        str(seed.points.first().perspective_id)
    )
    # the page itself is the copy every reader gets: nothing pressed in it
    html = page.evaluate("() => fetch(location.href).then(r => r.text())")
    assert 'aria-pressed="true"' not in html and "Withdraw" not in html

    row(page, second).get_by_role("button", name="Withdraw my answer").click()
    expect(pressed(page, second)).to_have_count(0)
    expect(row(page, second).locator(WITHDRAW_BUTTONS)).to_have_count(0)
    page.reload()
    expect(pressed(page, first)).to_have_text("Agree")
    expect(pressed(page, second)).to_have_count(0)
    expect(page.locator(WITHDRAW_BUTTONS)).to_have_count(1)
    answer = QuickAnswer.objects.get()
    assert answer.point == first and answer.perspective.name == "Councillors"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_answers_without_javascript_are_listed_and_changed_on_their_own_page(
    browser, article_url, seed, check_axe, width
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    first, second = seed.points.all()[:2]
    page.goto(article_url)
    # the perspective is asked on the answer page, not here
    expect(page.get_by_label("Which perspective do you answer from?")).to_be_hidden()
    expect(page.locator(WITHDRAW_BUTTONS)).to_have_count(0)
    row(page, first).get_by_role("button", name="Disagree", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answer")
    expect(page.get_by_role("button", name="Disagree", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator(WITHDRAW_BUTTONS)).to_have_count(1)
    page.get_by_label("Which perspective do you answer from?").select_option(
        label="A senior manager"
    )
    page.get_by_role("button", name="Save perspective").click()
    answered = page.get_by_text("You answered: disagree, as a senior manager")
    expect(answered).to_be_visible()
    check_axe_with_script(browser, page, check_axe)
    assert_reflows(page)

    # the next answer is given from the same perspective, without asking
    page.goto(article_url)
    row(page, second).get_by_role("button", name="Agree", exact=True).click()
    expect(page.get_by_text("You answered: agree, as a senior manager")).to_be_visible()

    page.get_by_role("link", name="Your answers on this article").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your answers on this article"
    )
    expect(pressed(page, first)).to_have_text("Disagree")
    expect(pressed(page, second)).to_have_text("Agree")
    check_axe_with_script(browser, page, check_axe)
    assert_reflows(page)
    row(page, first).get_by_role("button", name="Unsure", exact=True).click()
    expect(pressed(page, first)).to_have_text("Unsure")
    # the withdrawal is a form post: wait for its page before reloading
    with page.expect_navigation():
        row(page, second).get_by_role("button", name="Withdraw my answer").click()
    expect(page.locator(f"#{second.anchor}")).to_have_count(0)
    page.reload()
    expect(page.locator(f"#{second.anchor}")).to_have_count(0)
    expect(pressed(page, first)).to_have_text("Unsure")
    assert list(QuickAnswer.objects.values_list("answer", flat=True)) == ["unsure"]
    context.close()
