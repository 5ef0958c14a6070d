"""An editor (Editors group) on the article form, in a real browser: the word
count follows their typing and agrees with the server's; leaving with
changes asks first; points move with Up and Down, by mouse and by keyboard."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_article, make_perspective

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Failures axe finds in Django's own widgets on the article form, which we do
# not override: (rule, where, why it is tolerated).
DJANGO_WIDGET_EXCEPTIONS = [
    (
        "label",
        ".field-published_at",
        "Django's split date and time inputs have no label of their own",
    ),
    (
        "label",
        ".select2-container",
        "the search box select2 adds to Django's autocomplete fields",
    ),
    (
        "link-in-text-block",
        ".breadcrumbs",
        "Django's breadcrumbs set links apart by colour and the › separators",
    ),
]
PASSWORD = "pass-for-tests-1"  # the editors_member fixture's
LEAVE = "Leave this page? Changes you made will not be saved."
# (introduction, points): Markdown, hyphens, numbers, other alphabets
TEXTS = [
    ("Plain words here.", ["One point", "Another point"]),
    (
        '## A heading\n\nSee [our report](https://example.org/a-b?c=1 "Title") '
        "and **bold**, *emphasis* and `code`.",
        ["A [link](/perspectives/councillors/) *here*", "![a picture](x.png)"],
    ),
    (
        "1. First\n2. Second\n\n- well-known\n- co-operate 3.5 times, 1,000 people",
        ["Don't count l'homme as two; don’t either", "2026-12-07"],
    ),
    (
        "Café naïve Ærø, 日本語 テキスト, Здравствуйте мир, x² Ⅻ, snake_case",
        ["Cafe\u0301 s\u00a0non-breaking", "&amp; &eacute;t&eacute; &#65;B"],
    ),
    (
        "<b>raw html</b> stays text https://example.org/path\n\n"
        "```python\ncode here\n```",
        ["https://www.example.com", ""],
    ),
]


@pytest.fixture
def editor_page(page, live_server, editors_member, sign_in):
    sign_in(page, editors_member, PASSWORD)
    return page


@pytest.fixture
def ordered_article(db):
    councillors = make_perspective(name="Councillors", slug="councillors")
    return make_article(
        title="Points in order",
        slug="points-in-order",
        status=Article.Status.DRAFT,
        points=[(councillors, text) for text in ["Alpha", "Bravo", "Charlie"]],
    )


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def shown_points(page):
    return page.locator(
        "#points-group tbody tr.form-row:not(.empty-form) textarea"
    ).evaluate_all("texts => texts.map(text => text.value).filter(Boolean)")


def assert_on_top(page, locator):
    assert locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(
                box.left + box.width / 2, box.top + box.height / 2);
            return hit === element || element.contains(hit);
        }"""
    )


def test_the_word_count_follows_typing_and_agrees_with_the_server(
    editor_page, live_server, check_axe
):
    page = editor_page
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    count = page.locator("[data-word-count]")
    expect(count).to_have_text("0")
    page.get_by_label("Introduction:").fill("Systems leadership is shared.")
    expect(count).to_have_text("4")
    page.locator("#id_points-0-text").fill("Lead where you stand")
    expect(count).to_have_text("8")
    # told to screen readers once typing pauses, politely
    announced = page.locator("[aria-live=polite]", has_text="8 words")
    expect(announced).to_have_count(1)
    check_axe(page, tolerated=DJANGO_WIDGET_EXCEPTIONS)

    for introduction, points in TEXTS:
        article = make_article(introduction=introduction)
        perspective = make_perspective()
        for position, text in enumerate(points):
            if text:
                article.points.create(
                    perspective=perspective, text=text, position=position
                )
        article = Article.objects.get(pk=article.pk)
        counted = page.evaluate(
            "([introduction, points]) => window.insightWordCount(introduction, points)",
            [introduction, points],
        )
        assert counted == article.word_count(), introduction


def test_leaving_with_changes_asks_first_and_never_after_saving(
    editor_page, live_server, ordered_article
):
    page = editor_page
    dialogs = []

    def answer(dialog):
        dialogs.append((dialog.type, dialog.message))
        dialog.dismiss() if dialog.type == "confirm" else dialog.accept()

    page.on("dialog", answer)
    page.goto(change_url(live_server, ordered_article))
    # nothing changed: a link leaves at once
    page.get_by_role("link", name="Articles", exact=True).first.click()
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/")
    assert dialogs == []

    page.goto(change_url(live_server, ordered_article))
    title = page.get_by_label("Title:")
    title.press("End")
    title.press_sequentially(" again")
    page.get_by_role("link", name="Articles", exact=True).first.click()
    assert dialogs == [("confirm", LEAVE)]
    expect(title).to_have_value("Points in order again")  # stayed, kept
    # typed back as it was: nothing changed after all
    title.press("End")
    for _letter in " again":
        title.press("Backspace")
    page.get_by_role("link", name="Articles", exact=True).first.click()
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/")
    assert len(dialogs) == 1

    # closing or reloading: the browser's own words
    page.goto(change_url(live_server, ordered_article))
    page.get_by_label("Standfirst:").press("End")
    page.get_by_label("Standfirst:").press_sequentially(" More.")
    page.reload()
    assert dialogs[-1][0] == "beforeunload"

    # Preview opens another tab and asks nothing; Save leaves without asking
    page.goto(change_url(live_server, ordered_article))
    page.get_by_label("Standfirst:").press("End")
    page.get_by_label("Standfirst:").press_sequentially(" More.")
    asked = len(dialogs)
    preview_button = page.get_by_role("button", name="Preview (opens in new tab)")
    if preview_button.count():
        with page.context.expect_page() as opened:
            preview_button.click()
        opened.value.close()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/")
    assert len(dialogs) == asked
    ordered_article.refresh_from_db()
    assert ordered_article.standfirst.endswith(" More.")


def test_points_move_with_up_and_down_by_mouse_and_keyboard(
    editor_page, live_server, ordered_article, check_axe
):
    page = editor_page
    page.goto(change_url(live_server, ordered_article))
    page.evaluate("window.notReloaded = true")
    assert shown_points(page) == ["Alpha", "Bravo", "Charlie"]
    expect(page.get_by_role("button", name="Move point 1 up")).to_be_hidden()
    expect(page.get_by_role("button", name="Move point 3 down")).to_be_hidden()
    check_axe(page, tolerated=DJANGO_WIDGET_EXCEPTIONS)

    up = page.get_by_role("button", name="Move point 2 up")
    up.scroll_into_view_if_needed()
    assert_on_top(page, up)
    up.click()
    assert shown_points(page) == ["Bravo", "Alpha", "Charlie"]
    assert page.evaluate("window.notReloaded") is True
    # Bravo is first now: the focus stays on its remaining button
    expect(page.get_by_role("button", name="Move point 1 down")).to_be_focused()
    expect(page.get_by_text("It is now point 1 of 3")).to_be_attached()

    # by keyboard: Charlie up, with Enter and with Space
    page.get_by_role("button", name="Move point 3 up").focus()
    page.keyboard.press("Enter")
    assert shown_points(page) == ["Bravo", "Charlie", "Alpha"]
    expect(page.get_by_role("button", name="Move point 2 up")).to_be_focused()
    page.keyboard.press("Space")
    assert shown_points(page) == ["Charlie", "Bravo", "Alpha"]

    # a new point typed into a blank row joins at the end, with its buttons
    page.locator("#id_points-3-text").fill("Delta")
    page.locator("#id_points-3-perspective").select_option(label="Councillors")
    page.get_by_role("button", name="Move point 4 up").click()
    assert shown_points(page) == ["Charlie", "Bravo", "Delta", "Alpha"]
    check_axe(page, tolerated=DJANGO_WIDGET_EXCEPTIONS)

    # Enter in a field saves, it does not move a point
    page.get_by_label("Title:").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/")
    texts = ordered_article.points.order_by("position").values_list("text", flat=True)
    assert list(texts) == ["Charlie", "Bravo", "Delta", "Alpha"]


def test_points_move_without_javascript(
    browser, live_server, editors_member, ordered_article
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(editors_member.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(change_url(live_server, ordered_article))
    page.get_by_label("Title:").fill("Typed, not saved")
    page.get_by_role("button", name="Move point 3 up").click()
    assert shown_points(page) == ["Alpha", "Charlie", "Bravo"]
    expect(page.get_by_label("Title:")).to_have_value("Typed, not saved")
    # the moved point's button has the focus again, in its new place
    expect(page.get_by_role("button", name="Move point 2 up")).to_be_focused()
    page.get_by_role("button", name="Save", exact=True).click()
    texts = ordered_article.points.order_by("position").values_list("text", flat=True)
    assert list(texts) == ["Alpha", "Charlie", "Bravo"]
    context.close()


def test_points_move_by_drag_and_drop_too(editor_page, live_server, ordered_article):
    page = editor_page
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(change_url(live_server, ordered_article))
    page.locator("#points-group").evaluate("group => group.scrollIntoView()")
    handles = page.locator("#points-group .point-order__handle")
    expect(handles).to_have_count(3)
    start = handles.nth(2).bounding_box()
    end = page.locator("#points-group tr.form-row").first.bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 5, start["y"] - 20, steps=5)
    page.mouse.move(end["x"] + 20, end["y"] + 5, steps=10)
    page.mouse.up()
    assert shown_points(page) == ["Charlie", "Alpha", "Bravo"]
    expect(page.get_by_role("button", name="Move point 1 up")).to_be_hidden()
    expect(page.get_by_text("It is now point 1 of 3")).to_be_attached()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/")
    texts = ordered_article.points.order_by("position").values_list("text", flat=True)
    assert list(texts) == ["Charlie", "Alpha", "Bravo"]
