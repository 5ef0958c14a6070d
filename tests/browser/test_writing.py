"""A publisher writes and publishes a formatted article in the admin, in a real
browser."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Perspective

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-for-tests-1"  # the publisher fixture's
INTRODUCTION = (
    "## Why it matters\n\n"
    "Leadership is **shared** across the system. "
    "Read [what we heard from councillors](/perspectives/councillors/)."
)


def test_publisher_publishes_a_formatted_article(
    page, live_server, seed, publisher, sign_in, check_axe
):
    sign_in(page, publisher, PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Title:").press_sequentially("Leading from anywhere")
    expect(page.get_by_label("Slug:")).to_have_value("leading-from-anywhere")
    page.get_by_label("Standfirst:").fill("Everyone has a part to play.")
    page.get_by_label("Introduction:").fill(INTRODUCTION)
    page.locator("#id_points-0-text").fill("Lead *where* you stand")
    page.locator("#id_points-0-perspective").select_option(
        label=Perspective.objects.get(slug="councillors").name
    )
    page.get_by_label("Status:").select_option(label="Published")

    # Preview opens the rendered Markdown in a new tab and saves nothing
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview (opens in new tab)").click()
    preview = opened.value
    expect(preview.get_by_role("heading", name="Why it matters")).to_be_visible()
    expect(preview.locator("strong", has_text="shared")).to_be_visible()
    preview.close()

    page.get_by_role("button", name="Save and preview").click()
    expect(page).to_have_url(f"{live_server.url}/insight/leading-from-anywhere/")
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_text(["Why it matters", "Councillors"])
    heading = page.get_by_role("heading", name="Why it matters", level=2)
    expect(heading).to_have_attribute("id", "section-why-it-matters")
    expect(page.locator(".article__introduction strong")).to_have_text("shared")
    expect(page.locator(".point__text em")).to_have_text("where")
    check_axe(page)

    contents.get_by_role("link", name="Why it matters").click()
    expect(page).to_have_url(re.compile(r"#section-why-it-matters$"))
    page.get_by_role("link", name="what we heard from councillors").click()
    expect(page).to_have_url(f"{live_server.url}/perspectives/councillors/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Councillors")
