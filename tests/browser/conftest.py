"""Real-browser tests: Playwright drives Debian's Chromium against live_server.

Without Chromium these tests are skipped, unless INSIGHT_REQUIRE_BROWSER is set
(as CI does), when they fail instead.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

from articles.models import Article, Perspective
from discussion.models import ModerationPolicy
from discussion.notifications import mute_key
from tests.factories import make_comment, make_moderator

# Playwright's sync API keeps an event loop running in the test thread, which
# Django would otherwise take for async code and refuse ORM calls from.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # Chromium's own calls home are refused on a closed network and stall it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What changes with the colour scheme, checked again in the dark one.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
SEED_SLUG = "anyone-can-be-a-systems-leader"
MODERATOR_PASSWORD = "moderate-with-care-42"

# Every kind of page a reader can meet, by the name tests use for it.
PUBLIC_PAGES = [
    "index",
    "index for one perspective",
    "index for one topic",
    "topic page",
    "article with topics and related articles",
    "article with a long discussion",
    "article discussion filtered by perspective",
    "article discussion filtered by stance",
    "what we heard",
    "what we heard data dictionary",
    "article with comments closed",
    "comment form with errors",
    "comment preview",
    "check your email",
    "publish your comment",
    "comment published",
    "comment awaiting moderation",
    "reply page",
    "report page",
    "report with errors",
    "report thanks",
    "muted",
    "comments closed refusal",
    "broken link refusal",
    "perspective list",
    "perspective detail",
    "search form",
    "search results",
    "search with no results",
    "search with a suggestion",
    "search in American spelling",
    "comments policy",
    "privacy notice",
    "accessibility statement",
    "page not found",
    "answer page",
    "answer page after answering",
    "withdraw answers",
]


def chromium_path():
    return (
        os.environ.get("INSIGHT_CHROMIUM")
        or shutil.which("chromium")
        or "/usr/bin/chromium"
    )


def pytest_generate_tests(metafunc):
    if "public_page" in metafunc.fixturenames:
        metafunc.parametrize("public_page", PUBLIC_PAGES)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep a full-page screenshot of every open page when a test fails."""
    report = yield
    browser = item.funcargs.get("browser")
    if report.when == "call" and report.failed and browser is not None:
        name = re.sub(r"[^\w.-]+", "-", item.nodeid).strip("-")
        folder = Path(item.config.getoption("--output")) / name
        folder.mkdir(parents=True, exist_ok=True)
        pages = [page for context in browser.contexts for page in context.pages]
        for number, page in enumerate(pages, start=1):
            try:
                page.screenshot(path=folder / f"failed-{number}.png", full_page=True)
            except PlaywrightError as error:  # a closed or crashed page
                report.sections.append(("screenshot", str(error)))
    return report


@pytest.fixture(scope="session")
def chromium_executable():
    path = chromium_path()
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    message = (
        f"Chromium not found at {path}: install it with `apt-get install chromium`, "
        "or set INSIGHT_CHROMIUM to a Chromium executable"
    )
    if os.environ.get("INSIGHT_REQUIRE_BROWSER", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_executable):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_executable,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _needs_chromium(chromium_executable):
    """Skip (or fail) before building any data when there is no browser."""


@pytest.fixture(autouse=True)
def site_url(settings, live_server):
    """Links in e-mails point at the live server."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def seed(live_server):
    call_command("loaddata", "seed", "pages", verbosity=0)
    return Article.objects.get(slug=SEED_SLUG)


@pytest.fixture
def article_url(live_server, seed):
    return live_server.url + seed.get_absolute_url()


@pytest.fixture
def add_comment(seed):
    """Add a comment to the seed article, as if confirmed by its author."""

    def add(text="A comment.", name="Asha", parent=None, **fields):
        email = f"{name.lower().replace(' ', '.')}@example.org"
        return make_comment(
            seed, parent, comment=text, user_name=name, user_email=email, **fields
        )

    return add


@pytest.fixture
def long_discussion(seed, add_comment):
    """Forty comments in threads, from every perspective, some on points."""
    perspectives = list(Perspective.objects.all())
    points = list(seed.points.all())
    comments = []
    for number in range(1, 17):
        top = add_comment(
            f"Comment {number}. Systems leadership needs time and trust, and "
            "https://example.org/evidence/systems-leadership-in-practice shows it.",
            name=f"Reader {number}",
            perspective=perspectives[number % len(perspectives)],
            point=points[number] if number % 3 == 0 else None,
        )
        reply = add_comment(
            f"A reply to comment {number}.\nWith a second line.",
            name=f"Replier {number}",
            parent=top,
            perspective=perspectives[(number + 2) % len(perspectives)],
        )
        comments += [top, reply]
        if number % 2:
            comments.append(
                add_comment(
                    f"A reply to the reply on comment {number}.",
                    name=f"Third voice {number}",
                    parent=reply,
                )
            )
    return comments


@pytest.fixture
def sam(django_user_model):
    """Sam, a member of the Moderators group, who signs in with a password."""
    user = make_moderator(django_user_model, "sam", "Sam")
    user.set_password(MODERATOR_PASSWORD)
    user.save()
    return user


@pytest.fixture
def moderator(moderator):
    """The queue's moderator, who may also set the policy, with a password."""
    moderator.set_password(MODERATOR_PASSWORD)
    moderator.save()
    moderator.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_moderationpolicy", "change_moderationpolicy"]
        )
    )
    return moderator


@pytest.fixture
def sign_in(live_server):
    def sign_in(page, user, password=MODERATOR_PASSWORD):
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("heading", name="Site administration").wait_for()

    return sign_in


@pytest.fixture
def confirmation_link():
    """The link in the newest e-mail asking a commenter to confirm."""

    def link():
        bodies = [
            message.body
            for message in mail.outbox
            if message.subject.startswith("Confirm your comment")
        ]
        assert bodies, "no confirmation e-mail was sent"
        return re.search(r"https?://\S+/comments/confirm/\S+", bodies[-1])[0]

    return link


def add_topics_and_related(article):
    article.topics.add("Systems leadership", "Public services")
    related = Article.objects.create(
        title="Leading across boundaries",
        slug="leading-across-boundaries",
        standfirst="What partners learn from working together.",
        status=Article.Status.PUBLISHED,
    )
    related.topics.add("Public services")


def fill_comment(page, text="Partnership takes time.", name="Asha"):
    form = page.locator("#comment-form")
    form.get_by_label("Comment", exact=True).fill(text)
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Email address").fill(f"{name.lower()}@example.org")
    return form


@pytest.fixture
def open_page(request, live_server, seed, article_url, add_comment):
    """Bring up a page from PUBLIC_PAGES, the way a reader gets to it."""
    url = live_server.url

    def send_comment(page):
        page.goto(article_url)
        fill_comment(page).get_by_role("button", name="Send comment").click()
        page.get_by_role("heading", name="Check your email").wait_for()

    def close_comments():
        seed.allow_comments = False
        seed.save()

    def open_page(page, name):
        if name.startswith("article"):
            request.getfixturevalue("long_discussion")
        match name:
            case "index":
                page.goto(url + "/")
            case "index for one perspective":
                page.goto(url + "/?perspective=senior-managers")
            case "index for one topic":
                seed.topics.add("Systems leadership")
                page.goto(url + "/?topic=systems-leadership")
            case "topic page":
                seed.topics.add("Systems leadership")
                page.goto(url + "/topics/systems-leadership/")
            case "article with topics and related articles":
                add_topics_and_related(seed)
                page.goto(article_url)
            case "article with a long discussion":
                page.goto(article_url)
            case "article discussion filtered by perspective":
                page.goto(article_url + "?perspective=councillors#discussion")
            case "article discussion filtered by stance":
                point = seed.points.first()
                add_comment("I agree.", name="Ola", point=point, stance="agree")
                add_comment("Featured.", name="Kit", is_featured=True)
                page.goto(article_url + "?stance=agree#discussion")
            case "what we heard":
                request.getfixturevalue("long_discussion")
                point = seed.points.first()
                for number in range(12):
                    stance = ["agree", "disagree", "mixed"][number % 3]
                    add_comment(f"Stance {number}.", point=point, stance=stance)
                add_comment("Featured.", name="Kit", is_featured=True)
                page.goto(url + f"/insight/{seed.slug}/what-we-heard/")
            case "what we heard data dictionary":
                page.goto(url + f"/insight/{seed.slug}/what-we-heard/data/")
            case "article with comments closed":
                close_comments()
                page.goto(article_url)
            case "comment form with errors":
                page.goto(article_url)
                page.get_by_role("button", name="Send comment").click()
                page.get_by_role("heading", name="There is a problem").wait_for()
            case "comment preview":
                page.goto(article_url)
                fill_comment(page).get_by_role("button", name="Preview").click()
                page.get_by_role("heading", name="Check your comment").wait_for()
            case "check your email":
                send_comment(page)
            case "publish your comment":
                send_comment(page)
                page.goto(request.getfixturevalue("confirmation_link")())
            case "comment published":
                send_comment(page)
                page.goto(request.getfixturevalue("confirmation_link")())
                page.get_by_role("button", name="Publish my comment").click()
                page.get_by_role("heading", name="comment is published").wait_for()
            case "comment awaiting moderation":
                ModerationPolicy.objects.update_or_create(
                    pk=1, defaults={"hold_all": True}
                )
                send_comment(page)
                page.goto(request.getfixturevalue("confirmation_link")())
                page.get_by_role("button", name="Publish my comment").click()
                page.get_by_role("heading", name="awaiting moderation").wait_for()
            case "reply page":
                page.goto(url + f"/comments/reply/{add_comment().pk}/")
            case "report page":
                page.goto(url + f"/comments/report/{add_comment().pk}/")
            case "report with errors":
                page.goto(url + f"/comments/report/{add_comment().pk}/")
                page.get_by_role("button", name="Send report").click()
                page.get_by_role("heading", name="There is a problem").wait_for()
            case "report thanks":
                page.goto(url + f"/comments/report/{add_comment().pk}/")
                page.get_by_label("It is spam or advertising").check()
                page.get_by_role("button", name="Send report").click()
                page.get_by_role("heading", name="Thank you for your report").wait_for()
            case "muted":
                key = mute_key(seed, "asha@example.org")
                page.goto(url + f"/comments/mute/{key}/")
            case "comments closed refusal":
                comment = add_comment()
                close_comments()
                page.goto(url + f"/comments/reply/{comment.pk}/")
            case "broken link refusal":
                page.goto(url + "/comments/confirm/not-a-real-key/")
            case "perspective list":
                page.goto(url + "/perspectives/")
            case "perspective detail":
                page.goto(url + "/perspectives/frontline-staff/")
            case "search form":
                page.goto(url + "/search/")
            case "search results":
                page.goto(url + "/search/?q=partnership+leadership")
            case "search with no results":
                page.goto(url + "/search/?q=zebra")
            case "search with a suggestion":
                page.goto(url + "/search/?q=sistems+leadr")
            case "search in American spelling":
                page.goto(url + "/search/?q=organizations")
            case "comments policy":
                page.goto(url + "/comments-policy/")
            case "privacy notice":
                page.goto(url + "/privacy/")
            case "accessibility statement":
                page.goto(url + "/accessibility/")
            case "page not found":
                page.goto(url + "/no-such-page/")
            case "answer page":
                point = seed.points.first()
                page.goto(url + f"/insight/{seed.slug}/points/{point.pk}/answer/")
            case "answer page after answering":
                point = seed.points.first()
                page.goto(url + f"/insight/{seed.slug}/points/{point.pk}/answer/")
                page.get_by_role("button", name="Agree", exact=True).click()
                page.locator(
                    "[data-answer-counts]",
                    has_text="Answers so far: fewer than 5 agree",
                ).wait_for()
            case "withdraw answers":
                page.goto(url + "/answers/withdraw/")
            case _:
                raise AssertionError(f"no page called {name!r}")

    return open_page


def axe_violations(page, rules=None, tolerated=()):
    """What axe-core finds on the page against WCAG 2.2 A and AA.

    tolerated lists (rule id, CSS selector, reason): a failure of that rule
    inside an element the selector matches is left out.
    """
    if not page.evaluate("() => Boolean(window.axe)"):
        # evaluated rather than added as a <script>, so no content security
        # policy can block it
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    if rules:
        run_only = {"type": "rule", "values": rules}
    else:
        run_only = {"type": "tag", "values": WCAG_AA_TAGS}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    return page.evaluate(
        """async ([options, tolerated]) => {
            const results = await window.axe.run(document, options);
            const isTolerated = (rule, target) => tolerated.some(
                ([id, scope]) => id === rule
                    && document.querySelector(target[0])?.closest(scope));
            return results.violations.map(violation => ({
                ...violation,
                nodes: violation.nodes.filter(
                    node => !isTolerated(violation.id, node.target)),
            })).filter(violation => violation.nodes.length);
        }""",
        [options, [list(item[:2]) for item in tolerated]],
    )


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']} ({violation['impact']})")
        for node in violation["nodes"][:6]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            lines.append(f"      {' '.join(node['failureSummary'].split())}")
    return "\n".join(lines)


@pytest.fixture
def check_axe():
    """Assert axe finds nothing, in the light colour scheme and the dark one."""

    def check(page, tolerated=()):
        page.emulate_media(color_scheme="light")
        found = axe_violations(page, tolerated=tolerated)
        assert not found, f"axe on {page.url}:\n{describe(found)}"
        page.emulate_media(color_scheme="dark")
        # let colour transitions (Django's admin has some) finish first
        page.evaluate(
            "() => Promise.all(document.getAnimations().map(a => a.finished))"
        )
        found = axe_violations(page, COLOUR_RULES, tolerated)
        page.emulate_media(color_scheme="light")
        assert not found, f"axe on {page.url}, dark colour scheme:\n{describe(found)}"

    return check


def loaded_width(image):
    """An <img> locator's natural width once it has loaded (0 if it fails):
    waits for it, as a busy server may send it late."""
    return image.evaluate(
        """img => img.complete ? img.naturalWidth : new Promise(done => {
            img.addEventListener("load", () => done(img.naturalWidth));
            img.addEventListener("error", () => done(0));
        })"""
    )
