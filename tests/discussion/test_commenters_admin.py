"""The commenter page, as a moderator uses it: every comment from one
mailbox in any spelling, its counts and bans; banning from a comment, and
lifting a ban, with who and when. Editors see none of it."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from discussion.models import Ban, CommentReport
from discussion.models.pending import recipient_digest
from tests.factories import make_article, make_comment
from tests.helpers import html, post_comment, queue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_groups(db):
    migration = importlib.import_module("discussion.migrations.0004_staff_groups")
    migration.make_groups(apps, None)
    bans = importlib.import_module("discussion.migrations.0017_commenters")
    bans.let_moderators_ban(apps, None)


@pytest.fixture
def staff_member(client, django_user_model):
    def sign_in(group_name):
        name = (group_name or "nogroup").lower()
        user = django_user_model.objects.create_user(
            name, f"{name}@example.org", is_staff=True
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return sign_in


@pytest.fixture
def erins_comments(published_article):
    other = make_article(title="Another piece")
    first = make_comment(
        published_article,
        user_name="Erin",
        user_email="erin@example.org",
        comment="First from Erin, published.",
        submit_date=timezone.now() - timedelta(days=40),
    )
    removed = make_comment(
        other,
        user_name="Erin J",
        user_email="ERIN+work@Example.ORG",
        comment="Second from Erin, removed.",
        is_removed=True,
    )
    held = make_comment(
        published_article,
        user_name="Erin",
        user_email="erin@ｅｘａｍｐｌｅ.org",
        comment="Third from Erin, held.",
        is_public=False,
    )
    CommentReport.objects.create(comment=first, reason="abusive", reporter="r" * 64)
    make_comment(
        published_article,
        user_name="Sam",
        user_email="sam@example.org",
        comment="Sam says erin@example.org is wrong.",
    )
    return [first, removed, held]


def commenter_page(comment):
    return reverse("admin:discussion_commenter", args=[comment.commenter])


def test_a_moderator_reaches_the_commenter_from_the_comment_page(
    client, staff_member, erins_comments
):
    staff_member("Moderators")
    first = erins_comments[0]
    page = html(
        client.get(reverse("admin:discussion_articlecomment_change", args=[first.pk]))
    )
    assert f'href="{commenter_page(first)}"' in page
    assert "Commenter’s history and bans" in page


def test_the_commenter_page_lists_every_spelling_with_counts(
    client, staff_member, erins_comments
):
    staff_member("Moderators")
    response = client.get(commenter_page(erins_comments[2]))
    assert response.status_code == 200
    page = html(response)
    for text in (
        "First from Erin, published.",
        "Second from Erin, removed.",
        "Third from Erin, held.",
    ):
        assert text in page
    assert "Sam says" not in page
    summary = response.context["summary"]
    assert (summary["published"], summary["removed"], summary["reported"]) == (1, 1, 1)
    assert summary["first_seen"] == erins_comments[0].submit_date
    assert summary["last_seen"] == erins_comments[2].submit_date
    for state in ("Published", "Removed", "Awaiting moderation"):
        assert f"<td>{state}</td>" in page
    assert "Names used: Erin, Erin J." in page
    assert "never been banned" in page
    # the address itself is in no link: the digest stands for it
    assert "erin@example.org" not in commenter_page(erins_comments[0])


def test_a_moderator_bans_from_the_commenter_page_and_the_ban_holds(
    client, staff_member, erins_comments, published_article, mailoutbox
):
    moderator = staff_member("Moderators")
    url = commenter_page(erins_comments[0])
    response = client.post(url, {"length": "7", "reason": "Abuse of other readers."})
    assert response.status_code == 302
    made = Ban.objects.get()
    assert made.commenter == recipient_digest("Erin@example.org")
    assert made.created_by == moderator
    assert (
        timedelta(days=6, hours=23) < made.until - timezone.now() <= timedelta(days=7)
    )
    page = html(client.get(url))
    assert "Suspended until" in page and "Abuse of other readers." in page

    client.logout()
    refused = post_comment(client, published_article, email="erin+new@example.org")
    assert refused.status_code == 403
    assert "Abuse of other readers." in html(refused)
    assert not mailoutbox


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"length": "7", "reason": ""}, "Enter the reason the commenter will be shown"),
        (
            {"length": "", "reason": "Spam."},
            "Select how long to ban or suspend them for",
        ),
        ({"length": "9999", "reason": "Spam."}, "Select a valid choice"),
        (
            {"length": "forever", "reason": "x" * 501},
            "Enter a reason of 500 characters or fewer",
        ),
    ],
)
def test_a_ban_with_a_mistake_is_refused_with_a_message(
    client, staff_member, erins_comments, data, message
):
    staff_member("Moderators")
    response = client.post(commenter_page(erins_comments[0]), data)
    assert response.status_code == 200
    assert message in html(response)
    assert not Ban.objects.exists()


def test_a_moderator_lifts_a_ban_and_the_list_says_who_and_when(
    client, staff_member, erins_comments
):
    moderator = staff_member("Moderators")
    digest = erins_comments[0].commenter
    ban = Ban.objects.create(commenter=digest, reason="Spam.")
    listed = html(client.get(reverse("admin:discussion_ban_changelist")))
    assert f'<a href="{commenter_page(erins_comments[0])}">Erin</a>' in listed
    assert "Banned for good" in listed and "In force" in listed

    response = client.post(reverse("admin:discussion_ban_lift", args=[ban.pk]))
    assert response.status_code == 302

    ban.refresh_from_db()
    assert ban.lifted_by == moderator
    assert timezone.now() - ban.lifted_at < timedelta(minutes=1)
    assert Ban.objects.on("erin@example.org") is None
    listed = html(client.get(reverse("admin:discussion_ban_changelist")))
    assert "Lifted" in listed and "moderators" in listed


def test_bans_are_lifted_in_bulk_from_the_list_and_never_deleted(
    client, staff_member, erins_comments
):
    moderator = staff_member("Moderators")
    bans = [
        Ban.objects.create(commenter=erins_comments[0].commenter, reason="One."),
        Ban.objects.create(commenter=recipient_digest("x@example.org"), reason="Two."),
    ]
    client.post(
        reverse("admin:discussion_ban_changelist"),
        {"action": "lift_bans", "_selected_action": [ban.pk for ban in bans]},
    )
    assert set(Ban.objects.values_list("lifted_by", flat=True)) == {moderator.pk}
    assert not moderator.has_perm("discussion.delete_ban")
    delete = reverse("admin:discussion_ban_delete", args=[bans[0].pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Ban.objects.count() == 2


@pytest.mark.parametrize("group", ["Editors", None])
def test_editors_and_other_staff_see_no_commenter(
    client, staff_member, erins_comments, group
):
    staff_member(group)
    ban = Ban.objects.create(commenter=erins_comments[0].commenter, reason="Spam.")
    url = commenter_page(erins_comments[0])
    for response in (
        client.get(url),
        client.post(url, {"length": "forever", "reason": "Editors cannot."}),
        client.get(reverse("admin:discussion_ban_changelist")),
        client.post(reverse("admin:discussion_ban_lift", args=[ban.pk])),
    ):
        assert response.status_code == 403
        assert "Erin" not in html(response)
    assert Ban.objects.get().is_in_force and Ban.objects.count() == 1


@pytest.mark.parametrize("digest", ["0" * 64, "a" * 64])
def test_a_commenter_no_one_has_been_is_not_found(client, staff_member, digest):
    staff_member("Moderators")
    url = reverse("admin:discussion_commenter", args=[digest])
    assert client.get(url).status_code == 404
    assert client.post(url, {"length": "1", "reason": "Spam."}).status_code == 404
    assert not Ban.objects.exists()


@pytest.mark.parametrize(
    "path",
    ["commenter/ERIN/", "commenter/" + "g" * 64 + "/", "commenter/" + "a" * 65 + "/"],
)
def test_an_address_that_is_no_digest_is_not_found(client, staff_member, path):
    staff_member("Moderators")
    # Django's admin sends an old-style object address on to the object's
    # page, which no such ban has
    response = client.get(f"/admin/discussion/ban/{path}", follow=True)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "search",
    [
        "erin@example.org",
        "ERIN+x@EXAMPLE.ORG",
        '"Erin@ｅｘａｍｐｌｅ.org"',
        " erin@example.org ",
    ],
)
def test_searching_the_queue_for_an_address_finds_that_commenter_only(
    client, staff_member, erins_comments, search
):
    staff_member("Moderators")
    found = queue(client, q=search)
    assert sorted(c.pk for c in found) == sorted(c.pk for c in erins_comments)
