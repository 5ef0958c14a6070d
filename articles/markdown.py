"""Editors' Markdown (CommonMark): rendered by markdown-it-py, cleaned by nh3.

Text is rendered when it is saved and the HTML is kept beside it (see each
model's `render_markdown`), so reading a page renders nothing. In articles,
HTML typed into the Markdown shows as typed; the editable pages accept it, so
pages written in HTML before they became Markdown still render.

A picture from the media library, `![alt text](media:42)` on a line of its
own or within a paragraph, becomes a figure of its own in an introduction:
kept as an empty `<figure data-media="42">`, which figures.py fills in with
the library's picture when a page is shown (so a changed or deleted picture
shows as it is now). Any other image stays a link to its address.
"""

import html
import re
from functools import lru_cache
from urllib.parse import unquote

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token

# the id prefix of headings in an introduction: no other id on a page has it
HEADING_ID_PREFIX = "section-"

BLOCK_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "pre", "code", "em", "strong", "a",
}  # fmt: skip
INLINE_TAGS = {"em", "strong", "a"}
# an introduction's figures, filled in when shown (figures.py)
INTRODUCTION_TAGS = BLOCK_TAGS | {"figure"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "figure": {"data-media", "data-alt"},
} | {f"h{level}": {"id"} for level in range(2, 7)}
# `![alt](media:42)`: a picture in the media library, by its number
MEDIA_REFERENCE = re.compile(r"media:(\d{1,30})", re.IGNORECASE)
# A text shows at most this many figures: the rest show nothing, so a text
# of thousands of references stays quick to show.
MAX_FIGURES = 100
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


def media_number(token):
    """The library picture an image token refers to, or None."""
    match = MEDIA_REFERENCE.fullmatch((token.attrGet("src") or "").strip())
    return int(match.group(1)) if match else None


def figures_rule(state):
    """In an introduction, take each media reference out of its paragraph as
    a figure of its own (a figure cannot sit in a paragraph), the text
    around it staying in paragraphs. References inside a link or a heading
    stay where they are, as their alt text. Each reference is noted in
    env["figures"]; past MAX_FIGURES, one shows nothing."""
    figures = state.env.get("figures")
    if figures is None:
        return
    tokens, old = [], state.tokens
    index = 0
    while index < len(old):
        token = old[index]
        if token.type == "paragraph_open" and _has_figure(old[index + 1]):
            tokens += _split_paragraph(state, old[index : index + 3], figures)
            index += 3
        else:
            tokens.append(token)
            index += 1
    state.tokens = tokens


def _has_figure(inline):
    return inline.type == "inline" and any(
        media_number(child) is not None and child.level == 0
        for child in inline.children or []
        if child.type == "image"
    )


def _split_paragraph(state, paragraph, figures):
    opening, inline, closing = paragraph
    as_text = state.md.renderer.renderInlineAsText
    run = []
    out = []

    def keep_run():
        # the text before or after a figure, without the line breaks by it
        while run and run[0].type in ("softbreak", "hardbreak"):
            run.pop(0)
        while run and run[-1].type in ("softbreak", "hardbreak"):
            run.pop()
        if any(t.type != "text" or t.content.strip() for t in run):
            text = Token("inline", "", 0, children=list(run), level=inline.level)
            out.extend([opening, text, closing])
        run.clear()

    for child in inline.children:
        number = media_number(child) if child.type == "image" else None
        if number is None or child.level != 0:
            run.append(child)
            continue
        keep_run()
        figures.append(number)
        if len(figures) <= MAX_FIGURES:
            figure = Token("media_figure", "figure", 0, level=opening.level)
            figure.block = True
            alt = as_text(child.children or [], state.md.options, state.env)
            figure.meta = {"number": number, "alt": alt.strip()}
            out.append(figure)
    keep_run()
    return out


def render_figure(self, tokens, index, options, env):
    """A figure's place, filled in with the picture when shown (figures.py)."""
    figure = tokens[index].meta
    alt = figure["alt"]
    alt_attribute = f' data-alt="{html.escape(alt)}"' if alt else ""
    return f'<figure data-media="{figure["number"]}"{alt_attribute}></figure>\n'


def image_as_link(self, tokens, index, options, env):
    """Images are not part of editors' text (the lead image and figures are):
    show one as a link to it, named by its alt text; a library picture where
    a figure cannot be (in a link or a heading), as its alt text."""
    token = tokens[index]
    alt = self.renderInlineAsText(token.children or [], options, env)
    if media_number(token) is not None:
        return html.escape(alt)
    href = html.escape(token.attrGet("src") or "")
    return f'<a href="{href}">{html.escape(alt or href)}</a>'


def blocks(*, allow_html):
    md = MarkdownIt("commonmark", {"breaks": True, "linkify": True, "html": allow_html})
    md.enable("linkify")
    md.core.ruler.push("headings", headings_rule)
    md.core.ruler.push("figures", figures_rule)
    md.add_render_rule("image", image_as_link)
    md.add_render_rule("media_figure", render_figure)
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
    env = {"contents": [], "figures": []}
    rendered = ARTICLE_BLOCKS.render(without_controls(text), env)
    return clean(rendered, INTRODUCTION_TAGS), env["contents"]


def figure_references(text):
    """The library pictures an introduction refers to as figures, by number,
    in order, repeats and those past MAX_FIGURES included."""
    env = {"figures": []}
    ARTICLE_BLOCKS.parse(without_controls(text), env)
    return env["figures"]


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
