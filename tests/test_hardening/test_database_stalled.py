"""The database goes silent (accepts, reads, never answers) under a running production server.

Before: every request that touched the database hung for as long as the client waited (45 s in
the probe), and took every thread, cached pages and /healthz included. Now: the kind 503 within
a few seconds, cached pages still served at once, and back to normal when the database is.
"""

import threading
import time
import uuid

import pytest
from django.db import connection

from .live import gunicorn, manage, postgres_available, scratch_database
from .servers import TCPProxy
from .test_database_down import assert_kind_503, eventually

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs in the PostgreSQL pass"
)

LIMITS = {
    "DB_STATEMENT_TIMEOUT": "1000",
    "DB_QUERY_DEADLINE": "2",
    "DB_BREAKER_SECONDS": "3",
    "VIEW_COUNT_FLUSH_SECONDS": "0",  # every cached hit of an answer page writes its view at once
}


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_a_silent_database_gives_quick_kind_pages(tmp_path):
    if not postgres_available():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"harden_live_{uuid.uuid4().hex[:10]}"
    with scratch_database(name) as direct_url:
        manage(direct_url, "migrate", "--noinput")
        manage(direct_url, "load_initial_data")
        proxy = TCPProxy(5432).start()
        try:
            proxied = f"postgres://postgres@127.0.0.1:{proxy.port}/{name}"
            with gunicorn(proxied, tmp_path / "gunicorn.log", threads=4, **LIMITS) as browser:
                _stall_and_recover(browser, proxy)
        finally:
            proxy.stop()


def _stall_and_recover(browser, proxy):
    assert browser.get("/healthz")[0] == 200
    assert browser.get("/")[0] == 200  # now in the page cache
    answer = _an_answer_page(browser)
    assert browser.get("/topics/")[0] == 200  # the connection is open and kept

    proxy.stall()  # the database goes silent: connections stay open, nothing answers
    # Several people at once, one fewer than the server has threads.
    results = []
    threads = [
        threading.Thread(
            target=lambda n=n: results.append(timed(lambda: browser.get(f"/topics/?n={n}")))
        )
        for n in range(3)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    (status, _, _), seconds = timed(lambda: browser.get("/"))
    assert status == 200 and seconds < 1, f"a cached page took {seconds:.1f}s"
    for thread in threads:
        thread.join(30)
    assert len(results) == 3
    for (status, body, _), seconds in results:
        assert_kind_503(status, body)
        assert seconds < 5, f"a 503 took {seconds:.1f}s"
    # Having seen the stall, the server fails at once for a while: no thread waits again.
    for n in range(8):
        (status, body, _), seconds = timed(lambda n=n: browser.get(f"/topics/?again={n}"))
        assert_kind_503(status, body)
        assert seconds < 1, f"a 503 after the stall took {seconds:.1f}s"
    (status, _, _), seconds = timed(lambda: browser.get("/healthz"))
    assert status == 503 and seconds < 5
    (status, _, _), seconds = timed(lambda: browser.get("/"))
    assert status == 200 and seconds < 1
    (status, _, _), seconds = timed(lambda: browser.get(answer))  # counting the view fails
    assert status == 200 and seconds < 1

    proxy.stop()
    proxy.start()  # the database answers again; the server was never restarted
    assert eventually(lambda: browser.get("/healthz")[0] == 200, seconds=20)
    assert browser.get("/topics/")[0] == 200


def _an_answer_page(browser):
    """The address of an answer on the home page, fetched once so it is in the page cache."""
    import re

    home = browser.get("/")[1]
    path = re.search(r'href="(/q/\d+/[^"]+/)"', home).group(1)
    status, _, _ = browser.get(path)
    assert status == 200
    return path
