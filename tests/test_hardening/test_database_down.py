"""The database goes away under a running production server, then comes back.

A real gunicorn process (DEBUG off) talks to PostgreSQL through a TCP proxy this test controls:
stopping the proxy drops every connection like a dead database server.
"""

import time
import uuid

import pytest
from django.db import connection

from .live import gunicorn, hidden_value, manage, postgres_available, scratch_database
from .servers import TCPProxy, free_port

QUESTION = "Is it a crime if my neighbour keeps filming my garden?"
DETAIL = "He points the camera at my kitchen window <every> evening."
MIN_SECONDS_TO_FILL = 5  # the form's own minimum, which this real server keeps


def assert_kind_503(status, body):
    assert status == 503
    assert "Sorry, the service is unavailable" in body
    assert 'href="tel:999"' in body and "101" in body
    assert "Traceback" not in body and "OperationalError" not in body


def eventually(check, seconds=15):
    """Poll a bounded number of times until `check()` is truthy; returns its last value."""
    deadline = time.monotonic() + seconds
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(0.2)
        value = check()
    return value


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="runs in the PostgreSQL pass (the SQLite pass runs the closed-port test below)",
)
def test_database_down_then_back_without_restarting(tmp_path):
    if not postgres_available():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"harden_live_{uuid.uuid4().hex[:10]}"
    with scratch_database(name) as direct_url:
        manage(direct_url, "migrate", "--noinput")
        proxy = TCPProxy(5432).start()
        try:
            proxied = f"postgres://postgres@127.0.0.1:{proxy.port}/{name}"
            with gunicorn(proxied, tmp_path / "gunicorn.log") as browser:
                _down_and_back(browser, proxy)
        finally:
            proxy.stop()


def _down_and_back(browser, proxy):
    assert browser.get("/healthz")[0] == 200
    assert browser.get("/")[0] == 200  # now in this server's page cache
    ask = browser.get("/ask/")[1]
    started = time.monotonic()
    step1 = browser.post(
        "/ask/",
        {
            "question": QUESTION,
            "started": hidden_value(ask, "started"),
            "csrfmiddlewaretoken": hidden_value(ask, "csrfmiddlewaretoken"),
        },
    )[1]
    details = {
        "draft": hidden_value(step1, "draft"),
        "csrfmiddlewaretoken": hidden_value(step1, "csrfmiddlewaretoken"),
        "send": "1",
        "detail": DETAIL,
        "name": "Alex",
    }
    time.sleep(max(0.0, MIN_SECONDS_TO_FILL + 0.5 - (time.monotonic() - started)))

    proxy.stop()  # the database server disappears
    assert eventually(lambda: browser.get("/healthz")[0] == 503)
    status, body, headers = browser.get("/topics/")
    assert_kind_503(status, body)
    assert headers["Retry-After"] == "30"
    assert browser.get("/")[0] == 200  # pages already cached are still served
    status, body, _ = browser.post("/ask/details/", details)
    assert status == 503
    assert "Your question has not been sent" in body
    assert QUESTION in body and "&lt;every&gt; evening" in body and 'value="Alex"' in body

    proxy.start()  # the database is back; the server was never restarted
    assert eventually(lambda: browser.get("/healthz")[0] == 200)
    assert browser.get("/topics/")[0] == 200
    status, _, headers = browser.post("/ask/details/", details)  # sending it again works
    assert status == 302
    status, body, _ = browser.get(headers["Location"])
    assert status == 200 and "Q-" in body


def test_database_never_reachable_gives_kind_pages_and_keeps_the_question(tmp_path):
    """A closed port where the database should be: the same kind answers, from the start."""
    closed = f"postgres://postgres@127.0.0.1:{free_port()}/nothing_here"
    with gunicorn(closed, tmp_path / "gunicorn.log") as browser:
        assert browser.get("/healthz")[0] == 503
        assert_kind_503(*browser.get("/topics/")[:2])
        assert_kind_503(*browser.get("/search/?q=stalking")[:2])
        ask = browser.get("/ask/")  # the form itself needs no database
        assert ask[0] == 200
        status, body, _ = browser.post(
            "/ask/",
            {
                "question": QUESTION,
                "started": hidden_value(ask[1], "started"),
                "csrfmiddlewaretoken": hidden_value(ask[1], "csrfmiddlewaretoken"),
            },
        )
        assert status == 503
        assert "Your question has not been sent" in body and QUESTION in body
