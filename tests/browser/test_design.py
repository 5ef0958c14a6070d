"""The design, checked by looking: widths, zoom, target sizes, print and motion.

Screenshots of the article page at each width go to test-results/screenshots/
on every run, for a person to look at.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (name, CSS pixels wide, device pixels per CSS pixel); 200% zoom on a 1280
# pixel screen lays the page out 640 CSS pixels wide.
SCREENS = [
    ("320", 320, 1),
    ("768", 768, 1),
    ("1280", 1280, 1),
    ("1280-at-200-percent", 640, 2),
]
# Targets in the discussion that stand alone rather than sit inside a sentence.
DISCUSSION_TARGETS = (
    ".point__actions a, .perspective-counts a, .comments .act a, "
    "#comment-form select, #comment-form button, #comment-form input[type=checkbox]"
)
TARGET_SIZES = """targets => targets
    .filter(target => target.getClientRects().length)
    .map(target => {
        const box = target.getBoundingClientRect();
        return [target.outerHTML.slice(0, 80), box.width, box.height];
    })
    .filter(([, width, height]) => width < 24 || height < 24)"""
ANIMATED = """() => Array.from(document.querySelectorAll("*"))
    .map(element => [element, getComputedStyle(element)])
    .filter(([, style]) => style.animationName !== "none"
        || style.transitionDuration.split(",").some(time => parseFloat(time) > 0)
        || style.scrollBehavior === "smooth")
    .map(([element]) => element.outerHTML.slice(0, 80))"""


@pytest.fixture
def screenshots(pytestconfig):
    folder = Path(pytestconfig.getoption("--output")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize(("name", "width", "scale"), SCREENS)
def test_article_page_fits_each_screen(
    name, width, scale, new_context, article_url, long_discussion, screenshots
):
    page = new_context(
        viewport={"width": width, "height": 900}, device_scale_factor=scale
    ).new_page()
    page.goto(article_url)
    page.screenshot(path=screenshots / f"article-{name}-top.png")
    page.locator("#discussion").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / f"article-{name}-discussion.png")
    page.locator("#comment-form").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / f"article-{name}-form.png")

    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert page.evaluate("() => document.documentElement.clientWidth") == width


@pytest.mark.parametrize("width", [320, 1280])
def test_discussion_targets_are_at_least_24_pixels_square(
    width, page, article_url, long_discussion
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(article_url)
    too_small = page.locator(DISCUSSION_TARGETS).evaluate_all(TARGET_SIZES)
    assert not too_small


def test_article_prints_with_its_discussion_and_without_controls(
    page, article_url, long_discussion
):
    page.goto(article_url)
    page.emulate_media(media="print")

    for hidden in [
        ".site-header",
        ".site-footer",
        "#comment-form",
        "#give-your-views",
        ".contents",
        ".perspective-counts",
        ".comments .act",
        ".point__actions",
    ]:
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.get_by_role("heading", name="Discussion")).to_be_visible()
    expect(page.locator(".comments article").first).to_be_visible()
    expect(page.locator(".comments ol article").first).to_be_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")


def test_nothing_moves_when_the_reader_asks_for_reduced_motion(
    page, article_url, add_comment
):
    comment = add_comment("Councils convene the partners.", name="Bola")
    page.emulate_media(reduced_motion="reduce")
    page.goto(article_url)
    assert page.evaluate(ANIMATED) == []

    page.locator(f"#c{comment.pk} .act").get_by_role("link", name="Reply").click()
    assert page.evaluate(ANIMATED) == []
