"""Issue 23, finding 1: what a person sees when something behind the front stack fails.

nginx → Varnish → gunicorn → PostgreSQL (through a TCP proxy this test controls), started for
real. The database goes away: Varnish's health probe marks the site sick and every uncached page
gets the site's own kind page (999 and 101, in the language of the path; JSON for the API),
never "Guru Meditation"; the question form still reaches Django, so its own "not sent" page comes
back with everything typed. Then gunicorn goes (Varnish's page again, for a POST too), then
Varnish (nginx's 502 is the same kind page).
"""

import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from .live import gunicorn, hidden_value, manage, postgres_available, scratch_database
from .production import ROOT, production_env
from .servers import TCPProxy, free_port
from .test_cache_stack import SETUP, Staff, _stack_installed, varnish  # noqa: F401 (fixture)
from .test_front_stack import nginx_in_front

QUESTION = "Is it a crime if my neighbour keeps filming my garden?"
DETAIL = "He points the camera at my kitchen window <every> evening."
TYPED = "He points the camera at my kitchen window &lt;every&gt; evening."
MIN_SECONDS_TO_FILL = 5  # the form's own minimum, which this real server keeps
FRONT_STACK_LINE = "If you were sending us a question, go back in your browser"
FRONT_STACK_LINE_CY = "Os oeddech chi'n anfon cwestiwn atom"


def assert_kind(status, body, *, welsh=False):
    assert status in (502, 503, 504), status
    assert 'href="tel:999"' in body and "101" in body
    assert "Guru Meditation" not in body and "nginx" not in body.lower()
    assert "Traceback" not in body and "OperationalError" not in body
    if welsh:
        assert '<html lang="cy">' in body and FRONT_STACK_LINE_CY in body, body[:600]
    else:
        assert '<html lang="en-GB">' in body and FRONT_STACK_LINE in body, body[:600]


def page(front, path):
    status, headers, body, _ = front.get(path, timeout=30)
    return status, body.decode(), headers


def eventually(check, seconds=20):
    deadline = time.monotonic() + seconds
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(0.2)
        value = check()
    return value


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="runs in the PostgreSQL pass: the database is taken away through a TCP proxy",
)
def test_every_layer_failing_shows_999_and_keeps_the_question(tmp_path):
    if not postgres_available():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"harden_live_{uuid.uuid4().hex[:10]}"
    with scratch_database(name) as direct:
        manage(direct, "migrate", "--noinput")
        env = production_env(DATABASE_URL=direct, ALLOWED_HOSTS="127.0.0.1")
        setup = [sys.executable, "manage.py", "shell", "-c", SETUP]
        subprocess.run(setup, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
        proxy = TCPProxy(5432).start()
        proxied = f"postgres://postgres@127.0.0.1:{proxy.port}/{name}"
        settings = {
            "TRUST_X_FORWARDED_FOR": "1",
            "TRUSTED_PROXY_COUNT": "2",
            "SECURE_SSL_REDIRECT": "1",
        }
        app_port, varnish_port = free_port(), free_port()
        try:
            with nginx_in_front(varnish_port, tmp_path / "nginx") as front:
                with varnish(
                    app_port, tmp_path / "varnish", port=varnish_port, probe_interval="0.5s"
                ):
                    with gunicorn(proxied, tmp_path / "gunicorn.log", port=app_port, **settings):
                        _database_away(front, proxy)
                    _backend_away(front)
                _varnish_away(front)
        finally:
            proxy.stop()


def _database_away(front, proxy):
    assert eventually(lambda: page(front, "/q/10/is-this-a-scam/")[0] == 200)
    visitor = Staff(front)  # keeps cookies, sends the form with its Origin, as a browser does
    status, ask = visitor.request("GET", "/ask/")
    assert status == 200
    started = time.monotonic()
    status, step1 = visitor.request(
        "POST",
        "/ask/",
        {
            "question": QUESTION,
            "started": hidden_value(ask, "started"),
            "csrfmiddlewaretoken": hidden_value(ask, "csrfmiddlewaretoken"),
        },
    )
    assert status == 200, step1[:500]
    details = {
        "draft": hidden_value(step1, "draft"),
        "csrfmiddlewaretoken": hidden_value(step1, "csrfmiddlewaretoken"),
        "send": "1",
        "detail": DETAIL,
        "name": "Alex",
    }

    proxy.stop()  # the database server disappears
    # Once the probe has failed enough, Varnish stops asking Django for uncached pages.
    assert eventually(lambda: FRONT_STACK_LINE in page(front, "/topics/")[1]), "never sick?"
    assert_kind(*page(front, "/topics/")[:2])
    assert_kind(*page(front, "/cy/topics/")[:2], welsh=True)
    status, body, headers = page(front, "/api/v1/answers/10/")
    assert status == 503 and headers["Content-Type"] == "application/json"
    assert '"code": "unavailable"' in body or '"code":"unavailable"' in body
    assert page(front, "/q/10/is-this-a-scam/")[0] == 200  # a kept copy is still served

    # The question form is never cut off by the probe: Django's own answer, with the text typed.
    status, body = visitor.request("GET", "/ask/")
    assert status == 200 and 'name="question"' in body
    time.sleep(max(0.0, MIN_SECONDS_TO_FILL + 0.5 - (time.monotonic() - started)))
    status, body = visitor.request("POST", "/ask/details/", details)
    assert status == 503, body[:500]
    assert "Your question has not been sent" in body
    assert QUESTION in body and TYPED in body and 'value="Alex"' in body
    assert 'href="tel:999"' in body

    proxy.start()
    assert eventually(lambda: page(front, "/topics/")[0] == 200)


def _backend_away(front):
    """gunicorn has gone: Varnish answers everything uncached itself, a POST included."""
    assert_kind(*page(front, "/search/?q=fraud")[:2])
    assert_kind(*page(front, "/cy/search/?q=twyll")[:2], welsh=True)
    visitor = Staff(front)
    status, body = visitor.request("POST", "/ask/details/", {"detail": DETAIL})
    assert_kind(status, body)


def _varnish_away(front):
    """Varnish has gone too: nginx's 502 is the same kind page."""
    status, body, headers = page(front, "/topics/")
    assert status == 502
    assert_kind(status, body)
    assert headers["Cache-Control"] == "no-store"
    assert_kind(*page(front, "/cy/")[:2], welsh=True)
