"""The whole production front stack, started for real: nginx → Varnish (xkey) → gunicorn, with
the purge worker, on a SQLite file all of them share.

A change published in the admin reaches the page Varnish serves within a second; a purge that
fails (Varnish unreachable) is retried by the worker; 40 slow clients do not delay anyone; pages
and static files carry the right headers end to end, and nothing of ours (surrogate keys) leaks.

Runs wherever nginx, Varnish and its xkey module are installed; with REQUIRE_STACK=1 (set by
.ci/run) a missing one fails.
"""

import contextlib
import os
import re
import subprocess
import sys
import time

import pytest

from deploy import stack

from .live import gunicorn, manage
from .production import ROOT, collected_static, production_env
from .servers import TCPProxy, free_port, port_answers
from .test_front_stack import SLOW_CLIENTS, SlowClients, _static_file, nginx_in_front

PASSWORD = "a-long-staff-password-for-the-stack-test"


@pytest.fixture(autouse=True)
def _stack_installed():
    missing = [
        name
        for name, present in (
            ("nginx", stack.nginx_binary()),
            ("varnish", stack.varnish_binary()),
            ("varnish-modules (xkey)", stack.xkey_installed()),
        )
        if not present
    ]
    if missing:
        message = (
            f"not installed: {', '.join(missing)} (apt-get install nginx varnish varnish-modules)"
        )
        if os.environ.get("REQUIRE_STACK"):
            pytest.fail(f"REQUIRE_STACK is set but {message}")
        pytest.skip(message)


SETUP = f"""
from django.contrib.auth.models import User
from faq.models import Answer, Status
from tests.factories import make_answer, make_topic
topic = make_topic(name="Fraud")
make_answer(number=10, question="Is this a scam?", topics=[topic])
draft = make_answer(
    number=11, question="What is courier fraud?", topics=[topic], status=Status.IN_REVIEW
)
User.objects.create_superuser("editor", "editor@example.org", "{PASSWORD}")
print(topic.get_absolute_url(), draft.pk)
"""


@contextlib.contextmanager
def varnish(backend_port, prefix, *, port=None, probe_interval="5s"):
    port = port or free_port()
    vcl = stack.render_varnish(
        prefix,
        backend_port=backend_port,
        error_pages=collected_static["errors"],
        probe_interval=probe_interval,
    )
    log = prefix / "varnish.out"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            stack.varnish_command(vcl, port, memory="32m"), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while not port_answers(port) and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            time.sleep(0.1)
        assert port_answers(port), "varnishd did not start: " + log.read_text()
        yield port
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@contextlib.contextmanager
def purge_worker(env, log_path):
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "deliver", "--loop", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(10)


@contextlib.contextmanager
def full_stack(
    tmp_path,
    *,
    purge_through_proxy=False,
    setup=SETUP,
    environment=None,
    warm="/q/10/is-this-a-scam/",
):
    """(front, topic_url, proxy, draft_pk): the stack on loopback with a fresh database, filled
    by the `setup` script (its last line: a topic's address and a draft's pk); `environment`:
    more settings for gunicorn and the worker; `warm`: a page `setup` made, asked for first."""
    database = f"sqlite:///{tmp_path / 'stack.sqlite3'}"
    manage(database, "migrate", "--noinput")
    env = production_env(DATABASE_URL=database, ALLOWED_HOSTS="127.0.0.1")
    setup = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr
    topic_url, draft_pk = setup.stdout.strip().splitlines()[-1].split()
    app_port = free_port()
    with varnish(app_port, tmp_path / "varnish") as varnish_port:
        proxy = TCPProxy(varnish_port).start() if purge_through_proxy else None
        purge_port = proxy.port if proxy else varnish_port
        settings = {
            "HTTP_CACHE_PURGE_URLS": f"http://127.0.0.1:{purge_port}/",
            "TRUST_X_FORWARDED_FOR": "1",
            "TRUSTED_PROXY_COUNT": "2",
            "SECURE_SSL_REDIRECT": "1",  # as in production: plain HTTP is redirected
            **(environment or {}),
        }
        with (
            gunicorn(database, tmp_path / "gunicorn.log", port=app_port, threads=4, **settings),
            purge_worker({**env, **settings}, tmp_path / "worker.log"),
            nginx_in_front(varnish_port, tmp_path / "nginx") as front,
        ):
            # The worker's first request loads every view (and the API's schemas): on a busy
            # machine that alone can take seconds, which is not what these tests measure.
            assert front.get("/healthz", timeout=60)[0] == 200
            assert front.get(warm, timeout=60)[0] == 200
            try:
                assert _probe_answers(tmp_path / "varnish" / "varnish.vcl", app_port)
                yield front, topic_url, proxy, draft_pk
            finally:
                if proxy:
                    proxy.stop()


def _probe_answers(vcl, app_port):
    """Varnish's health probe, sent as the rendered VCL writes it, gets 200 from the site: a
    probe that sees anything else marks the site down and Varnish answers 503 to everyone."""
    import socket

    lines = re.findall(
        r'^\s+"([^"]+)"(?:;)?$', vcl.read_text().split(".probe", 1)[1].split("}", 1)[0], re.M
    )
    request = "\r\n".join(lines) + "\r\n\r\n"
    with socket.create_connection(("127.0.0.1", app_port), timeout=10) as sock:
        sock.sendall(request.encode())
        status = sock.recv(64).decode(errors="replace")
    assert status.startswith("HTTP/1.1 200"), (request, status)
    return True


class Staff:
    """Logs into the admin through the stack (cookies, CSRF token, Origin) and runs actions."""

    def __init__(self, front):
        self.front = front
        self.cookies = {}
        self.origin = f"https://127.0.0.1:{front.https_port}"

    def request(self, method, path, form=None):
        import http.client
        import urllib.parse

        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.front.https_port, timeout=15, context=self.front.context
        )
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            }
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie, _, _ = value.partition(";")
                    key, _, val = cookie.partition("=")
                    self.cookies[key.strip()] = val.strip()
            return response.status, text
        finally:
            connection.close()

    def token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    def log_in(self):
        _, page = self.request("GET", "/staff/login/")
        form = {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": self.token(page)}
        status, _ = self.request("POST", "/staff/login/?next=/staff/", form)
        assert status == 302 and "sessionid" in self.cookies

    def publish(self, pk):
        _, page = self.request("GET", "/staff/faq/answer/")
        form = {
            "action": "publish_selected",
            "_selected_action": [pk],
            "csrfmiddlewaretoken": self.token(page),
        }
        status, text = self.request("POST", "/staff/faq/answer/", form)
        assert status == 302, text[:2000]


def _wait_for(front, url, text, *, seconds):
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        _, _, body, _ = front.get(url)
        if text in body.decode():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def test_publishing_in_the_admin_reaches_the_page_varnish_serves_within_a_second(tmp_path):
    with full_stack(tmp_path) as (front, topic_url, _, draft):
        front.get(topic_url)
        status, headers, body, _ = front.get(topic_url)
        assert status == 200 and headers["X-Cache"] == "HIT"
        assert "courier fraud" not in body.decode()
        staff = Staff(front)
        staff.log_in()
        staff.publish(draft)
        seconds = _wait_for(front, topic_url, "What is courier fraud?", seconds=1.0)
        assert seconds is not None, "the published answer did not reach Varnish's copy in 1 s"
        _, headers, _, _ = front.get(topic_url)
        assert headers["X-Cache"] in ("HIT", "MISS")  # cached again, not bypassed for good


def test_a_purge_that_fails_is_retried_by_the_worker(tmp_path):
    with full_stack(tmp_path, purge_through_proxy=True) as (front, topic_url, proxy, draft):
        front.get(topic_url)
        assert front.get(topic_url)[1]["X-Cache"] == "HIT"
        staff = Staff(front)
        staff.log_in()
        proxy.stop()  # Varnish cannot be reached for purging
        staff.publish(draft)
        time.sleep(1.5)
        body = front.get(topic_url)[2]
        assert "courier fraud" not in body.decode(), "served fresh without a purge?"
        proxy.start()
        assert _wait_for(front, topic_url, "What is courier fraud?", seconds=20) is not None


def test_pages_and_static_files_carry_the_right_headers_end_to_end(tmp_path):
    with full_stack(tmp_path) as (front, topic_url, _, _):
        first = front.get(topic_url, headers={"Accept-Encoding": "gzip"})
        second = front.get(topic_url, headers={"Accept-Encoding": "gzip"})
        for status, headers, _, _ in (first, second):
            assert status == 200
            assert headers["Cache-Control"].startswith("public, max-age=")
            assert "s-maxage=" in headers["Cache-Control"]
            assert headers["Content-Encoding"] == "gzip"
            assert "Strict-Transport-Security" in headers
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            for ours in ("xkey", "Surrogate-Key", "Surrogate-Control", "Set-Cookie"):
                assert ours not in headers, ours
        assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("MISS", "HIT")
        assert first[1]["ETag"] == second[1]["ETag"]

        tracked = front.get(topic_url + "?utm_source=news&fbclid=x")
        assert tracked[1]["X-Cache"] == "HIT"

        # Staff (a session) and the question form always reach Django.
        assert front.get("/ask/")[1]["Cache-Control"] == "no-store"
        assert front.get("/ask/")[1]["X-Cache"] == "PASS"

        # The API is kept by Varnish too (and purged by the same keys).
        api = [front.get("/api/v1/answers/10/") for _ in range(2)]
        assert [r[0] for r in api] == [200, 200]
        assert "s-maxage=3600" in api[0][1]["Cache-Control"]
        assert (api[0][1]["X-Cache"], api[1][1]["X-Cache"]) == ("MISS", "HIT")

        status, headers, _, _ = front.get(_static_file(), headers={"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"

        # Nobody outside may purge: nginx refuses the method.
        import http.client

        connection = http.client.HTTPSConnection(
            "127.0.0.1", front.https_port, timeout=5, context=front.context
        )
        connection.request("PURGE", "/", headers={"xkey-purge": "answers"})
        assert connection.getresponse().status == 405
        connection.close()


def test_slow_clients_do_not_delay_visitors_through_the_whole_stack(tmp_path):
    with full_stack(tmp_path) as (front, topic_url, _, _):
        assert front.get(topic_url)[0] == 200
        slow = SlowClients(front.https_port, SLOW_CLIENTS, front.context)
        try:
            time.sleep(0.5)
            for path in (topic_url, "/q/10/is-this-a-scam/", "/robots.txt"):
                status, _, _, seconds = front.get(path, timeout=5)
                assert status == 200, path
                assert seconds < 1.5, f"{seconds:.1f}s behind {SLOW_CLIENTS} slow clients"
        finally:
            slow.close()


def test_what_was_typed_is_never_kept_by_the_browser_through_the_whole_stack(tmp_path):
    """Search results and the finder's answer are `no-store` as they leave nginx, whether
    Varnish served them from its copy (search) or passed them (the finder): Back after the
    quick exit finds nothing in the browser's cache (issue 22)."""
    with full_stack(tmp_path) as (front, _, _, _):
        searches = [front.get("/search/?q=scam") for _ in range(2)]
        for status, headers, body, _ in searches:
            assert status == 200 and "Is this a scam?" in body.decode()
            assert headers["Cache-Control"] == "no-store"
            assert headers["Referrer-Policy"] == "same-origin"
            for ours in ("xkey", "Surrogate-Key", "Surrogate-Control"):
                assert ours not in headers, ours
        # Varnish still keeps the shared copy for everyone who searches the same words.
        assert searches[1][1]["X-Cache"] == "HIT"

        for _ in range(2):
            status, headers, body, _ = front.get("/forces/find/?q=SW1A+2AA")
            assert status == 200 and "Metropolitan Police Service" in body.decode()
            assert headers["Cache-Control"] == "no-store"
            assert headers["X-Cache"] == "PASS"  # one person's postcode: not kept by Varnish
