"""A moderator chooses, on their own page, whether comments waiting for
them are e-mailed at once or in an hourly digest: at the widths moderators
work at, in a real browser, and accessible in both colour schemes."""

import pytest
from playwright.sync_api import expect

from discussion.models import ModeratorProfile
from tests.browser.test_moderating import DJANGO_ADMIN_EXCEPTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether a click at the centre of the element, once scrolled to, reaches it.
REACHED = """element => {
    element.scrollIntoView({block: "center"});
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(
        box.left + box.width / 2, box.top + box.height / 2);
    return box.width > 0 && box.height > 0
        && box.left >= 0 && box.right <= document.documentElement.clientWidth
        && hit !== null && (hit === element || element.contains(hit));
}"""


def open_alerts(page, live_server):
    """The way a moderator gets there: "Your email alerts" on the admin home."""
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Your email alerts").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("email alerts")


def reached(locator):
    return locator.evaluate(REACHED)


@pytest.mark.parametrize("width", [1024, 1280, 1440], ids=lambda width: f"{width}px")
def test_a_moderator_chooses_hourly_alerts_at_each_width(
    page, live_server, sign_in, sam, width
):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, sam)
    open_alerts(page, live_server)

    at_once = page.get_by_role("radio", name="At once")
    hourly = page.get_by_role("radio", name="Hourly")
    save = page.get_by_role("button", name="Save", exact=True)
    expect(at_once).to_be_checked()  # the default
    for control in (at_once, hourly, save):
        assert reached(control), f"{control} is covered or out of sight"
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    hourly.check()
    save.click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Your email alerts are saved: Hourly"
    )
    profile = ModeratorProfile.objects.get(user=sam)
    assert profile.alerts == ModeratorProfile.Alerts.HOURLY
    open_alerts(page, live_server)
    expect(page.get_by_role("radio", name="Hourly")).to_be_checked()


def test_the_alerts_page_meets_wcag_aa_in_both_colour_schemes(
    page, live_server, sign_in, sam, check_axe
):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, sam)
    open_alerts(page, live_server)
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
    page.get_by_role("radio", name="Hourly").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("saved")
    check_axe(page, tolerated=DJANGO_ADMIN_EXCEPTIONS)
