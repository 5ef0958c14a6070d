"""Replying never meets a question the page does not show, with or without
JavaScript; the preview shows the byline; and the pages changed for this
(topics, an updated article, the preview, the confirmation, a used link)
meet WCAG 2.2 AA in both colour schemes."""

import re

import pytest
from playwright.sync_api import expect

from discussion.models import PendingComment
from tests.browser.conftest import fill_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STANCE_QUESTION = "Do you agree with the point?"


def reply_link(page, comment):
    return page.locator(f"#c{comment.pk} > article .act").get_by_role(
        "link", name="Reply"
    )


def is_on_top(locator):
    """Whether a reader could press it: the element at its centre is it."""
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const found = document.elementFromPoint(
                box.x + box.width / 2, box.y + box.height / 2);
            return box.width > 0 && (found === element || element.contains(found));
        }"""
    )


@pytest.mark.parametrize("chosen_first", ["stance only", "point and stance"])
def test_reply_mode_hides_the_stance_with_the_point_and_the_reply_is_sent(
    page, seed, article_url, add_comment, chosen_first
):
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)
    form = page.locator("#comment-form")
    if chosen_first == "point and stance":
        form.get_by_label("Responding to").select_option(str(seed.points.first().pk))
    form.get_by_role("group", name=STANCE_QUESTION).get_by_label(
        "Agree", exact=True
    ).check()

    reply_link(page, parent).click()

    form = page.locator(f"#c{parent.pk} #comment-form")
    expect(form.get_by_label("Responding to")).to_be_hidden()
    expect(form.get_by_role("group", name=STANCE_QUESTION)).to_be_hidden()
    fill_comment(page, "They do, with health alongside.", "Chidi")
    send = form.get_by_role("button", name="Send reply")
    send.scroll_into_view_if_needed()
    assert is_on_top(send)
    send.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    pending = PendingComment.objects.get()
    assert (pending.parent_id, pending.point_id, pending.stance) == (
        parent.pk,
        None,
        "",
    )


def test_cancelling_a_reply_shows_the_point_and_the_stance_again(
    page, article_url, add_comment
):
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)
    reply_link(page, parent).click()
    page.get_by_role("button", name="Cancel reply").click()

    form = page.locator("#comment-form")
    stance = form.get_by_role("group", name=STANCE_QUESTION)
    expect(stance).to_be_visible()
    expect(stance.get_by_label("I would rather not say")).to_be_checked()
    expect(form.get_by_label("Responding to")).to_be_visible()


def test_a_reply_without_javascript_asks_no_stance_and_is_sent(
    new_context, article_url, add_comment
):
    page = new_context(java_script_enabled=False).new_page()
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)
    reply_link(page, parent).click()

    expect(page).to_have_url(re.compile(f"/comments/reply/{parent.pk}/$"))
    form = page.locator("#comment-form")
    expect(form.get_by_role("group", name=STANCE_QUESTION)).to_have_count(0)
    expect(form.get_by_label("Responding to")).to_have_count(0)
    fill_comment(page, "And the voluntary sector.", "Dana")
    form.get_by_role("button", name="Preview").click()
    expect(page.locator(".comment-preview")).to_contain_text("Dana, replying to Bola")
    page.locator("#comment-form").get_by_role("button", name="Send reply").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")


@pytest.mark.parametrize("javascript", [True, False])
def test_the_preview_shows_the_byline_as_it_will_be_published(
    new_context, seed, article_url, javascript
):
    page = new_context(java_script_enabled=javascript).new_page()
    point = seed.points.filter(perspective__slug="frontline-staff").first()
    page.goto(article_url)
    form = fill_comment(page, "On the front line we see it first.", "Eve")
    form.get_by_label("Responding to").select_option(str(point.pk))
    form.get_by_role("group", name=STANCE_QUESTION).get_by_label("Disagree").check()
    form.get_by_label("I am writing as").select_option(
        label="A member of frontline staff"
    )
    form.get_by_role("button", name="Preview").click()

    preview = page.locator(".comment-preview")
    expect(preview).to_contain_text(
        "Eve, writing as a member of frontline staff, disagrees with this point"
    )
    expect(preview.locator(".re")).to_contain_text(point.text[:40])
    expect(preview).to_contain_text("On the front line we see it first.")


def _edit_the_seed(seed):
    seed.standfirst = seed.standfirst + " Corrected."
    seed.save()


def open_changed_page(page, name, live_server, seed, add_comment, link):
    url = live_server.url
    match name:
        case "topic list":
            seed.topics.add("Systems leadership", "Public services")
            page.goto(url + "/topics/")
        case "article updated after publication":
            _edit_the_seed(seed)
            page.goto(url + seed.get_absolute_url())
            expect(page.locator(".article__header")).to_contain_text("Updated ")
        case "article in reply mode":
            parent = add_comment("Councils convene the partners.", name="Bola")
            page.goto(url + seed.get_absolute_url())
            reply_link(page, parent).click()
        case "preview with a byline":
            page.goto(url + seed.get_absolute_url())
            form = fill_comment(page)
            form.get_by_label("Responding to").select_option(
                str(seed.points.first().pk)
            )
            form.get_by_role("group", name=STANCE_QUESTION).get_by_label(
                "Agree", exact=True
            ).check()
            form.get_by_role("button", name="Preview").click()
            page.get_by_role("heading", name="Check your comment").wait_for()
        case "publish your reply":
            parent = add_comment("Councils convene the partners.", name="Bola")
            page.goto(url + f"/comments/reply/{parent.pk}/")
            fill_comment(page).get_by_role("button", name="Send reply").click()
            page.get_by_role("heading", name="Check your email").wait_for()
            page.goto(link())
        case "used link":
            page.goto(url + seed.get_absolute_url())
            fill_comment(page).get_by_role("button", name="Send comment").click()
            page.get_by_role("heading", name="Check your email").wait_for()
            page.goto(link())
            page.get_by_role("button", name="Publish my comment").click()
            page.get_by_role("heading", name="comment is published").wait_for()
            page.goto(link())
            expect(page.get_by_role("link", name="See your comment")).to_be_visible()
        case _:
            raise AssertionError(f"no page called {name!r}")


@pytest.mark.parametrize(
    "name",
    [
        "topic list",
        "article updated after publication",
        "article in reply mode",
        "preview with a byline",
        "publish your reply",
        "used link",
    ],
)
def test_changed_page_meets_wcag_aa_in_both_colour_schemes(
    page, live_server, seed, add_comment, confirmation_link, check_axe, name
):
    open_changed_page(page, name, live_server, seed, add_comment, confirmation_link)

    check_axe(page)


def test_a_used_link_leads_to_the_comment(
    page, live_server, seed, add_comment, confirmation_link
):
    open_changed_page(
        page, "used link", live_server, seed, add_comment, confirmation_link
    )
    page.get_by_role("link", name="See your comment").click()

    expect(
        page.locator(".comments article", has_text="Partnership")
    ).to_be_in_viewport()


def test_the_topics_page_leads_to_each_topic(page, live_server, seed):
    seed.topics.add("Systems leadership")
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Topics"
    ).click()

    page.get_by_role("link", name="Systems leadership").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Systems leadership")


def test_a_reply_from_a_page_opened_on_a_point_hides_the_quoted_point(
    page, seed, article_url, add_comment
):
    parent = add_comment("Councils convene the partners.", name="Bola")
    point = seed.points.first()
    page.goto(f"{article_url}?respond={point.pk}#comment-form")
    expect(page.locator("#comment-form .quoted-point")).to_be_visible()

    reply_link(page, parent).click()

    form = page.locator(f"#c{parent.pk} #comment-form")
    expect(form.locator(".quoted-point")).to_be_hidden()
    expect(form.get_by_label("Responding to")).to_be_hidden()
