from django.conf import settings
from django.utils.cache import patch_cache_control


class PrivateForSignedInUsersMiddleware:
    """A page rendered for someone signed in is theirs alone: no shared cache,
    nor the browser's disk, may keep it.

    Decided by the session cookie, without looking the user up (which could
    fail while the database is down); readers have no session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True, no_store=True)
        return response
