from django.conf import settings
from django.core.validators import slug_re
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView
from django_comments_xtd.conf import settings as xtd_settings

from . import page_cache
from . import search as article_search
from .discussion import build_discussion, comments_for, page_of
from .forms import CommentForm
from .models import ArgumentPoint, Article, ArticleComment, Audience, ModerationPolicy

VISIBLE_COMMENTS = Q(comments__is_public=True, comments__is_removed=False)


class ArticleListView(ListView):
    """The Insight index: newest articles first, optionally for one perspective."""

    template_name = "articles/article_list.html"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        articles = (
            Article.objects.published()
            .prefetch_related("points__audience")
            .annotate(
                comment_count=Count("comments", filter=VISIBLE_COMMENTS, distinct=True)
            )
            # Meta.ordering is not applied to queries with aggregates
            .order_by("-published_at", "-id")
        )
        self.audience = None
        self.unknown_perspective = False
        slug = self.request.GET.get("perspective", "")
        if slug:
            # only a slug is looked up (PostgreSQL refuses some characters)
            if slug_re.match(slug):
                self.audience = Audience.objects.filter(slug=slug).first()
            self.unknown_perspective = self.audience is None
        if self.audience:
            articles = articles.filter(points__audience=self.audience).distinct()
        return articles

    def paginate_queryset(self, queryset, page_size):
        # A mistyped or out-of-range page number shows the nearest real page
        # rather than an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            audiences=Audience.objects.all(),
            audience=self.audience,
            unknown_perspective=self.unknown_perspective,
            **kwargs,
        )


class ArticleDetailView(DetailView):
    """One article, perspective by perspective, and its discussion.

    Readers get the whole page from the cache when nothing on it has changed
    (and a 304 when their copy is current); editors preview drafts here, never
    cached.
    """

    def get_queryset(self):
        articles = Article.objects.prefetch_related(
            Prefetch(
                "points", queryset=ArgumentPoint.objects.select_related("audience")
            )
        )
        if self.request.user.has_perm("articles.change_article"):
            return articles
        return articles.published()

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return super().get(request, *args, **kwargs)
        # The versions are read before anything from the database, so a change
        # that lands while this page renders leaves it under the old versions,
        # where no one will find it.
        slug = kwargs["slug"]
        key = page_cache.page_key(slug, request.GET)
        if key is None:
            page_cache.start_versions(slug)
            key = page_cache.page_key(slug, request.GET)
        response = page_cache.cached_response(request, key) if key else None
        if response is not None:
            return response
        try:
            self.object = self.get_object()
        except Http404:
            # so that made-up addresses leave nothing in the cache
            page_cache.forget_article(slug)
            raise
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        # Only pages the site links to are kept, not any combination of
        # parameters, nor values the article does not have (an unknown
        # perspective, a page past the end): made-up addresses cannot fill
        # the cache.
        if key and _is_a_page_the_site_links_to(request.GET, context):
            return page_cache.store(response, key)
        return page_cache.not_kept(response)

    def get_context_data(self, **kwargs):
        article = self.object
        policy = ModerationPolicy.current()
        audiences = list(Audience.objects.all())
        points = {point.pk: point for point in article.points.all()}
        query = self.request.GET
        shown_perspective = next(
            (a for a in audiences if a.slug == query.get("perspective")), None
        )
        shown_point = points.get(_int_or_none(query.get("point")))
        respond_to = points.get(_int_or_none(query.get("respond")))
        discussion = build_discussion(
            comments_for(article, {a.pk: a for a in audiences}, points),
            perspective=shown_perspective,
            point=shown_point,
            page=_int_or_none(query.get("page")) or 1,
        )
        for point in points.values():
            point.comment_count = discussion.point_counts.get(point.pk, 0)
        form = CommentForm(article, initial={"point": respond_to})
        form.use_choices(points.values(), audiences)
        return super().get_context_data(
            is_preview=not article.is_published,
            discussion=discussion,
            filter_query=_filter_query(shown_perspective, shown_point),
            shown_perspective=shown_perspective,
            shown_point=shown_point,
            comments_open=article.comments_are_open(policy),
            policy=policy,
            form=form,
            respond_to=respond_to,
            max_thread_level=xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # editors preview drafts at the public URL; keep them out of caches
            add_never_cache_headers(response)
        return response


def comment_permalink(request, pk):
    """Where a comment is: its article, on the page of the discussion showing it."""
    comment = get_object_or_404(ArticleComment.objects.select_related("article"), pk=pk)
    article = comment.article
    if not article.is_published:
        raise Http404("The article is not published")
    page = page_of(comments_for(article, {}, {}), comment.pk)
    if page is None:
        raise Http404("The comment is not shown")
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{article.get_absolute_url()}{query}#{comment.anchor}")


class PerspectiveListView(ListView):
    """Every perspective, with how many points are made to it."""

    template_name = "articles/audience_list.html"

    def get_queryset(self):
        published = Article.objects.published()
        return Audience.objects.annotate(
            point_count=Count(
                "points", filter=Q(points__article__in=published), distinct=True
            ),
            comment_count=Count(
                "comments",
                filter=Q(
                    comments__article__in=published,
                    comments__is_public=True,
                    comments__is_removed=False,
                ),
                distinct=True,
            ),
        ).order_by("position", "name")


class PerspectiveDetailView(DetailView):
    """Everything said to one perspective across published articles."""

    model = Audience
    template_name = "articles/audience_detail.html"

    def get_context_data(self, **kwargs):
        points = (
            ArgumentPoint.objects.filter(
                audience=self.object, article__in=Article.objects.published()
            )
            .select_related("article")
            .annotate(
                article_comment_count=Count(
                    "article__comments",
                    filter=Q(
                        article__comments__is_public=True,
                        article__comments__is_removed=False,
                    ),
                    distinct=True,
                )
            )
            .order_by("-article__published_at", "article_id", "position", "id")
        )
        latest_comments = (
            ArticleComment.objects.visible()
            .on_published_articles()
            .filter(perspective=self.object)
            .select_related("article")
            .order_by("-submit_date")[:10]
        )
        return super().get_context_data(
            points=points, latest_comments=latest_comments, **kwargs
        )


def search(request):
    """Articles and points that contain the words searched for."""
    query = request.GET.get("q", "").strip()
    words = article_search.words_of(query)
    articles, points = article_search.search(words) if words else ([], [])
    article_results = [
        {
            "article": article,
            "excerpt": article_search.highlight(
                f"{article.standfirst} {article.introduction}", words
            ),
            "title": article_search.highlight(article.title, words),
        }
        for article in articles
    ]
    point_results = [
        {"point": point, "excerpt": article_search.highlight(point.text, words)}
        for point in points
    ]
    return render(
        request,
        "articles/search.html",
        {
            "total": len(article_results) + len(point_results),
            "query": query[: article_search.MAX_QUERY_LENGTH],
            "words": words,
            "article_results": article_results,
            "point_results": point_results,
        },
    )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"


def _is_a_page_the_site_links_to(query, context):
    """Whether the query is one the site's own links make (a perspective or a
    point, then a page number; or a point to respond to, alone) and the page
    shows what it asks for."""
    perspective, point = context["shown_perspective"], context["shown_point"]
    respond_to, page = context["respond_to"], context["discussion"].page
    if respond_to:
        linked = {"respond": str(respond_to.pk)}
    else:
        linked = {"perspective": perspective.slug} if perspective else {}
        if point and not perspective:
            linked["point"] = str(point.pk)
        if page > 1:
            linked["page"] = str(page)
    return page_cache.reader_parameters(query) == linked


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _filter_query(perspective, point):
    """The discussion filter as a query string, for links to other pages."""
    if perspective:
        return f"perspective={perspective.slug}"
    if point:
        return f"point={point.pk}"
    return ""
