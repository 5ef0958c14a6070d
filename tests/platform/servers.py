"""Run the site the way production does, in a separate process, and talk to it
over HTTP. Every server, proxy and request here stays on 127.0.0.1 and stops
within a bounded time."""

import fcntl
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.conf import settings

REQUEST_TIMEOUT = 30
START_TIMEOUT = 30


def free_port():
    """A local TCP port with nothing listening on it (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")


class Browser:
    """A minimal HTTP client with a cookie jar, for one site.

    `https=True` sends the header a reverse proxy adds for HTTPS requests.
    """

    def __init__(self, base_url, https=False):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.https = https
        self.cookies = {}

    @property
    def origin(self):
        scheme = "https" if self.https else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @property
    def host_header(self):
        return f"{self.host}:{self.port}"

    def connection(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)

    def request(self, method, path, data=None, headers=None, body=None):
        """`data` is sent as a form; `body` as it is, with the content type
        given in `headers`."""
        headers = {"Host": self.host_header, **(headers or {})}
        if self.https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            headers["Origin"] = self.origin
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data=data)

    def sign_in(self, username, password):
        form = hidden_fields(self.get("/admin/login/").text, form_id="login-form")
        response = self.post(
            "/admin/login/",
            {**form, "username": username, "password": password, "next": "/admin/"},
        )
        assert response.status == 302, response.text
        return response

    def comment_form(self, article_path):
        """The hidden fields of the comment form on an article page."""
        page = self.get(article_path)
        assert page.status == 200, page.status
        return hidden_fields(page.text, form_id="comment-form")


class _HiddenFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        elif tag == "input" and self.inside and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def hidden_fields(html, form_id):
    parser = _HiddenFields(form_id)
    parser.feed(html)
    assert parser.fields, f"no form #{form_id} on the page"
    return parser.fields


class AppServer:
    """gunicorn with the repository's config, as an operator starts it."""

    def __init__(self, env, log_path, app="insight.wsgi"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"] + [app],
            cwd=settings.BASE_DIR,
            env={
                **env,
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
                "WEB_CONCURRENCY": "2",
                **{k: v for k, v in env.items() if k == "WEB_CONCURRENCY"},
            },
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()

    def _wait_until_listening(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise AssertionError(f"the server did not start:\n{self.output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"the server did not start in time:\n{self.output}")

    @property
    def output(self):
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        stop_process(self.process)
        self._log.close()


def stop_process(process, timeout=15):
    """Ask a server to stop; kill it if it has not within the timeout."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class TcpProxy:
    """Forwards a local port to a server. close() makes the server unreachable
    (refusing new connections and cutting open ones); open() brings it back."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._sockets = set()
        self._lock = threading.Lock()
        self._listener = None
        self.open()

    def open(self):
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.2)
        listener = self._listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _shut(sock)

    def _accept(self, listener):
        while self._listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _shut(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pipe, args=(source, sink), daemon=True
                ).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _shut(source)
            _shut(sink)


def _shut(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


# where the production servers of the tests find the collected static files
COLLECTED_STATIC = settings.BASE_DIR / "staticfiles"


def collect_static():
    """The hashed static files production serves (collectstatic), collected
    once a run: the servers of every pytest-xdist worker share STATIC_ROOT,
    and collecting again would take its manifest away from one starting."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    lock_path = settings.BASE_DIR / ".cache" / "collectstatic.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.seek(0)
        if run and lock.read() == run:
            return  # another worker of this run has collected them
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=settings.BASE_DIR,
            env={
                **os.environ,
                "DJANGO_DEBUG": "0",
                "STATIC_ROOT": str(COLLECTED_STATIC),
            },
            check=True,
            timeout=300,
        )
        lock.truncate(0)
        lock.write(run)
