"""Varnish never queues what it cannot keep (issue 27; issue 23, finding 10).

Varnish collapses concurrent requests for one address onto one fetch, which is right for a
page it will keep and wrong for one it will not: each request then waits for the one before it.
Our VCL remembers "not kept" (a hit-for-miss object), so such requests reach the site side by
side. Here the real VCL runs in front of a small server whose every answer takes a second.
"""

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .servers import free_port
from .test_cache_stack import _stack_installed, varnish  # noqa: F401 (an autouse fixture)

DELAY = 1.0

# How the slow server answers each address: what the site sends for pages Varnish must not keep.
ANSWERS = {
    "/no-store/": (200, {"Cache-Control": "private, no-cache"}),
    "/cookie/": (200, {"Set-Cookie": "csrftoken=abc; Path=/", "Cache-Control": "private"}),
    "/missing/": (404, {}),
    "/kept/": (200, {"Cache-Control": "public, max-age=60, s-maxage=600"}),
}


class SlowSite(BaseHTTPRequestHandler):
    answers = dict(ANSWERS)
    fetches = []

    def do_GET(self):
        if self.path == "/healthz":
            return self._send(200, {})
        self.fetches.append(self.path)
        time.sleep(DELAY)
        status, headers = self.answers[self.path.split("?")[0]]
        return self._send(status, headers)

    def _send(self, status, headers):
        body = b"ok\n"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_site():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), SlowSite)
    SlowSite.answers = dict(ANSWERS)
    SlowSite.fetches = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("X-Cache")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache")


def in_parallel(port, path, count=2):
    """Each request's (status, seconds), sent at the same moment."""
    results = [None] * count
    start = threading.Barrier(count)

    def one(i):
        start.wait()
        began = time.monotonic()
        status, _ = get(port, path)
        results[i] = (status, time.monotonic() - began)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.parametrize("path", ["/no-store/", "/cookie/", "/missing/"])
def test_two_slow_pages_varnish_does_not_keep_finish_together(tmp_path, slow_site, path):
    with varnish(slow_site, tmp_path, probe_interval="1s") as port:
        status, _ = get(port, path)  # Varnish learns that this page is not kept
        results = in_parallel(port, path)
    assert [s for s, _ in results] == [status, status]
    # Side by side: both about one delay. Queued, the second would take two.
    slowest = max(seconds for _, seconds in results)
    assert slowest < DELAY * 1.6, results
    assert SlowSite.fetches.count(path) == 3  # every request reached the site


def test_a_page_not_kept_before_is_kept_once_the_site_allows_it(tmp_path, slow_site):
    with varnish(slow_site, tmp_path, probe_interval="1s") as port:
        assert get(port, "/missing/") == (404, "PASS")
        SlowSite.answers["/missing/"] = ANSWERS["/kept/"]  # published since
        assert get(port, "/missing/") == (200, "MISS")
        assert get(port, "/missing/") == (200, "HIT")
    assert SlowSite.fetches.count("/missing/") == 2


def test_pages_varnish_keeps_are_still_fetched_once(tmp_path, slow_site):
    with varnish(slow_site, tmp_path, probe_interval="1s") as port:
        results = in_parallel(port, "/kept/", count=3)
    assert [s for s, _ in results] == [200, 200, 200]
    assert SlowSite.fetches.count("/kept/") == 1  # the others waited for that one copy


def test_the_finders_results_are_never_looked_up_in_varnish(tmp_path, slow_site):
    # Even if they said they could be kept.
    SlowSite.answers["/forces/find/"] = SlowSite.answers["/cy/forces/find/"] = ANSWERS["/kept/"]
    with varnish(slow_site, tmp_path, probe_interval="1s") as port:
        assert get(port, "/forces/find/?q=ME14+1XX") == (200, "PASS")
        results = in_parallel(port, "/forces/find/?q=ME14+1XX")
        assert get(port, "/cy/forces/find/?q=ME14+1XX") == (200, "PASS")
    assert max(seconds for _, seconds in results) < DELAY * 1.6, results
    assert SlowSite.fetches.count("/forces/find/?q=ME14+1XX") == 3
