"""Which readers' pages the cache keeps, and what each one shows.

A page is named by its URL name. What it shows decides which versions make
it stale (see versions.py): every page shows the site's content; an article's
pages show its discussion; some pages count or list comments from every
article; an article's summary shows its quick answers. Only the query
parameters listed change a page; any others (a campaign tag, say) share its
copy.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import Resolver404, resolve

# Only the parameters that change a page make its key.
from discussion.page import READER_PARAMETERS, asked_query

from . import versions


@dataclass(frozen=True, slots=True)
class ReaderPage:
    parameters: tuple = ()
    # shows one article's discussion: the URL's slug names the article
    shows_one_discussion: bool = False
    # counts or lists comments from every article
    shows_every_discussion: bool = False
    # shows the quick answers to the article the URL's slug names
    shows_answers: bool = False
    # kept only once readers have asked for it a few times (see
    # versions.is_common): the addresses of searches have no end
    only_when_common: bool = False


READER_PAGES = {
    "articles:detail": ReaderPage(READER_PARAMETERS, shows_one_discussion=True),
    "articles:list": ReaderPage(
        ("page", "perspective", "topic"), shows_every_discussion=True
    ),
    "articles:perspectives": ReaderPage(shows_every_discussion=True),
    "articles:perspective": ReaderPage(("page",), shows_every_discussion=True),
    "articles:authors": ReaderPage(),
    "articles:author": ReaderPage(),
    "articles:topic": ReaderPage(("page",), shows_every_discussion=True),
    "articles:search": ReaderPage(
        ("q",), shows_every_discussion=True, only_when_common=True
    ),
    "articles:feed": ReaderPage(),
    "articles:feed-atom": ReaderPage(),
    "articles:author-feed": ReaderPage(),
    "articles:topic-feed": ReaderPage(),
    "discussion:feed": ReaderPage(shows_every_discussion=True),
    "discussion:article-feed": ReaderPage(shows_one_discussion=True),
    "discussion:summary": ReaderPage(shows_one_discussion=True, shows_answers=True),
    "discussion:summary-data": ReaderPage(),
    "sitemap": ReaderPage(),
    "sitemap-section": ReaderPage(("p",)),
}


@dataclass(frozen=True, slots=True)
class AskedPage:
    """One page a reader asked for: which page, and what it is kept under."""

    name: str  # the URL name, with its arguments: "articles:detail/my-slug"
    page: ReaderPage
    query: dict  # the parameters that change it, in a fixed order
    slug: str = ""  # the article whose discussion it shows

    @property
    def version_names(self):
        names = [versions.SITE]
        if self.page.shows_one_discussion:
            names.append(versions.article(self.slug))
        if self.page.shows_every_discussion:
            names.append(versions.EVERY_DISCUSSION)
        if self.page.shows_answers:
            names.append(versions.answers(self.slug))
        return names


def asked_page(request):
    """The reader's page the request asks for, or None for any other request."""
    if request.method not in ("GET", "HEAD"):
        return None
    # CommonMiddleware, skipped for cached pages, is what refuses unknown hosts
    request.get_host()
    route = _route(settings.ROOT_URLCONF, request.path_info)
    if route is None:
        return None
    view_name, kwargs = route
    page = READER_PAGES[view_name]
    arguments = "/".join(f"{value}" for value in kwargs.values())
    # most readers ask with no query string: no need to parse one
    parameters = request.GET if request.META.get("QUERY_STRING") else {}
    return AskedPage(
        name=f"{view_name}/{arguments}",
        page=page,
        query=asked_query(parameters, page.parameters),
        slug=kwargs.get("slug", "")
        if page.shows_one_discussion or page.shows_answers
        else "",
    )


@lru_cache(maxsize=4096)
def _route(urlconf, path):
    """The reader's page at a path, (URL name, arguments), or None. Kept for
    the most used paths: resolving costs as much as the rest of a cached
    answer."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    if match.view_name not in READER_PAGES:
        return None
    return match.view_name, match.kwargs
