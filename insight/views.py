from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page says: send them to the
    static file (by name at request time, so its hashed name is known)."""
    return redirect(static("img/favicon.ico"))
