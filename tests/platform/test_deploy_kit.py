"""The rest of deploy/: systemd units that systemd accepts, and a release
script that readies a new production database with no demo content."""

import sqlite3
import subprocess
from contextlib import closing

import pytest
from django.conf import settings

from tests.helpers import production_env
from tests.platform.proxies import DEPLOY, require, shipped

UNITS = sorted(path.name for path in (DEPLOY / "systemd").iterdir())


def test_the_kit_has_a_unit_for_the_site_and_one_for_the_worker():
    assert {"insight.service", "insight-worker.service"} <= set(UNITS)


@pytest.mark.parametrize("unit", UNITS)
def test_systemd_accepts_each_unit(unit, tmp_path):
    systemd_analyze = require("systemd-analyze")
    environment = tmp_path / "environment"
    environment.write_text("DJANGO_DEBUG=0\n")
    (tmp_path / unit).write_text(
        shipped(
            f"systemd/{unit}",
            {
                "/srv/insight/app": str(settings.BASE_DIR),
                "/etc/insight/environment": str(environment),
            },
        )
    )
    verified = subprocess.run(
        [systemd_analyze, "verify", str(tmp_path / unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verified.returncode == 0, verified.stderr
    # unknown keys and bad values are only warned about: none may be
    warnings = [line for line in verified.stderr.splitlines() if unit in line]
    assert warnings == []


def run_release(env):
    return subprocess.run(
        ["bash", str(DEPLOY / "release")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


class SqliteDatabase:
    def __init__(self, directory):
        self.path = directory / "insight.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def execute(self, sql):
        with closing(sqlite3.connect(self.path)) as db, db:
            return db.execute(sql).fetchall()

    def drop(self):
        pass


class PostgresDatabase:
    """An empty database beside the tests' own, on the same server."""

    def __init__(self):
        import psycopg
        from django.db import connection

        self.psycopg = psycopg
        database = connection.settings_dict
        self.name = f"{database['NAME']}_release"
        self.options = {
            "host": database["HOST"] or "127.0.0.1",
            "port": database["PORT"] or 5432,
            "user": database["USER"],
            "password": database["PASSWORD"] or None,
        }
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')
        self._admin(f'CREATE DATABASE "{self.name}"')
        credentials = database["USER"]
        if database["PASSWORD"]:
            credentials += f":{database['PASSWORD']}"
        self.url = (
            f"postgres://{credentials}@{self.options['host']}:"
            f"{self.options['port']}/{self.name}"
        )

    def _admin(self, sql):
        with self.psycopg.connect(
            dbname="postgres", autocommit=True, **self.options
        ) as connection:
            connection.execute(sql)

    def execute(self, sql):
        with self.psycopg.connect(dbname=self.name, **self.options) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def drop(self):
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def empty_database(transactional_db, tmp_path):
    """An empty database of the kind the tests run on (SQLite, or PostgreSQL)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        database = PostgresDatabase()
    else:
        database = SqliteDatabase(tmp_path)
    yield database
    database.drop()


def test_a_release_readies_a_new_database_with_no_demo_content(
    tmp_path, empty_database
):
    database = empty_database
    env = production_env(
        DATABASE_URL=database.url,
        STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_CSRF_TRUSTED_ORIGINS="https://insight.example.gov.uk",
        VENV=str(settings.BASE_DIR / ".venv"),
    )
    released = run_release(env)
    assert released.returncode == 0, released.stdout + released.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()

    def count(table):
        return database.execute(f"SELECT count(*) FROM {table}")[0][0]

    assert count("articles_article") == 0
    assert count("articles_author") == 0
    assert count("articles_argumentpoint") == 0
    assert count("django_comments") == 0
    assert count("articles_perspective") == 6
    assert count("django_flatpage") == 3
    assert count("django_migrations") > 0

    # the next release changes nothing an editor made
    database.execute("UPDATE django_flatpage SET content = 'Our own'")
    assert run_release(env).returncode == 0
    assert count("articles_article") == 0
    contents = database.execute("SELECT content FROM django_flatpage")
    assert {content for (content,) in contents} == {"Our own"}


def test_a_release_stops_at_a_failing_deploy_check(tmp_path):
    database = tmp_path / "insight.sqlite3"
    env = production_env(
        DATABASE_URL=f"sqlite:///{database}",
        STATIC_ROOT=str(tmp_path / "static"),
        VENV=str(settings.BASE_DIR / ".venv"),
        DJANGO_SECURE_SSL_REDIRECT="0",  # check --deploy warns of it
    )
    released = run_release(env)
    assert released.returncode != 0
    assert "SECURE_SSL_REDIRECT" in released.stdout + released.stderr
    assert not database.exists() or sqlite3.connect(database).execute(
        "SELECT count(*) FROM sqlite_master"
    ).fetchone() == (0,)
