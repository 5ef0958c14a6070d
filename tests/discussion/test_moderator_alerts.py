"""Each moderator hears of held and reported comments in an e-mail of their
own, addressed to them alone: at once, or in an hourly digest if they chose
one. A send that fails for one moderator stops no one else's."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from background.mail import send_overdue_mail
from discussion.models import DigestItem, ModeratorProfile
from tests.factories import make_comment, moderators_group, set_policy
from tests.failing_email import FailingForOneAddressBackend
from tests.helpers import html, post_and_confirm, report_url

pytestmark = pytest.mark.django_db

ADDRESSES = ["sam@example.org", "priya@example.gov.uk", "o.neil+mod@example.org"]
ALERTS_URL = reverse("admin:discussion_moderatorprofile_changelist")


@pytest.fixture(autouse=True)
def staff_groups(db):
    for migration, grant in [
        ("0004_staff_groups", "make_groups"),
        ("0018_moderator_alerts", "grant_moderators"),
    ]:
        module = importlib.import_module(f"discussion.migrations.{migration}")
        getattr(module, grant)(apps, None)


@pytest.fixture
def make_moderator(django_user_model):
    def make(email, alerts=None):
        user = django_user_model.objects.create_user(
            email.split("@")[0], email, is_staff=True
        )
        user.groups.add(moderators_group())
        if alerts:
            ModeratorProfile.objects.create(user=user, alerts=alerts)
        return user

    return make


@pytest.fixture
def moderators(make_moderator):
    return [make_moderator(address) for address in ADDRESSES]


def every_address_in(message):
    """Every address a mail client would show or use, and the text."""
    headers = "\n".join(f"{k}: {v}" for k, v in message.message().items())
    return f"{headers}\n{message.body}"


def assert_each_alone(mailoutbox, addresses):
    by_recipient = {}
    for message in mailoutbox:
        assert len(message.recipients()) == 1, message.recipients()
        by_recipient.setdefault(message.recipients()[0], []).append(message)
        for other in ADDRESSES:
            if other != message.recipients()[0]:
                assert other not in every_address_in(message)
    assert sorted(by_recipient) == sorted(addresses)
    return by_recipient


def hold_a_comment(client, mailoutbox, article, text="Check my words."):
    set_policy(hold_all=True)
    post_and_confirm(client, mailoutbox, article, comment=text)


def test_each_moderator_gets_a_held_comment_alert_addressed_to_them_alone(
    client, published_article, moderators, mailoutbox
):
    hold_a_comment(client, mailoutbox, published_article)
    told = assert_each_alone(mailoutbox, ADDRESSES)
    for messages in told.values():
        assert len(messages) == 1
        assert messages[0].to == messages[0].recipients()
        assert messages[0].cc == [] and messages[0].bcc == []
        assert "waiting for moderation" in messages[0].subject
        assert "Check my words." in messages[0].body


def test_each_moderator_gets_a_report_alert_addressed_to_them_alone(
    client, published_article, moderators, mailoutbox
):
    comment = make_comment(published_article, comment="Buy my things.")
    client.post(report_url(comment), {"reason": "spam", "details": "An advert."})
    told = assert_each_alone(mailoutbox, ADDRESSES)
    for (message,) in told.values():
        assert "has been reported" in message.subject
        assert "It is spam or advertising" in message.body


def test_alerts_come_at_once_unless_a_moderator_chooses_otherwise(
    make_moderator, client, published_article, mailoutbox
):
    newcomer = make_moderator("new@example.org")
    assert not ModeratorProfile.objects.filter(user=newcomer).exists()
    hold_a_comment(client, mailoutbox, published_article)
    assert [m.to for m in mailoutbox] == [["new@example.org"]]
    assert not DigestItem.objects.exists()


def test_a_moderator_chooses_an_hourly_digest_on_their_own_page(
    client, moderators, published_article, mailoutbox
):
    sam = moderators[0]
    client.force_login(sam)
    page = client.get(ALERTS_URL, follow=True)
    assert page.status_code == 200
    assert "At once: an email for each comment" in html(page)
    saved = client.post(page.redirect_chain[-1][0], {"alerts": "hourly"}, follow=True)
    assert "Your email alerts are saved: Hourly" in html(saved)
    assert sam.moderator_profile.alerts == ModeratorProfile.Alerts.HOURLY
    client.logout()

    hold_a_comment(client, mailoutbox, published_article, "First held.")
    hold_a_comment(client, mailoutbox, published_article, "Second held.")
    told = assert_each_alone(mailoutbox, ADDRESSES[1:])
    assert all(len(messages) == 2 for messages in told.values())

    mailoutbox.clear()
    call_command("send_moderator_digests")
    (digest,) = mailoutbox
    assert digest.to == ["sam@example.org"]
    assert "2 comments need a moderator" in digest.subject
    assert "First held." in digest.body and "Second held." in digest.body
    assert "Every comment is held for approval" in digest.body

    mailoutbox.clear()
    call_command("send_moderator_digests")  # safe to run twice: nothing new
    assert mailoutbox == []


def test_a_dry_run_sends_nothing_and_keeps_the_alerts(
    make_moderator, client, published_article, mailoutbox, capsys
):
    make_moderator("sam@example.org", alerts="hourly")
    hold_a_comment(client, mailoutbox, published_article)
    call_command("send_moderator_digests", "--dry-run")
    assert mailoutbox == []
    assert DigestItem.objects.count() == 1
    assert "Would e-mail a digest to 1 moderator" in capsys.readouterr().out


def test_a_moderator_sees_and_changes_only_their_own_alerts(
    client, moderators, django_user_model
):
    sam, priya = moderators[:2]
    theirs = ModeratorProfile.objects.create(user=priya, alerts="hourly")
    client.force_login(sam)
    page = client.get(
        reverse("admin:discussion_moderatorprofile_change", args=[theirs.pk]),
        follow=True,
    )
    assert "doesn’t exist" in html(page)
    client.post(
        reverse("admin:discussion_moderatorprofile_change", args=[theirs.pk]),
        {"alerts": "at-once"},
    )
    theirs.refresh_from_db()
    assert theirs.alerts == "hourly"
    # the form names no user: a moderator cannot move their profile to another
    own = client.get(ALERTS_URL, follow=True)
    client.post(own.redirect_chain[-1][0], {"alerts": "hourly", "user": priya.pk})
    assert ModeratorProfile.objects.get(user=sam).alerts == "hourly"
    assert ModeratorProfile.objects.get(user=priya) == theirs


def test_editors_have_no_alerts_page(client, django_user_model):
    editor = django_user_model.objects.create_user(
        "ed", "ed@example.org", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(ALERTS_URL).status_code == 403
    assert not ModeratorProfile.objects.exists()


def test_a_failed_send_to_one_moderator_stops_no_one_else(
    settings, make_moderator, client, published_article, mailoutbox
):
    settings.EMAIL_BACKEND = "tests.failing_email.FailingForOneAddressBackend"
    broken = FailingForOneAddressBackend.FAILING_ADDRESS
    for address in [ADDRESSES[0], broken, ADDRESSES[1]]:
        make_moderator(address)
    make_moderator(ADDRESSES[2], alerts="hourly")

    hold_a_comment(client, mailoutbox, published_article)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(ADDRESSES[:2])


def test_a_failed_digest_stops_no_one_else_and_is_sent_when_tried_again(
    settings, make_moderator, client, published_article, mailoutbox
):
    settings.MAIL_FIRST_RETRY_SECONDS = 0
    settings.EMAIL_BACKEND = "tests.failing_email.FailingForOneAddressBackend"
    make_moderator(ADDRESSES[0], alerts="hourly")
    make_moderator(FailingForOneAddressBackend.FAILING_ADDRESS, alerts="hourly")
    make_moderator(ADDRESSES[1], alerts="hourly")
    hold_a_comment(client, mailoutbox, published_article)
    mailoutbox.clear()

    call_command("send_moderator_digests")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(ADDRESSES[:2])
    assert not DigestItem.objects.exists()  # the failed one waits in the queue

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mailoutbox.clear()
    call_command("send_moderator_digests")
    assert mailoutbox == []
    send_overdue_mail.call(overdue_seconds=0)
    assert [m.to for m in mailoutbox] == [[FailingForOneAddressBackend.FAILING_ADDRESS]]
    assert "Hourly digest" in mailoutbox[0].subject


def test_a_digest_leaves_out_erased_comments_and_former_moderators(
    make_moderator, client, published_article, mailoutbox
):
    stays = make_moderator(ADDRESSES[0], alerts="hourly")
    leaves = make_moderator(ADDRESSES[1], alerts="hourly")
    hold_a_comment(client, mailoutbox, published_article, "Kept words.")
    hold_a_comment(client, mailoutbox, published_article, "Erased words.")
    DigestItem.objects.filter(comment__comment="Erased words.").first().comment.delete()
    leaves.groups.clear()

    call_command("send_moderator_digests")
    assert [m.to for m in mailoutbox] == [[stays.email]]
    assert "Kept words." in mailoutbox[0].body
    assert "Erased words." not in mailoutbox[0].body
    assert not DigestItem.objects.exists()
