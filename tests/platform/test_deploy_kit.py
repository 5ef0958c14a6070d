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


def test_a_release_readies_a_new_database_with_no_demo_content(tmp_path):
    database = tmp_path / "insight.sqlite3"
    env = production_env(
        DATABASE_URL=f"sqlite:///{database}",
        STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_CSRF_TRUSTED_ORIGINS="https://insight.example.gov.uk",
        VENV=str(settings.BASE_DIR / ".venv"),
    )
    released = run_release(env)
    assert released.returncode == 0, released.stdout + released.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()

    def count(table):
        with closing(sqlite3.connect(database)) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    assert count("articles_article") == 0
    assert count("articles_author") == 0
    assert count("articles_perspective") == 6
    assert count("django_flatpage") == 3

    # the next release changes nothing an editor made
    with closing(sqlite3.connect(database)) as db, db:
        db.execute("UPDATE django_flatpage SET content = 'Our own'")
    assert run_release(env).returncode == 0
    assert count("articles_article") == 0
    with closing(sqlite3.connect(database)) as db:
        assert {c for (c,) in db.execute("SELECT content FROM django_flatpage")} == {
            "Our own"
        }


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
