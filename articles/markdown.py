"""Editors' Markdown (CommonMark): rendered by markdown-it-py, cleaned by nh3.

Text is rendered when it is saved and the HTML is kept beside it (see each
model's `render_markdown`), so reading a page renders nothing. In articles,
HTML typed into the Markdown shows as typed; the editable pages accept it, so
pages written in HTML before they became Markdown still render.
"""

import html
import re
from functools import lru_cache
from urllib.parse import unquote

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt

# the id prefix of headings in an introduction: no other id on a page has it
HEADING_ID_PREFIX = "section-"

BLOCK_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "pre", "code", "em", "strong", "a",
}  # fmt: skip
INLINE_TAGS = {"em", "strong", "a"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}} | {
    f"h{level}": {"id"} for level in range(2, 7)
}
# relative links (/privacy/, #section-why) are kept too
URL_SCHEMES = {"http", "https", "mailto"}
UNSAFE_URL = re.compile(r"(javascript|vbscript|data):")
# C0 and C1 control characters other than tab and newline
CONTROL_CHARACTERS = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
)


def keep_attribute(element, attribute, value):
    """nh3's attribute filter: a heading's id only if the renderer made it, and
    no link that becomes script once percent-decoded and squeezed."""
    if attribute == "id" and not value.startswith(HEADING_ID_PREFIX):
        return None
    if attribute == "href" and UNSAFE_URL.match(squeezed(unquote(value))):
        return None
    return value


def squeezed(url):
    """The URL without whitespace and control characters, in lower case."""
    return "".join(c for c in url if c.isprintable() and not c.isspace()).lower()


def clean(rendered, tags):
    return nh3.clean(
        rendered,
        tags=tags,
        attributes={tag: ATTRIBUTES.get(tag, set()) for tag in tags},
        url_schemes=URL_SCHEMES,
        attribute_filter=keep_attribute,
        # editors' own links: no rel, and no target that would need one
        link_rel=None,
    )


def headings_rule(state):
    """Keep the page's h1 its only one (# becomes h2) and, when asked, give
    each heading a unique id and list the h2s for the contents."""
    contents = state.env.get("contents")
    used = set()
    for index, token in enumerate(state.tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        if token.tag == "h1":
            token.tag = "h2"
        if token.type == "heading_close" or contents is None:
            continue
        children = state.tokens[index + 1].children or []
        text = state.md.renderer.renderInlineAsText(children, state.md.options, {})
        base = HEADING_ID_PREFIX + (slugify(text) or "heading")
        anchor, number = base, 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        token.attrSet("id", anchor)
        if token.tag == "h2":
            contents.append({"id": anchor, "text": text})


def image_as_link(self, tokens, index, options, env):
    """Images are not part of editors' text (the lead image is): show one as a
    link to it, named by its alt text."""
    token = tokens[index]
    alt = self.renderInlineAsText(token.children or [], options, env)
    href = html.escape(token.attrGet("src") or "")
    return f'<a href="{href}">{html.escape(alt or href)}</a>'


def blocks(*, allow_html):
    md = MarkdownIt("commonmark", {"breaks": True, "linkify": True, "html": allow_html})
    md.enable("linkify")
    md.core.ruler.push("headings", headings_rule)
    md.add_render_rule("image", image_as_link)
    return md


ARTICLE_BLOCKS = blocks(allow_html=False)
PAGE_BLOCKS = blocks(allow_html=True)
INLINE = MarkdownIt("zero", {"linkify": True}).enable(
    ["emphasis", "link", "autolink", "linkify", "escape", "entity", "newline"]
)


def without_controls(text):
    return str(text or "").translate(CONTROL_CHARACTERS)


def render_introduction(text):
    """An introduction's HTML, and its h2 headings ({"id", "text"}) for the
    article's contents list."""
    env = {"contents": []}
    rendered = ARTICLE_BLOCKS.render(without_controls(text), env)
    return clean(rendered, BLOCK_TAGS), env["contents"]


def render_inline(text):
    """A short text's HTML with emphasis and links only, to sit inside a
    paragraph: an argument point or a perspective's description."""
    return clean(INLINE.renderInline(without_controls(text)), INLINE_TAGS).strip()


@lru_cache(maxsize=32)
def render_page(text):
    """An editable page's HTML. The pages are few and rendered when shown, so
    each text's rendering is kept (keyed on the text itself) until it changes."""
    return clean(PAGE_BLOCKS.render(without_controls(text)), BLOCK_TAGS)


def plain_text(rendered):
    """The words of rendered HTML, without its tags."""
    return html.unescape(nh3.clean(rendered, tags=set())).strip()


def count_words(rendered):
    return len(re.findall(r"\w+(?:['’]\w+)*", plain_text(rendered)))


# --- plain text as Markdown, for the text written before Markdown -----------

ESCAPED_ANYWHERE = re.compile(r"[\\`*_\[\]<>&#!|~]")
LIST_OR_RULE_START = re.compile(r"^(\d+(?=[.)])|[-+=])")


def escape_plain_text(text):
    """Plain text as Markdown that renders to the same words, paragraphs and
    line breaks (with `breaks` on): nothing in it becomes formatting.

    Lines lose their leading spaces, which a browser never showed anyway, so
    that none becomes a code block."""
    lines = []
    for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = ESCAPED_ANYWHERE.sub(r"\\\g<0>", line.lstrip())
        lines.append(LIST_OR_RULE_START.sub(escape_list_start, line))
    return "\n".join(lines)


def escape_list_start(match):
    marker = match.group(0)
    # "1." or "1)" starts an ordered list: escape what follows the number
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def unescape_plain_text(text):
    """escape_plain_text undone, for migrating back."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(text))
