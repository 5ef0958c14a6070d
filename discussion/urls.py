"""The discussion's addresses. Pages a reader may be served from the cache
are declared with pagecache.pages.reader_page, with the versions they show;
forms and pages for one reader are not_cached."""

from django.urls import path

from pagecache.pages import not_cached, reader_page
from pagecache.versions import SITE

from . import (
    converters,  # noqa: F401 (registers <id:...>)
    feeds,
)
from .page_versions import EVERY_DISCUSSION, answers_to, discussion_of
from .views import (
    answering,
    confirming,
    muting,
    permalink,
    posting,
    reader_answers,
    replying,
    reporting,
    summary,
)

app_name = "discussion"


urlpatterns = [
    path(
        "insight/<slug:slug>/comments/sent/",
        not_cached(posting.comment_sent),
        name="sent",
    ),
    path(
        "insight/<slug:slug>/what-we-heard/",
        reader_page(
            summary.summary,
            depends_on=(SITE, discussion_of("{slug}"), answers_to("{slug}")),
        ),
        name="summary",
    ),
    path(
        "insight/<slug:slug>/what-we-heard/comments.csv",
        not_cached(summary.comments_csv),
        name="summary-csv",
    ),
    path(
        "insight/<slug:slug>/what-we-heard/answers.csv",
        not_cached(summary.answers_csv),
        name="summary-answers-csv",
    ),
    path(
        "insight/<slug:slug>/what-we-heard/data/",
        reader_page(summary.data_dictionary),
        name="summary-data",
    ),
    path(
        "comments/<id:pk>/",
        not_cached(permalink.comment_permalink),
        name="permalink",
    ),
    path("comments/post/", not_cached(posting.post_comment), name="post"),
    path("comments/reply/<id:pk>/", not_cached(replying.reply), name="reply"),
    path(
        "comments/confirm/<str:token>/",
        not_cached(confirming.confirm),
        name="confirm",
    ),
    path("comments/mute/<str:key>/", not_cached(muting.mute), name="mute"),
    path("comments/report/<id:pk>/", not_cached(reporting.report), name="report"),
    path(
        "insight/<slug:slug>/points/<id:point_id>/answer/",
        not_cached(answering.answer_page),
        name="answer-page",
    ),
    path(
        "insight/<slug:slug>/points/<id:point_id>/answer/send/",
        not_cached(answering.answer),
        name="answer",
    ),
    path(
        "insight/<slug:slug>/answers/",
        not_cached(reader_answers.my_answers),
        name="my-answers",
    ),
    path(
        "insight/<slug:slug>/answers/mine.json",
        not_cached(reader_answers.my_answers_state),
        name="my-answers-state",
    ),
    path(
        "insight/<slug:slug>/answers/perspective/",
        not_cached(reader_answers.choose_perspective),
        name="answer-perspective",
    ),
    path(
        "answers/withdraw/",
        not_cached(answering.withdraw_answers),
        name="withdraw-answers",
    ),
    path(
        "feeds/comments/",
        reader_page(feeds.LatestCommentsFeed(), depends_on=(SITE, EVERY_DISCUSSION)),
        name="feed",
    ),
    path(
        "feeds/comments/<slug:slug>/",
        reader_page(
            feeds.ArticleCommentsFeed(), depends_on=(SITE, discussion_of("{slug}"))
        ),
        name="article-feed",
    ),
]
