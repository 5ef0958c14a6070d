"""The editable pages (comments policy, privacy notice, accessibility
statement) and the links to them."""

import re

import pytest

from tests.helpers import article_page


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/comments-policy/", "Comments policy"),
        ("/privacy/", "Privacy notice"),
        ("/accessibility/", "Accessibility statement"),
    ],
)
def test_an_editable_page_renders_with_its_title(client, pages, path, title):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<title>{title} – Insight</title>" in page
    assert f"<h1>{title}</h1>" in page


def test_the_footer_links_to_the_policy_privacy_and_accessibility_pages(
    client, pages, published_article
):
    footer = article_page(client, published_article).split(
        '<footer class="site-footer">'
    )[1]
    assert '<a href="/comments-policy/">Comments policy</a>' in footer
    assert '<a href="/privacy/">Privacy notice</a>' in footer
    assert '<a href="/accessibility/">Accessibility statement</a>' in footer


def test_the_comment_form_links_to_the_policy_and_privacy_notice(
    client, published_article
):
    page = article_page(client, published_article)
    form = page.split('<form class="comment-form"')[1].split("</form>")[0]
    assert '<a href="/comments-policy/">comments policy</a>' in form
    assert '<a href="/privacy/">privacy notice</a>' in form


@pytest.mark.parametrize(
    "heading",
    [
        "Compliance status",
        "Non-accessible content",
        "Enforcement procedure",
        "Feedback and contact information",
        "Preparation of this accessibility statement",
    ],
)
def test_the_accessibility_statement_has_a_section_the_regulations_ask_for(
    client, pages, heading
):
    page = client.get("/accessibility/").content.decode()
    assert re.search(rf"<h[23]>{heading}</h[23]>", page)
