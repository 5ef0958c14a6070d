from django.urls import path

from . import comment_views, feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("insight/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path(
        "insight/<slug:slug>/comments/sent/",
        comment_views.comment_sent,
        name="comment-sent",
    ),
    path("perspectives/", views.PerspectiveListView.as_view(), name="perspectives"),
    path(
        "perspectives/<slug:slug>/",
        views.PerspectiveDetailView.as_view(),
        name="perspective",
    ),
    path("search/", views.search, name="search"),
    path("comments/<int:pk>/", views.comment_permalink, name="comment-permalink"),
    path("comments/post/", comment_views.post_comment, name="comment-post"),
    path("comments/reply/<int:pk>/", comment_views.reply, name="comment-reply"),
    path("comments/confirm/<str:key>/", comment_views.confirm, name="comment-confirm"),
    path("comments/mute/<str:key>/", comment_views.mute, name="comment-mute"),
    path("comments/report/<int:pk>/", comment_views.report, name="comment-report"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/articles/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("feeds/comments/", feeds.LatestCommentsFeed(), name="comments-feed"),
    path(
        "feeds/comments/<slug:slug>/",
        feeds.ArticleCommentsFeed(),
        name="article-comments-feed",
    ),
]
