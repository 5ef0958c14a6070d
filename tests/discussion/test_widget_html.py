"""The comment form's widgets are written in Python (discussion/widget_html.py)
for speed: readers must get exactly the HTML Django's widget templates give,
whatever the form holds."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from articles.models import Perspective
from discussion.forms import CommentForm
from discussion.widget_html import PythonWidgets, writes
from tests.factories import make_comment

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def _both(make_form):
    """(Python's HTML, the templates' HTML) of every field and radio button."""
    rendered = []
    for renderer in (None, DjangoTemplates()):
        form = make_form(renderer)
        if renderer is None:
            assert isinstance(form.renderer, PythonWidgets)
        html = [str(form[name]) for name in form.fields]
        html += [radio.tag() for radio in form["stance"]]
        html += [radio.tag(wrap_label=True) for radio in form["stance"]]
        rendered.append(html)
    return rendered


def test_the_comment_box_as_the_article_page_shows_it(article):
    def make(renderer):
        form = CommentForm(article, renderer=renderer)
        form.use_choices(article.points.all(), Perspective.objects.all())
        return form

    python, templates = _both(make)
    assert python == templates


def test_a_sent_form_with_errors_and_hostile_text(article, councillors):
    point = article.points.first()

    def make(renderer):
        data = {
            "comment": HOSTILE,
            "name": HOSTILE,
            "email": "not an address",
            "point": str(point.pk),
            "stance": "agree",
            "perspective": str(councillors.pk),
            "followup": "on",
            "timestamp": HOSTILE,
            "honeypot": HOSTILE,
        }
        form = CommentForm(article, data=data, renderer=renderer)
        form.is_valid()
        return form

    python, templates = _both(make)
    assert python == templates
    assert "&lt;script&gt;" in "".join(python)
    assert " selected" in "".join(python)
    assert 'aria-invalid="true"' in "".join(python)


def test_the_reply_form(article):
    parent = make_comment(article)

    def make(renderer):
        form = CommentForm(article, initial={"reply_to": parent.pk}, renderer=renderer)
        form.initial["comment"] = ""
        return form

    python, templates = _both(make)
    assert python == templates


class EveryWidget(forms.Form):
    grouped = forms.ChoiceField(
        choices=[("", "None"), ("Fruit", [("a", "Apple & <pear>"), ("b", "Banana")])],
        initial="b",
    )
    radios = forms.ChoiceField(
        choices=[("1", "One"), ("2", HOSTILE)], widget=forms.RadioSelect, required=False
    )
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"step": 5}))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "disabled": False, "hidden": True})
    )
    date = forms.DateField(widget=forms.DateInput(attrs={"data-x": HOSTILE}))


def test_other_widgets_give_what_their_templates_give():
    data = {"grouped": "a", "radios": "2", "number": "12", "text": "", "date": HOSTILE}
    for bound in (None, data):
        python = EveryWidget(bound, renderer=PythonWidgets())
        templates = EveryWidget(bound, renderer=DjangoTemplates())
        for name in python.fields:
            assert str(python[name]) == str(templates[name])
        for wrap_label in (False, True):
            assert [radio.tag(wrap_label) for radio in python["radios"]] == [
                radio.tag(wrap_label) for radio in templates["radios"]
            ]


def test_a_select_whose_options_it_does_not_write_goes_to_the_templates():
    class Other(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    context = Other(choices=[("a", "A")]).get_context("x", "a", {})
    assert not writes("django/forms/widgets/select.html", context["widget"])
