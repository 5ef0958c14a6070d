import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..figures import introduction_with_figures
from ..markdown import render_page
from ..text import shorten as shorten_text

register = template.Library()


@register.filter(is_safe=True)
def shorten(text, limit):
    """{{ text|shorten:80 }}: cut at a word boundary, never mid-word."""
    return shorten_text(text, int(limit))


@register.filter(is_safe=True)
def markdown(text):
    """{{ flatpage.content|markdown }}: an editable page's Markdown as clean HTML."""
    return mark_safe(render_page(text))  # cleaned by nh3 in render_page


@register.filter
def with_figures(article, addresses=""):
    """{{ article|with_figures }}: the introduction as readers see it, with
    the media library's pictures in it; {{ article|with_figures:"absolute" }}
    for feeds."""
    return introduction_with_figures(article, absolute=addresses == "absolute")


# As Django's json_script escapes: nothing in the data can close the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """{{ data|json_ld }}: a JSON-LD script element. Browsers treat it as
    data, never run it, so the content security policy does not apply."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )
