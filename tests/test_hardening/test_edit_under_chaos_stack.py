"""Issue 23, finding 2 through the whole stack: an edit made while Redis, PostgreSQL or Varnish
is paused reaches every page that shows it within a bound once the paused part is back.

nginx → Varnish (xkey) → gunicorn, the purge worker, PostgreSQL and Redis, each of the last
three reached through a TCP proxy this test stalls (accepts, never answers: a paused process)
and brings back. Around each pause an answer is edited (as the admin does: workflow.save_answer,
run by a process of its own that reaches PostgreSQL directly); once the part is back, every URL
showing the answer is asked for at once (the moment the probe caught Varnish refilling from
our old copy) and then polled until it shows the edit.
"""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from .live import gunicorn, manage, postgres_available, scratch_database
from .production import ROOT, production_env
from .servers import TCPProxy, free_port, port_answers
from .test_cache_stack import SETUP, _stack_installed, purge_worker, varnish  # noqa: F401
from .test_front_stack import nginx_in_front

PAUSE_SECONDS = 4
BOUND_SECONDS = 30  # the worker's back-off after a 4 s pause is well under this
EDIT = """
from faq import workflow
from faq.models import Answer
answer = Answer.objects.get(number=10)
answer.question = "Is this a scam ({marker})?"
answer.summary = "Checked again ({marker})."
workflow.save_answer(answer)
"""


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="runs in the PostgreSQL pass: PostgreSQL itself is paused through a TCP proxy",
)
def test_an_edit_made_while_a_part_is_paused_reaches_every_page(tmp_path):
    if not postgres_available():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    if not port_answers(6379):
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("REQUIRE_REDIS is set but Redis does not answer on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    name = f"harden_live_{uuid.uuid4().hex[:10]}"
    with scratch_database(name) as direct:
        manage(direct, "migrate", "--noinput")
        setup = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SETUP],
            cwd=ROOT,
            env=production_env(DATABASE_URL=direct, ALLOWED_HOSTS="127.0.0.1"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert setup.returncode == 0, setup.stderr
        topic_url = setup.stdout.strip().splitlines()[-1].split()[0]
        app_port, varnish_port = free_port(), free_port()
        proxies = {
            "postgresql": TCPProxy(5432).start(),
            "redis": TCPProxy(6379).start(),
            "varnish": TCPProxy(varnish_port).start(),  # what purges go through
        }
        settings = {
            "REDIS_URL": f"redis://127.0.0.1:{proxies['redis'].port}/13",
            "CACHE_KEY_PREFIX": f"chaos-{name}",
            "REDIS_BREAKER_SECONDS": "0.5",
            "HTTP_CACHE_PURGE_URLS": f"http://127.0.0.1:{proxies['varnish'].port}/",
            "HTTP_CACHE_PURGE_TIMEOUT": "1",
            "TRUST_X_FORWARDED_FOR": "1",
            "TRUSTED_PROXY_COUNT": "2",
            "SECURE_SSL_REDIRECT": "1",
        }
        proxied = f"postgres://postgres@127.0.0.1:{proxies['postgresql'].port}/{name}"
        worker_env = production_env(DATABASE_URL=proxied, ALLOWED_HOSTS="127.0.0.1", **settings)
        editor_env = production_env(DATABASE_URL=direct, ALLOWED_HOSTS="127.0.0.1", **settings)
        urls = [
            "/q/10/is-this-a-scam/",
            topic_url,
            "/search/?q=scam",
            "/",
            "/api/v1/answers/10/",
        ]
        try:
            with (
                varnish(app_port, tmp_path / "varnish", port=varnish_port),
                gunicorn(proxied, tmp_path / "gunicorn.log", port=app_port, **settings),
                purge_worker(worker_env, tmp_path / "worker.log"),
                nginx_in_front(varnish_port, tmp_path / "nginx") as front,
            ):
                for url in urls:
                    assert "Is this a scam?" in _text(front, url), url
                for part, proxy in proxies.items():
                    _edit_while_paused(front, urls, part, proxy, editor_env)
        finally:
            for proxy in proxies.values():
                proxy.stop()


def _text(front, url):
    status, _, body, _ = front.get(url, timeout=30)
    return body.decode() if status == 200 else ""


def _edit_while_paused(front, urls, part, proxy, editor_env):
    for url in urls:  # every page in Varnish and in our page cache
        _text(front, url)
        _text(front, url)
    marker = f"{part} paused"
    proxy.stall()
    paused_at = time.monotonic()
    edit = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", EDIT.format(marker=marker)],
        cwd=ROOT,
        env=editor_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert edit.returncode == 0, edit.stderr[-3000:]
    time.sleep(max(0.0, PAUSE_SECONDS - (time.monotonic() - paused_at)))
    proxy.stop()
    proxy.start()  # back
    back_at = time.monotonic()
    for url in urls:  # asked for at once: a copy refilled from old data would be kept now
        _text(front, url)
    stale = list(urls)
    while stale and time.monotonic() - back_at < BOUND_SECONDS:
        stale = [url for url in stale if marker not in _text(front, url)]
        time.sleep(0.25)
    assert not stale, f"with {part} paused around the edit, still old after {BOUND_SECONDS}s"
