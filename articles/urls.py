from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("insight/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("perspectives/", views.PerspectiveListView.as_view(), name="perspectives"),
    path(
        "perspectives/<slug:slug>/",
        views.PerspectiveDetailView.as_view(),
        name="perspective",
    ),
    path("authors/", views.AuthorListView.as_view(), name="authors"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("search/", views.search, name="search"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/articles/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("feeds/authors/<slug:slug>/", feeds.AuthorArticlesFeed(), name="author-feed"),
    path("feeds/topics/<slug:slug>/", feeds.TopicArticlesFeed(), name="topic-feed"),
]
