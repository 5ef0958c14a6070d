"""A reader scans a long discussion thread by thread: each thread's replies
are folded under its first comment and open with a click or the keyboard;
a link to a reply opens its thread. With and without JavaScript, at 1280
and 375 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_alerts_page import reached
from tests.browser.test_article_weight import eight_threads_of_three

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 375]
LIST_HEIGHT = "() => document.querySelector('.comments').offsetHeight"


@pytest.fixture
def threads(seed, add_comment):
    eight_threads_of_three(seed, add_comment)
    return seed.comments.order_by("pk")


def open_article(browser, article_url, width, javascript=True, fragment=""):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(article_url + fragment)
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_replies_show_only_when_their_thread_is_opened(
    browser, article_url, threads, check_axe, width, javascript
):
    page = open_article(browser, article_url, width, javascript)
    first_reply = page.get_by_text("A reply to comment 1.")
    deepest = page.get_by_text("A reply to the reply on 1.")
    expect(page.get_by_text("Comment 1. Systems leadership")).to_be_visible()
    expect(first_reply).to_be_hidden()
    expect(deepest).to_be_hidden()
    folded = page.locator("summary", has_text="2 replies")
    expect(folded).to_have_count(8)

    fold = page.locator("summary", has_text="2 replies to Reader 1")
    assert reached(fold), "the fold's summary is covered or off-screen"
    fold.click()
    expect(first_reply).to_be_visible()
    expect(deepest).to_be_visible()
    # the other threads stay folded
    expect(page.get_by_text("A reply to comment 2.")).to_be_hidden()
    if javascript:  # axe runs as a script
        check_axe(page)

    # and from the keyboard
    second = page.locator("summary", has_text="2 replies to Reader 2")
    second.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("A reply to comment 2.")).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_link_to_a_reply_opens_its_thread(browser, article_url, threads, javascript):
    deepest = threads.get(comment="A reply to the reply on 5.")
    page = open_article(
        browser, article_url, 1280, javascript, fragment=f"#{deepest.anchor}"
    )
    expect(page.get_by_text("A reply to the reply on 5.")).to_be_visible()
    expect(page.get_by_text("A reply to comment 5.")).to_be_visible()
    expect(page.get_by_text("A reply to comment 4.")).to_be_hidden()
    page.context.close()


def test_a_link_followed_within_the_page_opens_the_thread(
    browser, article_url, threads
):
    reply = threads.get(comment__startswith="A reply to comment 7.")
    page = open_article(browser, article_url, 1280)
    expect(page.get_by_text("A reply to comment 7.")).to_be_hidden()
    page.evaluate(f"() => {{ location.hash = '#{reply.anchor}'; }}")
    expect(page.get_by_text("A reply to comment 7.")).to_be_in_viewport()
    page.context.close()


def test_folding_takes_two_fifths_off_the_comment_list(browser, article_url, threads):
    """Measured on the list rather than the page, so that the comments and
    the form getting denser do not hide what folding saves."""
    page = open_article(browser, article_url, 1280)
    folded = page.evaluate(LIST_HEIGHT)
    page.evaluate(
        "() => document.querySelectorAll('.comments details')"
        ".forEach(fold => { fold.open = true; })"
    )
    unfolded = page.evaluate(LIST_HEIGHT)
    assert folded <= 0.6 * unfolded, (folded, unfolded)
    page.context.close()
