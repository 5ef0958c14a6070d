"""Readers' pages, declared beside their URLs.

An app wraps each view whose page is the same for every reader with
reader_page() in its urls.py: which query parameters change the page and how
the site's own links write each one, and which versions (versions.py) make
it stale. Every other route is wrapped with not_cached(), so that a test can
check no route was forgotten. The middleware reads the declaration from the
view the address resolves to; this module imports nothing of the apps.

    path("insight/<slug:slug>/", reader_page(
        ArticleDetailView.as_view(),
        params={"page": page_number, "point": whole_number},
        depends_on=(SITE, article("{slug}")),
    ), name="detail")

Names in depends_on may hold the URL's arguments ("{slug}"). Any parameter
not declared (a campaign tag, say) leaves the page as it is. A declared one
written otherwise than the site's links write it is answered with a 301 to
the address they use, before any view runs.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from types import MappingProxyType
from urllib.parse import urlencode

from django.conf import settings
from django.core.validators import slug_re
from django.urls import Resolver404, resolve

from .versions import SITE

# How the site's links write a parameter's value (42 for 042), or None when
# they would write none. A value written otherwise sends the reader to the
# address the links use. An empty value (a form's field left empty) and a
# param's `default` (page 1) are the same page as no parameter at all, and
# share its copy.
Param = Callable[[str], str | None]


def whole_number(value):
    """A positive whole number in ASCII digits: 42 for 042; none for +42,
    4.2, ٤٢ or 0. (Never int(): Python refuses one of 5,000 digits.)"""
    if not (value.isascii() and value.isdigit()):
        return None
    return value.lstrip("0") or None


def page_number(value):
    """A page number: page 1 is the page with no number."""
    return whole_number(value)


page_number.default = "1"


def slug(value):
    return value if slug_re.fullmatch(value) else None


def as_typed(value):
    """Any text (a search): the view says which form of it it showed."""
    return value


@dataclass(frozen=True, slots=True)
class ReaderPage:
    """A page that is the same for every reader, kept whole in the cache."""

    params: Mapping[str, Param] = field(default_factory=dict)
    # version names the page shows, with the URL's arguments in braces
    depends_on: tuple = (SITE,)
    # the query the site's links make for a mix of parameters (at most one
    # filter, say), given each parameter as they write it
    canonical: Callable[[dict], dict] | None = None
    # kept only once readers have asked for it a few times: the addresses
    # of searches have no end
    only_when_common: bool = False

    def linked_query(self, asked):
        """The query the site's own links make for what was asked (a
        QueryDict), in a fixed order, and whether the address asked for
        writes it otherwise. Parameters not declared are left out."""
        linked, moved = {}, False
        for name, clean in self.params.items():
            values = asked.getlist(name)
            if values in ([], [""]):
                continue  # absent, or a form's empty field: the same
            value = clean(values[-1])
            moved = moved or value != values[-1] or len(values) > 1
            if value is not None and value != getattr(clean, "default", None):
                linked[name] = value
        if self.canonical:
            combined = self.canonical(dict(linked))
            moved = moved or combined != linked
            linked = combined
        return linked, moved

    def version_names(self, arguments):
        return [name.format(**arguments) for name in self.depends_on]

    def argument_names(self, arguments):
        """The version names made from the URL's arguments: those an address
        that does not exist must not leave behind."""
        return [name.format(**arguments) for name in self.depends_on if "{" in name]


def reader_page(view, **declaration):
    """The view, declared a reader's page (see ReaderPage for the options)."""
    page = ReaderPage(
        **{
            **declaration,
            "params": MappingProxyType(dict(declaration.get("params", {}))),
        }
    )

    @wraps(view)
    def reader_view(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    reader_view.reader_page = page
    return reader_view


def not_cached(view):
    """The view, declared never kept by the page cache: forms, pages for
    one reader, staff pages."""

    @wraps(view)
    def uncached_view(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    uncached_view.reader_page = None
    return uncached_view


@dataclass(frozen=True, slots=True)
class AskedPage:
    """One page a reader asked for: which page, and what it is kept under."""

    name: str  # the route, with its arguments: "articles:detail/my-slug"
    page: ReaderPage
    query: dict  # the parameters that change it, as the site's links write them
    arguments: dict  # the URL's arguments
    # the address the site links to, when the one asked for is written otherwise
    moved_to: str | None = None

    @property
    def version_names(self):
        return self.page.version_names(self.arguments)


def asked_page(request):
    """The reader's page the request asks for, or None for any other request."""
    if request.method not in ("GET", "HEAD"):
        return None
    # CommonMiddleware, skipped for cached pages, is what refuses unknown hosts
    request.get_host()
    route = _route(settings.ROOT_URLCONF, request.path_info)
    if route is None:
        return None
    route_name, arguments, page = route
    name = f"{route_name}/{'/'.join(str(value) for value in arguments.values())}"
    # most readers ask with no query string: no need to parse one
    if not request.META.get("QUERY_STRING") or not page.params:
        return AskedPage(name, page, {}, arguments)
    query, moved = page.linked_query(request.GET)
    moved_to = None
    if moved:
        moved_to = f"{request.path}?{urlencode(query)}" if query else request.path
    return AskedPage(name, page, query, arguments, moved_to)


@lru_cache(maxsize=4096)
def _route(urlconf, path):
    """The reader's page at a path, (route name, arguments, ReaderPage), or
    None. Kept for the most used paths: resolving costs as much as the rest
    of a cached answer."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    page = getattr(match.func, "reader_page", None)
    if page is None:
        return None
    # the arguments in the address only: path()'s own (the sitemaps) would
    # name the page by objects' addresses in memory, different in each worker
    return match.view_name, match.captured_kwargs, page


def linked_query(request):
    """The query of the page a view is asked for, as the site's links write
    it (the declared parameters only): what the view should show."""
    page = getattr(request.resolver_match.func, "reader_page", None)
    return page.linked_query(request.GET)[0] if page else {}
