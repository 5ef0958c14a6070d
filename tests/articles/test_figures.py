"""Pictures from the media library in an article's text: `![alt](media:42)`
becomes a figure with its renditions, alt text, caption and credit; any other
image stays a link, and a picture the library lacks shows nothing."""

import re
import time
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.markdown import render_introduction
from tests.articles.test_markdown_hostile import dangers
from tests.factories import make_article, make_media_picture

pytestmark = pytest.mark.django_db


class Figures(HTMLParser):
    """The figures of a page: each one's img attributes and caption text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures = []
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "figure" and ("class", "figure") in attrs:
            self.figures.append({"img": None, "caption": ""})
        elif tag == "img" and self.figures and self.figures[-1]["img"] is None:
            self.figures[-1]["img"] = dict(attrs)
        elif tag == "figcaption" and self.figures:
            self.in_caption = True

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.in_caption = False

    def handle_data(self, data):
        if self.in_caption:
            self.figures[-1]["caption"] += data


def figures_on(html):
    parser = Figures()
    parser.feed(html)
    return parser.figures


def introduction_of(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    return page.split('<div class="article__introduction">')[1].split("</div>")[0]


@pytest.fixture
def chart(db):
    return make_media_picture(
        alt_text="A chart of waiting times",
        caption="Waiting times fell after the pilot.",
        credit="Chart: NHS England",
    )


def test_a_library_reference_becomes_a_figure_with_renditions(client, chart):
    article = make_article(introduction=f"Before.\n\n![](media:{chart.pk})\n\nAfter.")

    html = introduction_of(client, article)

    (figure,) = figures_on(html)
    img = figure["img"]
    assert img["alt"] == "A chart of waiting times"
    assert img["width"] == "1200" and img["height"] == "675"
    assert img["loading"] == "lazy"
    assert img["sizes"]
    assert img["src"].startswith("/media/media/") and img["src"].endswith("-1200.webp")
    sources = [source.split() for source in img["srcset"].split(", ")]
    assert [width for _url, width in sources] == ["480w", "800w", "1200w"]
    assert figure["caption"] == "Waiting times fell after the pilot. Chart: NHS England"
    # the text around it stays in paragraphs, and no figure sits in one
    assert html.index("<p>Before.</p>") < html.index("<figure") < html.index("After.")
    assert not re.search(r"<p>[^<]*<figure", html)


def test_the_references_alt_text_wins_over_the_librarys(client, chart):
    article = make_article(introduction=f"![Waiting times by month](media:{chart.pk})")
    (figure,) = figures_on(introduction_of(client, article))
    assert figure["img"]["alt"] == "Waiting times by month"


def test_a_decorative_picture_has_empty_alt_text_whatever_the_reference_says(client):
    pattern = make_media_picture(alt_text="", is_decorative=True, caption="", credit="")
    article = make_article(introduction=f"![A pattern](media:{pattern.pk})")
    (figure,) = figures_on(introduction_of(client, article))
    assert figure["img"]["alt"] == ""
    assert "<figcaption>" not in introduction_of(client, article)


def test_a_reference_within_a_paragraph_splits_it_around_the_figure(client, chart):
    article = make_article(introduction=f"One line\n![x](media:{chart.pk})\nnext line")
    html = introduction_of(client, article)
    assert len(figures_on(html)) == 1
    assert "<p>One line</p>" in html and "<p>next line</p>" in html


def test_the_same_picture_twice_is_two_figures(client, chart):
    reference = f"![x](media:{chart.pk})"
    article = make_article(introduction=f"{reference}\n\n{reference}")
    assert len(figures_on(introduction_of(client, article))) == 2


def test_a_changed_picture_shows_as_it_is_now(
    client, chart, django_capture_on_commit_callbacks
):
    article = make_article(introduction=f"![](media:{chart.pk})")
    client.get(article.get_absolute_url())  # kept by the page cache
    chart.caption = "A new caption."
    with django_capture_on_commit_callbacks(execute=True):
        chart.save()
    (figure,) = figures_on(introduction_of(client, article))
    assert figure["caption"].startswith("A new caption.")


def test_a_deleted_picture_shows_nothing_to_readers(
    client, chart, django_capture_on_commit_callbacks
):
    article = make_article(introduction=f"Text.\n\n![x](media:{chart.pk})")
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        chart.delete()
    html = introduction_of(client, article)
    assert "<figure" not in html and "media:" not in html
    assert "<p>Text.</p>" in html


@pytest.mark.parametrize(
    "address",
    [
        "https://other.example/picture.png",
        "http://other.example/picture.png",
        "//other.example/picture.png",
        "/media/articles/picture.webp",
        "picture.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "media:",
        "media:abc",
        "media:-1",
        "media:4.2",
        "media:42/../1",
        "media:%34%32",
        "https://example.org/media:42",
    ],
)
def test_only_library_pictures_become_images(client, chart, address):
    article = make_article(introduction=f"![A picture]({address})")
    html = introduction_of(client, article)
    assert "<img" not in html and "<figure" not in html
    assert "A picture" in html


@pytest.mark.parametrize("number", ["0", "99999", "9" * 19, "9" * 30, "0000"])
def test_a_reference_to_no_picture_shows_nothing(client, chart, number):
    article = make_article(introduction=f"Text.\n\n![A picture](media:{number})")
    html = introduction_of(client, article)
    assert "<img" not in html and "<figure" not in html and "A picture" not in html
    assert "<p>Text.</p>" in html


def test_a_reference_inside_a_link_or_heading_is_its_alt_text(client, chart):
    article = make_article(
        introduction=f"[![Linked](media:{chart.pk})](https://example.org)\n\n"
        f"## Heading ![Titled](media:{chart.pk})"
    )
    html = introduction_of(client, article)
    assert "<img" not in html
    assert '<a href="https://example.org">Linked</a>' in html
    assert "Heading Titled</h2>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> \"quoted\" & 'single'",
        '"><img src=x onerror=alert(1)>',
        "**bold** [link](javascript:alert(1))",
    ],
)
def test_markup_in_alt_caption_and_credit_shows_as_typed(client, text):
    picture = make_media_picture(alt_text=text, caption=text, credit=text)
    article = make_article(
        introduction=f"![](media:{picture.pk})\n\n![{text}](media:{picture.pk})"
    )
    html = introduction_of(client, article)
    first, second = figures_on(html)
    assert first["img"]["alt"] == text
    assert first["caption"] == f"{text} {text}"
    # the reference's own alt text is read as Markdown, and kept as text
    assert second["img"]["alt"].startswith(text[:5].replace("**", ""))
    assert dangers(html) == []
    assert html.count("<img") == 2 and html.count("<figure") == 2


def test_the_library_pictures_of_an_article_cost_one_query(client, chart):
    others = [make_media_picture() for _ in range(4)]
    references = [f"![](media:{p.pk})" for p in [chart, *others] * 3]
    article = make_article(introduction="\n\n".join(references))
    plain = make_article(introduction="Plain text.")
    client.get(make_article(introduction="Warm.").get_absolute_url())
    with CaptureQueriesContext(connection) as plain_queries:
        client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as figure_queries:
        html = introduction_of(client, article)
    assert len(figures_on(html)) == 15
    picture_queries = [
        q["sql"] for q in figure_queries if "articles_mediapicture" in q["sql"]
    ]
    assert len(picture_queries) == 1
    assert len(figure_queries) == len(plain_queries) + 1


def test_ten_thousand_references_show_at_most_a_hundred_figures_quickly(client, chart):
    unknown = 1_000_000
    text = "\n".join(
        f"![x](media:{chart.pk}) ![y](media:{unknown + n})" for n in range(5000)
    )
    started = time.monotonic()
    article = make_article(introduction=text)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert time.monotonic() - started < 10
    assert len(figures_on(response.content.decode())) == 50  # 100 places, half known


def test_the_kept_html_holds_a_place_for_each_figure_not_the_picture():
    html, _contents = render_introduction('![A "chart"](media:42)')
    assert html == '<figure data-media="42" data-alt="A &quot;chart&quot;"></figure>\n'


def test_a_figure_typed_as_html_shows_as_typed(client, chart):
    typed = f'<figure data-media="{chart.pk}"></figure>'
    article = make_article(introduction=typed)
    html = introduction_of(client, article)
    assert "<img" not in html
    assert "&lt;figure data-media=" in html
