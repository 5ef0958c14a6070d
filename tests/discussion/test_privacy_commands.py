"""The privacy commands: purge_comment_ips, and commenter_data's export and erase."""

import json
from io import StringIO

from django.contrib.admin.models import LogEntry
from django.core.management import call_command

from tests.factories import make_article, make_comment
from tests.helpers import ago, article_page, moderate


def test_purge_comment_ips_removes_addresses_older_than_the_given_days(
    published_article,
):
    old = make_comment(
        published_article, ip_address="192.0.2.1", submit_date=ago(days=40)
    )
    new = make_comment(
        published_article, ip_address="192.0.2.2", submit_date=ago(days=10)
    )
    out = StringIO()
    call_command("purge_comment_ips", "--days=30", stdout=out)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.ip_address is None
    assert new.ip_address == "192.0.2.2"
    assert "Removed IP addresses from 1 comment(s)" in out.getvalue()


def test_purge_comment_ips_days_90_as_scheduled_keeps_89_days_and_clears_91(
    published_article,
):
    older = make_comment(
        published_article, ip_address="2001:db8::91", submit_date=ago(days=91)
    )
    younger = make_comment(
        published_article, ip_address="192.0.2.89", submit_date=ago(days=89)
    )
    call_command("purge_comment_ips", "--days", "90", stdout=StringIO())
    older.refresh_from_db()
    younger.refresh_from_db()
    assert older.ip_address is None
    assert younger.ip_address == "192.0.2.89"


def test_purge_comment_ips_dry_run_changes_nothing(published_article):
    old = make_comment(
        published_article, ip_address="192.0.2.1", submit_date=ago(days=40)
    )
    out = StringIO()
    call_command("purge_comment_ips", "--days=30", "--dry-run", stdout=out)
    old.refresh_from_db()
    assert old.ip_address == "192.0.2.1"
    assert "Would remove IP addresses from 1 comment(s)" in out.getvalue()


def test_commenter_data_export_prints_that_commenters_comments_only(
    published_article,
):
    other_article = make_article(title="Another piece")
    make_comment(
        published_article,
        user_name="Priya",
        user_email="priya@example.org",
        comment="My first view.",
        ip_address="192.0.2.1",
    )
    make_comment(
        other_article, user_email="PRIYA@example.org", comment="My second view."
    )
    make_comment(published_article, user_email="sam@example.org", comment="Sam's view.")
    out = StringIO()
    call_command("commenter_data", "priya@example.org", "--export", stdout=out)
    data = json.loads(out.getvalue())
    assert data["email"] == "priya@example.org"
    assert [item["comment"] for item in data["comments"]] == [
        "My first view.",
        "My second view.",
    ]
    assert data["comments"][0]["ip_address"] == "192.0.2.1"
    assert data["comments"][1]["article"] == "Another piece"
    assert "sam@example.org" not in out.getvalue()
    assert "Sam's view." not in out.getvalue()


def test_commenter_data_erase_blanks_the_commenters_details(priya_thread):
    parent, reply = priya_thread
    call_command("commenter_data", "priya@example.org", "--erase", stdout=StringIO())
    parent.refresh_from_db()
    assert "Priya" not in parent.user_name
    assert parent.user_email == ""
    assert parent.comment == ""
    assert parent.ip_address is None
    assert not parent.followup
    reply.refresh_from_db()
    assert reply.comment == "A kept reply."
    assert reply.is_visible


def test_commenter_data_erase_keeps_replies_readable_on_the_article(
    client, published_article, priya_thread
):
    call_command("commenter_data", "priya@example.org", "--erase", stdout=StringIO())
    page = article_page(client, published_article)
    assert "A kept reply." in page
    assert "Comment removed at the author’s request" in page
    assert "Words Priya wants gone." not in page
    assert "Priya" not in page


def test_commenter_data_erase_leaves_no_name_or_text_in_the_admin_history(
    moderator_client, priya_thread
):
    parent, _reply = priya_thread
    moderate(moderator_client, "remove", [parent])
    call_command("commenter_data", "priya@example.org", "--erase", stdout=StringIO())
    history = " ".join(entry.object_repr for entry in LogEntry.objects.all())
    assert "Priya" not in history
    assert "Words Priya wants gone." not in history


def test_commenter_data_erase_dry_run_changes_nothing(priya_thread):
    parent, _reply = priya_thread
    out = StringIO()
    call_command(
        "commenter_data", "priya@example.org", "--erase", "--dry-run", stdout=out
    )
    parent.refresh_from_db()
    assert parent.user_name == "Priya Shah"
    assert parent.user_email == "priya@example.org"
    assert parent.comment == "Words Priya wants gone."
    assert parent.ip_address == "192.0.2.1"
    assert parent.is_visible
    assert "Would erase 1 comment(s)" in out.getvalue()


def test_erasure_also_removes_the_text_as_first_sent(published_article):
    from django.core.management import call_command

    from tests.factories import make_comment

    comment = make_comment(
        published_article,
        user_email="gone@example.org",
        comment="Corrected words.",
        original_comment="Teh original words.",
    )
    call_command("commenter_data", "gone@example.org", "--erase", stdout=None)
    comment.refresh_from_db()
    assert (comment.comment, comment.original_comment) == ("", "")


def test_commenter_data_erase_deletes_the_reports_on_their_comments(priya_thread):
    from discussion.models import CommentReport

    parent, reply = priya_thread
    for comment, details in ((parent, "Names my neighbour."), (reply, "Rude.")):
        CommentReport.objects.create(
            comment=comment, reason="personal", details=details, reporter="b" * 64
        )
    call_command("commenter_data", "priya@example.org", "--erase", stdout=StringIO())
    assert list(CommentReport.objects.values_list("comment", "details")) == [
        (reply.pk, "Rude.")
    ]
