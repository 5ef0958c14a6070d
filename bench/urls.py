from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import include, path

from articles.models import Article


def stock_article(request, slug, features="full"):
    """The same article and comments, rendered by stock xtd's tree tag."""
    article = get_object_or_404(
        Article.objects.published().prefetch_related("points__perspective"), slug=slug
    )
    return render(
        request, "bench/stock_article.html", {"article": article, "features": features}
    )


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/stock/<slug:slug>/", stock_article),
    path("bench/stock-<str:features>/<slug:slug>/", stock_article),
    path("bench/trivial/", trivial),
    path("bench/xtd/", include("django_comments_xtd.urls")),
    path("", include("insight.urls")),
]
