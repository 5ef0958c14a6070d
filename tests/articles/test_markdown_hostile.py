"""Hostile Markdown from an editor's form: nothing it holds runs as script,
and nothing breaks a page."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.urls import reverse

from articles.markdown import render_inline, render_introduction, render_page
from tests.helpers import article_form

B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
HOSTILE_MARKDOWN = [
    # raw HTML
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<base href="javascript:alert(1)//">',
    "<!-- <script>alert(1)</script> -->",
    "**<script>alert(1)</script>**",
    "## <img src=x onerror=alert(1)>",
    # javascript: links in every Markdown form
    "[x](javascript:alert(1))",
    '[x](javascript:alert(1) "title")',
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](<java\nscript:alert(1)>)",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](\x01javascript:alert(1))",
    "[x](%6Aavascript:alert(1))",
    f"[x](data:text/html;base64,{B64_SCRIPT})",
    "[x](vbscript:msgbox(1))",
    # images
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '![x" onerror="alert(1)](https://example.org/a.png)',
    # attributes broken out of
    '[x](https://example.org "\\" onmouseover=\\"alert(1)")',
    'www.example.org/"onmouseover="alert(1)',
    "\">'><script>alert(1)</script>",
    # deep nesting, size, control characters
    ">" * 10_000 + " deep",
    "*" * 10_000,
    "[" * 10_000,
    "".join("  " * depth + "- x\n" for depth in range(500)),
    "a " * 500_000,
    "".join(chr(code) for code in range(1, 32)) + "text\x7f\x9f",
    "before\x00after<script>alert(1)</script>",
]
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background"}


class _Dangers(HTMLParser):
    """What in some HTML would run script: tags, handlers and URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "base", "form", "svg"}:
            self.found.append(tag)
        for name, value in attrs:
            url = "".join(
                c for c in unquote(value or "") if c.isprintable() and not c.isspace()
            )
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}")
            elif name in URL_ATTRIBUTES and url.lower().startswith(UNSAFE_SCHEMES):
                self.found.append(f"{tag} {name}={value}")


def dangers(html):
    parser = _Dangers()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_corpus_has_at_least_thirty_distinct_inputs():
    assert len(set(HOSTILE_MARKDOWN)) == len(HOSTILE_MARKDOWN) >= 30


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_rendering_hostile_markdown_makes_nothing_that_runs(text):
    introduction, contents = render_introduction(text)
    assert dangers(introduction) == []
    assert dangers(render_inline(text)) == []
    # editable pages take HTML too: the cleaning alone keeps them safe
    assert dangers(render_page(text)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_hostile_markdown_saved_in_the_admin_never_breaks_the_article(
    text, publisher_client, perspective
):
    # a megabyte goes in the introduction alone: two would pass the request
    # size Django accepts (a 400, as it should be)
    point = text if len(text) < 100_000 else "A point"
    data = article_form(introduction=text, points=[(point, perspective)])
    response = publisher_client.post(reverse("admin:articles_article_add"), data)
    if "\x00" in text:
        # the form refuses null characters, and says so
        assert response.status_code == 200
        assert "Null characters are not allowed." in response.content.decode()
        return
    assert response.status_code == 302
    page = publisher_client.get("/insight/written-in-the-admin/")
    assert page.status_code == 200
    article = page.content.decode().split('<article class="article">')[1]
    article = article.split("</article>")[0]
    # the site's own quick-answer forms sit beside each point
    written = re.sub(r'<form class="answer-row".*?</form>', "", article, flags=re.S)
    assert dangers(written) == []


def test_the_check_finds_what_would_run():
    assert dangers(
        '<script></script><a href=" JaVa&#x09;Script:x">x</a>'
        '<img src="data:image/png,x" onerror="x"><a href="%76bscript:x">x</a>'
    ) == [
        "script",
        "a href= JaVa\tScript:x",
        "img src=data:image/png,x",
        "img onerror",
        "a href=%76bscript:x",
    ]
