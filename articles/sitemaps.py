from django.db.models import Max
from django.urls import reverse

from insight.site import SiteSitemap

from .models import Article, Author, Perspective, Topic


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        # only what an entry shows: a page lists up to 50,000 articles
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # asked of the database, rather than of every article in Python
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class PerspectiveSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Perspective.objects.all()


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Author.objects.published().order_by("name", "id")


class TopicSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.with_published_articles()


class PageSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return [
            "articles:list",
            "articles:perspectives",
            "articles:authors",
            "articles:topics",
        ]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "perspectives": PerspectiveSitemap,
    "authors": AuthorSitemap,
    "topics": TopicSitemap,
}
