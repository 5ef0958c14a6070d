from django.urls import reverse

from insight.site import SiteSitemap

from .models import Article, Author, Perspective, Topic


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published()

    def lastmod(self, item):
        return item.updated_at


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
        return ["articles:list", "articles:perspectives", "articles:authors"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "perspectives": PerspectiveSitemap,
    "authors": AuthorSitemap,
    "topics": TopicSitemap,
}
