from django import template

from ..text import shorten as shorten_text

register = template.Library()


@register.filter(is_safe=True)
def shorten(text, limit):
    """{{ text|shorten:80 }}: cut at a word boundary, never mid-word."""
    return shorten_text(text, int(limit))
