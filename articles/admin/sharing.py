"""Share a preview, from an article's change page: make a link that shows
its current draft to someone without an account, list the live ones, and
revoke any of them. Plain forms, posted without JavaScript."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats
from django.views.decorators.http import require_POST

from insight.site import absolute_url

from .. import sharing
from ..models import PreviewLink


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="Days the link works for",
        min_value=PreviewLink.MIN_DAYS,
        max_value=PreviewLink.MAX_DAYS,
        initial=PreviewLink.DEFAULT_DAYS,
        error_messages={
            "required": "Enter a number of days",
            "invalid": "Enter the number of days as a whole number, like 7",
            "min_value": f"Enter at least {PreviewLink.MIN_DAYS} day",
            "max_value": f"Enter {PreviewLink.MAX_DAYS} days or fewer",
        },
    )


def urls(model_admin):
    site = model_admin.admin_site

    def only_for_changers(view):
        # staff who may not change articles are refused before being told
        # which method the address takes
        def checked(request, *args, **kwargs):
            if not model_admin.has_change_permission(request):
                raise PermissionDenied
            return require_POST(view)(request, *args, **kwargs)

        return site.admin_view(checked)

    def share(request, object_id):
        return share_view(model_admin, request, object_id)

    def revoke(request, object_id, link_id):
        return revoke_view(model_admin, request, object_id, link_id)

    return [
        path(
            "<path:object_id>/share/",
            only_for_changers(share),
            name="articles_article_share",
        ),
        path(
            "<path:object_id>/share/<int:link_id>/revoke/",
            only_for_changers(revoke),
            name="articles_article_revoke_share",
        ),
    ]


def context(request, object_id):
    """What the change page shows under "Share a preview"."""
    links = (
        PreviewLink.objects.live()
        .filter(article_id=_article_id(object_id))
        .select_related("created_by")
    )
    return {
        "share_form": ShareForm(),
        "preview_links": [
            (link, absolute_url(link.get_absolute_url())) for link in links
        ],
    }


def _article_id(object_id):
    value = unquote(str(object_id))
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0


def _changeable_article(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article")
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article


def _back_to(article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return HttpResponseRedirect(f"{url}#share-preview")


def share_view(model_admin, request, object_id):
    article = _changeable_article(model_admin, request, object_id)
    form = ShareForm(request.POST)
    if not form.is_valid():
        for error in form.errors["days"]:
            messages.error(request, f"No link was made. {error}.")
        return _back_to(article)
    link = sharing.share_preview(article, request.user, form.cleaned_data["days"])
    messages.success(
        request,
        "Preview link made. It works until "
        f"{formats.date_format(link.expires_at, 'j F Y')}: "
        f"{absolute_url(link.get_absolute_url())}",
    )
    return _back_to(article)


def revoke_view(model_admin, request, object_id, link_id):
    article = _changeable_article(model_admin, request, object_id)
    link = get_object_or_404(PreviewLink, pk=link_id, article=article)
    sharing.revoke(link, request.user)
    messages.success(request, "Preview link revoked. It no longer works.")
    return _back_to(article)
