import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_perspective
from tests.helpers import listed_titles, main_content

pytestmark = pytest.mark.django_db

HIDDEN_ARTICLES = ["draft_article", "scheduled_article"]


def html_of(response):
    return response.content.decode()


def text_of(html):
    """What a reader sees of some HTML: the words, without tags or extra spacing."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def perspective_sections(response):
    """An article page's perspectives as (heading, [point, ...]) pairs."""
    sections = re.findall(
        r'<section class="perspective".*?</section>', html_of(response), re.S
    )
    return [
        (
            text_of(re.search(r"<h2.*?</h2>", section, re.S).group()),
            [
                text_of(item)
                for item in re.findall(
                    r'<li class="point".*?<p class="point__text">(.*?)</p>',
                    section,
                    re.S,
                )
            ],
        )
        for section in sections
    ]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


# The index


def test_index_shows_the_strapline(client):
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert settings.SITE_STRAPLINE in html_of(response)


def test_index_lists_published_articles_newest_first(client):
    make_article(title="Oldest", published_at=days_ago(30))
    make_article(title="Newest", published_at=days_ago(1))
    make_article(title="Middle", published_at=days_ago(10))
    response = client.get(reverse("articles:list"))
    assert listed_titles(response) == ["Newest", "Middle", "Oldest"]


def test_index_shows_each_articles_standfirst_and_date(client):
    make_article(
        standfirst="Leadership is a shared job.",
        published_at=datetime(2026, 11, 2, 12, 0, tzinfo=UTC),
    )
    summary = text_of(html_of(client.get(reverse("articles:list"))))
    assert "Leadership is a shared job." in summary
    assert "Published 2 November 2026" in summary


def test_dates_are_shown_in_uk_time(client):
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST)
    make_article(published_at=datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    assert "2 July 2026" in html_of(client.get(reverse("articles:list")))


def test_index_names_the_perspectives_each_article_covers(client):
    councillors = make_perspective(name="Councillors", position=1)
    staff = make_perspective(name="Frontline staff", position=2)
    make_article(points=[(staff, "one"), (councillors, "two"), (staff, "three")])
    summary = text_of(html_of(client.get(reverse("articles:list"))))
    assert "Perspectives: Frontline staff , Councillors" in summary


def test_index_shows_a_page_of_articles_at_a_time(client):
    per_page = settings.ARTICLES_PER_PAGE
    titles = [f"Piece number {n}" for n in range(per_page + 2)]
    for age, title in enumerate(titles, start=1):
        make_article(title=title, published_at=days_ago(age))
    first = client.get(reverse("articles:list"))
    second = client.get(reverse("articles:list"), {"page": 2})
    assert listed_titles(first) == titles[:per_page]
    assert 'href="?page=2" rel="next"' in html_of(first)
    assert second.status_code == 200
    assert listed_titles(second) == titles[per_page:]
    assert 'href="?page=1" rel="prev"' in html_of(second)


def test_a_page_number_that_is_not_a_number_shows_the_first_page(client):
    per_page = settings.ARTICLES_PER_PAGE
    for age in range(1, per_page + 3):
        make_article(title=f"Piece number {age}", published_at=days_ago(age))
    response = client.get(reverse("articles:list"), {"page": "abc"})
    assert response.status_code == 200
    assert listed_titles(response)[0] == "Piece number 1"
    assert "Page 1 of 2" in html_of(response)


def test_a_page_number_past_the_end_shows_the_last_page(client):
    per_page = settings.ARTICLES_PER_PAGE
    for age in range(1, per_page + 3):
        make_article(title=f"Piece number {age}", published_at=days_ago(age))
    response = client.get(reverse("articles:list"), {"page": "999"})
    assert response.status_code == 200
    assert listed_titles(response) == [
        f"Piece number {per_page + 1}",
        f"Piece number {per_page + 2}",
    ]


def test_perspective_filter_shows_only_articles_that_speak_to_it(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    staff = make_perspective(name="Frontline staff", slug="frontline-staff")
    make_article(title="For councillors", points=[(councillors, "a")])
    make_article(title="For staff", points=[(staff, "b")])
    make_article(
        title="For both",
        points=[(councillors, "c"), (staff, "d"), (councillors, "e")],
    )
    response = client.get(reverse("articles:list"), {"perspective": "councillors"})
    assert sorted(listed_titles(response)) == ["For both", "For councillors"]
    assert "We could not find that perspective" not in html_of(response)


def test_perspective_filter_keeps_the_perspective_when_paging(client):
    councillors = make_perspective(name="Councillors", slug="councillors")
    for age in range(1, settings.ARTICLES_PER_PAGE + 2):
        make_article(published_at=days_ago(age), points=[(councillors, "a")])
    make_article(title="Not for councillors")
    first = client.get(reverse("articles:list"), {"perspective": "councillors"})
    assert 'href="?perspective=councillors&amp;page=2"' in html_of(first)
    second = client.get(
        reverse("articles:list"), {"perspective": "councillors", "page": 2}
    )
    assert len(listed_titles(second)) == 1
    assert "Not for councillors" not in html_of(second)


def test_unknown_perspective_shows_all_articles_with_a_notice(client):
    councillors = make_perspective(name="Councillors")
    make_article(title="For councillors", points=[(councillors, "a")])
    make_article(title="For nobody in particular")
    response = client.get(reverse("articles:list"), {"perspective": "no-such-group"})
    assert response.status_code == 200
    assert sorted(listed_titles(response)) == [
        "For councillors",
        "For nobody in particular",
    ]
    assert "We could not find that perspective" in html_of(response)


# The article page


def test_article_page_shows_the_articles_words(client):
    article = make_article(
        title="Anyone can lead",
        standfirst="A short standfirst.",
        introduction="The opening paragraph.",
        attribution="Based on content from Richard Vize",
        published_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
    )
    page = text_of(main_content(client.get(article.get_absolute_url())))
    assert "Anyone can lead" in page
    assert "A short standfirst." in page
    assert "The opening paragraph." in page
    assert "Based on content from Richard Vize" in page
    assert "Published 2 November 2026" in page


def test_article_page_has_a_heading_per_perspective_with_its_points_in_order(
    client,
):
    # perspective positions disagree with the article's order on purpose
    councillors = make_perspective(name="Councillors", position=3)
    staff = make_perspective(name="Frontline staff", position=1)
    regulators = make_perspective(name="Regulators", position=2)
    article = make_article(
        points=[
            (councillors, "Councillors first"),
            (staff, "Staff first"),
            (councillors, "Councillors second"),
            (regulators, "Regulators only"),
        ]
    )
    response = client.get(article.get_absolute_url())
    assert perspective_sections(response) == [
        ("Councillors", ["Councillors first", "Councillors second"]),
        ("Frontline staff", ["Staff first"]),
        ("Regulators", ["Regulators only"]),
    ]
    assert '<ul class="points">' in html_of(response)


def test_article_page_ends_with_the_discussion(client, published_article):
    published_article.attribution = "Based on content from Richard Vize"
    published_article.save()
    page = main_content(client.get(published_article.get_absolute_url()))
    last_section = page[page.rindex("<section") :]
    assert last_section.startswith('<section class="discussion"')
    assert "Give us your views" in last_section
    assert page.index("Based on content from Richard Vize") < page.index(
        'class="discussion"'
    )
    assert page.rstrip().endswith("</section>")


PUBLIC_PAGES = {
    "index": lambda article: reverse("articles:list"),
    "article": lambda article: article.get_absolute_url(),
    "perspectives": lambda article: reverse("articles:perspectives"),
    "perspective": lambda article: (
        article.points.first().perspective.get_absolute_url()
    ),
    "search form": lambda article: reverse("articles:search"),
    "search results": lambda article: reverse("articles:search") + "?q=leadership",
    "not found": lambda article: "/no-such-page/",
}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_has_exactly_one_h1(client, published_article, page):
    response = client.get(PUBLIC_PAGES[page](published_article))
    assert response.status_code in {200, 404}
    assert len(re.findall(r"<h1[\s>]", html_of(response))) == 1


# Drafts and scheduled articles


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_unpublished_article_is_not_found_by_readers(client, request, hidden):
    article = request.getfixturevalue(hidden)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_unpublished_article_is_not_found_by_staff_who_cannot_change_articles(
    viewer_client, request, hidden
):
    article = request.getfixturevalue(hidden)
    assert viewer_client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_unpublished_article_appears_in_no_list(
    client, request, hidden, published_article, perspective
):
    article = request.getfixturevalue(hidden)
    secret_point = article.points.get().text
    search = reverse("articles:search")
    # each list shows the published article, so it is really a list of articles
    lists = [
        reverse("articles:list"),
        reverse("articles:list") + f"?perspective={perspective.slug}",
        perspective.get_absolute_url(),
        search + "?q=piece",
        reverse("articles:feed"),
        reverse("articles:feed-atom"),
        "/sitemap.xml",
    ]
    for url in lists:
        content = html_of(client.get(url))
        assert published_article.get_absolute_url() in content, url
        assert article.get_absolute_url() not in content, url
        assert article.title not in content, url
        assert secret_point not in content, url
    point_search = html_of(client.get(search, {"q": secret_point}))
    assert "No results for" in point_search
    assert article.get_absolute_url() not in point_search


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_editor_previews_an_unpublished_article_at_its_public_url(
    editor_client, request, hidden
):
    article = request.getfixturevalue(hidden)
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.title in text_of(main_content(response))
    banner = re.search(r'<div class="preview-banner".*?</div>', html_of(response), re.S)
    assert banner is not None
    assert "Preview." in text_of(banner.group())


@pytest.mark.parametrize("hidden", HIDDEN_ARTICLES)
def test_preview_is_kept_out_of_search_engines_and_caches(
    editor_client, request, hidden
):
    article = request.getfixturevalue(hidden)
    response = editor_client.get(article.get_absolute_url())
    assert '<meta name="robots" content="noindex">' in html_of(response)
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_published_article_has_no_preview_banner_even_for_editors(
    editor_client, published_article
):
    response = editor_client.get(published_article.get_absolute_url())
    assert "preview-banner" not in html_of(response)
    assert "noindex" not in html_of(response)
    assert "no-store" not in response.get("Cache-Control", "")


# Perspectives


def test_perspectives_page_counts_points_in_published_articles_only(
    client, perspective, published_article, draft_article, scheduled_article
):
    make_article(points=[(perspective, "second"), (perspective, "third")])
    councillors = make_perspective(name="Councillors", position=1)
    make_article(points=[(councillors, "one for councillors")])
    make_perspective(name="Regulators", position=2)
    response = client.get(reverse("articles:perspectives"))
    counts = [
        (text_of(name), text_of(count))
        for name, count in re.findall(
            r"<h2>(.*?)</h2>.*?<p class=\"meta\">(.*?)</p>", html_of(response), re.S
        )
    ]
    assert counts == [
        ("Frontline staff", "3 points · 0 comments written as frontline staff"),
        ("Councillors", "1 point · 0 comments written as councillors"),
        ("Regulators", "0 points · 0 comments written as regulators"),
    ]


def test_perspective_page_groups_points_by_article(client):
    staff = make_perspective(name="Frontline staff")
    other = make_perspective(name="Councillors")
    make_article(
        title="Older piece",
        published_at=days_ago(5),
        points=[(staff, "Older one"), (other, "Not for staff"), (staff, "Older two")],
    )
    make_article(title="Newer piece", published_at=days_ago(1), points=[(staff, "New")])
    response = client.get(staff.get_absolute_url())
    sections = re.findall(
        r'<section class="perspective-article".*?</section>', html_of(response), re.S
    )
    grouped = [
        (
            text_of(re.search(r"<h2.*?</h2>", section, re.S).group()),
            re.findall(r'<li class="point">(.*?) <a class="point__link"', section),
        )
        for section in sections
    ]
    assert grouped == [
        ("Newer piece", ["New"]),
        ("Older piece", ["Older one", "Older two"]),
    ]


def test_perspective_page_links_each_point_to_its_place_in_the_article(client):
    staff = make_perspective(name="Frontline staff")
    article = make_article(points=[(staff, "First"), (staff, "Second")])
    response = client.get(staff.get_absolute_url())
    article_page = html_of(client.get(article.get_absolute_url()))
    for point in article.points.all():
        link = f'href="{article.get_absolute_url()}#point-{point.pk}"'
        assert link in html_of(response)
        assert f'id="point-{point.pk}"' in article_page


# Search


def test_search_finds_articles_containing_every_word(client):
    make_article(title="Systems leadership", attribution="Richard Vize")
    make_article(title="Leadership alone")
    response = client.get(reverse("articles:search"), {"q": "leadership vize"})
    page = text_of(main_content(response))
    assert "Systems leadership" in page
    assert "Leadership alone" not in page


def test_search_says_how_many_results_it_found(client, perspective):
    make_article(title="Systems leadership", points=[(perspective, "Leadership here")])
    response = client.get(reverse("articles:search"), {"q": "leadership"})
    page = text_of(main_content(response))
    assert "2 results for ‘leadership’" in page
    assert "No results" not in page


def test_search_finds_points_containing_every_word(client, perspective):
    article = make_article(
        points=[
            (perspective, "Partnership working builds trust"),
            (perspective, "Partnership alone is not enough"),
        ]
    )
    trusted = article.points.get(text__startswith="Partnership working")
    response = client.get(reverse("articles:search"), {"q": "trust partnership"})
    page = html_of(response)
    assert f'href="{trusted.get_absolute_url()}"' in page
    assert "not enough" not in page


def test_search_marks_the_words_it_found(client, perspective):
    make_article(points=[(perspective, "Partnership working builds trust")])
    response = client.get(reverse("articles:search"), {"q": "trust PARTNERSHIP"})
    page = html_of(response)
    assert "<mark>Partnership</mark> working builds <mark>trust</mark>" in page


def test_search_escapes_html_in_the_query(client, published_article):
    query = '<script>alert("leadership")</script>'
    page = html_of(client.get(reverse("articles:search"), {"q": query}))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_search_escapes_html_in_what_it_found(client):
    make_article(title="<b>Bold</b> & brave amp")
    page = html_of(client.get(reverse("articles:search"), {"q": "bold amp"}))
    assert "<b>" not in page
    assert "&lt;b&gt;<mark>Bold</mark>&lt;/b&gt; &amp; brave <mark>amp</mark>" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type one or more words"),
        ("   ", "Type one or more words"),
        ("%%%", "We could not find any words to search for"),
        ("x" * 1000, "No results for"),
        ("leadership\x00", "Everyone in the system demonstrates leadership"),
        ("' OR 1=1 --", "No results for"),
    ],
    ids=["empty", "spaces", "punctuation", "very long", "nul byte", "sql"],
)
def test_awkward_searches_get_a_helpful_page(client, published_article, query, message):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    page = text_of(main_content(response))
    assert "Search Insight" in page
    assert message in page
    assert "x" * 201 not in page


# Site-wide files and errors


def test_robots_txt_is_plain_text_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in html_of(response)


@pytest.mark.parametrize("url", ["/no-such-page/", "/insight/no-such-article/"])
def test_unknown_url_gives_a_not_found_page_in_the_sites_style(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = html_of(response)
    assert '<a class="skip-link" href="#main-content">' in page
    assert '<header class="site-header">' in page
    assert "<h1>Page not found</h1>" in page


# Query counts


def count_queries(client, url):
    client.get(url)  # warm any per-process caches first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_grow_with_its_points(client):
    one = make_perspective()
    small = make_article(points=[(one, "Only point")])
    perspectives = [make_perspective() for _ in range(6)]
    big = make_article(
        points=[(perspectives[n % 6], f"Point {n}") for n in range(60)],
    )
    assert count_queries(client, big.get_absolute_url()) == count_queries(
        client, small.get_absolute_url()
    )


def test_index_query_count_does_not_grow_with_its_articles(client):
    perspectives = [make_perspective() for _ in range(3)]
    make_article(points=[(perspectives[0], "a")])
    small = count_queries(client, reverse("articles:list"))
    for _ in range(settings.ARTICLES_PER_PAGE):
        make_article(points=[(perspective, "b") for perspective in perspectives])
    assert count_queries(client, reverse("articles:list")) == small


def test_perspective_page_query_count_does_not_grow_with_its_points(client):
    staff = make_perspective()
    make_article(points=[(staff, "a")])
    small = count_queries(client, staff.get_absolute_url())
    for _ in range(10):
        make_article(points=[(staff, "b"), (staff, "c")])
    assert count_queries(client, staff.get_absolute_url()) == small


# The seed article


def test_seed_article_page_lists_all_six_perspectives(client):
    call_command("loaddata", "seed", verbosity=0)
    url = reverse("articles:detail", kwargs={"slug": "anyone-can-be-a-systems-leader"})
    response = client.get(url)
    assert response.status_code == 200
    assert [heading for heading, _points in perspective_sections(response)] == [
        "Councillors",
        "Senior managers",
        "Frontline staff",
        "Partner organisations",
        "User groups",
        "Regulators and inspectors",
    ]
