"""The article page stays light: the seed article with 24 comments has at
most one select outside the comment form and, however its comments are
arranged, is at most 0.6 times the height it had when every point carried a
full answer form. Phones keep one column and get no taller."""

from itertools import pairwise

import pytest

from articles.models import Perspective

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# px at 1280 (scrollHeight), measured on the code before quick answers were
# made light, when every point carried a full answer form.
HEIGHTS_BEFORE = {
    "eight held threads of three": 9642,  # the 9,642 px of issue 25
    "eight threads of three": 13547,
    "twenty-four on their own": 14662,
}
# px at 375 with twenty-four comments on their own, with and without
# JavaScript, before the comments and the comment form were made denser.
PHONE_HEIGHTS_BEFORE = {True: 13587, False: 13491}
SELECTS_OUTSIDE_COMMENT_FORM = (
    "() => [...document.querySelectorAll('select')]"
    ".filter(select => !select.closest('#comment-form')).length"
)
PAGE_HEIGHT = "() => document.documentElement.scrollHeight"
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
POINTS_BEFORE = 6860  # px at 1280, the six perspectives' sections
FORM_FIELDS = ["comment", "point", "stance", "name", "email", "perspective"]


@pytest.fixture
def twenty_four_comments(seed, add_comment):
    return eight_threads_of_three(seed, add_comment)


def eight_threads_of_three(seed, add_comment, **state):
    """A comment, a reply and a reply to that, eight times."""
    perspectives = list(Perspective.objects.all())
    points = list(seed.points.all())
    for number in range(1, 9):
        top = add_comment(
            f"Comment {number}. Systems leadership needs time and trust, and "
            "partners have to be willing to share the credit.",
            name=f"Reader {number}",
            perspective=perspectives[number % len(perspectives)],
            point=points[number * 3] if number % 2 else None,
            **state,
        )
        reply = add_comment(
            f"A reply to comment {number}.\nWith a second line.",
            name=f"Replier {number}",
            parent=top,
            **state,
        )
        add_comment(
            f"A reply to the reply on {number}.", name="Kit", parent=reply, **state
        )


def twenty_four_on_their_own(seed, add_comment):
    """Twenty-four comments and no replies, every other one on a point."""
    perspectives = list(Perspective.objects.all())
    points = list(seed.points.all())
    for number in range(1, 25):
        add_comment(
            f"Comment {number}. Systems leadership needs time and trust, and "
            "partners have to be willing to share the credit.",
            name=f"Reader {number}",
            perspective=perspectives[number % len(perspectives)],
            point=points[number] if number % 2 else None,
        )


ARRANGEMENTS = {
    "eight held threads of three": lambda seed, add_comment: eight_threads_of_three(
        seed, add_comment, is_public=False
    ),
    "eight threads of three": eight_threads_of_three,
    "twenty-four on their own": twenty_four_on_their_own,
}
WITHDRAW_BUTTONS = (
    "() => [...document.querySelectorAll('button')]"
    ".filter(button => /withdraw/i.test(button.textContent)).length"
)


def open_article(browser, article_url, width, javascript=True):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(article_url)
    return page


def box(page, selector):
    """Left, top and height of the first element the selector finds."""
    found = page.locator(selector).first.bounding_box()
    return round(found["x"]), round(found["y"]), round(found["height"])


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_one_select_and_no_withdraw_button_before_answering(
    browser, article_url, twenty_four_comments, javascript
):
    page = open_article(browser, article_url, 1280, javascript)
    assert page.locator(".comments li[id^=c]").count() == 24
    assert page.evaluate(SELECTS_OUTSIDE_COMMENT_FORM) <= 1
    assert page.evaluate(WITHDRAW_BUTTONS) == 0
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("arrangement", HEIGHTS_BEFORE)
def test_seed_article_with_24_comments_is_at_most_0_6_of_its_old_height(
    browser, seed, add_comment, article_url, arrangement, javascript
):
    ARRANGEMENTS[arrangement](seed, add_comment)
    page = open_article(browser, article_url, 1280, javascript)
    shown = 0 if "held" in arrangement else 24
    assert page.locator(".comments li[id^=c]").count() == shown
    height = page.evaluate(PAGE_HEIGHT)
    assert height <= 0.6 * HEIGHTS_BEFORE[arrangement], height
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_the_discussion_is_one_column_and_no_taller(
    browser, seed, add_comment, article_url, javascript
):
    twenty_four_on_their_own(seed, add_comment)
    page = open_article(browser, article_url, 375, javascript)
    assert page.evaluate(SCROLL_WIDTH) <= 375
    fields = [box(page, f"#id_{name}-group") for name in FORM_FIELDS]
    assert len({left for left, _, _ in fields}) == 1, fields
    assert all(a[1] + a[2] <= b[1] for a, b in pairwise(fields)), fields
    assert page.evaluate(PAGE_HEIGHT) <= PHONE_HEIGHTS_BEFORE[javascript]
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_wide_screen_name_and_email_share_a_row_and_text_keeps_its_size(
    browser, seed, add_comment, article_url, javascript
):
    twenty_four_on_their_own(seed, add_comment)
    page = open_article(browser, article_url, 1024, javascript)
    name, email = box(page, "#id_name"), box(page, "#id_email")
    assert name[1] == email[1] and name[0] < email[0], (name, email)
    assert page.evaluate(SCROLL_WIDTH) <= 1024
    # denser, not smaller: a comment's text stays the size of the body's
    sizes = page.locator(".comments article > p:not([class], :first-child)")
    sizes = sizes.evaluate_all(
        "ps => ps.map(p => parseFloat(getComputedStyle(p).fontSize))"
    )
    body = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert len(sizes) == 24 and min(sizes) >= body, (sizes, body)
    # a point's excerpt is cut short on its one line, and the line stays put
    # when the browser brings its link into view (as finding in the page does)
    shift = page.locator(".comments .re").first.evaluate(
        "p => { p.querySelector('a').scrollIntoView(); return p.scrollLeft; }"
    )
    assert shift == 0
    page.context.close()


def test_the_points_take_at_most_0_6_of_their_old_height(page, article_url, seed):
    """From the first perspective to the link after the last, with the box
    that asks the perspective once: 6,860 px when each point had a form."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(article_url)
    points_height = page.evaluate(
        """() => document.querySelector('.article__summary-link')
            .getBoundingClientRect().top
            - document.querySelector('.answering').getBoundingClientRect().top"""
    )
    assert points_height <= 0.6 * POINTS_BEFORE, points_height
