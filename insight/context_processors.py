from django.conf import settings


def site(request):
    """The site's name and strapline, shown on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "site_strapline": settings.SITE_STRAPLINE,
        # from settings, not the request: cached pages are shared by every host
        "site_url": settings.SITE_URL.rstrip("/"),
    }
