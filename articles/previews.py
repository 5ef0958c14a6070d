"""Previews: an article shown through the reader's own page before readers
may see it, either as the admin's form would save it (nothing saved) or
as a shared link shows its draft. Neither is ever cached nor indexed."""

import re
from dataclasses import dataclass

from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from . import extensions, markdown
from .metadata import article_metadata
from .models import Article, PreviewLink
from .views import ArticleDetailView


def private_page(response):
    """Keep a preview out of every cache (browsers', the site's page cache,
    an HTTP cache in front) and out of search engines."""
    add_never_cache_headers(response)  # no-store, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@dataclass
class PreviewedPoint:
    """A point as the form gives it, rendered; never saved."""

    number: int  # its place in the form, for a unique anchor
    perspective: object
    text_html: str
    pk = None
    comment_count = 0
    comments_text = ""
    stances_text = ""

    @property
    def anchor(self):
        return f"previewed-point-{self.number}"

    @property
    def plain_text(self):
        return markdown.plain_text(self.text_html)


@dataclass
class PreviewedTopic:
    name: str
    url: str

    def get_absolute_url(self):
        return self.url


class PreviewedArticle:
    """An article as the admin's form would save it, for the reader's
    templates: the unsaved instance, with its points, topics and related
    articles from the form. Nothing here is ever saved."""

    def __init__(self, article, points, topics, related, notes=()):
        self._article = article
        self._points = points
        self._topics = topics
        self._related = related
        self.preview_notes = list(notes)

    def __getattr__(self, name):
        return getattr(self._article, name)

    def points_by_perspective(self):
        groups = {}
        for point in self._points:
            groups.setdefault(point.perspective, []).append(point)
        return list(groups.items())

    def perspectives(self):
        return [perspective for perspective, _points in self.points_by_perspective()]

    def sorted_topics(self):
        return sorted(self._topics, key=lambda topic: topic.name.lower())

    def related_for_readers(self):
        return self._related


def unsaved_preview(request, article):
    """The reader's page for a PreviewedArticle, with the banner "Preview –
    not saved" and the comment section as it will be once published."""
    context = {
        "article": article,
        "object": article,
        "is_preview": True,
        "preview_kind": "unsaved",
        "related_articles": article.related_for_readers(),
        "sections": extensions.preview_sections(article),
        **article_metadata(article),
    }
    return private_page(render(request, "articles/article_detail.html", context))


LARGEST_ID = 2**31 - 1  # beyond any table's ids: never sent to the database

# why a preview link shows nothing, and the status it answers with
LINK_PROBLEMS = {
    "not_found": ("This preview link does not work", 404),
    "revoked": ("This preview link has been revoked", 410),
    "expired": ("This preview link has expired", 410),
}


def link_problem(request, problem):
    title, status = LINK_PROBLEMS[problem]
    response = render(
        request,
        "articles/preview_link_problem.html",
        {"title": title, "problem": problem},
        status=status,
    )
    return private_page(response)


# secrets.token_urlsafe's alphabet, with room to spare
KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,100}")


class SharedPreviewView(ArticleDetailView):
    """A draft as a preview link shows it, to anyone who has the link: its
    current saved text, with a banner, and no way to comment."""

    pk_url_kwarg = "article_id"

    def get_queryset(self):
        return Article.objects.for_page()

    def get(self, request, article_id, key):
        # a key is what new_key() makes: anything else (a NUL byte, which
        # PostgreSQL refuses in a query, say) is no link, before any query
        is_a_key = KEY_SHAPE.fullmatch(key) is not None
        link = (
            PreviewLink.objects.select_related("article")
            .filter(article_id=article_id, key=key)
            .first()
            if article_id <= LARGEST_ID and is_a_key
            else None
        )
        if link is None:
            return link_problem(request, "not_found")
        if link.is_revoked:
            return link_problem(request, "revoked")
        if link.is_expired:
            return link_problem(request, "expired")
        if link.article.is_published:
            return redirect(link.article)
        return private_page(super().get(request, article_id=article_id))

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_kind="shared", **kwargs)


shared_preview = SharedPreviewView.as_view()
