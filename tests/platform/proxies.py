"""Debian's nginx run with the site file deploy/ ships: only its production
addresses (ports, directories, certificate) are swapped for this test's."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.conf import settings

from tests.platform.servers import START_TIMEOUT, free_port, stop_process

DEPLOY = settings.BASE_DIR / "deploy"


def require(program):
    """The program's path; without it the test is skipped, or fails where
    INSIGHT_REQUIRE_SERVERS is set (as in CI)."""
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin")
    if found:
        return found
    message = f"{program} is not installed: apt-get install {program}"
    if os.environ.get("INSIGHT_REQUIRE_SERVERS", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def shipped(path, substitutions):
    """A file from deploy/ with each production value replaced. A value the
    file no longer holds fails the test, so the test follows the file."""
    text = (DEPLOY / path).read_text()
    for production, here in substitutions.items():
        assert production in text, f"{path} no longer has {production!r}"
        text = text.replace(production, here)
    return text


def self_signed_certificate(directory, host):
    certificate, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", f"/CN={host}", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return certificate, key


def wait_for_port(port, process, output):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"it did not start:\n{output()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"it did not start in time:\n{output()}")


class Nginx:
    HOST = "insight.example.gov.uk"

    def __init__(self, directory, upstream_port, static_root, media_root):
        nginx = require("nginx")
        self.directory = directory
        self.http_port, self.https_port = free_port(), free_port()
        certificate, key = self_signed_certificate(directory, self.HOST)
        site = shipped(
            "nginx/insight.conf",
            {
                "listen 80;": f"listen 127.0.0.1:{self.http_port};",
                "listen [::]:80;": f"listen [::1]:{self.http_port};",
                "listen 443 ssl": f"listen 127.0.0.1:{self.https_port} ssl",
                "listen [::]:443 ssl": f"listen [::1]:{self.https_port} ssl",
                "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
                "/etc/ssl/insight/fullchain.pem": str(certificate),
                "/etc/ssl/insight/privkey.pem": str(key),
                "/srv/insight/static/": f"{static_root}/",
                "/srv/insight/media/": f"{media_root}/",
            },
        )
        (directory / "insight.conf").write_text(site)
        (directory / "nginx.conf").write_text(self._main_config())
        command = [nginx, "-c", str(directory / "nginx.conf"), "-p", str(directory)]
        checked = subprocess.run(
            command + ["-t"], capture_output=True, text=True, timeout=30
        )
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen(
            command + ["-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in (self.http_port, self.https_port):
            wait_for_port(port, self.process, lambda: self.error_log)

    def _main_config(self):
        d = self.directory
        # As root, the workers would otherwise drop to a user who cannot read
        # the test's directories.
        user = "user root;" if os.geteuid() == 0 else ""
        return f"""
            {user}
            worker_processes 1;
            pid {d}/nginx.pid;
            error_log {d}/error.log info;
            events {{ worker_connections 256; }}
            http {{
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log {d}/access.log;
                client_body_temp_path {d}/client_body;
                proxy_temp_path {d}/proxy;
                fastcgi_temp_path {d}/fastcgi;
                uwsgi_temp_path {d}/uwsgi;
                scgi_temp_path {d}/scgi;
                include {d}/insight.conf;
            }}
        """

    @property
    def error_log(self):
        path = self.directory / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # finish requests in hand
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


class Varnish:
    """Debian's varnishd with deploy/varnish.vcl in front of an app server.
    Its port is chosen first, so the app can be told where to purge."""

    def __init__(self, directory):
        self.varnishd = require("varnishd")
        self.directory = directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, upstream_port):
        vcl = shipped("varnish.vcl", {'.port = "8000";': f'.port = "{upstream_port}";'})
        (self.directory / "default.vcl").write_text(vcl)
        self._log = open(self.directory / "varnishd.log", "wb")  # closed in stop()
        self.process = subprocess.Popen(
            [self.varnishd, "-F", "-j", "none", "-n", str(self.directory / "work")]
            + ["-f", str(self.directory / "default.vcl"), "-s", "malloc,64m"]
            + ["-a", f"127.0.0.1:{self.port}", "-T", "none"],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process, lambda: self.output)
        return self

    @property
    def output(self):
        self._log.flush()
        return (self.directory / "varnishd.log").read_text(errors="replace")

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
            self._log.close()
