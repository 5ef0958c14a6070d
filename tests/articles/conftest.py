"""Editorial staff by group: Erin in Editors, Pat in Publishers."""

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_editorial_staff
from tests.helpers import FROM_OUR_PAGES


@pytest.fixture
def erin(db, django_user_model):
    """Erin Editor, in the Editors group."""
    return make_editorial_staff(django_user_model, "erin", "Erin", "Editors")


@pytest.fixture
def pat(db, django_user_model):
    """Pat Publisher, in the Publishers group."""
    return make_editorial_staff(django_user_model, "pat", "Pat", "Publishers")


@pytest.fixture
def signed_in(erin, pat):
    """A client signed in as the Editor ("editor") or the Publisher ("publisher")."""

    def client_for(role):
        client = Client(headers=FROM_OUR_PAGES)
        client.force_login({"editor": erin, "publisher": pat}[role])
        return client

    return client_for


def change_form(article, **fields):
    """What the admin's change form posts for an article as it is saved, its
    points included; fields replace what is posted."""
    published_at = timezone.localtime(article.published_at)
    points = list(article.points.all())
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "introduction": article.introduction,
        "lead_image_alt": article.lead_image_alt,
        "lead_image_caption": article.lead_image_caption,
        "lead_image_credit": article.lead_image_credit,
        "topics": ", ".join(t.name for t in article.topics.all()),
        "attribution": article.attribution,
        "author": article.author_id or "",
        "status": article.status,
        "published_at_0": published_at.strftime("%d/%m/%Y"),
        "published_at_1": published_at.strftime("%H:%M:%S"),
        "allow_comments": "on" if article.allow_comments else "",
        "points-TOTAL_FORMS": str(len(points)),
        "points-INITIAL_FORMS": str(len(points)),
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for number, point in enumerate(points):
        data[f"points-{number}-id"] = point.pk
        data[f"points-{number}-article"] = article.pk
        data[f"points-{number}-text"] = point.text
        data[f"points-{number}-perspective"] = point.perspective_id
        data[f"points-{number}-position"] = point.position
    data.update(fields)
    return {key: value for key, value in data.items() if value != ""}
