from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string

from insight.feeds import AtomFeed
from insight.site import SiteFeed, absolute_url

from .models import ArgumentPoint, Article, Author, Topic


def with_points(articles):
    """Articles with their points, for their whole text: two queries a feed."""
    return articles.select_related("author").prefetch_related(
        Prefetch("points", queryset=ArgumentPoint.objects.select_related("perspective"))
    )


def article_html(article):
    """The whole article as HTML, as its page reads it: introduction, then
    the points by perspective."""
    return render_to_string("articles/feed_content.html", {"article": article})


class LatestArticlesFeed(SiteFeed):
    title = settings.SITE_NAME
    description = settings.SITE_STRAPLINE

    def items(self):
        return with_points(Article.objects.published())[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # the standfirst is plain text, and descriptions are HTML
        return linebreaksbr(item.standfirst, autoescape=True)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # only a change readers can see; Atom gives every entry one (AtomFeed)
        return item.updated_after_publication

    def item_extra_kwargs(self, item):
        # the whole article, cleaned by the feed generator (insight.feeds)
        return {"content": article_html(item)}

    def item_author_name(self, item):
        return item.author.name if item.author else None


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomFeed
    subtitle = LatestArticlesFeed.description


class AuthorArticlesFeed(LatestArticlesFeed):
    """One author's published articles, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Author.objects.published(), slug=slug)

    def title(self, author):
        return f"Articles by {author.name} – {settings.SITE_NAME}"

    def description(self, author):
        return f"The latest articles by {author.name} on {settings.SITE_NAME}."

    def link(self, author):
        return absolute_url(author.get_absolute_url())

    def items(self, author):
        return with_points(author.articles.published())[:20]


class TopicArticlesFeed(LatestArticlesFeed):
    """The newest published articles about one topic."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.with_published_articles(), slug=slug)

    def title(self, topic):
        return f"{settings.SITE_NAME}: {topic.name}"

    def description(self, topic):
        return f"The newest articles about {topic.name}."

    def link(self, topic):
        return absolute_url(topic.get_absolute_url())

    def items(self, topic):
        return with_points(Article.objects.published().filter(topics=topic))[:20]
