"""A reader comments, replies, responds to a point and reports, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from discussion.models import ArticleComment, CommentReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_in(form, text, name):
    form.get_by_label("Comment", exact=True).fill(text)
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Email address").fill(f"{name.lower()}@example.org")


def reply_link(page, comment):
    return page.locator(f"#c{comment.pk} > article .act").get_by_role(
        "link", name="Reply"
    )


def confirm_and_see(page, confirmation_link):
    """Open the link from the e-mail, publish, then go to the published comment."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(confirmation_link())
    page.get_by_role("button", name="Publish my comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your comment is published"
    )
    page.get_by_role("link", name="See your comment").click()


def test_reader_previews_sends_confirms_and_sees_a_comment(
    page, article_url, confirmation_link
):
    page.goto(article_url)
    form = page.locator("#comment-form")
    fill_in(form, "Partnership takes time.\nIt starts with trust.", "Asha")
    form.get_by_label("I am writing as").select_option(
        label="A member of frontline staff"
    )
    form.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your comment")
    expect(page.locator(".comment-preview")).to_contain_text("It starts with trust.")
    form = page.locator("#comment-form")
    expect(form.get_by_label("Your name")).to_have_value("Asha")
    form.get_by_role("button", name="Send comment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert not ArticleComment.objects.exists()
    confirm_and_see(page, confirmation_link)

    comment = ArticleComment.objects.get()
    expect(page).to_have_url(re.compile(f"#c{comment.pk}$"))
    shown = page.locator(f"#c{comment.pk} > article")
    expect(shown).to_be_in_viewport()
    expect(shown).to_contain_text("Asha, writing as a member of frontline staff")
    expect(shown).to_contain_text(
        "Partnership takes time.\nIt starts with trust.", use_inner_text=True
    )


def test_form_with_a_mistake_keeps_the_text_and_links_to_the_field(page, article_url):
    page.goto(article_url)
    form = page.locator("#comment-form")
    form.get_by_label("Comment", exact=True).fill("Words worth keeping.")
    form.get_by_role("button", name="Send comment").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter your name")
    expect(page.get_by_label("Comment", exact=True)).to_have_value(
        "Words worth keeping."
    )
    summary.get_by_role("link", name="Enter your name").click()
    expect(page.get_by_label("Your name")).to_be_focused()


def test_reply_link_opens_the_form_under_the_comment_with_javascript(
    page, article_url, add_comment, confirmation_link
):
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)
    reply_link(page, parent).click()

    expect(page).to_have_url(article_url)
    form = page.locator(f"#c{parent.pk} #comment-form")
    expect(form.get_by_role("heading", name="Reply to Bola")).to_be_visible()
    expect(form.get_by_label("Comment", exact=True)).to_be_focused()
    expect(form.get_by_label("Responding to")).to_be_hidden()
    fill_in(form, "They do, with health alongside.", "Chidi")
    form.get_by_role("button", name="Send reply").click()
    confirm_and_see(page, confirmation_link)

    reply = page.locator(f"#c{parent.pk} ol article")
    expect(reply).to_contain_text("Chidi, replying to Bola")
    expect(reply).to_contain_text("They do, with health alongside.")


def test_cancelling_a_reply_puts_the_form_back_and_focus_on_the_reply_link(
    page, article_url, add_comment
):
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)
    reply_link(page, parent).click()
    page.get_by_role("button", name="Cancel reply").click()

    expect(reply_link(page, parent)).to_be_focused()
    expect(page.locator(".comments #comment-form")).to_have_count(0)
    form = page.locator("#comment-form")
    expect(form.get_by_role("button", name="Send comment")).to_be_visible()
    expect(form.get_by_label("Responding to")).to_be_visible()


def test_reply_link_goes_to_the_reply_page_without_javascript(
    new_context, article_url, add_comment, confirmation_link
):
    page = new_context(java_script_enabled=False).new_page()
    parent = add_comment("Councils convene the partners.", name="Bola")
    page.goto(article_url)
    reply_link(page, parent).click()

    expect(page).to_have_url(re.compile(f"/comments/reply/{parent.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reply to Bola")
    expect(page.locator(".quoted-comment")).to_contain_text("Councils convene")
    form = page.locator("#comment-form")
    fill_in(form, "And the voluntary sector.", "Dana")
    form.get_by_role("button", name="Send reply").click()
    confirm_and_see(page, confirmation_link)

    reply = page.locator(f"#c{parent.pk} ol article")
    expect(reply).to_contain_text("Dana, replying to Bola")


def test_reader_responds_to_one_argument_point(
    page, seed, article_url, confirmation_link
):
    point = seed.points.filter(perspective__slug="frontline-staff").first()
    page.goto(article_url)
    page.locator(f"#point-{point.pk}").get_by_role(
        "link", name="Respond to this point"
    ).click()

    expect(page).to_have_url(re.compile(rf"\?respond={point.pk}#comment-form$"))
    form = page.locator("#comment-form")
    expect(form.locator(".quoted-point")).to_contain_text(point.text)
    expect(form.get_by_label("Responding to")).to_have_value(str(point.pk))
    fill_in(form, "On the front line we see it first.", "Eve")
    form.get_by_role("button", name="Send comment").click()
    confirm_and_see(page, confirmation_link)

    comment = page.locator(".comments article", has_text="we see it first")
    expect(comment.locator(".re")).to_contain_text(point.text[:60])
    comment.locator(".re").get_by_role("link").click()
    expect(page.locator(f"#point-{point.pk}")).to_be_in_viewport()
    page.locator(f"#point-{point.pk}").get_by_role("link", name="1 comment").click()
    expect(page.locator("#discussion").get_by_role("status")).to_contain_text(
        "Showing 1 comment responding"
    )


def test_reader_reports_a_comment(page, article_url, add_comment):
    comment = add_comment("Cheap watches at example.com", name="Seller")
    page.goto(article_url)
    page.locator(f"#c{comment.pk} .act").get_by_role("link", name="Report").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Report a comment")
    page.get_by_role("button", name="Send report").click()
    page.get_by_role("alert").get_by_role("link").click()
    expect(page.get_by_label("It is spam or advertising")).to_be_focused()
    page.get_by_label("It is spam or advertising").check()
    page.get_by_label("Tell us more").fill("Advertising.")
    page.get_by_role("button", name="Send report").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you for your report"
    )
    report = CommentReport.objects.get()
    assert (report.comment, report.reason) == (comment, "spam")
    page.get_by_role("link", name="Go back to the discussion").click()
    expect(page.get_by_role("heading", name="Discussion")).to_be_in_viewport()
