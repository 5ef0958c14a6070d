"""A reader follows an article's topics and related articles, and the page's
metadata (JSON-LD included) breaks no content security policy."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import add_topics_and_related

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSP_VIOLATIONS = """() => { window.cspViolations = [];
    document.addEventListener("securitypolicyviolation",
        event => window.cspViolations.push(event.violatedDirective)); }"""


def test_reader_goes_from_an_article_to_its_topic_and_a_related_article(
    page, article_url, seed
):
    add_topics_and_related(seed)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(f"({CSP_VIOLATIONS})()")
    page.goto(article_url)

    [data] = [
        json.loads(text)
        for text in page.locator(
            'script[type="application/ld+json"]'
        ).all_text_contents()
    ]
    assert data["headline"] == seed.title
    assert page.evaluate("() => window.cspViolations") == []
    assert not [text for text in console if "Content Security Policy" in text]

    related = page.get_by_role("region", name="Related articles")
    related.get_by_role("link", name="Leading across boundaries").click()
    expect(page).to_have_url(re.compile(r"/insight/leading-across-boundaries/$"))

    page.get_by_role("link", name="Public services").click()
    expect(page).to_have_url(re.compile(r"/topics/public-services/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Public services")
    expect(page.get_by_role("link", name=seed.title, exact=True)).to_be_visible()


def test_reader_lists_articles_about_one_topic(page, live_server, seed):
    seed.topics.add("Systems leadership")
    page.goto(live_server.url)
    page.get_by_label("About").select_option(label="Systems leadership")
    page.get_by_role("button", name="Show").click()

    expect(page).to_have_url(re.compile(r"\?perspective=&topic=systems-leadership$"))
    expect(page.get_by_role("link", name=seed.title, exact=True)).to_be_visible()
