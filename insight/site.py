"""The site's one public address, SITE_URL, wherever an absolute link is made:
feeds, the sitemap, robots.txt, e-mails and the sites framework's domain."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse

from .feeds import RssFeed

LOCAL_SITE_URL = "http://127.0.0.1:8000"


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme or "https"


def site_domain():
    return urlsplit(settings.SITE_URL).netloc


def keep_site_in_step(sender, using="default", **kwargs):
    """After migrate: the sites framework's domain (used by the admin's "View
    on site", feeds and sitemaps) is SITE_URL's, never example.com."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": site_domain(), "name": settings.SITE_NAME},
    )
    Site.objects.clear_cache()


class SiteFeed(Feed):
    """A feed whose links start with SITE_URL, whichever host it was asked on,
    and that says who publishes it. RSS unless it says otherwise; either way
    its text is made safe for feed readers (insight.feeds)."""

    feed_type = RssFeed

    def author_name(self):
        return settings.SITE_ORGANISATION

    def link(self):
        return absolute_url(reverse("articles:list"))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with SITE_URL (the sites framework's
    domain is kept in step with it)."""

    @property
    def protocol(self):
        # read by both the sitemap index and its sections
        return site_scheme()
