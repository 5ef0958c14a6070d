"""The comment form's widgets, written in Python rather than through Django's
widget templates: the same HTML, byte for byte (each function returns what
its template gives, with the file's last line break), in a fraction of the
time.

The comment form is on every article page. Through the templates, its two
selects (a point of the article's and a perspective) render every option
with its own include, and the fields with theirs: about a third of the time
a cold article page took. This renderer writes Django's own widget templates
(django/forms/templates/django/forms/widgets/) as Python for the widgets
the form uses; any other template goes to Django's renderer as before, and
tests/discussion/test_widget_html.py checks that both write the same.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

WIDGETS = "django/forms/widgets/"
# the widgets whose template is only {% include "django/forms/widgets/input.html" %}
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
OPTIONS = {f"{WIDGETS}{name}.html" for name in ("input_option", "radio_option")}


def _escape(value):
    """{{ value }} and {{ value|stringformat:'s' }} in a widget template
    (conditional_escape, without its checks for the plain strings and
    numbers most values are)."""
    kind = type(value)
    if kind is str:
        return html.escape(value)
    if kind is int:
        return str(value)
    return conditional_escape(value)


def attrs_html(attrs):
    """django/forms/widgets/attrs.html"""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget):
    """django/forms/widgets/input.html"""
    value = widget["value"]
    shown = "" if value is None else f' value="{_escape(value)}"'
    return (
        f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"'
        f"{shown}{attrs_html(widget['attrs'])}>\n"
    )


def input_option_html(widget):
    """django/forms/widgets/input_option.html (radio_option.html)"""
    if not widget.get("wrap_label"):
        return f"{input_html(widget)}\n"
    element_id = widget["attrs"].get("id")
    label_for = f' for="{_escape(element_id)}"' if element_id else ""
    return (
        f"<label{label_for}>{input_html(widget)} {_escape(widget['label'])}</label>\n"
    )


def option_html(widget):
    """django/forms/widgets/select_option.html"""
    return (
        f'<option value="{_escape(widget["value"])}"{attrs_html(widget["attrs"])}>'
        f"{_escape(widget['label'])}</option>\n"
    )


def select_html(widget):
    """django/forms/widgets/select.html, its options select_option.html"""
    parts = [f'<select name="{_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        parts.extend(f"\n  {option_html(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def textarea_html(widget):
    """django/forms/widgets/textarea.html"""
    value = _escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_escape(widget["name"])}"{attrs_html(widget["attrs"])}>'
        f"\n{value}</textarea>\n"
    )


def writes(template_name, widget):
    """Whether this module writes the template for this widget (a select's
    options and a radio's buttons must be ones it writes too)."""
    if template_name in INPUTS or template_name in OPTIONS:
        return True
    if template_name == f"{WIDGETS}textarea.html":
        return True
    if template_name == f"{WIDGETS}select.html":
        return all(
            option["template_name"] == f"{WIDGETS}select_option.html"
            for _name, options, _index in widget["optgroups"]
            for option in options
        )
    return template_name == f"{WIDGETS}select_option.html"


def widget_html(template_name, widget):
    if template_name in INPUTS:
        return input_html(widget)
    if template_name in OPTIONS:
        return input_option_html(widget)
    if template_name == f"{WIDGETS}select_option.html":
        return option_html(widget)
    if template_name == f"{WIDGETS}select.html":
        return select_html(widget)
    return textarea_html(widget)


class PythonWidgets(DjangoTemplates):
    """Django's form renderer, with the widgets above written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if len(context) == 1 else None
        if widget is not None and writes(template_name, widget):
            return widget_html(template_name, widget).strip()
        return super().render(template_name, context, request)
