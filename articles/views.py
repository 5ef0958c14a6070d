from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from insight.site import absolute_url
from pagecache.pages import linked_query

from . import extensions
from . import search as article_search
from .metadata import article_metadata
from .models import (
    ArgumentPoint,
    Article,
    ArticleTopic,
    Author,
    Perspective,
    Topic,
    TopicRedirect,
)


def listed_articles(perspective=None, topic=None):
    """Published articles as lists show them, newest first (each page's
    comments are counted for its articles only: see extensions.py)."""
    articles = (
        Article.objects.published()
        .prefetch_related("points__perspective")
        .order_by("-published_at", "-id")
    )
    if perspective:
        articles = articles.filter(addresses(perspective))
    if topic:
        articles = articles.filter(topics=topic)
    return articles


def addresses(perspective):
    """Articles with a point to the perspective: a test per article, rather
    than a join to every point and a DISTINCT over whole articles. (An index
    on points by perspective and article made this faster, but led PostgreSQL
    to hash every point for related_for_readers, slowing every article.)"""
    return Exists(
        ArgumentPoint.objects.filter(article=OuterRef("pk"), perspective=perspective)
    )


def chosen(choices, slug):
    """The choice a filter's slug names, and whether the slug named none."""
    if not slug:
        return None, False
    # only a slug is looked up (PostgreSQL refuses some characters)
    found = choices.filter(slug=slug).first() if slug_re.match(slug) else None
    return found, found is None


class PagedArticlesView(ListView):
    """A paged list of published articles, kept by the page cache."""

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def filters(self):
        """The filters shown, as the query the site's own links give them."""
        return {}

    def paginate_queryset(self, queryset, page_size):
        # A mistyped or out-of-range page number shows the nearest real page
        # rather than an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        # counted for the articles shown only, not every article on the site
        page.object_list = extensions.annotate_articles(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters()
        # the query of the site's own links to the page shown, for the page
        # cache: an unknown filter or a page past the end is not kept
        shown = dict(filters)
        if context["page_obj"].number > 1:
            shown["page"] = str(context["page_obj"].number)
        context["filter_query"] = urlencode(filters)
        context["shown_query"] = shown
        context["canonical_url"] = absolute_url(
            f"{self.request.path}?{urlencode(shown)}" if shown else self.request.path
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.shown_query = context["shown_query"]
        return response


class ArticleListView(PagedArticlesView):
    """The Insight index: newest articles first, optionally for one
    perspective or one topic."""

    template_name = "articles/article_list.html"

    def get_queryset(self):
        self.perspective, self.unknown_perspective = chosen(
            Perspective.objects.all(), self.request.GET.get("perspective", "")
        )
        self.topic, self.unknown_topic = chosen(
            Topic.objects.with_published_articles(), self.request.GET.get("topic", "")
        )
        return listed_articles(perspective=self.perspective, topic=self.topic)

    def filters(self):
        shown = {}
        if self.perspective:
            shown["perspective"] = self.perspective.slug
        if self.topic:
            shown["topic"] = self.topic.slug
        return shown

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            perspectives=Perspective.objects.all(),
            perspective=self.perspective,
            unknown_perspective=self.unknown_perspective,
            topics=Topic.objects.with_published_articles(),
            topic=self.topic,
            unknown_topic=self.unknown_topic,
            **kwargs,
        )


class TopicListView(ListView):
    """Every topic with a published article, by name, with how many."""

    template_name = "articles/topic_list.html"
    context_object_name = "topic_list"

    def get_queryset(self):
        counts = dict(
            ArticleTopic.objects.filter(content_object__in=Article.objects.published())
            .order_by()
            .values_list("tag")
            .annotate(count=Count("pk"))
        )
        topics = list(Topic.objects.filter(pk__in=counts))  # by name
        for topic in topics:
            topic.article_count = counts[topic.pk]
        return topics


class TopicDetailView(PagedArticlesView):
    """The published articles about one topic, newest first."""

    template_name = "articles/topic_detail.html"

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if not Topic.objects.filter(slug=slug).exists():
            # a topic merged into another: its address leads there for good
            moved = TopicRedirect.objects.filter(old_slug=slug).first()
            if moved:
                return HttpResponsePermanentRedirect(moved.topic.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.topic = get_object_or_404(
            Topic.objects.with_published_articles(), slug=self.kwargs["slug"]
        )
        return listed_articles(topic=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ArticleDetailView(DetailView):
    """One article, perspective by perspective, and its discussion.

    Readers get the whole page from the cache when nothing on it has changed
    (pagecache); editors preview drafts here, never cached.
    """

    def get_queryset(self):
        articles = Article.objects.for_page()
        if self.request.user.has_perm("articles.change_article"):
            return articles
        return articles.published()

    def get_context_data(self, **kwargs):
        article = self.object
        asked = linked_query(self.request)
        sections = extensions.article_sections(article, asked)
        shown = {}
        for section in sections.values():
            shown.update(section.shown_query)
        return super().get_context_data(
            is_preview=not article.is_published,
            related_articles=article.related_for_readers(),
            sections=sections,
            asked_query=asked,
            shown_query=shown,
            **article_metadata(article),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        shown = context["shown_query"]
        if shown != context["asked_query"]:
            # A value the article does not have, a page past the end: send
            # readers to the page that shows what they can have, rather than
            # render (and never cache) a page for each. (Values no link
            # writes never reach the view: see articles/urls.py.)
            url = self.object.get_absolute_url()
            return HttpResponsePermanentRedirect(
                f"{url}?{urlencode(shown)}" if shown else url
            )
        response = super().render_to_response(context, **response_kwargs)
        # the query of the page the site's own links make for what is shown:
        # the page cache keeps only those pages
        response.shown_query = shown
        if context["is_preview"]:
            # editors preview drafts at the public URL; keep them out of caches
            # and search engines
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class PerspectiveListView(ListView):
    """Every perspective, with how many points are made to it."""

    template_name = "articles/perspective_list.html"
    context_object_name = "perspective_list"

    def get_queryset(self):
        # Two grouped counts, rather than one query joining every point to
        # every comment.
        published = Article.objects.published()
        point_counts = dict(
            ArgumentPoint.objects.filter(article__in=published)
            .order_by()
            .values_list("perspective")
            .annotate(count=Count("pk"))
        )
        perspectives = list(Perspective.objects.order_by("position", "name"))
        for perspective in perspectives:
            perspective.point_count = point_counts.get(perspective.pk, 0)
        return extensions.annotate_perspectives(perspectives, published)


class PerspectiveDetailView(DetailView):
    """Everything said to one perspective across published articles, a page
    of articles at a time."""

    model = Perspective

    def get_context_data(self, **kwargs):
        articles = (
            Article.objects.published()
            .filter(addresses(self.object))
            .order_by("-published_at", "-id")
        )
        paginator = Paginator(articles, settings.ARTICLES_PER_PAGE)
        # a mistyped or out-of-range page number shows the nearest real page
        self.page = paginator.get_page(self.request.GET.get("page"))
        shown = extensions.annotate_articles(self.page.object_list)
        points = ArgumentPoint.objects.filter(
            perspective=self.object, article__in=shown
        ).order_by("position", "id")
        for article in shown:
            article.perspective_points = []
        by_id = {article.pk: article for article in shown}
        for point in points:
            point.article = by_id[point.article_id]
            point.article.perspective_points.append(point)
        return super().get_context_data(
            articles=shown,
            page_obj=self.page,
            **extensions.perspective_page(self.object),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # for the page cache: a page past the end is not kept
        number = context["page_obj"].number
        response.shown_query = {"page": str(number)} if number > 1 else {}
        return response


class AuthorListView(ListView):
    """Everyone with a published article, by name."""

    def get_queryset(self):
        return Author.objects.published().order_by("name", "id")


class AuthorDetailView(DetailView):
    """An author, and their published articles, newest first."""

    def get_queryset(self):
        if self.request.user.has_perm("articles.change_author"):
            return Author.objects.all()
        return Author.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            articles=self.object.articles.published(), **kwargs
        )


def search(request):
    """What every section of search (articles, points, comments) finds.

    The page depends on the query alone, nothing per reader, so common
    searches are kept in the page cache (pagecache.pages).
    """
    query = article_search.normalised_query(request.GET.get("q", ""))
    parsed = article_search.parse(query)
    results = article_search.search(parsed)
    response = render(
        request,
        "articles/search.html",
        {
            "query": query,
            "parsed": parsed,
            "results": results,
            "total": len(results),
            "suggestion": article_search.suggested_search(query, parsed, results),
            "limit": article_search.RESULTS_PER_SECTION,
        },
    )
    # for the page cache: only a query as the search form sends it is kept
    response.shown_query = {"q": query} if query else {}
    return response
