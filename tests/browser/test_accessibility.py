"""Every page type meets WCAG 2.2 AA as far as a machine can tell."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
TOO_WIDE = """() => Array.from(document.querySelectorAll("body *"))
    .filter(element => element.getBoundingClientRect().right > innerWidth)
    .map(element => element.tagName + "." + element.className).slice(0, 5)"""


def test_public_page_meets_wcag_aa(public_page, open_page, page, check_axe):
    open_page(page, public_page)

    check_axe(page)

    # Reflow (1.4.10): at 320 CSS pixels nothing needs scrolling sideways.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(SCROLL_WIDTH) <= 320, page.evaluate(TOO_WIDE)
