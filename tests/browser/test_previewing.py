"""An editor in the Editors group previews unsaved changes as readers will
see them, and shares a draft with someone who has no account, in a real
browser."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import AXE_SCRIPT, WCAG_AA_TAGS, describe
from tests.factories import make_article, make_perspective

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR_PASSWORD = "pass-for-tests-1"  # the editors_member fixture's


@pytest.fixture
def draft(live_server):
    councillors = make_perspective(name="Councillors", slug="councillors")
    return make_article(
        title="Leading from anywhere",
        slug="leading-from-anywhere",
        status=Article.Status.DRAFT,
        introduction="## Why it matters\n\nLeadership is **shared**.",
        points=[(councillors, "Lead *where* you stand")],
    )


def change_page(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def is_there(page, locator):
    """The control is what the browser finds at its centre: nothing covers it."""
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return page.evaluate(
        "([x, y, el]) => el.contains(document.elementFromPoint(x, y))",
        [x, y, locator.element_handle()],
    )


def check_axe_within(page, selector):
    """axe on one part of a page: the part this feature adds to the admin's
    article form, whose own fields are another matter."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async ([selector, tags]) => (await window.axe.run(
            document.querySelector(selector),
            {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]},
        )).violations""",
        [selector, WCAG_AA_TAGS],
    )
    assert not found, describe(found)


def test_an_editor_previews_a_changed_title_without_saving_it(
    page, live_server, editors_member, draft, sign_in, check_axe
):
    sign_in(page, editors_member, EDITOR_PASSWORD)
    page.goto(change_page(live_server, draft))
    page.get_by_label("Title:").fill("Leading from where you are")
    button = page.get_by_role("button", name="Preview (opens in new tab)")
    button.scroll_into_view_if_needed()
    assert is_there(page, button)

    with page.context.expect_page() as opened:
        button.click()
    preview = opened.value
    preview.wait_for_load_state()
    banner = preview.get_by_role("region", name="Preview")
    expect(banner).to_contain_text("Preview – not saved")
    expect(preview.get_by_role("heading", level=1)).to_have_text(
        "Leading from where you are"
    )
    # the reader's layout: the contents, the introduction and the points
    contents = preview.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_text(["Why it matters", "Councillors"])
    expect(preview.locator(".point__text em")).to_have_text("where")
    expect(preview.locator(".site-header")).to_be_visible()
    expect(
        preview.get_by_text("This is a preview, so no one can comment yet.")
    ).to_be_visible()
    check_axe(preview)
    preview.close()

    draft.refresh_from_db()
    assert draft.title == "Leading from anywhere"
    saved = page.context.new_page()
    saved.goto(live_server.url + draft.get_absolute_url())
    expect(saved.get_by_role("heading", level=1)).to_have_text("Leading from anywhere")


def test_an_editor_shares_a_draft_that_opens_signed_out_until_revoked(
    page, browser, live_server, editors_member, draft, sign_in, check_axe
):
    sign_in(page, editors_member, EDITOR_PASSWORD)
    page.goto(change_page(live_server, draft))
    sharing = page.get_by_role("region", name="Share a preview")
    sharing.get_by_label("Days the link works for").fill("3")
    share = sharing.get_by_role("button", name="Share a preview")
    share.scroll_into_view_if_needed()
    assert is_there(page, share)
    share.click()
    expect(page.locator(".messagelist")).to_contain_text("Preview link made.")
    link = page.locator(".share-preview__links a")
    expect(link).to_have_count(1)
    expect(page.get_by_role("region", name="Share a preview")).to_contain_text(
        "Made by editors-member"
    )
    check_axe_within(page, "#share-preview")
    address = link.get_attribute("href")

    outsider = browser.new_context()
    shared = outsider.new_page()
    shared.goto(address)
    expect(shared.get_by_role("region", name="Preview")).to_contain_text(
        "This is a preview."
    )
    expect(shared.get_by_role("heading", level=1)).to_have_text("Leading from anywhere")
    expect(shared.get_by_role("button", name="Send comment")).to_be_disabled()
    check_axe(shared)

    page.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.locator(".messagelist")).to_contain_text("Preview link revoked.")
    shared.reload()
    expect(shared.get_by_role("heading", level=1)).to_have_text(
        "This preview link has been revoked"
    )
    check_axe(shared)
    outsider.close()


def test_preview_and_sharing_work_without_javascript(
    browser, live_server, editors_member, draft, sign_in
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, editors_member, EDITOR_PASSWORD)
    page.goto(change_page(live_server, draft))
    page.get_by_label("Standfirst:").fill("Changed without scripts.")
    with context.expect_page() as opened:
        page.get_by_role("button", name="Preview (opens in new tab)").click()
    preview = opened.value
    expect(preview.locator(".lead")).to_have_text("Changed without scripts.")

    sharing = page.get_by_role("region", name="Share a preview")
    sharing.get_by_role("button", name="Share a preview").click()
    expect(page.locator(".messagelist")).to_contain_text("Preview link made.")
    page.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.locator(".messagelist")).to_contain_text("Preview link revoked.")
    draft.refresh_from_db()
    assert draft.standfirst != "Changed without scripts."
    context.close()
