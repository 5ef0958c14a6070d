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
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("search/", views.search, name="search"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/articles/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("feeds/topics/<slug:slug>/", feeds.TopicArticlesFeed(), name="topic-feed"),
]
