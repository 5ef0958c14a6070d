"""An editor (Editors group) types topics and is offered existing ones, sees
topics with their article counts, and merges two, in a real browser."""

import pytest
from playwright.sync_api import expect

from articles.models import Topic
from tests.browser.test_editors_desk import DJANGO_WIDGET_EXCEPTIONS, PASSWORD
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(page, live_server, editors_member, sign_in):
    sign_in(page, editors_member, PASSWORD)
    return page


@pytest.fixture
def topics(db):
    make_article(title="Homes first").topics.add("Housing", "Care")
    make_article(title="More homes").topics.add("Homes")


def suggestions(page):
    return page.locator("#id_topics-suggestions option").evaluate_all(
        "options => options.map(option => option.value)"
    )


def test_typing_a_topic_offers_existing_ones_after_the_topics_before(
    editor_page, live_server, topics, check_axe
):
    page = editor_page
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    field = page.get_by_label("Topics:")
    expect(field).to_have_attribute("list", "id_topics-suggestions")
    field.press_sequentially("HOM")
    expect(page.locator("#id_topics-suggestions option")).to_have_count(1)
    assert suggestions(page) == ["Homes"]
    field.fill("")
    field.press_sequentially("Care, ho")
    expect(page.locator("#id_topics-suggestions option")).to_have_count(2)
    assert suggestions(page) == ["Care, Homes", "Care, Housing"]
    check_axe(page, tolerated=DJANGO_WIDGET_EXCEPTIONS)


def test_an_editor_merges_two_topics_from_the_list(
    editor_page, live_server, topics, check_axe
):
    page = editor_page
    page.goto(f"{live_server.url}/admin/articles/topic/")
    row = page.locator("#result_list tr", has_text="Housing")
    expect(row.locator(".field-article_count")).to_have_text("1")
    check_axe(page, tolerated=DJANGO_WIDGET_EXCEPTIONS)
    for name in ("Housing", "Homes"):
        page.locator("#result_list tr", has_text=name).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Merge selected topics")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", name="Merge topics")).to_be_visible()
    check_axe(page, tolerated=DJANGO_WIDGET_EXCEPTIONS)
    page.get_by_label("Housing (1 article, /topics/housing/)").check()
    page.get_by_role("button", name="Merge topics").click()
    expect(page.get_by_text("“Homes” merged into “Housing”")).to_be_visible()
    assert sorted(Topic.objects.values_list("name", flat=True)) == ["Care", "Housing"]
    page.goto(f"{live_server.url}/topics/homes/")
    expect(page).to_have_url(f"{live_server.url}/topics/housing/")
