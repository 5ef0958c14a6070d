"""What tests do as a reader, commenter or moderator would, and how they read
the pages they get back. Fixtures live in conftest.py; test data in
factories.py."""

import hashlib
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from html.parser import HTMLParser

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse
from django.utils import timezone
from redis.exceptions import RedisError

from discussion.forms import CommentForm
from discussion.models import ArticleComment


def clear_caches():
    for cache in caches.all():
        if isinstance(cache, RedisCache):
            clear_own_keys(cache)
        else:
            cache.clear()


def clear_own_keys(cache):
    """Delete the keys under this cache's prefix. RedisCache.clear() would
    empty the whole Redis database, and with it the keys of the tests other
    pytest-xdist workers are running."""
    try:
        server = cache._cache.get_client(write=True)
        keys = list(server.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            server.delete(*keys)
    except RedisError:
        pass  # a Redis a test has made unreachable has nothing to clear


# Today's browsers say where a post was made (Sec-Fetch-Site), and the
# discussion's forms refuse a post another site's page made: tests post as a
# reader does from the site's own pages. test_posts_from_other_sites.py sends
# every other case.
FROM_OUR_PAGES = {"Sec-Fetch-Site": "same-origin"}


# --- reading pages -------------------------------------------------------------


def html(response):
    return response.content.decode()


def main_content(response):
    """The HTML inside <main>, where each page says what it is for."""
    page = response.content.decode()
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def listed_titles(response):
    """The article titles on an index page, top to bottom."""
    return re.findall(
        r'class="article-summary__title"><a href="[^"]*">([^<]*)</a>',
        response.content.decode(),
    )


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- commenting ----------------------------------------------------------------


def comment_form_data(article, **fields):
    """What the comment box sends: its signed hidden fields plus the reader's
    input. perspective and point may be objects or pks; followup a bool."""
    initial = CommentForm(article).initial
    data = {
        name: initial[name]
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update(
        reply_to=0,
        comment="A thoughtful comment.",
        name="Alex",
        email="alex@example.org",
        honeypot="",
        perspective="",
        point="",
    )
    followup = fields.pop("followup", False)
    if followup:
        data["followup"] = "on"
    for key, value in fields.items():
        data[key] = getattr(value, "pk", value)
    return data


def post_comment(client, article, **fields):
    """Send the comment box for article, as a reader's browser would."""
    return client.post(reverse("discussion:post"), comment_form_data(article, **fields))


def link_in(mail, name):
    """The path of the site link called name ("confirm" or "mute") in a mail."""
    site = re.escape(settings.SITE_URL.rstrip("/"))
    found = re.search(rf"{site}(/comments/{name}/[^/\s]+/)", mail.body)
    assert found, f"no {name} link in: {mail.body}"
    return found.group(1)


def confirm(client, mail):
    """Open the link in a confirmation e-mail and press "Publish my comment";
    returns the page that answers."""
    link = link_in(mail, "confirm")
    assert client.get(link).status_code == 200
    return client.post(link)


def post_and_confirm(client, mailoutbox, article, **fields):
    """Post a comment as a reader and confirm it from the e-mail (which is
    taken out of the outbox); returns the confirmation page."""
    sent_before = len(mailoutbox)
    response = post_comment(client, article, **fields)
    assert response.status_code == 302, response.content.decode()
    return confirm(client, mailoutbox.pop(sent_before))


def newest_comment():
    return ArticleComment.objects.order_by("-pk").first()


def report_url(comment_or_pk):
    pk = getattr(comment_or_pk, "pk", comment_or_pk)
    return reverse("discussion:report", args=[pk])


# --- moderating ----------------------------------------------------------------


def queue_url():
    return reverse("admin:discussion_articlecomment_changelist")


def queue(client, **params):
    """The comments the moderation queue lists, in its order."""
    response = client.get(queue_url(), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def queue_row(response, comment):
    """The HTML of one comment's row in the queue."""
    rows = re.findall(r"<tr>.*?</tr>", response.content.decode(), re.DOTALL)
    found = [row for row in rows if f'value="{comment.pk}"' in row]
    assert len(found) == 1
    return found[0]


def moderate(client, action, comments):
    """Run a moderation action ("approve", "remove") on comments in the queue."""
    return client.post(
        queue_url(),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
    )


def mail_to(mailoutbox, address):
    return [message for message in mailoutbox if address in message.to]


# --- discussion tests ----------------------------------------------------------

FAILING_BACKEND = "tests.failing_email.FailingEmailBackend"


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def plain_hashes(*values):
    """Every unkeyed hex digest hashlib offers of each value: what anyone
    could work out from a guessed address or a copied cookie id."""
    names = hashlib.algorithms_guaranteed - {"shake_128", "shake_256"}
    return {
        hashlib.new(name, value.encode()).hexdigest()
        for name in names
        for value in values
    }


def article_form(points=(), **fields):
    """What an editor posts from the admin's article form: a published
    article, with points given as (text, perspective) pairs."""
    data = {
        "title": "Written in the admin",
        "slug": "written-in-the-admin",
        "standfirst": "A standfirst.",
        "introduction": "",
        "attribution": "",
        "author": "",
        "status": "published",
        "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_1": "00:00:00",
        "allow_comments": "on",
        "points-TOTAL_FORMS": str(len(points)),
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for number, (text, perspective) in enumerate(points):
        data[f"points-{number}-text"] = text
        data[f"points-{number}-perspective"] = perspective.pk
        data[f"points-{number}-position"] = number
    return data | fields


# Hostile input: markup and script, SQL, overlong text, control characters and
# text in many scripts, as a reader might type it into a form or a query.

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click me</a>',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<<script>alert(1);//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
    "<svg><script>alert(1)</script></svg>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    '<style>@import "javascript:alert(1)";</style>',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>moving</marquee>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "` onmouseover=alert(1)",
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    'https://example.org/"><script>alert(1)</script>',
    "http://example.org/?q=<script>alert(1)</script>",
    'www.example.org/"onmouseover="alert(1)',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<a href=https://example.org onclick=alert(1)>a link</a>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "{{ 7*7 }} {% debug %} ${7*7} #{7*7}",
    "<!-- unclosed comment",
    "]]><![CDATA[<script>alert(1)</script>",
    "<template><script>alert(1)</script></template>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<x contenteditable onblur=alert(1)>lose focus!</x>",
    "<img src=1 onerror=alert(document.cookie)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<div onpointerover=alert(1)>hover here</div>",
    '<button formaction="javascript:alert(1)">press</button>',
]
SQL = [
    "' OR '1'='1",
    "'; DROP TABLE django_comments; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)--",
    "admin'--",
    "' UNION SELECT username, password FROM auth_user--",
    "%' AND 1=1 --",
    "\\'; --",
    "1' AND SLEEP(5)#",
    "'); DELETE FROM articles_article; --",
    "%",
    "_",
    "%%__%%",
    "\\",
    "' OR 1=1 LIMIT 1 --",
    "1' ORDER BY 1--+",
    '" OR 1=1; --',
]
LONG = [
    "x" * 3000,
    "x" * 3001,
    "word " * 700,
    "n" * 50,
    "n" * 51,
    "🙂" * 3000,
    "a" * 10_000,
]
CONTROL = [
    "nul \x00 inside",
    "bell \x07 and backspace \x08",
    "start of heading \x01\x02\x03",
    "windows\r\nline breaks\r\n",
    "tab\tseparated\tvalues",
    "escape \x1b[31mred\x1b[0m",
    "right-to-left \u202e override",
    "zero\u200bwidth\u200bspaces",
    "\ufeffbyte order mark",
    "delete \x7f character",
    "line\u2028separator",
    "vertical\x0btab and form\x0cfeed",
]
SCRIPTS = [
    "Привет, мир: системное лидерство",
    "こんにちは世界、システム・リーダーシップ",
    "مرحبا بالعالم - القيادة",
    "שלום עולם",
    "नमस्ते दुनिया",
    "Ελληνικά και English μαζί",
    "한국어 텍스트",
    "Cymraeg: ŵŷ âêîôû",
    "🙂👍🏽👨‍👩‍👧‍👦 🏴󠁧󠁢󠁷󠁬󠁳󠁿",
    "Z̷̢a̴l̸g̵o̶ t̷e̸x̵t̶",
    "ǅemo Ⓐ 𝕬𝖇𝖈 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "mixed العربية and English and 中文 😀",
    "ﷺ ﷽ long ligatures",
    "Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ",
    "e\u0301 combining accent and é precomposed",
]
CORPUS = XSS + SQL + LONG + CONTROL + SCRIPTS
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "xlink:href"}


class _Markup(HTMLParser):
    """The tags on a page and any attribute that would run script."""

    def __init__(self):
        super().__init__()
        self.tags = set()
        self.scripting = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.scripting.append(f"{tag} {name}=")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.scripting.append(f"{tag} {name}=javascript:")


def markup(page):
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return parser


def tags(page):
    return markup(page).tags


def problems_in(page, value, allowed_tags):
    """How hostile input broke out of its text on a page, if it did."""
    problems = []
    if "<" in value and value in page:
        problems.append("shown unescaped")
    found = markup(page)
    if extra := found.tags - allowed_tags:
        problems.append(f"new tags {sorted(extra)}")
    problems.extend(found.scripting)
    return problems


# --- article tests -------------------------------------------------------------


def text_of(markup):
    """What a reader sees of some HTML: the words, without tags or extra spacing."""
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def days_ago(days):
    return timezone.now() - timedelta(days=days)


# --- platform tests ------------------------------------------------------------


def production_env(**overrides):
    """The environment of a production app server, for a subprocess."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_")
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="insight.example.gov.uk",
        SITE_URL="https://insight.example.gov.uk",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_BEHIND_PROXY="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run_python(*args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def csrf_checked_client(user):
    """A test client signed in as the user, checking CSRF as browsers make it."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client
