from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages.views import flatpage
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from articles.sitemaps import sitemaps
from insight.health import healthz
from insight.metrics import metrics
from insight.views import favicon, media
from pagecache.pages import not_cached, page_number, reader_page

admin.site.site_header = "Insight administration"
admin.site.site_title = "Insight admin"
# The side menu takes a quarter of a 1280-pixel screen from the queue; the
# admin's front page and breadcrumbs lead everywhere it did.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("discussion.urls")),
    path("admin/", admin.site.urls),
    # Pages editors change in the admin (flat pages), at fixed addresses.
    path(
        "comments-policy/",
        not_cached(flatpage),
        {"url": "/comments-policy/"},
        name="comments-policy",
    ),
    path("privacy/", not_cached(flatpage), {"url": "/privacy/"}, name="privacy"),
    path(
        "accessibility/",
        not_cached(flatpage),
        {"url": "/accessibility/"},
        name="accessibility",
    ),
    # an index of sections, each in pages of at most 50,000 addresses
    path(
        "sitemap.xml",
        reader_page(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        reader_page(sitemap_views.sitemap, params={"p": page_number}),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        not_cached(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain")
        ),
        name="robots",
    ),
    path("healthz", not_cached(healthz), name="healthz"),
    path("metrics", not_cached(metrics), name="metrics"),
    path("favicon.ico", not_cached(favicon), name="favicon"),
]

if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$",
            not_cached(media),
            name="media",
        )
    )

handler500 = "insight.health.server_error"
