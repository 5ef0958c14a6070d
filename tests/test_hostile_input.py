"""Hostile input through the real comment form and search box: nothing runs,
nothing breaks the page, every refusal says why, valid text is kept as typed."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from discussion.forms import CONTROL_CHARACTERS
from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_article, make_perspective
from tests.helpers import comment_form_data

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


def markup(html):
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def test_the_corpus_has_at_least_a_hundred_distinct_inputs():
    assert len(set(CORPUS)) == len(CORPUS) >= 100


@pytest.fixture(autouse=True)
def room_for_many_comments(settings, db):
    settings.DISCUSSION_RATE_LIMITS = dict.fromkeys(
        settings.DISCUSSION_RATE_LIMITS, "10000/m"
    )
    settings.DISCUSSION_THREADS_PER_PAGE = 10_000
    ModerationPolicy.objects.update_or_create(pk=1, defaults={"hold_links_at": None})


@pytest.fixture
def article(db):
    perspective = make_perspective(name="Frontline staff", slug="frontline-staff")
    return make_article(
        title="Hostile piece", points=[(perspective, "A point to respond to")]
    )


def tags(html):
    return markup(html).tags


def post(client, article, **fields):
    data = comment_form_data(article, **fields)
    return client.post(reverse("discussion:post"), {**data, "post": ""})


def problems_in(html, value, allowed_tags):
    """How hostile input broke out of its text on a page, if it did."""
    problems = []
    if "<" in value and value in html:
        problems.append("shown unescaped")
    found = markup(html)
    if extra := found.tags - allowed_tags:
        problems.append(f"new tags {sorted(extra)}")
    problems.extend(found.scripting)
    return problems


def refusal_message(html):
    """The reasons a refusal gives, or [] if it gives none."""
    summary = re.search(r'class="error-summary".*?</div>', html, re.S)
    if summary:
        return [
            text.strip()
            for text in re.findall(r"<li>(?:<a [^>]*>)?([^<]+)", summary.group())
            if text.strip()
        ] or re.findall(r"<p>([^<]+)</p>", summary.group())
    return re.findall(r"<h1>([^<]*could not[^<]*)</h1>", html)


def check_field(admin_client, article, field, values, expect_stored):
    """Post each value in one field; report what went wrong, if anything."""
    baseline = post(admin_client, article, comment="", name="Baseline")
    assert baseline.status_code == 400
    form_tags = tags(baseline.content.decode())
    report = []
    for number, value in enumerate(values):
        fields = {"comment": f"Case {number} in {field}.", field: value}
        try:
            response = post(admin_client, article, **fields)
        except Exception as error:  # the client re-raises what would be a 500
            report.append((field, value[:40], f"raised {type(error).__name__}"))
            continue
        status = response.status_code
        html = response.content.decode()
        if status not in (200, 302, 400):
            report.append((field, value[:40], f"status {status}"))
        elif status == 400:
            for problem in problems_in(html, value, form_tags):
                report.append((field, value[:40], problem))
            if not refusal_message(html):
                report.append((field, value[:40], "refused without a reason"))
        elif status == 302 and not expect_stored(fields):
            report.append((field, value[:40], "not stored exactly as typed"))
    return report


def test_hostile_comment_text_is_kept_as_typed_or_refused_with_a_reason(
    admin_client, article
):
    def stored(fields):
        return ArticleComment.objects.filter(comment=fields["comment"]).count() == 1

    def as_typed(fields):
        return stored(fields) and fields["comment"] in CORPUS

    report = check_field(admin_client, article, "comment", CORPUS, as_typed)
    assert report == []
    stored_texts = set(ArticleComment.objects.values_list("comment", flat=True))
    refused = [value for value in CORPUS if value not in stored_texts]
    # Only what the form's rules refuse: too long, or control characters that
    # no one means to type and the feeds cannot carry.
    assert refused == [
        value
        for value in CORPUS
        if len(value) > 3000 or CONTROL_CHARACTERS.search(value)
    ]


def test_hostile_names_are_kept_as_typed_or_refused_with_a_reason(
    admin_client, article
):
    def stored(fields):
        name = fields["name"].strip()
        return ArticleComment.objects.filter(
            comment=fields["comment"], user_name=name
        ).exists()

    assert check_field(admin_client, article, "name", CORPUS, stored) == []


@pytest.mark.parametrize("field", ["email", "perspective", "point", "reply_to"])
def test_hostile_choices_and_addresses_are_refused_with_a_reason(
    admin_client, article, field
):
    def stored(fields):
        return ArticleComment.objects.filter(comment=fields["comment"]).exists()

    assert check_field(admin_client, article, field, XSS + SQL + CONTROL, stored) == []
    assert not ArticleComment.objects.filter(comment__contains=f"in {field}.")


@pytest.mark.parametrize("field", ["followup", "honeypot"])
def test_hostile_values_in_the_check_boxes_break_nothing(admin_client, article, field):
    def stored(fields):
        return ArticleComment.objects.filter(comment=fields["comment"]).exists()

    assert check_field(admin_client, article, field, XSS + SQL, stored) == []


def test_stored_hostile_comments_show_as_text_on_the_article_and_in_feeds(
    admin_client, client, article
):
    benign = (
        "A benign comment with a link to https://example.org/page\n\n"
        "and a second paragraph."
    )
    assert post(admin_client, article, comment=benign).status_code == 302
    page_tags = tags(client.get(article.get_absolute_url()).content.decode())
    feed_url = reverse("discussion:article-feed", args=[article.slug])
    feed_tags = tags(client.get(feed_url).content.decode())

    for number, value in enumerate(XSS + SQL + CONTROL + SCRIPTS):
        response = post(
            admin_client,
            article,
            comment=f"{value} (comment {number})",
            name=value[:50].strip() or "Reader",
        )
        assert response.status_code in (302, 400), value

    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<script") == 1  # the page's own discussion.js
    for value in XSS:
        assert problems_in(html, value, page_tags) == [], value
    feed = client.get(feed_url).content.decode()
    for value in XSS:
        assert problems_in(feed, value, feed_tags) == [], value


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_hostile_searches_are_answered_with_the_query_as_text(client, article, value):
    def search(query):
        return client.get(reverse("articles:search"), {"q": query})

    # the tags of a page with no results and of one with every kind of result
    allowed = tags(search("nothing-matches").content.decode()) | tags(
        search("a").content.decode()
    )
    response = search(value)
    assert response.status_code == 200
    assert problems_in(response.content.decode(), value, allowed) == []


@pytest.mark.parametrize("value", XSS[:10] + SQL + CONTROL, ids=str)
def test_hostile_filters_on_lists_and_articles_break_nothing(client, article, value):
    pages = [
        (reverse("articles:list"), {"perspective": value, "page": value}),
        (
            article.get_absolute_url(),
            {"perspective": value, "point": value, "respond": value, "page": value},
        ),
    ]
    for url, query in pages:
        response = client.get(url, query)
        assert response.status_code in (200, 404), url
        assert (
            problems_in(
                response.content.decode(), value, tags(client.get(url).content.decode())
            )
            == []
        )
