"""The content's addresses. Each page a reader may be served from the cache
is declared here (pagecache.pages.reader_page): the query parameters it
takes, as the site's own links write them, and the versions it shows."""

from django.urls import path

from pagecache.pages import as_typed, not_cached, page_number, reader_page, slug

from . import extensions, feeds, previews, views

app_name = "articles"

# Read once the apps are ready, so every extension has registered.
ARTICLE_PAGE = extensions.article_page()
# pages that list articles, with what extensions show beside each
LISTS = extensions.list_versions()

urlpatterns = [
    path(
        "",
        reader_page(
            views.ArticleListView.as_view(),
            params={"perspective": slug, "topic": slug, "page": page_number},
            depends_on=LISTS,
        ),
        name="list",
    ),
    path(
        "insight/<slug:slug>/",
        reader_page(views.ArticleDetailView.as_view(), **ARTICLE_PAGE),
        name="detail",
    ),
    path(
        "perspectives/",
        reader_page(views.PerspectiveListView.as_view(), depends_on=LISTS),
        name="perspectives",
    ),
    path(
        "perspectives/<slug:slug>/",
        reader_page(
            views.PerspectiveDetailView.as_view(),
            params={"page": page_number},
            depends_on=LISTS,
        ),
        name="perspective",
    ),
    # a draft shown to whoever has the link: never cached (previews.py)
    path(
        "preview/<int:article_id>/<str:key>/",
        not_cached(previews.shared_preview),
        name="shared-preview",
    ),
    path("authors/", reader_page(views.AuthorListView.as_view()), name="authors"),
    path(
        "authors/<slug:slug>/",
        reader_page(views.AuthorDetailView.as_view()),
        name="author",
    ),
    path(
        "topics/",
        reader_page(views.TopicListView.as_view(), depends_on=LISTS),
        name="topics",
    ),
    path(
        "topics/<slug:slug>/",
        reader_page(
            views.TopicDetailView.as_view(),
            params={"page": page_number},
            depends_on=LISTS,
        ),
        name="topic",
    ),
    path(
        "search/",
        reader_page(
            views.search,
            params={"q": as_typed},
            depends_on=LISTS,
            only_when_common=True,
        ),
        name="search",
    ),
    path("feeds/articles/", reader_page(feeds.LatestArticlesFeed()), name="feed"),
    path(
        "feeds/articles/atom/",
        reader_page(feeds.LatestArticlesAtomFeed()),
        name="feed-atom",
    ),
    path(
        "feeds/authors/<slug:slug>/",
        reader_page(feeds.AuthorArticlesFeed()),
        name="author-feed",
    ),
    path(
        "feeds/topics/<slug:slug>/",
        reader_page(feeds.TopicArticlesFeed()),
        name="topic-feed",
    ),
]
