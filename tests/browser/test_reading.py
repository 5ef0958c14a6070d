"""A reader finds their way around an article and its discussion."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Perspective

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_moves_between_perspectives_with_the_contents(page, article_url):
    page.goto(article_url)
    contents = page.get_by_role("navigation", name="Perspectives in this article")
    expect(contents.get_by_role("link")).to_have_text(
        [
            "Councillors",
            "Senior managers",
            "Frontline staff",
            "Partner organisations",
            "User groups",
            "Regulators and inspectors",
        ]
    )
    for name, slug in [
        ("Regulators and inspectors", "regulators-and-inspectors"),
        ("Senior managers", "senior-managers"),
    ]:
        contents.get_by_role("link", name=name).click()
        expect(page).to_have_url(re.compile(f"#perspective-{slug}$"))
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_in_viewport()


def test_reader_goes_from_a_perspective_to_everything_said_to_it_and_back(
    page, article_url
):
    page.goto(article_url)
    page.get_by_role("link", name="Everything said to frontline staff").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Frontline staff")
    page.get_by_role("link", name="Read in the article").first.click()
    expect(page).to_have_url(re.compile(r"/insight/anyone-can-be-a-systems-leader/#"))
    expect(page.locator(".point:target")).to_be_in_viewport()


def test_reader_filters_the_discussion_by_perspective(page, article_url, add_comment):
    councillors = Perspective.objects.get(slug="councillors")
    managers = Perspective.objects.get(slug="senior-managers")
    add_comment("Councils convene.", name="Bola", perspective=councillors)
    add_comment("Budgets are tight.", name="Chidi", perspective=managers)
    add_comment("Members listen.", name="Dana", perspective=councillors)
    add_comment("No perspective given.", name="Eve")
    page.goto(article_url)

    by_perspective = page.get_by_role("navigation", name="Comments by perspective")
    by_perspective.get_by_role("link", name="Councillors (2)").click()

    expect(page.locator("#discussion").get_by_role("status")).to_contain_text(
        "Showing 2 comments from councillors"
    )
    shown = page.locator(".comments article")
    expect(shown).to_have_count(2)
    expect(shown.nth(0)).to_contain_text("Councils convene.")
    expect(shown.nth(1)).to_contain_text("Members listen.")
    current = by_perspective.locator("[aria-current]")
    expect(current).to_have_text("Councillors (2)")
    by_perspective.get_by_role("link", name="All comments").click()
    expect(page.locator(".comments article")).to_have_count(4)


def test_reader_lists_articles_for_one_perspective(page, live_server, seed):
    page.goto(live_server.url)
    page.get_by_label("Show articles for").select_option(label="User groups")
    page.get_by_role("button", name="Show").click()

    expect(page).to_have_url(re.compile(r"\?perspective=user-groups$"))
    expect(page.get_by_role("link", name=seed.title, exact=True)).to_be_visible()
