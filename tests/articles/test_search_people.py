"""Search finds the people: an article by its author's name, biography or
attribution, and a perspective's points by the perspective's name, and stays
current as authors, perspectives and points change."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import ArgumentPoint, Article, Author, Perspective
from tests.factories import make_article, make_author, make_perspective
from tests.helpers import main_content

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return main_content(response)


def points_section(page):
    """The part of the results page listing points."""
    if "<h2>Points</h2>" not in page:
        return ""
    return page.split("<h2>Points</h2>", 1)[1].split("<h2>", 1)[0]


@pytest.mark.parametrize("query", ["vize", "Vize", "Richard Vize", '"richard vize"'])
def test_the_authors_name_finds_the_seed_article(client, query):
    call_command("loaddata", "seed", verbosity=0)
    article = Article.objects.get()
    assert article.get_absolute_url() in found(client, query)


def test_words_of_the_biography_and_attribution_find_the_article(client):
    author = make_author(name="Amara Okonkwo", bio="Formerly a housing officer.")
    article = make_article(author=author, attribution="With thanks to Ofwat")
    make_article(title="Unrelated")
    assert article.get_absolute_url() in found(client, "okonkwo")
    assert article.get_absolute_url() in found(client, "housing officer")
    assert article.get_absolute_url() in found(client, "ofwat")
    assert "Unrelated" not in found(client, "okonkwo")


def test_a_renamed_author_finds_their_articles_by_the_new_name_only(client):
    author = make_author(name="Jo Smith")
    article = make_article(author=author)
    Author.objects.filter(pk=author.pk).update(name="Jo Baker")  # no signals
    assert article.get_absolute_url() in found(client, "baker")
    assert article.get_absolute_url() not in found(client, "smith")


def test_changing_the_articles_author_changes_who_finds_it(client):
    article = make_article(author=make_author(name="Priya Desai"))
    article.author = make_author(name="Tom Hughes")
    article.save()
    assert article.get_absolute_url() in found(client, "hughes")
    assert article.get_absolute_url() not in found(client, "desai")


def test_an_authors_draft_is_not_found_by_their_name(client):
    author = make_author(name="Priya Desai")
    draft = make_article(author=author, status=Article.Status.DRAFT)
    assert draft.get_absolute_url() not in found(client, "desai")


# each perspective of the seed, by its name, a word of it and its one-person
# label, in British and American spelling
PERSPECTIVE_QUERIES = [
    ("councillors", "Councillors"),
    ("councillor", "Councillors"),
    ("councilor", "Councillors"),
    ("senior managers", "Senior managers"),
    ("manager", "Senior managers"),
    ("frontline staff", "Frontline staff"),
    ('"frontline staff"', "Frontline staff"),
    ("partner organisations", "Partner organisations"),
    ("partner organization", "Partner organisations"),
    ("user groups", "User groups"),
    ("regulators", "Regulators and inspectors"),
    ("inspector", "Regulators and inspectors"),
]


@pytest.mark.parametrize(("query", "name"), PERSPECTIVE_QUERIES)
def test_a_perspectives_name_finds_the_article_and_every_one_of_its_points(
    client, query, name
):
    call_command("loaddata", "seed", verbosity=0)
    page = found(client, query)
    assert Article.objects.get().get_absolute_url() in page
    points = ArgumentPoint.objects.filter(perspective__name=name)
    assert points.exists()
    for point in points:
        assert point.get_absolute_url() in points_section(page), point.text


def test_every_perspective_of_the_seed_is_covered():
    call_command("loaddata", "seed", verbosity=0)
    covered = {name for _query, name in PERSPECTIVE_QUERIES}
    assert covered == set(Perspective.objects.values_list("name", flat=True))


def test_a_perspective_and_a_word_of_a_point_must_both_match(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    staff = make_perspective(name="Frontline staff", slug="frontline-staff")
    article = make_article(
        points=[(councillors, "Budgets are tight"), (staff, "Budgets are tight")]
    )
    make_article(points=[(councillors, "Trust matters")])
    page = points_section(found(client, "councillors budgets"))
    mine, theirs = article.points.order_by("position")
    assert mine.get_absolute_url() in page
    assert theirs.get_absolute_url() not in page
    assert page.count("<li>") == 1


def test_a_points_own_words_rank_above_its_perspectives_name(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    staff = make_perspective(name="Frontline staff", slug="frontline-staff")
    by_name = make_article(points=[(councillors, "Budgets are tight")])
    by_text = make_article(points=[(staff, "Ask the councillors first")])
    page = points_section(found(client, "councillors"))
    by_text_url = by_text.points.get().get_absolute_url()
    assert page.index(by_text_url) < page.index(by_name.points.get().get_absolute_url())


def test_renaming_a_perspective_or_moving_a_point_keeps_search_current(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    staff = make_perspective(name="Frontline staff", slug="frontline-staff")
    article = make_article(points=[(councillors, "Budgets are tight")])
    point = article.points.get()
    Perspective.objects.filter(pk=councillors.pk).update(
        name="Elected members", singular_label="an elected member"
    )
    assert point.get_absolute_url() in points_section(found(client, "elected"))
    assert point.get_absolute_url() not in points_section(found(client, "councillors"))
    point.perspective = staff
    point.save()
    assert point.get_absolute_url() in points_section(found(client, "frontline"))
    assert point.get_absolute_url() not in points_section(found(client, "elected"))


def test_a_draft_articles_points_are_not_found_by_the_perspective(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    draft = make_article(
        status=Article.Status.DRAFT, points=[(councillors, "Budgets are tight")]
    )
    page = found(client, "councillors")
    assert draft.points.get().get_absolute_url() not in page


def test_a_found_article_names_its_author(client):
    make_article(title="Budgets", author=make_author(name="Amara Okonkwo"))
    make_article(title="Budgets again")
    page = found(client, "budgets")
    assert page.count('<p class="meta">By Amara Okonkwo</p>') == 1
