from django.urls import path

from . import (
    converters,  # noqa: F401 (registers <id:...>)
    feeds,
)
from .views import (
    answering,
    confirming,
    muting,
    permalink,
    posting,
    replying,
    reporting,
    summary,
)

app_name = "discussion"


urlpatterns = [
    path("insight/<slug:slug>/comments/sent/", posting.comment_sent, name="sent"),
    path("insight/<slug:slug>/what-we-heard/", summary.summary, name="summary"),
    path(
        "insight/<slug:slug>/what-we-heard/comments.csv",
        summary.comments_csv,
        name="summary-csv",
    ),
    path(
        "insight/<slug:slug>/what-we-heard/data/",
        summary.data_dictionary,
        name="summary-data",
    ),
    path("comments/<id:pk>/", permalink.comment_permalink, name="permalink"),
    path("comments/post/", posting.post_comment, name="post"),
    path("comments/reply/<id:pk>/", replying.reply, name="reply"),
    path("comments/confirm/<str:token>/", confirming.confirm, name="confirm"),
    path("comments/mute/<str:key>/", muting.mute, name="mute"),
    path("comments/report/<id:pk>/", reporting.report, name="report"),
    path(
        "insight/<slug:slug>/points/<id:point_id>/answer/",
        answering.answer_page,
        name="answer-page",
    ),
    path(
        "insight/<slug:slug>/points/<id:point_id>/answer/send/",
        answering.answer,
        name="answer",
    ),
    path("answers/withdraw/", answering.withdraw_answers, name="withdraw-answers"),
    path("feeds/comments/", feeds.LatestCommentsFeed(), name="feed"),
    path(
        "feeds/comments/<slug:slug>/", feeds.ArticleCommentsFeed(), name="article-feed"
    ),
]
