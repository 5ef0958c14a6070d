"""Setting up again, as `make run` does on every start, never undoes an
editor's work; a production release loads no demo content."""

import io

import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command

from articles.models import ArgumentPoint, Article, Perspective

pytestmark = pytest.mark.django_db


def set_up(*options):
    out = io.StringIO()
    call_command("loadseed", *options, stdout=out)
    return out.getvalue()


def test_make_run_loads_the_demo_article_into_an_empty_database():
    assert "Loaded: demo article, pages." in set_up("--demo")
    assert Article.objects.get().title == "Anyone can be a systems leader"
    assert ArgumentPoint.objects.count() == 26
    assert FlatPage.objects.count() == 3
    labels = dict(Perspective.objects.values_list("name", "singular_label"))
    assert labels["Councillors"] == "a councillor"
    assert labels["Senior managers"] == "a senior manager"
    assert all(labels.values())


def test_without_demo_only_the_pages_and_perspectives_are_loaded():
    assert "Loaded: perspectives, pages." in set_up()
    assert not Article.objects.exists()
    assert not ArgumentPoint.objects.exists()
    assert FlatPage.objects.count() == 3
    assert Perspective.objects.count() == 6
    # a later demo load finds content there and adds nothing
    assert "nothing loaded" in set_up("--demo")
    assert not Article.objects.exists()


def test_an_editors_changes_survive_a_second_set_up():
    set_up("--demo")
    article = Article.objects.get()
    article.standfirst = "An editor's better standfirst."
    article.save()
    point = article.points.first()
    point.text = "An editor's sharper point."
    point.save()
    FlatPage.objects.filter(url="/privacy/").update(content="<p>Our own notice.</p>")

    assert "nothing loaded" in set_up("--demo")

    assert Article.objects.get().standfirst == "An editor's better standfirst."
    assert ArgumentPoint.objects.get(pk=point.pk).text == "An editor's sharper point."
    assert FlatPage.objects.get(url="/privacy/").content == "<p>Our own notice.</p>"
    assert ArgumentPoint.objects.count() == 26
