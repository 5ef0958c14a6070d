from django.conf import settings


def site(request):
    """The site's name and strapline, shown on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "site_organisation": settings.SITE_ORGANISATION,
        "site_phase": settings.SITE_PHASE,
        "site_strapline": settings.SITE_STRAPLINE,
        # from settings, not the request: cached pages are shared by every host
        "site_url": settings.SITE_URL.rstrip("/"),
    }
