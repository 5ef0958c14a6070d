"""Every address says whether readers may be served it from the page cache:
a view added without saying is caught here, not by a reader who is shown
someone else's page."""

from django.urls import URLPattern, URLResolver, get_resolver

from pagecache.pages import ReaderPage, asked_page

# The admin is for signed-in staff, whose requests the cache never answers.
STAFF_ONLY = {"admin"}


def routes(patterns=None, prefix=""):
    """(route, view) for every address, with the namespaces above it."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in STAFF_ONLY:
                continue
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_route_is_declared_a_readers_page_or_never_cached():
    undeclared = [route for route, view in routes() if not hasattr(view, "reader_page")]
    assert undeclared == []


def test_the_readers_pages_are_the_ones_the_site_keeps():
    kept = sorted(
        route
        for route, view in routes()
        if isinstance(getattr(view, "reader_page", None), ReaderPage)
    )
    assert kept == [
        "",
        "authors/",
        "authors/<slug:slug>/",
        "feeds/articles/",
        "feeds/articles/atom/",
        "feeds/authors/<slug:slug>/",
        "feeds/comments/",
        "feeds/comments/<slug:slug>/",
        "feeds/topics/<slug:slug>/",
        "insight/<slug:slug>/",
        "insight/<slug:slug>/what-we-heard/",
        "insight/<slug:slug>/what-we-heard/data/",
        "perspectives/",
        "perspectives/<slug:slug>/",
        "search/",
        "sitemap-<slug:section>.xml",
        "sitemap.xml",
        "topics/",
        "topics/<slug:slug>/",
    ]


def test_every_version_a_page_shows_is_named_from_its_address():
    for route, view in routes():
        page = getattr(view, "reader_page", None)
        if page is None:
            continue
        for name in page.depends_on:
            arguments = {part for part in ("slug", "section") if f"{{{part}}}" in name}
            assert all(f"<slug:{part}>" in route for part in arguments), (route, name)


def test_a_page_is_named_by_its_address_alone(rf):
    """Not by path()'s own arguments (the sitemaps' objects), which differ
    from one worker to the next: each would keep its own copy and ETag."""
    assert asked_page(rf.get("/sitemap.xml")).name == "sitemap/"
    section = asked_page(rf.get("/sitemap-articles.xml"))
    assert section.name == "sitemap-section/articles"
