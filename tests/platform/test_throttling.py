"""Sign-in lockouts and rate limits: they count the address the proxy
reports, can be lifted, and let readers through when the cache is down."""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.platform.servers import free_port


@pytest.fixture
def staff_member(django_user_model):
    return django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "right-password-1", is_staff=True
    )


def sign_in(client, password, username="moderator", address="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT="Test browser 1.0",
    )


def lock_out(client, **who):
    for attempt in range(1, 100):
        if sign_in(client, f"wrong-{attempt}", **who).status_code == 429:
            return
    raise AssertionError("never locked")


def clock_moves_on(minutes):
    """As if this many minutes had passed since each failed sign-in."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(minutes=minutes)
    )


def test_sign_in_locks_after_repeated_failures(client, settings, staff_member):
    settings.AXES_FAILURE_LIMIT = 3
    assert sign_in(client, "wrong-1").status_code == 200
    assert sign_in(client, "wrong-2").status_code == 200
    locked = sign_in(client, "wrong-3")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "You cannot sign in at the moment" in html
    assert "Wait 30 minutes, then try again" in html
    assert "contact an administrator" in html
    # the right password is refused too while locked
    assert sign_in(client, "right-password-1").status_code == 429


def test_sign_in_locks_after_five_failures_for_30_minutes_by_default(
    client, staff_member
):
    statuses = [sign_in(client, f"wrong-{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert "Wait 30 minutes, then try again" in sign_in(client, "x").content.decode()


def test_the_lock_lifts_once_the_cool_off_time_has_passed(client, staff_member):
    lock_out(client)
    clock_moves_on(minutes=29)
    assert sign_in(client, "right-password-1").status_code == 429
    clock_moves_on(minutes=31)
    assert sign_in(client, "right-password-1").status_code == 302


def test_axes_reset_username_unlocks_that_username_only(
    client, staff_member, django_user_model
):
    django_user_model.objects.create_user("editor", password="right-password-2")
    lock_out(client)
    lock_out(client, username="editor")
    out = io.StringIO()
    call_command("axes_reset_username", "moderator", stdout=out)
    assert "1 attempts removed" in out.getvalue()
    assert sign_in(client, "right-password-1").status_code == 302
    assert sign_in(client, "right-password-2", username="editor").status_code == 429


def test_axes_reset_ip_unlocks_sign_in_from_that_address_only(client, staff_member):
    lock_out(client)
    lock_out(client, address="2001:db8::7")
    call_command("axes_reset_ip", "192.0.2.10", stdout=io.StringIO())
    assert sign_in(client, "right-password-1", address="2001:db8::7").status_code == (
        429
    )
    assert sign_in(client, "right-password-1").status_code == 302


def test_a_failed_sign_in_keeps_who_where_and_which_browser_but_no_password(
    client, staff_member
):
    from axes.models import AccessAttempt, AccessFailureLog

    sign_in(client, "wrong-secret-1")
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("moderator", "192.0.2.10")
    assert (attempt.user_agent, attempt.path_info) == (
        "Test browser 1.0",
        reverse("admin:login"),
    )
    assert "wrong-secret-1" not in attempt.post_data
    assert not AccessFailureLog.objects.exists()


def test_failed_sign_ins_are_deleted_on_success_and_after_the_cool_off_time(
    client, staff_member
):
    from axes.models import AccessAttempt

    sign_in(client, "wrong-1")
    assert sign_in(client, "right-password-1").status_code == 302
    assert not AccessAttempt.objects.exists()
    sign_in(client, "wrong-2", address="198.51.100.3")
    clock_moves_on(minutes=31)
    # the next sign-in, anyone's, clears failures past their cool-off time
    sign_in(client, "wrong-3", username="someone-else", address="203.0.113.5")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [
        "someone-else"
    ]


def test_successful_sign_ins_are_not_recorded(client, staff_member):
    from axes.models import AccessLog

    assert sign_in(client, "right-password-1").status_code == 302
    client.post(reverse("admin:logout"))
    assert not AccessLog.objects.exists()


def test_axes_reset_unlocks_sign_in(client, settings, staff_member):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "wrong-1")
    assert sign_in(client, "wrong-2").status_code == 429
    call_command("axes_reset", stdout=io.StringIO())
    response = sign_in(client, "right-password-1")
    assert response.status_code == 302


def test_superuser_sees_and_removes_lockouts_in_the_admin(
    client, admin_client, settings, staff_member
):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "wrong-1")
    assert sign_in(client, "wrong-2").status_code == 429
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert admin_client.get(changelist).status_code == 200
    attempt = AccessAttempt.objects.get()
    response = admin_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert sign_in(client, "right-password-1").status_code == 302


def test_sign_in_throttle_counts_the_address_the_proxy_reports(
    client, settings, django_user_model
):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    settings.SITE_TRUSTED_PROXIES = ["10.0.0.1"]
    settings.AXES_FAILURE_LIMIT = 2
    django_user_model.objects.create_user("other", password="right-password-2")

    def attempt(username, password, address):
        return client.post(
            reverse("admin:login"),
            {"username": username, "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_REAL_IP=address,
        )

    attempt("other", "wrong", "198.51.100.7")
    assert attempt("other", "wrong", "198.51.100.7").status_code == 429
    # the same user, from a different reader behind the same proxy, may sign in
    response = attempt("other", "right-password-2", "198.51.100.8")
    assert response.status_code == 200  # not staff, so the form again; not locked
    assert "You cannot sign in" not in response.content.decode()


def test_rate_limits_count_the_address_the_proxy_reports(rf, settings):
    from discussion.limits import client_ip, too_many

    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    settings.SITE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "comment": "2/m",
    }

    def from_reader(address):
        return rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=address)

    assert client_ip(from_reader("198.51.100.7")) == "198.51.100.7"
    assert [too_many(from_reader("198.51.100.7"), "comment") for _ in range(3)] == [
        False,
        False,
        True,
    ]
    # another reader behind the same proxy is not held back
    assert too_many(from_reader("198.51.100.8"), "comment") is False


def test_rate_limits_let_readers_through_when_the_cache_is_down(rf, settings):
    from discussion.limits import too_many

    settings.CACHES = {
        "default": {
            "BACKEND": "insight.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "comment": "1/m",
    }
    request = rf.post("/", REMOTE_ADDR="198.51.100.7")
    assert [too_many(request, "comment") for _ in range(3)] == [False] * 3


def test_a_stranger_cannot_lock_staff_out(client, settings, staff_member):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        client.post(
            reverse("admin:login"),
            {"username": "moderator", "password": "guess"},
            REMOTE_ADDR="203.0.113.66",
        )
    assert sign_in(client, "right-password-1").status_code == 302


def test_the_proxy_header_is_believed_only_from_trusted_proxies(rf, settings):
    from discussion.limits import client_ip, too_many

    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    settings.SITE_TRUSTED_PROXIES = ["10.0.0.1"]
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "comment": "2/m",
    }

    def direct(forged):
        return rf.post("/", REMOTE_ADDR="203.0.113.9", HTTP_X_REAL_IP=forged)

    assert client_ip(direct("198.51.100.1")) == "203.0.113.9"
    # rotating the header does not get round the limit
    results = [too_many(direct(f"198.51.100.{n}"), "comment") for n in range(3)]
    assert results == [False, False, True]


def test_ipv6_readers_are_rate_limited_by_their_64(rf, settings):
    from discussion.limits import client_address, too_many

    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "report": "2/h",
    }

    def from_address(address):
        return rf.post("/", REMOTE_ADDR=address)

    one, other = from_address("2001:db8:1:2::1"), from_address("2001:db8:1:2:ffff::9")
    assert client_address(one) == client_address(other) == "2001:db8:1:2::"
    assert client_address(from_address("2001:db8:1:3::1")) == "2001:db8:1:3::"
    results = [
        too_many(from_address(f"2001:db8:1:2::{n:x}"), "report") for n in range(1, 4)
    ]
    assert results == [False, False, True]
    # the next /64 of the same home has its own limit
    assert too_many(from_address("2001:db8:1:3::1"), "report") is False


def test_ipv4_readers_seen_through_an_ipv6_socket_are_told_apart(rf):
    from discussion.limits import client_address, client_network, network_hash

    one = rf.get("/", REMOTE_ADDR="::ffff:198.51.100.7")
    other = rf.get("/", REMOTE_ADDR="::ffff:198.51.101.8")
    assert client_address(one) == "198.51.100.7"
    assert client_network(one) == "198.51.100.0/24"
    assert network_hash(one) != network_hash(other)
    assert network_hash(one) == network_hash(rf.get("/", REMOTE_ADDR="198.51.100.9"))


def sign_in_from(client, address, password, username="moderator"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


# Addresses of one /64 written every way a client may present them: spread
# over the /64, compressed or not, upper case, IPv4-mapped forms excluded.
ONE_64 = [
    "2001:db8:aa:bb::1",
    "2001:db8:aa:bb:ffff:ffff:ffff:fffe",
    "2001:DB8:AA:BB:1234:5678:9abc:def0",
    "2001:0db8:00aa:00bb:0000:0000:0000:0002",
    "2001:db8:aa:bb:8000::",
    "2001:db8:aa:bb::dead:beef",
    "2001:db8:aa:bb:1::1",
]


@pytest.mark.parametrize("limit", [2, 5])
def test_sign_in_failures_spread_over_one_64_lock_the_whole_64(
    client, settings, staff_member, limit
):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = limit
    statuses = [
        sign_in_from(client, address, f"guess-{n}").status_code
        for n, address in enumerate(ONE_64[:limit])
    ]
    assert statuses[:-1] == [200] * (limit - 1)
    assert statuses[-1] == 429
    # every address of that /64 is locked, the right password too
    for address in ONE_64[limit:]:
        assert sign_in_from(client, address, "right-password-1").status_code == 429
    # the admin's "Access attempts" lists the /64 once, by its first address
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "2001:db8:aa:bb::"
    ]
    # a reader in the next /64 (or the same home's other /64s) still signs in
    response = sign_in_from(client, "2001:db8:aa:bc::1", "right-password-1")
    assert response.status_code == 302


def test_axes_reset_ip_unlocks_a_64_by_its_first_address(
    client, settings, staff_member
):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in_from(client, "2001:db8:aa:bb::1", "wrong-1")
    assert sign_in_from(client, "2001:db8:aa:bb::2", "wrong-2").status_code == 429
    call_command("axes_reset_ip", "2001:db8:aa:bb::", stdout=io.StringIO())
    response = sign_in_from(client, "2001:db8:aa:bb::3", "right-password-1")
    assert response.status_code == 302


def test_ipv4_sign_in_failures_are_counted_per_address(client, settings, staff_member):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in_from(client, "192.0.2.10", "wrong-1")
    assert sign_in_from(client, "192.0.2.10", "wrong-2").status_code == 429
    # a colleague on the next address of the same office network is not locked
    assert sign_in_from(client, "192.0.2.11", "right-password-1").status_code == 302
    # an IPv4 address seen through an IPv6 socket is the same IPv4 address
    assert (
        sign_in_from(client, "::ffff:192.0.2.10", "right-password-1").status_code == 429
    )


# The limits as configured, as a reader meets them (no setting overridden).
# Tests ask for the database before the outbox: setting up the database gives
# Django a new outbox.


@pytest.fixture
def limits_clock(monkeypatch):
    """The clock rate limits count by, moved on by the test."""
    import time

    from django_ratelimit import core

    clock = SimpleNamespace(now=time.time())
    monkeypatch.setattr(core, "time", SimpleNamespace(time=lambda: clock.now))
    return clock


def test_one_address_may_send_10_comments_and_20_replies_by_default(
    client, article, mailoutbox, limits_clock, settings
):
    # the network's share of confirmation e-mails (20 an hour) would stop the
    # replies first; it has tests of its own
    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 1000
    from tests.factories import make_comment
    from tests.helpers import post_comment

    parent = make_comment(article)

    def send(number, **fields):
        return post_comment(
            client,
            article,
            email=f"reader{number}@example.org",
            comment=f"Words number {number}.",
            **fields,
        )

    comments = [send(number).status_code for number in range(11)]
    assert comments == [302] * 10 + [429]
    replies = [send(100 + n, reply_to=parent.pk).status_code for n in range(21)]
    assert replies == [302] * 20 + [429]
    refused = send(200, reply_to=parent.pk).content.decode()
    assert "Wait 10 minutes, then send this one again" in refused
    assert len(mailoutbox) == 30
    limits_clock.now += 10 * 60
    assert send(300).status_code == 302
    assert send(301, reply_to=parent.pk).status_code == 302


def test_one_address_may_send_10_reports_an_hour_by_default(
    client, article, limits_clock
):
    from tests.factories import make_comment
    from tests.helpers import report_url

    comments = [make_comment(article) for _ in range(12)]
    statuses = [
        client.post(report_url(comment), {"reason": "spam"}).status_code
        for comment in comments[:11]
    ]
    assert statuses == [200] * 10 + [429]
    limits_clock.now += 60 * 60
    assert client.post(report_url(comments[11]), {"reason": "spam"}).status_code == 200


def test_one_address_may_answer_or_withdraw_30_times_a_minute_by_default(
    client, article, limits_clock
):
    from discussion.models import QuickAnswer

    point = article.points.first()
    send = reverse("discussion:answer", args=[article.slug, point.pk])
    withdraw = reverse("discussion:withdraw-answers")
    answers = [client.post(send, {"answer": "agree"}).status_code for _ in range(25)]
    withdrawals = [client.post(withdraw).status_code for _ in range(5)]
    assert answers == [302] * 25 and withdrawals == [200] * 5
    assert client.post(send, {"answer": "unsure"}).status_code == 429
    assert client.post(withdraw).status_code == 429
    assert not QuickAnswer.objects.exists()
    limits_clock.now += 60
    assert client.post(send, {"answer": "unsure"}).status_code == 302


def test_300_confirmation_emails_an_hour_are_sent_in_all_by_default(
    client, article, mailoutbox
):
    from discussion.models import SentConfirmation
    from tests.helpers import post_comment

    SentConfirmation.objects.bulk_create(
        SentConfirmation(digest=f"{number:064x}", recipient=f"{number:064x}")
        for number in range(299)
    )
    statuses = [
        post_comment(
            client, article, email=f"new{n}@example.org", comment=f"Late {n}."
        ).status_code
        for n in range(2)
    ]
    assert statuses == [302, 429]
    assert len(mailoutbox) == 1
