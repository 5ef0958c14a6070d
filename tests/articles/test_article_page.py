"""The article page: its words, a heading per perspective with its points in
the editor's order, and the discussion at the end; the seed article too."""

import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_article, make_perspective
from tests.helpers import html, main_content, text_of

pytestmark = pytest.mark.django_db


def perspective_sections(response):
    """An article page's perspectives as (heading, [point, ...]) pairs."""
    sections = re.findall(
        r'<section class="perspective".*?</section>', html(response), re.S
    )
    return [
        (
            text_of(re.search(r"<h2.*?</h2>", section, re.S).group()),
            [
                text_of(item)
                for item in re.findall(
                    r'<li class="point".*?<p class="point__text">(.*?)</p>',
                    section,
                    re.S,
                )
            ],
        )
        for section in sections
    ]


def test_article_page_shows_the_articles_words(client):
    article = make_article(
        title="Anyone can lead",
        standfirst="A short standfirst.",
        introduction="The opening paragraph.",
        attribution="Based on content from Richard Vize",
        published_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
    )
    page = text_of(main_content(client.get(article.get_absolute_url())))
    assert "Anyone can lead" in page
    assert "A short standfirst." in page
    assert "The opening paragraph." in page
    assert "Based on content from Richard Vize" in page
    assert "Published 2 November 2026" in page


def test_article_page_has_a_heading_per_perspective_with_its_points_in_order(
    client,
):
    # perspective positions disagree with the article's order on purpose
    councillors = make_perspective(name="Councillors", position=3)
    staff = make_perspective(name="Frontline staff", position=1)
    regulators = make_perspective(name="Regulators", position=2)
    article = make_article(
        points=[
            (councillors, "Councillors first"),
            (staff, "Staff first"),
            (councillors, "Councillors second"),
            (regulators, "Regulators only"),
        ]
    )
    response = client.get(article.get_absolute_url())
    assert perspective_sections(response) == [
        ("Councillors", ["Councillors first", "Councillors second"]),
        ("Frontline staff", ["Staff first"]),
        ("Regulators", ["Regulators only"]),
    ]
    assert '<ul class="points">' in html(response)


def test_article_page_ends_with_the_discussion(client, published_article):
    published_article.attribution = "Based on content from Richard Vize"
    published_article.save()
    page = main_content(client.get(published_article.get_absolute_url()))
    last_section = page[page.rindex("<section") :]
    assert last_section.startswith('<section class="discussion"')
    assert "Give us your views" in last_section
    assert page.index("Based on content from Richard Vize") < page.index(
        'class="discussion"'
    )
    assert page.rstrip().endswith("</section>")


def test_seed_article_page_lists_all_six_perspectives(client):
    call_command("loaddata", "seed", verbosity=0)
    url = reverse("articles:detail", kwargs={"slug": "anyone-can-be-a-systems-leader"})
    response = client.get(url)
    assert response.status_code == 200
    assert [heading for heading, _points in perspective_sections(response)] == [
        "Councillors",
        "Senior managers",
        "Frontline staff",
        "Partner organisations",
        "User groups",
        "Regulators and inspectors",
    ]
