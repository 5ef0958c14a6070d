"""The site's addresses, and one whose view fails with what a reader sent in
its message and its log line, for the error tracker's tests."""

import logging

from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # a reader's form post, without a session
def fails_with_personal_data(request):
    sent = request.POST.get("comment", "")
    logging.getLogger("discussion").error("Could not keep a comment from %s", sent)
    raise ValueError(f"could not keep {sent}")


urlpatterns = [
    path("fails/", fails_with_personal_data),
    path("", include("insight.urls")),
]
