from django.conf import settings
from django.utils.feedgenerator import Atom1Feed

from insight.site import SiteFeed

from .models import Article


class LatestArticlesFeed(SiteFeed):
    title = settings.SITE_NAME
    description = settings.SITE_STRAPLINE

    def items(self):
        return Article.objects.published()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or None


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
