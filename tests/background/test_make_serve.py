"""`make run` ends with `make serve`: the site and one worker together, and
Ctrl-C (SIGINT to the terminal's process group) stops both."""

import os
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.request

import pytest
from django.conf import settings

from tests.background.conftest import database_url_of_tests
from tests.platform.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def processes_in_session(session_id):
    """The command lines of the live processes in a session."""
    return list(live_processes(session_id).values())


def live_processes(session_id):
    """{pid: command line} of the live processes in a session."""
    found = {}
    for pid in map(int, filter(str.isdigit, os.listdir("/proc"))):
        try:
            if os.getsid(pid) != session_id:
                continue
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(")")[1].split()[0] == "Z":
                    continue  # exited, not yet reaped
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                found[pid] = cmdline.read().replace(b"\0", b" ").decode()
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
    return found


def workers(session_id):
    """The worker's Python processes (not the shell that runs them)."""
    return {
        pid
        for pid, command in live_processes(session_id).items()
        if "run_worker" in command
        and command.split()[0].rsplit("/", 1)[-1].startswith("python")
    }


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def press_ctrl_c_and_see_everything_stop(make):
    os.killpg(make.pid, signal.SIGINT)  # Ctrl-C
    make.wait(30)
    assert wait_until(lambda: processes_in_session(make.pid) == [], 15), (
        processes_in_session(make.pid)
    )


def kill_what_is_left(make):
    if make.poll() is None or processes_in_session(make.pid):
        os.killpg(make.pid, signal.SIGKILL)


def test_make_serve_runs_the_site_and_a_worker_and_ctrl_c_stops_both(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_tests(),
        "DATABASE_CONN_MAX_AGE": "0",
    }
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115
    make = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"RUN_ADDRESS=127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/healthz")), (
            tmp_path / "serve.log"
        ).read_text()
        running = processes_in_session(make.pid)
        assert any("run_worker" in command for command in running), running
        assert any("runserver" in command for command in running), running

        press_ctrl_c_and_see_everything_stop(make)
    finally:
        kill_what_is_left(make)
        log.close()


def test_a_worker_killed_under_make_serve_is_started_again(tmp_path):
    """Killed (kill -9) or crashed, the worker comes back within seconds, as
    systemd brings it back in production; Ctrl-C still stops everything."""
    port = free_port()
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115
    make = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"RUN_ADDRESS=127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url_of_tests()},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/healthz"))
        assert wait_until(lambda: workers(make.pid))
        killed = workers(make.pid)
        for pid in killed:
            os.kill(pid, signal.SIGKILL)

        assert wait_until(lambda: workers(make.pid) - killed, 15), (
            tmp_path / "serve.log"
        ).read_text()
        assert answers(f"http://127.0.0.1:{port}/healthz")

        press_ctrl_c_and_see_everything_stop(make)
    finally:
        kill_what_is_left(make)
        log.close()


def test_the_worker_stops_when_the_site_cannot_start():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        make = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"RUN_ADDRESS=127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": database_url_of_tests()},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            assert make.wait(60) != 0
            assert wait_until(lambda: processes_in_session(make.pid) == [], 15)
        finally:
            if processes_in_session(make.pid):
                os.killpg(make.pid, signal.SIGKILL)


def test_make_run_on_a_fresh_clone_serves_the_site_and_a_worker_until_ctrl_c(tmp_path):
    """The first of the two set-up commands, on a database of its own (the
    virtualenv taken as installed): migrations, the demo article, then the
    site and a worker that is heard from, both stopped by one Ctrl-C."""
    port = free_port()
    database = tmp_path / "db.sqlite3"
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "REDIS_", "CACHE_KEY_PREFIX"))
    }
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env["STATIC_ROOT"] = str(tmp_path / "static")  # not the one other tests share
    log = open(tmp_path / "run.log", "w")  # noqa: SIM115
    make = subprocess.Popen(
        # -o: the virtualenv is installed already; make run installs it once
        ["make", "--no-print-directory", "-o", ".venv/.installed", "run"]
        + [f"RUN_ADDRESS=127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/healthz"), 240), (
            tmp_path / "run.log"
        ).read_text()
        with sqlite3.connect(database) as db:
            assert wait_until(
                lambda: (
                    db.execute("SELECT count(*) FROM background_workerseen").fetchone()[
                        0
                    ]
                    == 1
                ),
                30,
            )
        running = processes_in_session(make.pid)
        assert any("run_worker" in command for command in running), running
        assert any("runserver" in command for command in running), running

        press_ctrl_c_and_see_everything_stop(make)
    finally:
        kill_what_is_left(make)
        log.close()
