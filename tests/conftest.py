import os
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command

from web.ratelimit import local_counter


def pytest_configure(config):
    """Build the Welsh interface's .mo from the committed .po, as `make run` does, so a test
    run never uses a stale or missing catalogue. Once, in the controlling process: pytest-xdist
    workers start after it and would otherwise write the same file at the same time."""
    if not hasattr(config, "workerinput"):
        call_command(
            "compilemessages", locale=["cy"], ignore_patterns=[".venv", "staticfiles"], verbosity=0
        )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages must not leak from one test into another."""
    cache.clear()
    local_counter.clear()
    yield
    cache.clear()
    local_counter.clear()


@pytest.fixture
def client():
    """The test client as a current browser sends our own forms: `Sec-Fetch-Site: same-origin`
    (web.origin refuses public POSTs without it). Tests of cross-site requests, and of a
    browser that sends no such header, make their own Client."""
    from django.test import Client

    return Client(headers={"Sec-Fetch-Site": "same-origin"})


@pytest.fixture
def lower_rate_limit(monkeypatch):
    """`lower_rate_limit(path, n)`: the rate limit the view at `path` declares
    (web.policy.rate_limited) allows `n` requests per window for this test."""
    import dataclasses

    from django.conf import settings
    from django.urls import resolve
    from django.utils import translation

    def lower(path, limit):
        language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
        with translation.override(language):
            view = resolve(path).func
        monkeypatch.setattr(view, "rate_limit", dataclasses.replace(view.rate_limit, limit=limit))

    return lower


LOCAL_REDIS = "redis://127.0.0.1:6379/13"


@pytest.fixture
def local_redis():
    """The local Redis's test database address; skips where there is none (.ci/run requires
    one: REQUIRE_REDIS)."""
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (.ci/run requires it)")
    return LOCAL_REDIS


@pytest.fixture
def redis_cache(settings, local_redis):
    """The production cache backend on the local Redis, under a prefix of this test's own (so
    clearing it leaves other runs sharing the database alone)."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backend.RedisCache",
            "LOCATION": local_redis,
            "KEY_PREFIX": f"test-{os.getpid()}-{time.monotonic_ns()}",
        }
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


@pytest.fixture
def bumps(monkeypatch):
    """Every bump sent while the test runs, in order, each as the set of its tags' names: one
    change must make exactly one bump (issue 26). A transaction's bumps are sent as one batch
    when it commits: run the change under `django_capture_on_commit_callbacks(execute=True)`."""
    from caching import bump, queue

    sent = []
    send, enqueue = bump.Batch.send, queue.enqueue

    def recording_send(batch):
        if not batch.sent:
            sent.append({str(tag) for tag in batch.tags})
        return send(batch)

    def recording_enqueue(tags, *args, **kwargs):  # outside a transaction: sent at once
        sent.append({str(tag) for tag in tags})
        return enqueue(tags, *args, **kwargs)

    monkeypatch.setattr(bump.Batch, "send", recording_send)
    monkeypatch.setattr(queue, "enqueue", recording_enqueue)
    return sent
