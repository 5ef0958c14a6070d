from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Perspective


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published()

    def lastmod(self, item):
        return item.updated_at


class PerspectiveSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Perspective.objects.all()


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["articles:list", "articles:perspectives"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "perspectives": PerspectiveSitemap,
}
