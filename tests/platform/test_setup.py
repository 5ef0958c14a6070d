"""Setting up again, as `make run` does on every start, never undoes an
editor's work."""

import io

import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command

from articles.models import ArgumentPoint, Article, Perspective

pytestmark = pytest.mark.django_db


def set_up():
    out = io.StringIO()
    call_command("loadseed", stdout=out)
    return out.getvalue()


def test_set_up_loads_the_seed_into_an_empty_database():
    assert "Loaded: seed, pages." in set_up()
    assert Article.objects.get().title == "Anyone can be a systems leader"
    assert ArgumentPoint.objects.count() == 26
    assert FlatPage.objects.count() == 3
    labels = dict(Perspective.objects.values_list("name", "singular_label"))
    assert labels["Councillors"] == "a councillor"
    assert labels["Senior managers"] == "a senior manager"
    assert all(labels.values())


def test_an_editors_changes_survive_a_second_set_up():
    set_up()
    article = Article.objects.get()
    article.standfirst = "An editor's better standfirst."
    article.save()
    point = article.points.first()
    point.text = "An editor's sharper point."
    point.save()
    FlatPage.objects.filter(url="/privacy/").update(content="<p>Our own notice.</p>")

    assert "nothing loaded" in set_up()

    assert Article.objects.get().standfirst == "An editor's better standfirst."
    assert ArgumentPoint.objects.get(pk=point.pk).text == "An editor's sharper point."
    assert FlatPage.objects.get(url="/privacy/").content == "<p>Our own notice.</p>"
    assert ArgumentPoint.objects.count() == 26
