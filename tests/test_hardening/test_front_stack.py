"""The production front stack (deploy/): nginx in front of gunicorn, started for real.

gunicorn runs with 1 worker of 2 threads, so two slow clients would be enough to stop it on its
own. 40 clients each send one header line every couple of seconds (the probe's attack); a
normal visitor through nginx is still answered at once, while the same request straight to
gunicorn is not answered at all (the control: it shows the attack is real).

Runs wherever nginx is installed; with REQUIRE_STACK=1 (set by .ci/run) a missing nginx fails.
"""

import contextlib
import http.client
import os
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from deploy import stack

from .live import gunicorn
from .production import collected_static
from .servers import free_port, port_answers

SLOW_CLIENTS = 40
TRICKLE_SECONDS = 2


@pytest.fixture(autouse=True)
def _nginx_installed():
    if stack.nginx_binary() is None:
        if os.environ.get("REQUIRE_STACK"):
            pytest.fail("REQUIRE_STACK is set but nginx is not installed (apt-get install nginx)")
        pytest.skip("nginx is not installed (apt-get install nginx; .ci/run installs it)")


@contextlib.contextmanager
def nginx_in_front(app_port, prefix):
    http_port, https_port = free_port(), free_port()
    conf = stack.render_nginx(
        prefix,
        upstream=f"127.0.0.1:{app_port}",
        http_port=http_port,
        https_port=https_port,
        static_root=collected_static["root"],
        error_pages=collected_static["errors"],
    )
    log = prefix / "nginx.out"
    with open(log, "wb") as out:
        process = subprocess.Popen(stack.nginx_command(conf), stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while not port_answers(https_port) and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text() + (prefix / "error.log").read_text()
            time.sleep(0.05)
        assert port_answers(https_port), "nginx did not start"
        context = ssl.create_default_context(cafile=str(prefix / "tls" / "localhost.crt"))
        yield Front(http_port, https_port, context)
    finally:
        process.terminate()
        process.wait(10)


class Front:
    def __init__(self, http_port, https_port, context):
        self.http_port, self.https_port, self.context = http_port, https_port, context

    def get(self, path, *, timeout=5, headers=None):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.https_port, timeout=timeout, context=self.context
        )
        return _get(connection, path, headers)


def _get(connection, path, headers=None):
    started = time.monotonic()
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, dict(response.headers), body, time.monotonic() - started
    finally:
        connection.close()


class SlowClients:
    """Sockets that send a request's first line, then one header line every few seconds."""

    def __init__(self, port, count, context=None):
        self.sockets = []
        for n in range(count):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            if context is not None:
                sock = context.wrap_socket(sock, server_hostname="127.0.0.1")
            sock.sendall(f"GET /robots.txt?slow={n} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
            self.sockets.append(sock)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self):
        line = 0
        while not self.stop.wait(TRICKLE_SECONDS):
            line += 1
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(f"X-Slow-{line}: still typing\r\n".encode())

    def close(self):
        self.stop.set()
        self.thread.join(5)
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()


def _static_file():
    """A collected CSS file with the precompressed copy collectstatic made next to it."""
    root = Path(collected_static["root"])
    for path in sorted(root.rglob("*.css")):
        if path.with_name(path.name + ".gz").exists():
            return "/static/" + path.relative_to(root).as_posix()
    pytest.fail("no compressed CSS among the collected static files")


def test_slow_clients_do_not_block_visitors_behind_nginx(tmp_path):
    unused_db = f"sqlite:///{tmp_path / 'unused.sqlite3'}"  # robots.txt needs no database
    with (
        gunicorn(unused_db, tmp_path / "gunicorn.log", workers=1, threads=2) as app,
        nginx_in_front(int(app.base.rsplit(":", 1)[1]), tmp_path / "nginx") as front,
    ):
        status, _, body, _ = front.get("/robots.txt")
        assert status == 200 and b"Sitemap:" in body

        slow = SlowClients(front.https_port, SLOW_CLIENTS, front.context)
        try:
            time.sleep(0.5)
            for _ in range(3):  # across more than one trickle of the slow clients
                status, _, body, seconds = front.get("/robots.txt", timeout=5)
                assert status == 200 and b"Sitemap:" in body
                assert seconds < 1.5, f"{seconds:.1f}s behind {SLOW_CLIENTS} slow clients"
                time.sleep(1)
        finally:
            slow.close()

        # The control: the same attack straight at gunicorn stops it answering anyone.
        port = int(app.base.rsplit(":", 1)[1])
        slow = SlowClients(port, SLOW_CLIENTS)
        try:
            time.sleep(0.5)
            with pytest.raises(TimeoutError):
                _get(http.client.HTTPConnection("127.0.0.1", port, timeout=2), "/robots.txt")
        finally:
            slow.close()


def test_static_files_and_redirects_from_nginx(tmp_path):
    unused_db = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    with (
        gunicorn(unused_db, tmp_path / "gunicorn.log", workers=1, threads=2) as app,
        nginx_in_front(int(app.base.rsplit(":", 1)[1]), tmp_path / "nginx") as front,
    ):
        status, headers, _, _ = front.get(_static_file(), headers={"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["Content-Encoding"] == "gzip"
        assert headers["X-Content-Type-Options"] == "nosniff"

        plain = http.client.HTTPConnection("127.0.0.1", front.http_port, timeout=5)
        status, headers, _, _ = _get(plain, "/q/497/?x=1")
        assert status == 301
        assert headers["Location"] == f"https://127.0.0.1:{front.https_port}/q/497/?x=1"

        # Pages come from gunicorn through nginx, with the site's own headers.
        status, headers, _, _ = front.get("/robots.txt")
        assert status == 200
        assert "Strict-Transport-Security" in headers
