from django import template
from django.utils.safestring import mark_safe

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
