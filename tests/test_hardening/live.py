"""A production-style server (gunicorn, DEBUG off) in a subprocess, and a browser-like client."""

import contextlib
import http.client
import http.cookiejar
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from .production import ROOT, production_env
from .servers import free_port, port_answers

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def postgres_available():
    return port_answers(5432)


@contextlib.contextmanager
def scratch_database(name):
    """A PostgreSQL database of our own for a subprocess server, dropped afterwards."""
    import psycopg

    assert re.fullmatch(r"harden_live_[a-z0-9_]+", name)
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url, *args):
    env = production_env(DATABASE_URL=database_url, ALLOWED_HOSTS="127.0.0.1")
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@contextlib.contextmanager
def gunicorn(database_url, log_path, *, workers=1, threads=4, port=None, **extra_env):
    port = port or free_port()
    settings = {
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
    }
    env = production_env(**{**settings, **extra_env})
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "config.wsgi"),
                *(
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                ),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while not port_answers(port) and time.monotonic() < deadline:
                assert process.poll() is None, log_path.read_text()
                time.sleep(0.1)
            assert port_answers(port), "gunicorn did not start"
            # The master listens before its workers have booted (each builds the crisis
            # classifier as it starts): ready is when a worker answers, however loaded the machine.
            assert _answers_http(port, deadline=time.monotonic() + 90), log_path.read_text()
            yield Browser(f"http://127.0.0.1:{port}")
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _answers_http(port, *, deadline):
    """Whether a worker answers robots.txt (it needs no database) with any HTTP response, a
    redirect to HTTPS included, by `deadline`."""
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/robots.txt", headers={"X-Forwarded-Proto": "https"})
            connection.getresponse().read()
            return True
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    return False


class _BehindTLSProxy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure: the requests below stand for HTTPS ended at a proxy."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """Keeps cookies; answers (status, body, headers) without following redirects.

    Every request says it came through the TLS-terminating proxy (X-Forwarded-Proto), as in
    production, so Secure cookies and Django's HTTPS origin checks apply.
    """

    def __init__(self, base, headers=None):
        self.base = base
        origin = base.replace("http://", "https://")
        self.headers = {"X-Forwarded-Proto": "https", "Origin": origin, **(headers or {})}
        self.cookies = http.cookiejar.CookieJar(_BehindTLSProxy())
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # loopback only, whatever the environment says
            urllib.request.HTTPCookieProcessor(self.cookies),
            _NoRedirect,
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def hidden_value(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name!r}"
    return match.group(1)
