"""Errors to Sentry (sentry-sdk), when SENTRY_DSN is set, with no personal
data: what leaves is the exception's type, where it was raised, the stack's
code and the address asked for, as the logs have them (insight/log.py).
Never e-mail addresses, client addresses, comment text, cookies, headers,
form data, query strings, local variables or the exception's message."""

from .log import redact

# what a request's part of an event keeps
REQUEST_KEEPS = ("method", "url")


def start(dsn, environment=None, release=None):
    if not dsn:
        return
    # imported only when used: every process reads the settings at start
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or "production",
        release=release,
        integrations=[DjangoIntegration()],
        # collected as little as the SDK allows; scrub() takes the rest
        data_collection={
            "user_info": False,
            "http_bodies": [],
            "stack_frame_variables": False,
            "database_query_data": False,
        },
        max_breadcrumbs=0,
        traces_sample_rate=0,
        before_send=scrub,
    )


def scrub(event, hint=None):
    request = event.get("request") or {}
    event["request"] = {
        key: redact(str(request[key])) for key in REQUEST_KEEPS if key in request
    }
    for key in ("user", "breadcrumbs", "extra", "modules"):
        event.pop(key, None)
    for exception in (event.get("exception") or {}).get("values") or []:
        exception["value"] = ""  # a message may hold what a reader typed
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    if logentry := event.get("logentry"):
        # the message's pattern is kept, never the values put in it
        event["logentry"] = {"message": redact(str(logentry.get("message", "")))}
    event.pop("message", None)
    return event
