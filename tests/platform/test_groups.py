"""Ready-made Editors, Publishers and Moderators groups: each has what its
work needs and sees only its own sections of the admin."""

import importlib
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_groups(db):
    """The groups the migration made (tests that empty the database take
    them away, as they take all data)."""
    from django.apps import apps

    migration = importlib.import_module("discussion.migrations.0004_staff_groups")
    migration.make_groups(apps, None)


@pytest.fixture
def member_of(client, django_user_model):
    def sign_in(group_name):
        user = django_user_model.objects.create_user(
            group_name.lower(), f"{group_name.lower()}@example.org", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return sign_in


def test_editors_see_content_and_pages_but_not_the_discussion(client, member_of):
    editor = member_of("Editors")
    index = html(client.get("/admin/"))
    for section in ("Articles", "Perspectives", "Flat pages"):
        assert f">{section}</a>" in index, section
    for hidden in ("Comments", "Moderation policy", "Users", "Access attempts"):
        assert f">{hidden}</a>" not in index, hidden
    assert editor.has_perm("articles.change_article")
    assert not editor.has_perm("articles.delete_article")
    assert client.get("/admin/articles/article/add/").status_code == 200
    assert client.get("/admin/discussion/articlecomment/").status_code == 403


def test_moderators_see_the_discussion_but_not_the_content(client, member_of):
    moderator = member_of("Moderators")
    index = html(client.get("/admin/"))
    for section in ("Comments", "Moderation policy", "Black listed domains"):
        assert f">{section}</a>" in index, section
    for hidden in ("Articles", "Flat pages", "Users", "Sites", "Access attempts"):
        assert f">{hidden}</a>" not in index, hidden
    assert moderator.has_perm("discussion.change_articlecomment")
    assert not moderator.has_perm("discussion.delete_articlecomment")
    assert client.get("/admin/discussion/articlecomment/").status_code == 200
    assert client.get("/admin/articles/article/").status_code == 403


def test_the_admin_warns_when_no_moderator_can_be_alerted(
    admin_client, admin_user, django_user_model
):
    warning = "no active moderator has an email address"
    assert warning not in html(admin_client.get("/admin/"))

    admin_user.email = ""
    admin_user.save()
    assert warning in html(admin_client.get("/admin/"))

    moderator = django_user_model.objects.create_user(
        "mod", "mod@example.org", is_staff=True
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    assert warning not in html(admin_client.get("/admin/"))


def test_editors_manage_topics_and_see_the_history_of_articles(client, member_of):
    from django.apps import apps

    migration = importlib.import_module(
        "articles.migrations.0010_topics_related_articles"
    )
    migration.let_editors_manage_topics(apps, None)
    editor = member_of("Editors")
    assert ">Topics</a>" in html(client.get("/admin/"))
    assert editor.has_perm("articles.change_topic")
    assert not editor.has_perm("articles.delete_topic")
    assert client.get("/admin/articles/topic/").status_code == 200
    assert client.get("/admin/articles/article/recover/").status_code == 200


def make_publishers():
    from django.apps import apps

    for module, grant in [
        ("0009_authors_and_lead_images", "let_editors_manage_authors"),
        ("0010_topics_related_articles", "let_editors_manage_topics"),
        ("0018_review_before_publishing", "make_publishers"),
    ]:
        migration = importlib.import_module(f"articles.migrations.{module}")
        getattr(migration, grant)(apps, None)


def test_publishers_may_do_what_editors_do_and_publish(client, member_of):
    make_publishers()
    editors = set(Group.objects.get(name="Editors").permissions.all())
    publishers = set(Group.objects.get(name="Publishers").permissions.all())
    assert publishers - editors == {Permission.objects.get(codename="publish_article")}
    publisher = member_of("Publishers")
    assert publisher.has_perm("articles.publish_article")
    assert not member_of("Editors").has_perm("articles.publish_article")
    client.force_login(publisher)
    assert client.get("/admin/articles/article/").status_code == 200


def test_every_superuser_joins_every_staff_group(django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org")
    staff = django_user_model.objects.create_user("sam", is_staff=True)
    make_publishers()
    names = {"Editors", "Moderators", "Publishers"}
    assert names <= set(admin.groups.values_list("name", flat=True))
    assert set(admin.groups.all()) == set(Group.objects.all())
    assert not staff.groups.exists()


def test_the_local_admin_is_in_every_group(settings, django_user_model):
    make_publishers()
    settings.DEBUG = True
    call_command("createlocaladmin", stdout=StringIO())
    admin = django_user_model.objects.get(username="admin")
    assert set(admin.groups.all()) == set(Group.objects.all())
    # an admin made before the groups joins them on the next run
    admin.groups.clear()
    call_command("createlocaladmin", stdout=StringIO())
    assert set(admin.groups.all()) == set(Group.objects.all())
