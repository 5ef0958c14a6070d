"""The models: the seed fixture matches its source text and loads once;
only published articles count as published; perspectives keep the editor's
order."""

from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import ArgumentPoint, Article, Perspective
from tests.factories import make_article, make_perspective

SEED_TEXT = Path(__file__).parents[1] / "data" / "seed_article.txt"


def words(text):
    """Text with its spacing normalised: the source has no-break spaces."""
    return " ".join(text.split())


def seed_bullet_lists():
    """The seed's six bullet lists, in order, read from the source text."""
    lists, current = [], None
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("•"):
            if current is None:
                current = []
                lists.append(current)
            current.append(stripped.removeprefix("•").strip())
        else:
            current = None
    return lists


@pytest.mark.django_db
def test_seed_fixture_matches_the_seed_text_point_for_point():
    call_command("loaddata", "seed", verbosity=0)
    article = Article.objects.get(slug="anyone-can-be-a-systems-leader")
    assert article.title == "Anyone can be a systems leader"
    assert article.is_published
    perspectives = article.points_by_perspective()
    assert [perspective.name for perspective, _ in perspectives] == [
        "Councillors",
        "Senior managers",
        "Frontline staff",
        "Partner organisations",
        "User groups",
        "Regulators and inspectors",
    ]
    assert [[words(p.text) for p in points] for _, points in perspectives] == [
        [words(text) for text in bullets] for bullets in seed_bullet_lists()
    ]
    seed = words(SEED_TEXT.read_text(encoding="utf-8"))
    assert f"{article.standfirst} {article.introduction}" in seed
    assert article.attribution in seed


@pytest.mark.django_db
def test_loading_the_seed_twice_changes_nothing():
    call_command("loaddata", "seed", verbosity=0)

    def snapshot():
        return (
            list(Perspective.objects.values()),
            list(Article.objects.values()),
            list(ArgumentPoint.objects.values()),
        )

    first = snapshot()
    call_command("loaddata", "seed", verbosity=0)
    assert snapshot() == first
    assert ArgumentPoint.objects.count() == 26


def test_published_excludes_drafts_and_scheduled(
    published_article, draft_article, scheduled_article
):
    assert list(Article.objects.published()) == [published_article]
    assert published_article.is_published
    assert not draft_article.is_published
    assert not scheduled_article.is_published
    assert scheduled_article.is_scheduled


def test_perspectives_keep_the_editors_order(db):
    later = make_perspective(name="Later", position=99)
    first = make_perspective(name="First", position=1)
    article = make_article(
        points=[(later, "one"), (first, "two"), (later, "three")],
    )
    groups = [
        (a.name, [p.text for p in pts]) for a, pts in article.points_by_perspective()
    ]
    assert groups == [("Later", ["one", "three"]), ("First", ["two"])]
