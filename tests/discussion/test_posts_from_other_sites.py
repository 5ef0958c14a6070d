"""Posts another site's page makes: a page elsewhere can auto-submit the
comment, reply, preview and report forms (they carry no CSRF token, as the
pages they sit on are cached whole). The browser's word on where a post was
made (Sec-Fetch-Site, then Origin) decides; a browser that says nothing gets
its form back, kept as typed, to send again from our own page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from discussion.models import ArticleComment, CommentReport, PendingComment
from tests.factories import make_comment
from tests.helpers import comment_form_data, html, report_url

pytestmark = pytest.mark.django_db

HOST = "insight.example.org"
OURS = f"https://{HOST}"
ATTACKER_TEXT = "Cheap pills at https://evil.example/buy now"
ATTACKER_EMAIL = "victim@example.net"

# What a browser says about a post another site's page made.
FROM_ELSEWHERE = {
    "cross-site": {"Sec-Fetch-Site": "cross-site"},
    "cross-site, our Origin forged": {"Sec-Fetch-Site": "cross-site", "Origin": OURS},
    "same-site: a sibling subdomain": {
        "Sec-Fetch-Site": "same-site",
        "Origin": "https://comments.example.org",
    },
    "same-site: our own subdomain": {
        "Sec-Fetch-Site": "same-site",
        "Origin": f"https://www.{HOST}",
    },
    "a value no browser sends": {"Sec-Fetch-Site": "bogus"},
    "none, with another Origin": {
        "Sec-Fetch-Site": "none",
        "Origin": "https://evil.example",
    },
    "another host": {"Origin": "https://evil.example"},
    "another scheme": {"Origin": f"http://{HOST}"},
    "another port": {"Origin": f"{OURS}:8443"},
    "null": {"Origin": "null"},
    "empty": {"Origin": ""},
    "our domain as a prefix": {"Origin": f"https://{HOST}.evil.example"},
    "our domain as a suffix": {"Origin": f"https://evil{HOST}"},
    "our domain after a hyphen": {"Origin": f"https://evil-{HOST}"},
    "a subdomain of ours": {"Origin": f"https://www.{HOST}"},
    "our parent domain": {"Origin": "https://example.org"},
    "another top-level domain": {"Origin": "https://insight.example.com"},
    "a trailing dot": {"Origin": f"{OURS}."},
    "our domain as a user name": {"Origin": f"https://{HOST}@evil.example"},
    "our address with a path": {"Origin": f"{OURS}/comments/"},
    "not a web address": {"Origin": "javascript:alert(1)"},
    "a bad port": {"Origin": f"{OURS}:99999"},
}

# A browser that says nothing of where the post came from: old browsers, or
# privacy settings. Referer is not believed: it is easily left out or kept.
UNSAID = {
    "no header at all": {},
    "Referer only, another site": {"Referer": "https://evil.example/page"},
    "Referer only, our site": {"Referer": f"{OURS}/insight/article/"},
    "none, and no Origin": {"Sec-Fetch-Site": "none"},
}

FROM_US = {
    "same-origin": {"Sec-Fetch-Site": "same-origin"},
    "same-origin with our Origin": {"Sec-Fetch-Site": "same-origin", "Origin": OURS},
    "our Origin": {"Origin": OURS},
    "our Origin with its default port": {"Origin": f"{OURS}:443"},
    "none, with our Origin": {"Sec-Fetch-Site": "none", "Origin": OURS},
}


@pytest.fixture(autouse=True)
def our_host(settings):
    settings.ALLOWED_HOSTS = [HOST, "testserver"]


def browser():
    """A browser that adds no header of its own."""
    return Client(HTTP_HOST=HOST)


def send(client, url, data, headers):
    return client.post(url, data, secure=True, headers=headers)


def comment_data(article, text=ATTACKER_TEXT, **fields):
    return comment_form_data(article, comment=text, email=ATTACKER_EMAIL, **fields)


def nothing_was_taken():
    return (
        not PendingComment.objects.exists()
        and not ArticleComment.objects.filter(comment=ATTACKER_TEXT).exists()
        and not CommentReport.objects.exists()
        and not mail.outbox
    )


def shows_no_link_to(page, host="evil.example"):
    return not re.search(rf"<a [^>]*href=\"[^\"]*{re.escape(host)}", page)


def forms_of(article):
    """Each form another site might post, as (name, url, data)."""
    parent = make_comment(article, comment="A parent comment.")
    post = reverse("discussion:post")
    return [
        ("comment", post, comment_data(article, post="")),
        ("preview", post, comment_data(article, preview="1")),
        (
            "reply",
            post,
            comment_data(
                article, f"In reply: {ATTACKER_TEXT}", reply_to=parent.pk, post=""
            ),
        ),
        ("report", report_url(parent), {"reason": "spam", "details": ATTACKER_TEXT}),
    ]


@pytest.mark.parametrize("headers", FROM_ELSEWHERE.values(), ids=FROM_ELSEWHERE)
def test_a_post_from_another_site_is_refused_and_takes_nothing(
    mailoutbox, article, headers
):
    for name, url, data in forms_of(article):
        response = send(browser(), url, data, headers)
        page = html(response)
        assert response.status_code == 403, name
        assert "was sent from another website" in page, name
        assert ATTACKER_TEXT not in page, name
        assert shows_no_link_to(page), name
        assert nothing_was_taken(), name


@pytest.mark.parametrize("headers", UNSAID.values(), ids=UNSAID)
def test_a_post_that_does_not_say_where_it_came_from_is_kept_to_send_again(
    mailoutbox, article, headers
):
    for name, url, data in forms_of(article):
        response = send(browser(), url, data, headers)
        page = html(response)
        assert response.status_code == 403, name
        assert "Check it, then send it again" in page, name
        # what they typed is in the form, as text, never as a preview or link
        assert "Cheap pills at https://evil.example/buy now</textarea>" in page, name
        assert "Your comment will look like this" not in page, name
        assert shows_no_link_to(page), name
        assert 'name="send_again"' in page, name
        assert nothing_was_taken(), name


def send_again_form(page):
    """The hidden fields and the reader's input of the page's form, as sent."""
    return dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    )


def test_a_reader_whose_browser_says_nothing_can_send_their_comment_again(
    mailoutbox, article
):
    reader = browser()
    data = comment_data(article, post="")
    first = send(reader, reverse("discussion:post"), data, {})
    proof = send_again_form(html(first))["send_again"]
    again = send(reader, reverse("discussion:post"), {**data, "send_again": proof}, {})
    assert again.status_code == 302
    assert [message.to for message in mailoutbox] == [[ATTACKER_EMAIL]]
    assert PendingComment.objects.get().comment == ATTACKER_TEXT


def test_a_reader_whose_browser_says_nothing_can_preview_then_report(
    mailoutbox, article
):
    reader = browser()
    preview = comment_data(article, "My words on it.", preview="1")
    proof = send_again_form(html(send(reader, reverse("discussion:post"), preview, {})))
    page = html(
        send(reader, reverse("discussion:post"), {**preview, **proof}, {}),
    )
    assert "Your comment will look like this" in page
    comment = make_comment(article)
    report = {"reason": "spam", "details": "Selling things."}
    first = send(reader, report_url(comment), report, {})
    assert re.search(r'value="spam"[^>]* checked', html(first))
    proof = send_again_form(html(first))
    assert send(reader, report_url(comment), {**report, **proof}, {}).status_code == 200
    assert CommentReport.objects.get().details == "Selling things."


@pytest.mark.parametrize(
    "proof",
    [
        {"field": None, "cookie": True},
        {"field": "", "cookie": True},
        {"field": "guessed-" + "x" * 32, "cookie": True},
        {"field": "same", "cookie": False},
        {"field": "same", "cookie": "forged"},
    ],
    ids=["no field", "empty field", "wrong field", "no cookie", "forged cookie"],
)
def test_the_send_again_proof_must_match_the_page_it_was_given_on(
    mailoutbox, article, proof
):
    reader = browser()
    data = comment_data(article, post="")
    given = send_again_form(html(send(reader, reverse("discussion:post"), data, {})))
    field = given["send_again"] if proof["field"] == "same" else proof["field"]
    if proof["cookie"] is False:
        reader.cookies.clear()
    elif proof["cookie"] == "forged":
        for name in list(reader.cookies):
            reader.cookies[name] = "forged-" + "y" * 32
    again = dict(data, send_again=field) if field is not None else data
    assert send(reader, reverse("discussion:post"), again, {}).status_code == 403
    assert nothing_was_taken()


def test_a_send_again_proof_does_not_let_another_site_post(mailoutbox, article):
    reader = browser()
    data = comment_data(article, post="")
    proof = send_again_form(html(send(reader, reverse("discussion:post"), data, {})))
    response = send(
        reader,
        reverse("discussion:post"),
        {**data, **proof},
        FROM_ELSEWHERE["cross-site"],
    )
    assert response.status_code == 403
    assert nothing_was_taken()


@pytest.mark.parametrize("headers", FROM_US.values(), ids=FROM_US)
def test_a_post_from_our_own_pages_is_taken(mailoutbox, article, headers):
    for name, url, data in forms_of(article):
        response = send(browser(), url, data, headers)
        assert response.status_code in (200, 302), name
    assert len(mailoutbox) == 2  # the comment and the reply
    assert CommentReport.objects.count() == 1


def test_an_origin_the_operator_trusts_is_taken(mailoutbox, article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://public.example.org"]
    response = send(
        browser(),
        reverse("discussion:post"),
        comment_data(article, post=""),
        {"Origin": "https://public.example.org"},
    )
    assert response.status_code == 302
    wildcard = "https://*.example.org"
    settings.CSRF_TRUSTED_ORIGINS = [wildcard]
    refused = send(
        browser(),
        reverse("discussion:post"),
        comment_data(article, "Other words.", post=""),
        {"Origin": "https://evil.example.org"},
    )
    assert refused.status_code == 403
