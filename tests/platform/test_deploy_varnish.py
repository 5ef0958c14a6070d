"""deploy/varnish.vcl as shipped, in front of gunicorn: readers' pages come
from Varnish, a moderator's removal is gone from them before the moderator
is told it is done, and nothing per-reader or staff-only is ever kept."""

import http.client
import sqlite3
import time
from contextlib import closing

from pagecache.versions import TRUST_SECONDS
from tests.helpers import production_env, run_python
from tests.platform.conftest import SqliteSwitch
from tests.platform.servers import free_port
from tests.platform.varnish_site import (
    TEXT,
    reader,
    remove,
    requests_seen,
    signed_in_moderator,
)


def test_a_removed_comment_is_gone_from_varnish_when_the_moderator_is_told(
    behind_varnish,
):
    site = behind_varnish()
    first = reader(site).get(site.article)
    assert first.status == 200
    assert TEXT in first.text
    again = reader(site).get(site.article)
    assert again.headers["X-Cache"] == "hit"
    assert TEXT in again.text

    told = remove(signed_in_moderator(site), site.comment)
    after = reader(site).get(site.article)
    assert time.monotonic() - told < 1
    assert after.status == 200
    assert TEXT not in after.text


def test_readers_share_one_copy_that_browsers_still_check(behind_varnish):
    site = behind_varnish()
    reader(site).get(site.article)
    # another reader, with cookies of their own (a form, an answer): the
    # same copy, for the page is the same for every reader
    other = reader(site)
    other.cookies.update({"csrftoken": "a" * 32, "insight_reader": "b" * 22})
    shared = other.get(site.article)
    assert shared.headers["X-Cache"] == "hit"
    assert shared.headers["Cache-Control"] == "no-cache"
    assert shared.headers["Vary"] == "Cookie"
    assert "ETag" in shared.headers
    # the keys are for Varnish alone
    assert "xkey" not in shared.headers
    assert "Surrogate-Key" not in shared.headers
    # a browser's own copy is checked, and answered by Varnish
    checked = other.request(
        "GET", site.article, headers={"If-None-Match": shared.headers["ETag"]}
    )
    assert checked.status == 304
    gets = requests_seen(site, site.article, expected=1)
    assert len(gets) == 1, gets


def test_nothing_per_reader_or_staff_only_is_kept(behind_varnish):
    site = behind_varnish()
    public = reader(site).get(site.article)
    moderator = signed_in_moderator(site)
    for _ in range(2):
        staff_page = moderator.get(site.article)
        assert staff_page.headers["X-Cache"] == "miss"
    for path in ["/admin/", "/admin/discussion/articlecomment/"]:
        for _ in range(2):
            assert moderator.get(path).headers["X-Cache"] == "miss", path
    # pages that set a cookie, forms and addresses the app does not keep
    for path in ["/admin/login/", f"{site.article}?ref=mail", "/nowhere/"]:
        for _ in range(2):
            response = reader(site).get(path)
            assert response.headers["X-Cache"] == "miss", path
    # readers still get the readers' copy, not one a moderator was sent
    again = reader(site).get(site.article)
    assert again.headers["X-Cache"] == "hit"
    assert again.body == public.body


def ban(site, keys, source="127.0.0.1"):
    connection = http.client.HTTPConnection(
        "127.0.0.1", site.varnish.port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request("BAN", "/", headers={"xkey-purge": keys})
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_the_app_servers_may_purge_and_only_by_name(behind_varnish):
    site = behind_varnish()
    reader(site).get(site.article)
    assert ban(site, "site", source="127.0.0.2") == 403
    for pattern in [".*", "site|.*", "(", "article:*"]:
        assert ban(site, pattern) == 400, pattern
    assert reader(site).get(site.article).headers["X-Cache"] == "hit"
    # a name matches whole: another article's name takes nothing of this one
    assert ban(site, "article:cached") == 200
    assert reader(site).get(site.article).headers["X-Cache"] == "hit"
    assert ban(site, "article:cached-piece") == 200
    assert reader(site).get(site.article).headers["X-Cache"] == "miss"


def test_a_purge_that_fails_leaves_a_copy_for_the_shared_lifetime_at_most(
    behind_varnish,
):
    # the app purges an address where nothing listens: the copy must expire
    site = behind_varnish(
        HTTP_CACHE_PURGE_URLS=f"http://127.0.0.1:{free_port()}", HTTP_CACHE_SECONDS="1"
    )
    reader(site).get(site.article)
    told = remove(signed_in_moderator(site), site.comment)
    grace = 10
    while TEXT in reader(site).get(site.article).text:
        assert time.monotonic() - told < 1 + grace + 2, (
            "the old copy outlived its bound"
        )
        time.sleep(0.2)
    assert "HTTP cache purge failed" in site.server.output


def restore(database_switch, backup, comment):
    """Put the database back as it was when `backup` was taken: SQLite's
    own backup, copied back over the live file; on PostgreSQL the rows the
    removal changed, written back behind the app's back as a restore does."""
    if backup is not None:
        with (
            closing(sqlite3.connect(backup)) as source,
            closing(sqlite3.connect(database_switch.live / "db.sqlite3")) as target,
        ):
            source.backup(target)
    else:
        from discussion.models import ArticleComment

        ArticleComment.objects.filter(pk=comment.pk).update(
            is_removed=False, is_public=True
        )


def test_after_a_restore_the_drill_keeps_no_old_page_in_varnish(
    behind_varnish, database_switch, tmp_path
):
    """The README's restore drill: the page Varnish kept before the restore
    (without a comment the backup still has) is gone once `refresh_pages`
    has run, with the app servers' environment."""
    site = behind_varnish()
    backup = None
    if isinstance(database_switch, SqliteSwitch):
        backup = tmp_path / "backup.sqlite3"
        with closing(sqlite3.connect(database_switch.live / "db.sqlite3")) as source:
            with closing(sqlite3.connect(backup)) as target:
                source.backup(target)
    remove(signed_in_moderator(site), site.comment)
    for _ in range(2):
        kept = reader(site).get(site.article)
    assert kept.headers["X-Cache"] == "hit"
    assert TEXT not in kept.text

    restore(database_switch, backup, site.comment)
    time.sleep(TRUST_SECONDS + 0.5)  # the app's own cache has caught up by now
    stale = reader(site).get(site.article)
    assert TEXT not in stale.text, "Varnish should still hold its copy"

    refreshed = run_python("manage.py", "refresh_pages", env=production_env(**site.env))
    assert refreshed.returncode == 0, refreshed.stderr
    after = reader(site).get(site.article)
    assert after.headers["X-Cache"] == "miss"
    assert TEXT in after.text
