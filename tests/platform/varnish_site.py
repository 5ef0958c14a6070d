"""A site behind Debian's varnishd with deploy/varnish.vcl as shipped: an
article with a comment, a moderator, and readers reaching it through Varnish."""

import time
from types import SimpleNamespace

from django.contrib.auth.hashers import make_password

from discussion.models import ModerationPolicy
from tests.factories import make_article, make_comment, make_moderator
from tests.platform.proxies import Varnish
from tests.platform.servers import Browser

PASSWORD = "right-password-1"
TEXT = "A view that will not last"


def start_behind_varnish(
    django_user_model, database_switch, start_server, directory, prepare, env
):
    """gunicorn on a copy of the test database, with Varnish in front.
    prepare(article, comment), if given, adds data first; what it returns
    is the site's `extra`."""
    article = make_article(title="Cached piece", slug="cached-piece")
    comment = make_comment(article, comment=TEXT)
    moderator = make_moderator(django_user_model, "sam", "Sam")
    # hashed as production does: the tests' fast hasher is unknown to the server
    moderator.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    moderator.save()
    extra = prepare(article, comment) if prepare else None
    # Made by the first page ever rendered otherwise, which, as any change
    # landing while a page renders, keeps that page from Varnish.
    ModerationPolicy.current()
    database_switch.copy_test_database()
    varnish = Varnish(directory)
    app_env = {
        "DATABASE_URL": database_switch.url,
        "HTTP_CACHE": "varnish",
        "HTTP_CACHE_PURGE_URLS": varnish.url,
        **database_switch.extra_env,
        **env,
    }
    server = start_server(**app_env)
    varnish.start(server.port)
    return SimpleNamespace(
        article=article.get_absolute_url(),
        article_object=article,
        comment=comment,
        varnish=varnish,
        server=server,
        env=app_env,
        extra=extra,
    )


def reader(site):
    return Browser(site.varnish.url, https=True)


def signed_in_moderator(site):
    moderator = Browser(site.varnish.url, https=True)
    moderator.sign_in("sam", PASSWORD)
    return moderator


def remove(moderator, comment):
    queue = "/admin/discussion/articlecomment/"
    answer = moderator.request(
        "POST",
        f"/admin/discussion/articlecomment/{comment.pk}/decide/remove/",
        data={},
        headers={"Referer": f"{moderator.origin}{queue}"},
    )
    assert answer.status == 302, answer.text[:500]
    return time.monotonic()


def requests_seen(site, path, expected=None):
    """The requests for exactly this address that reached gunicorn. gunicorn
    logs a request once it has answered: given the number expected, wait a
    little for a line written late."""
    deadline = time.monotonic() + 2
    while True:
        seen = [
            line
            for line in site.server.output.splitlines()
            if line.startswith(("GET ", "HEAD ")) and line.split(" ")[1] == path
        ]
        if expected in (None, len(seen)) or time.monotonic() > deadline:
            return seen
        time.sleep(0.05)
