"""Issue 23, finding 4 through the whole stack: one client cannot empty Varnish.

The probe sent `?%75tm_x=<random>` (a tracking parameter with its name %-escaped), random
`force` cookies, embed `?force=`/`?lang=`, API `updated_since` and `Origin` values: each made a
new 17 KiB copy in Varnish until warm pages were evicted. Here each kind is sent 40 times with
made-up values; the number of objects Varnish keeps (varnishstat's MAIN.n_object, once the
moment a passed request holds one is over) stays flat,
and every request is still answered.
"""

import subprocess
import time
import uuid

from .test_cache_stack import _stack_installed, full_stack  # noqa: F401 (fixture)

FLOOD = 40


def _objects(tmp_path):
    workdir = tmp_path / "varnish" / "varnish"
    result = subprocess.run(
        ["varnishstat", "-n", str(workdir), "-1", "-f", "MAIN.n_object"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return int(result.stdout.split()[1])


def _variants(n, topic_url):
    made_up = uuid.uuid4().hex[:12]
    return [
        (f"/q/10/is-this-a-scam/?%75tm_x={made_up}", {}),
        (f"/q/10/is-this-a-scam/?utm_source=a&%75tm_x={made_up}", {}),
        (f"{topic_url}?unread={made_up}", {}),
        ("/q/10/is-this-a-scam/", {"Cookie": f"force={made_up}"}),
        ("/q/10/is-this-a-scam/", {"Cookie": f"force=thames-valley-{made_up}"}),
        (f"/embed/q/10/?force={made_up}", {}),
        (f"/embed/q/10/?lang={made_up}", {}),
        ("/embed/q/10/?lang=en&lang=cy", {}),
        (f"/api/v1/answers/?updated_since=2026-01-{n % 28 + 1:02d}T00:00:{n % 60:02d}Z", {}),
        ("/api/v1/answers/10/", {"Origin": f"https://{made_up}.example"}),
    ]


def test_made_up_variants_of_a_page_do_not_add_copies_in_varnish(tmp_path):
    with full_stack(tmp_path) as (front, topic_url, _, _):
        warm = [
            "/q/10/is-this-a-scam/",
            topic_url,
            "/embed/q/10/",
            "/embed/q/10/?force=thames-valley",
            "/api/v1/answers/10/",
            "/api/v1/answers/",
            "/search/?q=scam&page=1",
        ]
        for path in warm:
            assert front.get(path)[0] == 200, path
            assert front.get(path)[1]["X-Cache"] == "HIT", path
        # The same parameters in another order are the same copy.
        assert front.get("/search/?page=1&q=scam")[1]["X-Cache"] == "HIT"
        baseline = _objects(tmp_path)

        for n in range(FLOOD):
            for path, headers in _variants(n, topic_url):
                status = front.get(path, headers=headers)[0]
                assert status in (200, 400), (path, status)  # answered (a bad lang is a 400)
        # Passed requests hold an object of their own for a moment: wait for those to go.
        deadline = time.monotonic() + 10
        while _objects(tmp_path) > baseline + 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _objects(tmp_path) <= baseline + 1, "variants made copies of their own"
        for path in warm:  # nothing was evicted
            assert front.get(path)[1]["X-Cache"] == "HIT", path
