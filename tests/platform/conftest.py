"""Servers in their own processes, and the databases they share with the
tests: for the tests of gunicorn, nginx and the HTTP cache in front."""

import sqlite3
from contextlib import closing

import pytest

from tests.helpers import production_env
from tests.platform.servers import AppServer, TcpProxy, collect_static


@pytest.fixture(scope="session")
def static_files():
    collect_static()


class SqliteSwitch:
    """A copy of the test database that can be taken away and put back."""

    def __init__(self, directory):
        self.live = directory / "data"
        self.away = directory / "away"
        self.live.mkdir()
        self.url = f"sqlite:///{self.live / 'db.sqlite3'}"
        self.extra_env = {"DATABASE_CONN_MAX_AGE": "0"}

    def copy_test_database(self):
        from django.db import connection

        source = sqlite3.connect(connection.settings_dict["NAME"])
        target = sqlite3.connect(self.live / "db.sqlite3")
        with target:
            source.backup(target)
        source.close()
        target.close()

    def comments(self):
        with closing(sqlite3.connect(self.live / "db.sqlite3")) as database:
            return [
                text
                for (text,) in database.execute(
                    "SELECT comment FROM django_comments ORDER BY id"
                )
            ]

    def down(self):
        self.live.rename(self.away)

    def up(self):
        self.away.rename(self.live)


class PostgresSwitch:
    """The test database through a proxy that can be closed and reopened."""

    def __init__(self):
        from django.db import connection

        database = connection.settings_dict
        self.proxy = TcpProxy(database["HOST"] or "127.0.0.1", database["PORT"] or 5432)
        credentials = database["USER"]
        if database["PASSWORD"]:
            credentials += f":{database['PASSWORD']}"
        self.url = (
            f"postgres://{credentials}@127.0.0.1:{self.proxy.port}/{database['NAME']}"
        )
        self.extra_env = {}

    def copy_test_database(self):
        pass  # the server uses the test database itself

    def comments(self):
        from discussion.models import ArticleComment

        return list(
            ArticleComment.objects.order_by("pk").values_list("comment", flat=True)
        )

    def down(self):
        self.proxy.close()

    def up(self):
        self.proxy.open()


@pytest.fixture
def database_switch(transactional_db, tmp_path):
    from django.db import connection

    if connection.vendor == "sqlite":
        switch = SqliteSwitch(tmp_path)
        yield switch
    else:
        switch = PostgresSwitch()
        yield switch
        switch.proxy.close()


@pytest.fixture
def start_server(static_files, tmp_path):
    servers = []

    def start(app="insight.wsgi", **env):
        server = AppServer(
            production_env(**{"DJANGO_ALLOWED_HOSTS": "127.0.0.1", **env}),
            tmp_path / f"server-{len(servers)}.log",
            app=app,
        )
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def behind_varnish(
    transactional_db, django_user_model, database_switch, start_server, tmp_path
):
    """Call it (with environment for the app, and prepare=) to start the site
    behind Varnish (tests/platform/varnish_site.py)."""
    from tests.platform.varnish_site import start_behind_varnish

    started = []

    def start(prepare=None, **env):
        site = start_behind_varnish(
            django_user_model, database_switch, start_server, tmp_path, prepare, env
        )
        started.append(site.varnish)
        return site

    yield start
    for varnish in started:
        varnish.stop()
