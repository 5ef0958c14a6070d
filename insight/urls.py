from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import sitemaps
from articles.views import RobotsView

admin.site.site_header = "Insight administration"
admin.site.site_title = "Insight admin"

urlpatterns = [
    path("", include("articles.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
]
