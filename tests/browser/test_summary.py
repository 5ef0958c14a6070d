"""What we heard in a browser, as an analyst reads it at 1280 and 375 px:
common ground and divides first, no number from 1 to 4, nothing to scroll
sideways, and axe finds nothing in either colour scheme; with no views, one
short paragraph."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Perspective
from discussion.models import QuickAnswer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
TOO_WIDE = """() => Array.from(document.querySelectorAll("main *"))
    .filter(element => element.getBoundingClientRect().right > innerWidth)
    .map(element => element.tagName + "." + element.className + ":"
        + element.textContent.slice(0, 30)).slice(0, 8)"""


def answer(point, perspective, value, count):
    start = QuickAnswer.objects.count()
    for number in range(count):
        QuickAnswer.objects.create(
            point=point,
            article=point.article,
            perspective=perspective,
            answer=value,
            reader=f"reader-{start + number}",
            network=f"network-{start + number}",
        )


@pytest.fixture
def views(seed, add_comment):
    councillors, managers, staff = Perspective.objects.all()[:3]
    shared, contested, small, *_rest = seed.points.all()
    for perspective in (councillors, managers):
        answer(shared, perspective, "agree", 6)
    answer(shared, staff, "disagree", 2)  # too few: left out, named
    answer(contested, councillors, "agree", 7)
    answer(contested, managers, "disagree", 5)
    answer(contested, None, "unsure", 1)
    answer(small, staff, "unsure", 3)
    add_comment("Councils convene.", point=shared, stance="agree")
    add_comment("Not always.", point=contested, stance="disagree")
    return shared, contested, small


@pytest.mark.parametrize("width", [1280, 375])
def test_an_analyst_reads_common_ground_and_divides(
    page, live_server, seed, views, check_axe, width
):
    shared, contested, _small = views
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/insight/{seed.slug}/what-we-heard/")

    ground = page.locator("section", has=page.locator("#ground-heading"))
    expect(ground.get_by_role("heading", name=shared.plain_text)).to_be_visible()
    expect(ground.get_by_role("heading", name=contested.plain_text)).to_be_visible()
    expect(ground).to_contain_text("Common ground: most agree")
    expect(ground).to_contain_text("Where views divide")
    expect(page.get_by_role("heading", name="Not yet discussed")).to_be_visible()
    text = page.locator("main").inner_text()
    assert not re.search(r"(?<![\d,.])[1-4] (answers|quick)", text)
    assert page.evaluate(SCROLL_WIDTH) <= width, page.evaluate(TOO_WIDE)
    check_axe(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_with_no_views_the_summary_is_short(page, live_server, seed, check_axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/insight/{seed.slug}/what-we-heard/")

    expect(page.locator("main")).to_contain_text("There are no views on this article")
    assert page.locator("main table").count() == 0
    assert page.evaluate("() => document.documentElement.scrollHeight") < 2000
    assert page.evaluate(SCROLL_WIDTH) <= width
    check_axe(page)
