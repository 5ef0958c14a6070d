from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.static import serve


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page says: send them to the
    static file (by name at request time, so its hashed name is known)."""
    return redirect(static("img/favicon.ico"))


def media(request, path):
    """Uploaded pictures, when the site serves them itself (DJANGO_SERVE_MEDIA,
    on when debugging); in production the proxy or a bucket does."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
