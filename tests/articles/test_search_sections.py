"""Search is one page of sections: the content's own and any another app
registers, each under its heading, in the order registered."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from articles.search import (
    RESULTS_PER_SECTION,
    SearchSection,
    parse,
    register_section,
    registry,
)
from tests.helpers import main_content, text_of

pytestmark = pytest.mark.django_db


class NoteSection(SearchSection):
    """A section as another app would write one: editors' notes."""

    verbose_name = "note"
    verbose_name_plural = "notes"
    finds = "editors’ notes"
    template_name = "articles/_point_result.html"

    def __init__(self):
        self.asked = []

    def search(self, query, limit):
        self.asked.append((query, limit))
        return [
            SimpleNamespace(
                url="/notes/1/",
                text="A note on budgets",
                perspective="Editors",
                article_title="Notes",
            )
        ]


@pytest.fixture
def notes(monkeypatch):
    """A notes section registered after the others, for this test only."""
    monkeypatch.setattr(registry, "_registered", dict(registry._registered))
    section = NoteSection()
    register_section(section)
    return section


def search(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return main_content(response)


def test_the_content_and_the_comments_are_the_sections_searched():
    assert [section.heading for section in registry.sections()] == [
        "Articles",
        "Points",
        "Comments",
    ]


def test_a_registered_section_is_shown_after_the_others_with_its_results(client, notes):
    page = search(client, "budgets")
    assert "<h2>Notes</h2>" in page
    assert '<a href="/notes/1/">A note on budgets</a>' in page
    assert (
        "1 result for ‘budgets’: 0 articles, 0 points, 0 comments and 1 note."
        in text_of(page)
    )
    assert notes.asked == [(parse("budgets"), RESULTS_PER_SECTION)]


def test_a_registered_section_is_offered_before_any_search(client, notes):
    page = text_of(main_content(client.get(reverse("articles:search"))))
    assert (
        "find articles, the points they make, readers’ comments and editors’ notes,"
        in page
    )
    assert notes.asked == []


def test_a_section_the_site_does_not_search_is_left_out(client, notes, monkeypatch):
    monkeypatch.setattr(NoteSection, "is_searched", lambda section: False)
    page = search(client, "budgets")
    assert "note" not in text_of(page).lower()
    assert notes.asked == []
