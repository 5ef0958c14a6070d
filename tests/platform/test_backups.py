"""SQLite backups: a consistent copy while readers keep posting, that opens as
the site's database; other databases are refused."""

import io
import sqlite3
import threading
from contextlib import closing

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections

from tests.factories import make_article, make_comment
from tests.helpers import production_env, run_python


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite only",
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_holds_every_comment_while_readers_keep_posting(tmp_path):
    from discussion.models import ArticleComment

    article = make_article()
    for number in range(20):
        make_comment(article, comment=f"Stored before the backup {number}")

    keep_posting = threading.Event()

    def post_more():
        number = 0
        while not keep_posting.is_set() and number < 200:
            make_comment(article, comment=f"Posted during the backup {number}")
            number += 1
        connections.close_all()

    writer = threading.Thread(target=post_more)
    writer.start()
    output = io.StringIO()
    try:
        call_command("backup_sqlite", str(tmp_path / "copy.sqlite3"), stdout=output)
    finally:
        keep_posting.set()
        writer.join(timeout=60)
    assert "Copied" in output.getvalue()

    copy_path = tmp_path / "copy.sqlite3"
    with closing(sqlite3.connect(copy_path)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        texts = {row[0] for row in copy.execute("SELECT comment FROM django_comments")}
        extension_rows = copy.execute(
            "SELECT count(*) FROM discussion_articlecomment"
        ).fetchone()[0]
    assert {f"Stored before the backup {number}" for number in range(20)} <= texts
    assert extension_rows == len(texts)
    assert len(texts) <= ArticleComment.objects.count()
    assert list(tmp_path.iterdir()) == [copy_path]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite only",
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_opens_as_the_sites_database(tmp_path):
    article = make_article(title="Restored piece", slug="restored-piece")
    make_comment(article, comment="Kept through the restore")
    call_command("backup_sqlite", str(tmp_path / "copy.sqlite3"), stdout=io.StringIO())
    result = run_python(
        "manage.py",
        "shell",
        "-c",
        "from discussion.models import ArticleComment;"
        "print(list(ArticleComment.objects.values_list('comment', flat=True)))",
        env={
            **production_env(),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'copy.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "['Kept through the restore']" in result.stdout


def test_backup_command_refuses_other_databases(monkeypatch, tmp_path):
    monkeypatch.setattr(connections["default"], "vendor", "postgresql")
    monkeypatch.setattr(connections["default"], "display_name", "PostgreSQL")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup_sqlite", str(tmp_path / "copy.sqlite3"))
    assert list(tmp_path.iterdir()) == []
