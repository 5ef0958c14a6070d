from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import include, path

from articles.models import Article
from articles.views import ArticleDetailView


def stock_article(request, slug, features="full"):
    """The same article and comments, rendered by stock xtd's tree tag."""
    article = get_object_or_404(
        Article.objects.published().prefetch_related("points__perspective"), slug=slug
    )
    return render(
        request, "bench/stock_article.html", {"article": article, "features": features}
    )


class ArticleWithoutAnswers(ArticleDetailView):
    """The article page with its quick answers left out: what they cost."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"]["discussion"].answers_shown = False
        return context


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/stock/<slug:slug>/", stock_article),
    path("bench/stock-<str:features>/<slug:slug>/", stock_article),
    path("bench/trivial/", trivial),
    path("bench/no-answers/<slug:slug>/", ArticleWithoutAnswers.as_view()),
    path("bench/xtd/", include("django_comments_xtd.urls")),
    path("", include("insight.urls")),
]
