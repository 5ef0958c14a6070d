"""Editors-group users and what the admin's forms send and show, for the
tests of pictures kept when a form comes back with an error."""

import re
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from tests.articles.test_images import article_form

EDITOR_PASSWORD = "pass-for-tests-1"


def make_editors_user(django_user_model, username="edna"):
    """A member of the Editors group, with what the migrations grant it (made
    again here: a test that empties the database takes the groups away)."""
    import_module("discussion.migrations.0004_staff_groups").make_groups(apps, None)
    for module, grant in [
        ("0009_authors_and_lead_images", "let_editors_manage_authors"),
        ("0010_topics_related_articles", "let_editors_manage_topics"),
    ]:
        getattr(import_module(f"articles.migrations.{module}"), grant)(apps, None)
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def draft_form(**fields):
    """The add-article form as an editor sends it: a draft."""
    return article_form(**{"status": Article.Status.DRAFT, **fields})


def author_form(**fields):
    return {
        "name": "Richard Vize",
        "slug": "richard-vize",
        "role": "",
        "organisation": "",
        "bio": "",
        "photo_alt": "",
        "_save": "Save",
        **fields,
    }


def add_article(client, **fields):
    return client.post(reverse("admin:articles_article_add"), draft_form(**fields))


def add_author(client, **fields):
    return client.post(reverse("admin:articles_author_add"), author_form(**fields))


def kept_reference(response, field="lead_image"):
    """The signed reference to the kept picture the form offers, or None."""
    found = re.search(
        rf'name="{field}_kept" value="([^"]+)"', response.content.decode()
    )
    return found and found[1]


def thumbnail_address(response):
    found = re.search(r'src="([^"]*/kept-picture/[^"]+)"', response.content.decode())
    return found and found[1]
