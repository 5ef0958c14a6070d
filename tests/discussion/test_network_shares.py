"""One network (an IPv6 /48, an IPv4 /24) is one set of people, however many
/64s or addresses it hops between: it gets its own share of the hour's
confirmation e-mails before the site-wide limit, counts as one reporter and
answers a point as one network."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from discussion.models import (
    ArticleComment,
    CommentReport,
    ConfirmationNetwork,
    PendingComment,
    QuickAnswer,
    SentConfirmation,
)
from tests.factories import make_comment
from tests.helpers import (
    FAILING_BACKEND,
    FROM_OUR_PAGES,
    ago,
    comment_form_data,
    html,
    plain_hashes,
    production_env,
    report_url,
    run_python,
)

pytestmark = pytest.mark.django_db

NETWORK_LIMITED = "Many comments have been sent from your internet connection"
SITE_LIMITED = "We have sent a lot of emails to confirm comments"


def post_from(address, number, article):
    """A reader at address posts a comment of their own, to a mailbox of their own."""
    return Client(headers=FROM_OUR_PAGES).post(
        reverse("discussion:post"),
        comment_form_data(
            article,
            comment=f"Comment number {number}.",
            email=f"reader{number}@example.org",
        ),
        REMOTE_ADDR=address,
    )


def statuses(responses):
    return [response.status_code for response in responses]


def test_a_flood_from_200_64s_of_one_48_uses_only_the_networks_share(
    mailoutbox, article, settings
):
    share = settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR
    assert share < settings.DISCUSSION_CONFIRMATIONS_PER_HOUR / 10
    # one home: /64s of its /56s, written as clients write them
    addresses = [f"2001:db8:77:{n:x}00::{n % 7 + 1}" for n in range(200)]
    responses = [post_from(address, n, article) for n, address in enumerate(addresses)]

    assert statuses(responses) == [302] * share + [429] * (200 - share)
    assert len(mailoutbox) == share
    assert NETWORK_LIMITED in html(responses[-1])
    assert "Comment number 199." in html(responses[-1])  # their text is kept
    assert PendingComment.objects.count() == share

    # everyone else still comments: another /48, another /24, mapped IPv4
    others = [
        "2001:db8:78::1",
        "2001:db8:ffff:ffff::1",
        "198.51.100.7",
        "::ffff:203.0.113.9",
    ]
    for number, address in enumerate(others, start=1000):
        assert post_from(address, number, article).status_code == 302, address
    assert len(mailoutbox) == share + len(others)


@pytest.mark.parametrize(
    ("one_network", "another"),
    [
        ([f"2001:db8:20:{n:x}00::1" for n in range(22)], "2001:db8:21::1"),
        ([f"192.0.2.{n + 1}" for n in range(22)], "192.0.3.1"),
    ],
    ids=["one /48", "one /24"],
)
def test_one_network_may_ask_for_20_confirmation_emails_an_hour_by_default(
    mailoutbox, article, one_network, another
):
    responses = [
        post_from(address, n, article) for n, address in enumerate(one_network)
    ]

    assert statuses(responses[:21]) == [302] * 20 + [429]
    assert NETWORK_LIMITED in html(responses[20])
    assert "Try again in an hour" in html(responses[20])
    assert len(mailoutbox) == 20
    assert post_from(another, 100, article).status_code == 302
    assert len(mailoutbox) == 21
    # an hour on, the network has its share again
    SentConfirmation.objects.update(sent_at=SentConfirmation.objects.hour_ago())
    assert post_from(one_network[21], 101, article).status_code == 302


def test_one_ipv4_24_gets_one_share_whichever_way_its_addresses_are_written(
    mailoutbox, article, settings
):
    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 5
    addresses = [
        "198.51.100.1",
        "::ffff:198.51.100.2",
        "198.51.100.254",
        "::FFFF:198.51.100.3",
        "198.51.100.0",
        "198.51.100.255",
        "::ffff:c633:6404",  # 198.51.100.4, in hexadecimal
        "198.51.100.99",
    ]
    responses = [post_from(address, n, article) for n, address in enumerate(addresses)]
    assert statuses(responses) == [302] * 5 + [429] * 3
    # the next /24 is another network
    assert post_from("198.51.101.1", 100, article).status_code == 302


def test_the_network_share_comes_before_the_site_wide_limit(
    mailoutbox, article, settings
):
    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 3
    settings.DISCUSSION_CONFIRMATIONS_PER_HOUR = 7
    networks = ["2001:db8:1::", "2001:db8:2::", "203.0.113."]
    responses = [
        post_from(f"{network}{n + 1}", 10 * k + n, article)
        for k, network in enumerate(networks)
        for n in range(4)
    ]
    assert statuses(responses) == [302, 302, 302, 429] * 2 + [302, 429, 429, 429]
    pages = [html(response) for response in responses]
    assert NETWORK_LIMITED in pages[3] and NETWORK_LIMITED in pages[7]
    assert SITE_LIMITED in pages[9]
    assert len(mailoutbox) == 7


def test_the_network_prefixes_can_be_set(mailoutbox, article, settings):
    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 1
    settings.DISCUSSION_NETWORK_PREFIX_IPV6 = 56
    settings.DISCUSSION_NETWORK_PREFIX_IPV4 = 32
    addresses = ["2001:db8:5:100::1", "2001:db8:5:1ff::1", "2001:db8:5:200::1"]
    addresses += ["192.0.2.1", "192.0.2.2", "192.0.2.1"]
    responses = [post_from(address, n, article) for n, address in enumerate(addresses)]
    assert statuses(responses) == [302, 429, 302, 302, 302, 429]


def test_the_network_prefixes_come_from_the_environment():
    env = production_env(
        DISCUSSION_NETWORK_PREFIX_IPV4="22",
        DISCUSSION_NETWORK_PREFIX_IPV6="56",
        DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR="7",
    )
    result = run_python(
        "-c",
        "from insight import settings as s; print(s.DISCUSSION_NETWORK_PREFIX_IPV4,"
        " s.DISCUSSION_NETWORK_PREFIX_IPV6,"
        " s.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR)",
        env=env,
    )
    assert result.stdout.split() == ["22", "56", "7"], result.stderr


def test_a_networks_share_comes_back_after_an_hour_and_is_not_kept(
    mailoutbox, article, settings
):
    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 2
    address = "2001:db8:9:1::1"
    assert statuses([post_from(address, n, article) for n in range(3)]) == [
        302,
        302,
        429,
    ]
    SentConfirmation.objects.update(sent_at=SentConfirmation.objects.hour_ago())
    assert post_from(address, 3, article).status_code == 302
    # only the network of the e-mail sent in the last hour is still kept
    assert ConfirmationNetwork.objects.count() == 1
    assert SentConfirmation.objects.count() == 3
    assert address not in str(list(ConfirmationNetwork.objects.values()))


def test_a_networks_record_goes_with_its_unused_confirmation_when_purged(
    mailoutbox, article
):
    assert post_from("2001:db8:9:1::1", 1, article).status_code == 302  # unconfirmed
    SentConfirmation.objects.update(sent_at=ago(days=8))
    PendingComment.objects.update(expires_at=ago(days=1))
    assert ConfirmationNetwork.objects.count() == 1

    call_command("purge_pending_comments", stdout=StringIO())

    assert not SentConfirmation.objects.exists()
    assert not ConfirmationNetwork.objects.exists()


def test_the_network_asking_for_mail_is_kept_as_a_hash_keyed_with_the_secret_key(
    mailoutbox, article, settings
):
    address = "2001:db8:3c4d:15::1a2f"
    network = "2001:db8:3c4d::/48"
    for number, key in enumerate(("first-secret-key-" * 3, "second-secret-key-" * 3)):
        settings.SECRET_KEY = key
        assert post_from(address, number, article).status_code == 302

    kept = list(ConfirmationNetwork.objects.values_list("network", flat=True))
    assert len(kept) == 2
    guessable = plain_hashes(
        address,
        "2001:0db8:3c4d:0015:0000:0000:0000:1a2f",
        "2001:db8:3c4d:15::/64",
        network,
        "2001:db8:3c4d::",
    )
    for value in kept:
        assert "2001:db8:3c4d" not in value
        assert value not in guessable
    # a new secret key makes another hash of the same network
    assert kept[0] != kept[1]


def test_an_email_that_could_not_be_sent_does_not_use_the_share(
    mailoutbox, article, settings
):
    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 1
    settings.EMAIL_BACKEND = FAILING_BACKEND
    assert post_from("192.0.2.1", 1, article).status_code == 503
    assert not ConfirmationNetwork.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert post_from("192.0.2.2", 2, article).status_code == 302


# --- reports and quick answers count networks too ---------------------------


def report_from(comment, address):
    return Client(headers=FROM_OUR_PAGES).post(
        report_url(comment), {"reason": "spam"}, REMOTE_ADDR=address
    )


@pytest.mark.parametrize(
    "addresses",
    [
        ["2001:db8:5:1::1", "2001:db8:5:2::1", "2001:db8:5:ff03::1"],
        ["2001:db8:5:100::1", "2001:db8:5:200::1", "2001:db8:5:ffff::1"],
        ["192.0.2.1", "192.0.2.200", "::ffff:192.0.2.77"],
    ],
    ids=["three /64s of one /48", "three /56s of one /48", "three addresses of a /24"],
)
def test_reports_from_one_network_count_as_one_reporter(published_article, addresses):
    comment = make_comment(published_article, comment="Reported by one home.")
    pages = [html(report_from(comment, address)) for address in addresses]
    assert all("You have already reported this comment" in page for page in pages[1:])
    assert CommentReport.objects.count() == 1
    assert ArticleComment.objects.get(pk=comment.pk).is_visible


def test_reports_from_three_networks_hold_a_comment(published_article):
    comment = make_comment(published_article, comment="Reported by three homes.")
    for address in ("2001:db8:5:1::1", "2001:db8:6:1::1", "192.0.2.1"):
        report_from(comment, address)
    assert not ArticleComment.objects.get(pk=comment.pk).is_visible


def answer_from(point, address):
    url = reverse("discussion:answer", args=[point.article.slug, point.pk])
    return Client(headers=FROM_OUR_PAGES).post(
        url, {"answer": "agree"}, REMOTE_ADDR=address
    )


def test_quick_answers_per_network_count_the_48(published_article, settings):
    settings.DISCUSSION_ANSWERS_PER_NETWORK = 3
    point = published_article.points.get()
    one_home = [f"2001:db8:7:{n:x}::1" for n in (1, 0x100, 0x2FF, 0xFFFF, 5)]
    assert statuses([answer_from(point, address) for address in one_home]) == [
        302,
        302,
        302,
        429,
        429,
    ]
    assert answer_from(point, "2001:db8:8::1").status_code == 302
    assert QuickAnswer.objects.count() == 4


def test_quick_answers_per_network_count_the_24(published_article, settings):
    settings.DISCUSSION_ANSWERS_PER_NETWORK = 2
    point = published_article.points.get()
    office = ["198.51.100.1", "::ffff:198.51.100.2", "198.51.100.3"]
    assert statuses([answer_from(point, address) for address in office]) == [
        302,
        302,
        429,
    ]
    assert answer_from(point, "198.51.101.1").status_code == 302


def test_a_point_takes_50_readers_from_one_network_by_default(published_article):
    point = published_article.points.get()
    # 51 readers, each with a browser of their own, in one office's /24
    office = [f"198.51.100.{n}" for n in range(1, 52)]
    responses = [answer_from(point, address) for address in office]

    assert statuses(responses) == [302] * 50 + [429]
    assert "as many answers from your network as it takes" in html(responses[50])
    assert QuickAnswer.objects.count() == 50
    assert answer_from(point, "198.51.101.1").status_code == 302
    assert QuickAnswer.objects.count() == 51


def test_the_confirmation_share_holds_across_workers(mailoutbox, article, settings):
    """Counted in the database, not in a worker's memory or the cache: with
    the cache emptied between posts the share still holds."""
    from tests.helpers import clear_caches

    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 2
    results = []
    for n in range(3):
        clear_caches()
        results.append(post_from(f"2001:db8:a:{n}::1", n, article).status_code)
    assert results == [302, 302, 429]
    assert len(mailoutbox) == 2
