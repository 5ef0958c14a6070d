"""An address counts as the mailbox its mail is delivered to, however it is
written: full-width or mixed-width letters, soft hyphens and zero-width
characters, capitals, trailing dots and "+tags". Blocked domains refuse it at
the form, the confirmation limit counts it once, and erasure reaches it."""

from io import StringIO

import pytest
from django.core.mail.message import sanitize_address
from django.core.management import call_command
from django_comments_xtd.models import BlackListedDomain

from discussion.models import ArticleComment
from discussion.normalise import mail_domain, mailbox
from tests.factories import make_comment
from tests.helpers import html, post_comment

pytestmark = pytest.mark.django_db

INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f"]
INVISIBLE += ["\u180b", "\ufe00", "\ufe0f"]


def full_width(text, every=1):
    return "".join(
        chr(ord(ch) + 0xFEE0) if ch.isalnum() and n % every == 0 else ch
        for n, ch in enumerate(text)
    )


def domain_disguises(domain):
    """Ways of writing domain that IDNA delivers to it."""
    yield domain.upper()
    yield domain.title()
    yield full_width(domain)
    yield full_width(domain, every=2)
    yield full_width(domain.upper(), every=3)
    yield domain + "\u3002"  # a closing ideographic full stop, as the root
    yield full_width(domain) + "\uff0e"
    for invisible in INVISIBLE:
        for position in range(1, len(domain)):
            if "." not in domain[position - 1 : position + 1]:
                yield domain[:position] + invisible + domain[position:]
    yield "\u200b".join(domain)
    yield "\u00ad".join(full_width(domain))


def address_disguises(local, domain):
    """Ways of writing local@domain that reach that mailbox."""
    for written in domain_disguises(domain):
        yield f"{local}@{written}"
    for tag in ("news", "x", "1", "a+b", "Spam.Me"):
        yield f"{local}+{tag}@{domain}"
        yield f"{local.upper()}+{tag}@{full_width(domain)}"


@pytest.mark.parametrize("address", list(address_disguises("victim", "example.org")))
def test_django_delivers_every_disguise_to_the_mailbox_it_counts_as(address):
    delivered = sanitize_address(address, "utf-8")
    local, _at, domain = delivered.rpartition("@")
    assert domain.lower().rstrip(".") == "example.org"
    assert mailbox(address) == "victim@example.org"
    assert mailbox(address).endswith("@" + mail_domain(domain))


def test_a_blocked_domain_is_refused_at_the_form_however_it_is_written(
    client, mailoutbox, published_article, room_for_many_comments
):
    BlackListedDomain.objects.create(domain="spam.example")
    addresses = list(address_disguises("sam", "spam.example"))
    addresses += [f"sam@mail.{written}" for written in domain_disguises("spam.example")]
    statuses = []
    for number, address in enumerate(addresses):
        response = post_comment(
            client,
            published_article,
            email=address,
            comment=f"Buy now, message {number}.",
        )
        statuses.append(response.status_code)
        if response.status_code == 400:
            assert "We do not accept comments from this email address" in html(
                response
            ), address
    assert len(addresses) > 200
    assert statuses == [400] * len(addresses)
    assert mailoutbox == []
    assert not ArticleComment.objects.exists()


@pytest.mark.parametrize(
    "email",
    ["victim@example.org.", "victim@example\u3002org", "victim@example．org．"],
)
def test_an_address_ending_in_a_dot_or_with_odd_dots_is_refused_as_malformed(
    client, mailoutbox, published_article, email
):
    response = post_comment(client, published_article, email=email)
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in html(response)
    assert mailoutbox == []


@pytest.mark.parametrize(
    "entry", ["ＳＰＡＭ.example", "SPAM.EXAMPLE.", "sp\u00adam.example"]
)
def test_a_blocked_domain_written_oddly_in_the_admin_still_blocks(
    client, mailoutbox, published_article, entry
):
    BlackListedDomain.objects.create(domain=entry)
    response = post_comment(client, published_article, email="sam@spam.example")
    assert response.status_code == 400
    assert mailoutbox == []


def test_an_internationalised_blocked_domain_blocks_its_ascii_form_too(
    client, mailoutbox, published_article
):
    BlackListedDomain.objects.create(domain="bücher.example")
    for email in ("sam@xn--bcher-kva.example", "sam@BÜCHER.example"):
        response = post_comment(client, published_article, email=email)
        assert response.status_code == 400, email
    assert mailoutbox == []


def test_domains_that_only_look_alike_are_not_blocked(
    client, mailoutbox, published_article
):
    BlackListedDomain.objects.create(domain="spam.example")
    # a Cyrillic "а" is another domain (xn--...), and mail goes there
    for email in (
        "sam@notspam.example",
        "sam@sp\u0430m.example",
        "sam@spam.example.org",
    ):
        response = post_comment(client, published_article, email=email)
        assert response.status_code == 302, email
    assert len(mailoutbox) == 3


def test_the_confirmation_limit_counts_every_disguise_of_a_mailbox_once(
    client, mailoutbox, published_article, room_for_many_comments, settings
):
    addresses = list(address_disguises("victim", "example.org"))
    statuses = [
        post_comment(
            client,
            published_article,
            email=address,
            comment=f"Hello, message {number}.",
            REMOTE_ADDR=f"{20 + number // 200}.{number % 200}.7.1",
        ).status_code
        for number, address in enumerate(addresses)
    ]
    limit = settings.DISCUSSION_CONFIRMATIONS_PER_ADDRESS_PER_HOUR
    assert len(addresses) > 90
    assert statuses == [302] * limit + [429] * (len(addresses) - limit)
    assert len(mailoutbox) == limit


@pytest.mark.parametrize("email", ["erin@example.org", "Erin+News@Example.Org"])
def test_erasure_reaches_every_way_the_commenter_wrote_their_address(
    published_article, email
):
    written = [
        "erin@example.org",
        "erin+news@example.org",
        "ERIN@EXAMPLE.ORG.",
        "Erin+comments@ｅｘａｍｐｌｅ.org",
        "erin@exa\u00admple.org",
        "e\u200brin@example.org",
    ]
    theirs = [make_comment(published_article, user_email=e) for e in written]
    others = [
        make_comment(published_article, user_email=e)
        for e in ("erin2@example.org", "erin@example.com", "rin@example.org")
    ]
    out = StringIO()
    call_command("commenter_data", email, "--erase", stdout=out)
    assert f"Erased {len(written)} comment(s)" in out.getvalue()
    for comment in theirs:
        comment.refresh_from_db()
        assert (comment.user_email, comment.comment) == ("", "")
    for comment in others:
        comment.refresh_from_db()
        assert comment.user_email and comment.comment


def test_export_finds_the_comments_sent_with_a_plus_tag(published_article):
    make_comment(published_article, user_email="erin+news@example.org", comment="Hi.")
    out = StringIO()
    call_command("commenter_data", "erin@example.org", "--export", stdout=out)
    assert '"comment": "Hi."' in out.getvalue()
