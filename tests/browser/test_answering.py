"""Answering a point by keyboard alone, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from discussion.models import QuickAnswer
from tests.browser.test_keyboard import assert_focus_is_seen, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answer_a_point_with_the_keyboard_alone(page, article_url, seed):
    point = seed.points.first()
    page.goto(article_url)
    form = page.locator(f"#{point.anchor} form")
    tab_to(page, f"#{point.anchor} button[value=agree]")
    page.keyboard.press("Enter")
    agree = form.get_by_role("button", name="Agree", exact=True)
    expect(agree).to_have_attribute("aria-pressed", "true")
    expect(agree).to_be_focused()
    assert_focus_is_seen(page)
    expect(form.locator("[data-answer-counts]")).to_have_text(
        "Answers so far: fewer than 5 agree, fewer than 5 disagree, fewer than 5 unsure"
    )
    expect(form.get_by_role("status")).to_contain_text("Your answer is saved")
    # change it with Space, then withdraw it
    tab_to(page, f"#{point.anchor} button[value=unsure]")
    page.keyboard.press("Space")
    expect(form.get_by_role("button", name="Unsure", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(agree).to_have_attribute("aria-pressed", "false")
    tab_to(page, f"#{point.anchor} button[value=withdraw]")
    page.keyboard.press("Enter")
    expect(form.get_by_role("status")).to_contain_text("withdrawn")
    expect(agree).to_be_focused()
    assert not QuickAnswer.objects.exists()


def test_answer_a_point_without_javascript(browser, live_server, article_url, seed):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    point = seed.points.first()
    page.goto(article_url)
    tab_to(page, f"#{point.anchor} button[value=disagree]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answer")
    expect(page.get_by_role("button", name="Disagree", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(
        page.get_by_text("Answers so far: fewer than 5 agree, fewer than 5 disagree")
    ).to_be_visible()
    tab_to(page, "a", "Go back to the point")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{point.anchor}")).to_be_in_viewport()
    context.close()
