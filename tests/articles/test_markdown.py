"""Editors' Markdown: what it becomes on the page, and plain text written
before it changes nothing that readers see."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils.html import escape, linebreaks

from articles.markdown import (
    count_words,
    escape_plain_text,
    render_inline,
    render_introduction,
    render_page,
    unescape_plain_text,
)
from tests.factories import make_article


class _Blocks(HTMLParser):
    """The paragraphs of some HTML, each a list of its lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = [[""]]

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.blocks[-1].append("")
        elif tag in {"p", "li", "h2", "h3"}:
            self.blocks.append([""])

    def handle_data(self, data):
        self.blocks[-1][-1] += data


def seen(html):
    """What a reader sees of some HTML: paragraphs of lines of words."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    blocks = [[" ".join(line.split()) for line in block] for block in parser.blocks]
    return [block for block in blocks if any(block)]


def seed_texts():
    seed = json.loads((settings.BASE_DIR / "fixtures" / "seed.json").read_text())
    return [
        row["fields"].get("introduction") or row["fields"]["text"]
        for row in seed
        if row["model"] in {"articles.article", "articles.argumentpoint"}
    ]


PLAIN_TEXT = [
    "In the systems model, everyone has a role.\nA second line.\n\nA paragraph.",
    "# Not a heading\n## Nor this",
    "*not emphasis* and _nor this_ and **nor this**",
    "1. not a list\n2) nor this\n- nor this\n+ nor this\n* nor this",
    "A line\n---\nand\n===",
    "    indented, not code\n\tnor this",
    "<b>tags</b> show as typed, & &amp; &#106; too",
    "[not](a link) ![nor](an image) <https://example.org> `not code`",
    "a backslash \\ at the end \\",
    "> not a quote\n| not | a table |\n~~not struck~~",
]


@pytest.mark.parametrize("text", seed_texts() + PLAIN_TEXT)
def test_plain_text_escaped_as_markdown_reads_as_before(text):
    # as the template showed them: {{ introduction|linebreaks }}, {{ text }}
    introduction, _contents = render_introduction(escape_plain_text(text))
    assert seen(introduction) == seen(linebreaks(text, autoescape=True))
    assert seen(render_inline(escape_plain_text(text))) == seen(escape(text))


@pytest.mark.parametrize("text", PLAIN_TEXT)
def test_escaping_is_undone_when_migrating_back(text):
    unindented = "\n".join(line.lstrip() for line in text.split("\n"))
    assert unescape_plain_text(escape_plain_text(text)) == unindented


def test_seed_text_needs_no_escaping():
    assert [escape_plain_text(text) for text in seed_texts()] == seed_texts()


def test_introduction_headings_start_at_h2_with_unique_ids_for_the_contents():
    html, contents = render_introduction("# Why\n\ntext\n\n## Why\n\n### How it works")
    assert '<h2 id="section-why">Why</h2>' in html
    assert '<h2 id="section-why-2">Why</h2>' in html
    assert '<h3 id="section-how-it-works">How it works</h3>' in html
    assert "<h1" not in html
    assert contents == [
        {"id": "section-why", "text": "Why"},
        {"id": "section-why-2", "text": "Why"},
    ]


def test_a_heading_of_symbols_alone_still_gets_an_id():
    html, contents = render_introduction("## ***")
    assert contents[0]["id"].startswith("section-")


def test_introduction_has_paragraphs_line_breaks_lists_and_links():
    html, _contents = render_introduction(
        "Some **bold** and *emphasis*.\nA new line.\n\n"
        "- a [link](https://example.org/a)\n- www.example.org"
    )
    assert "<strong>bold</strong>" in html
    assert "<em>emphasis</em>" in html
    assert "<br>" in html
    assert '<a href="https://example.org/a">link</a>' in html
    assert '<a href="http://www.example.org">www.example.org</a>' in html
    assert "rel=" not in html


def test_html_in_an_introduction_shows_as_typed():
    html, _contents = render_introduction("<em>typed</em>")
    assert html == "<p>&lt;em&gt;typed&lt;/em&gt;</p>\n"


def test_an_image_becomes_a_link_to_it():
    html, _contents = render_introduction("![A chart](https://example.org/c.png)")
    assert html == '<p><a href="https://example.org/c.png">A chart</a></p>\n'


def test_points_take_emphasis_and_links_only():
    html = render_inline("**Bold**, [a link](/privacy/)\n# and no heading\n- nor list")
    assert html == (
        '<strong>Bold</strong>, <a href="/privacy/">a link</a>\n'
        "# and no heading\n- nor list"
    )


def test_editable_pages_take_markdown_and_their_old_html():
    html = render_page("## Contact\n\nEmail insight@example.gov.uk\n\n<p>Old</p>")
    assert "<h2>Contact</h2>" in html
    assert '<a href="mailto:insight@example.gov.uk">' in html
    assert "<p>Old</p>" in html


def test_the_seed_pages_render_as_their_html_did():
    # the HTML the pages held before they became Markdown, in short
    html = render_page(
        json.loads((settings.BASE_DIR / "fixtures" / "pages.json").read_text())[0][
            "fields"
        ]["content"]
    )
    assert html.startswith("<p>Insight welcomes comments")
    assert "<h2>Before you comment</h2>\n<ul>\n<li>Comments are published" in html
    assert '<a href="mailto:insight@example.gov.uk">insight@example.gov.uk</a>' in html


def test_words_are_counted_as_readers_see_them():
    html, _contents = render_introduction(
        "## Don’t **stop**\n\n[three words here](https://example.org/a-b-c-d)"
    )
    assert count_words(html) == 5


@pytest.mark.django_db
def test_an_article_renders_its_markdown_when_saved(perspective):
    article = make_article(
        introduction="## Background\n\nSome **context**.",
        points=[(perspective, "An *emphasised* point")],
    )
    assert article.introduction_html == (
        '<h2 id="section-background">Background</h2>\n'
        "<p>Some <strong>context</strong>.</p>\n"
    )
    assert article.introduction_headings == [
        {"id": "section-background", "text": "Background"}
    ]
    assert article.points.get().text_html == "An <em>emphasised</em> point"
    assert article.word_count() == 6


@pytest.mark.django_db
def test_headings_join_the_contents_before_the_perspectives(client, perspective):
    article = make_article(
        introduction="# Why now\n\ntext", points=[(perspective, "A point")]
    )
    page = client.get(article.get_absolute_url()).content.decode()
    contents = page.split('<nav class="contents" aria-label="Contents">')[1]
    links = re.findall(r'<a href="#([^"]+)">', contents.split("</nav>")[0])
    assert links == ["section-why-now", "perspective-frontline-staff"]
    assert '<h2 id="section-why-now">Why now</h2>' in page
    # no other id on the page starts as a heading's does
    ids = re.findall(r'id="(section-[^"]*)"', page)
    assert ids == ["section-why-now"]


@pytest.mark.django_db
def test_excerpts_of_a_point_leave_its_markdown_out(perspective):
    article = make_article(points=[(perspective, "A **bold** [claim](/a/) & more")])
    point = article.points.get()
    assert point.plain_text == "A bold claim & more"
    assert str(point) == "A bold claim & more"
