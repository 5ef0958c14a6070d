"""Huge, negative, non-numeric and non-ASCII values in every public form and
address: a clear page or form error, never a server error, on SQLite and
PostgreSQL alike.

The forms and addresses are found by walking the site as a reader does, from
the front page and the links e-mails carry, and every public route of the
URLconf must have been reached: a new page or form is fuzzed without a word
here, and a route no reader can reach fails the walk until it is seeded."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from articles.sharing import share_preview
from discussion.notifications import mute_key
from tests.factories import make_article, make_author, make_comment
from tests.helpers import FROM_OUR_PAGES, link_in, post_comment
from tests.pagecache.test_every_route import routes

pytestmark = [
    pytest.mark.django_db,
    # a page version named from a huge slug: too long for memcached, which
    # the site does not use
    pytest.mark.filterwarnings("ignore::django.core.cache.CacheKeyWarning"),
]

HOSTILE = [
    "",
    "0",
    "-1",
    "-9223372036854775809",
    "9223372036854775808",
    "9" * 400,
    "1e309",
    "NaN",
    "-inf",
    "1.5",
    "0x1F",
    "١٢٣",  # Arabic-Indic digits
    "𝟏𝟐",  # mathematical digits
    "Zoë 日本語 😀",
    "\u202egnp.exe",
    "a\x00b",
    "\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../etc/passwd",
    "a" * 300 + "@example.org",
    "x" * 100_000,
]


PLAIN = "Plain words"


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    settings.DISCUSSION_RATE_LIMITS = dict.fromkeys(
        django_settings.DISCUSSION_RATE_LIMITS, "100000/m"
    )
    settings.DISCUSSION_CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 100000
    settings.DISCUSSION_CONFIRMATIONS_PER_HOUR = 100000


class _Page(HTMLParser):
    """The site links and forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": {},
                "submits": [],
            }
            self.forms.append(self._form)
        elif tag == "option" and self._select:
            # a list: its first choice stands for all
            self._form["fields"].setdefault(self._select, attrs.get("value", ""))
        elif tag in ("input", "textarea", "select", "button") and self._form:
            name, kind = attrs.get("name"), attrs.get("type", "text")
            if not name:
                return
            value = attrs.get("value") or ""
            if tag == "select":
                self._select = name
                return
            if tag == "textarea" or kind in ("text", "search", "email"):
                # what a reader would type, so each hostile value is judged
                # alone (the honeypot stays empty, as a person leaves it)
                typed = "reader@example.org" if kind == "email" else PLAIN
                value = value or ("" if "honeypot" in name else typed)
            elif kind == "submit" or tag == "button":
                self._form["submits"].append((name, value))  # one sent at a time
                return
            elif kind in ("radio", "checkbox"):
                value = attrs.get("value", "on")  # the first stands for all
            self._form["fields"].setdefault(name, value)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form":
            self._form = None


def parse(response):
    page = _Page()
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        page.feed(response.content.decode())
    elif "xml" in content_type:  # sitemaps and feeds link by full address
        found = re.findall(r"<(?:loc|link)>([^<]+)<", response.content.decode())
        page.links = [urlsplit(url).path for url in found]
    return page


def route_of(path):
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


def is_public(path):
    return path.startswith("/") and not path.startswith(("/admin/", "/static/"))


@pytest.fixture
def site(article, mailoutbox, client):
    """Something behind every kind of public page: an article with points,
    comments to reply to and report, a confirmation link and a mute link."""
    call_command("loaddata", "pages", verbosity=0)  # the policy and privacy pages
    article.author = make_author()
    article.save()
    article.topics.add("Leadership")
    comment = make_comment(article, comment="Something to answer.", followup=True)
    make_comment(article, parent=comment, comment="An answer.")
    assert post_comment(client, article, comment="Waiting.").status_code == 302
    point = article.points.first()
    answer_page = f"/insight/{article.slug}/points/{point.pk}/answer/"
    # the walking reader has answered, so is offered to withdraw it
    assert client.post(answer_page + "send/", {"answer": "agree"}).status_code == 302
    # a draft shared with an outside author by its link
    shared = share_preview(make_article(status="draft", slug="shared-draft"), None)
    return [
        shared.get_absolute_url(),
        "/",
        "/robots.txt",
        "/favicon.ico",
        "/healthz",
        "/metrics",  # the monitoring hosts' (the test client's address is one)
        "/sitemap.xml",
        "/media/articles/nothing.jpg",
        "/answers/withdraw/",
        f"/insight/{article.slug}/comments/sent/",
        link_in(mailoutbox[-1], "confirm"),
        f"/comments/mute/{mute_key(article, comment.user_email)}/",
        f"/comments/reply/{comment.pk}/",
        f"/comments/report/{comment.pk}/",
        f"/comments/{comment.pk}/",
        answer_page,
        # what the article page's script asks for: never linked
        f"/insight/{article.slug}/answers/mine.json",
        f"/search/?q={article.title.split()[0]}",
    ]


def walk(client, seeds, limit=250):
    """Every public page reachable from the seeds: {path: parsed page}."""
    pages, queue = {}, list(seeds)
    while queue and len(pages) < limit:
        path = queue.pop(0).split("#", 1)[0]
        if path in pages or not is_public(path) or route_of(path) is None:
            continue
        response = client.get(path)
        assert response.status_code < 500, path
        pages[path] = parse(response)
        queue.extend(link for link in pages[path].links if is_public(link))
    return pages


def public_forms(pages):
    """Each distinct public form, once for each of its buttons: (page,
    action, method, fields)."""
    seen, forms = set(), []
    for path, page in pages.items():
        for form in page.forms:
            action = form["action"] or path
            if not is_public(action):
                continue
            for submit in form["submits"] or [None]:
                fields = dict([submit]) if submit else {}
                fields.update(form["fields"])
                # the search box in every page's header is one form; the
                # reply form (no point to choose) is not the comment box
                key = (route_of(action), tuple(sorted(fields)))
                if key not in seen:
                    seen.add(key)
                    forms.append((path, action, form["method"], fields))
    return forms


@pytest.fixture
def walked(site, client):
    """Every public page a reader reaches, and every distinct form on them;
    every public route must be among them."""
    pages = walk(client, site)
    forms = public_forms(pages)
    reached = {route_of(path) for path in pages} | {
        route_of(action) for _page, action, _method, _fields in forms
    }
    assert sorted({route for route, _view in routes()} - reached) == []
    return pages, forms


class Sender:
    """Sends hostile requests, and notes each that the server fails."""

    def __init__(self):
        self.client = Client(raise_request_exception=False, headers=FROM_OUR_PAGES)
        self.failures, self.tried = [], 0

    def __call__(self, method, path, data, hostile):
        self.tried += 1
        # new words each time: the same text twice is refused as a duplicate
        data = {k: f"{v} {self.tried}" if v == PLAIN else v for k, v in data.items()}
        response = getattr(self.client, method)(path, data)
        if response.status_code >= 500:
            self.failures.append((method.upper(), route_of(path), hostile))


def test_every_public_form_answers_hostile_values_without_an_error(walked):
    _pages, forms = walked
    assert {route_of(action) for _page, action, _method, _fields in forms} >= {
        "comments/post/",
        "comments/report/<id:pk>/",
        "comments/confirm/<str:token>/",
        "comments/mute/<str:key>/",
        "insight/<slug:slug>/points/<id:point_id>/answer/send/",
        "answers/withdraw/",
        "search/",
    }
    send = Sender()

    for _page, action, method, fields in forms:
        method = "post" if method == "post" else "get"
        for name in fields:
            for value in HOSTILE:
                send(method, action, {**fields, name: value}, (name, value[:30]))
            absent = {k: v for k, v in fields.items() if k != name}
            send(method, action, absent, (name, "absent"))
        for value in HOSTILE[:8]:
            send(method, action, dict.fromkeys(fields, value), ("all", value))

    assert send.failures == []
    assert send.tried > 700


def test_every_public_address_answers_hostile_values_without_an_error(walked):
    pages, _forms = walked
    send = Sender()

    # each address once: its query parameters as the site's links write
    # them, and its own parts in place of the real ones
    for address in {route_of(path): path for path in pages}.values():
        path, query = urlsplit(address).path, urlsplit(address).query
        for name in {name for name, _ in parse_qsl(query)} | {"page"}:
            for value in HOSTILE:
                send("get", f"{path}?{urlencode({name: value})}", {}, (name, value))
        send("post", path, {"x": HOSTILE[-1]}, ("x", "huge"))
        for part in re.findall(r"[^/]+", path):
            for value in HOSTILE[1:16]:
                send(
                    "get", path.replace(f"/{part}/", f"/{value}/", 1), {}, (part, value)
                )

    assert send.failures == []
    assert send.tried > 700
