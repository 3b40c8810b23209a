"""The durable invalidation queue: purges of shared caches and our own tag bumps, retried."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from caching import queue
from caching.models import Invalidation, InvalidationStatus
from faq import workflow
from faq.models import Answer
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


class FlakyCache:
    """A stand-in for Varnish: answers `fail_first` purges with 503, then 200; records each."""

    def __init__(self, fail_first=0):
        self.fail_first = fail_first
        self.purges = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                owner.purges.append(self.headers.get("xkey-purge"))
                status = 503 if len(owner.purges) <= owner.fail_first else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def flaky(settings):
    cache = FlakyCache(fail_first=2)
    settings.HTTP_CACHE_PURGE_URLS = [cache.url]
    yield cache
    cache.close()


def test_a_save_queues_a_purge_and_sends_it_after_commit(
    settings, django_capture_on_commit_callbacks
):
    cache = FlakyCache()
    settings.HTTP_CACHE_PURGE_URLS = [cache.url]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            make_answer(number=497, question="What is harassment?")
        assert any("answer:497" in keys.split() for keys in cache.purges)
        purges = Invalidation.objects.filter(target=cache.url)
        assert purges and all(row.status == InvalidationStatus.DONE for row in purges)
    finally:
        cache.close()


def test_a_failed_purge_is_retried_with_back_off_until_it_succeeds(
    flaky, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Invalidation.objects.all().delete()
        answer = make_answer(number=497, question="What is harassment?")
    row = Invalidation.objects.filter(target=flaky.url).latest("pk")
    assert row.status == InvalidationStatus.PENDING and row.attempts >= 1
    assert "503" in row.last_error
    Invalidation.objects.exclude(pk=row.pk).delete()
    # Not due yet: the worker leaves it alone.
    call_command("deliver")
    row.refresh_from_db()
    tries = row.attempts
    later = timezone.now() + timedelta(minutes=10)
    while row.status == InvalidationStatus.PENDING and row.attempts < 5:
        queue.send_due(now=later)
        row.refresh_from_db()
        later += timedelta(minutes=10)
    assert row.status == InvalidationStatus.DONE
    assert row.attempts > tries
    assert f"answer:{answer.number}" in flaky.purges[-1].split()


def test_retry_delays_grow_and_are_bounded():
    delays = [queue.retry_delay(n) for n in range(1, 15)]
    assert delays[0] == timedelta(seconds=1)
    assert delays == sorted(delays)
    assert max(delays) == queue.LONGEST_DELAY


def test_an_unreachable_cache_never_makes_a_save_fail(settings, django_capture_on_commit_callbacks):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        answer = make_answer(number=12, question="Can I film the police?")
    assert Answer.objects.filter(pk=answer.pk).exists()
    assert Invalidation.objects.filter(
        target="http://127.0.0.1:9/", status=InvalidationStatus.PENDING
    ).exists()


def test_an_edit_saved_while_redis_is_down_is_invalidated_once_it_is_back(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Our own tag bumps go through the queue too: a bump lost while Redis was away is
    delivered by the worker, so the page cannot stay stale for its whole lifetime."""
    from caching import versions

    answer = make_answer(number=20, question="Is this a scam?")
    url = answer.get_absolute_url()
    Client().get(url)  # stored
    Invalidation.objects.all().delete()
    real = versions.bump_versions

    def redis_down(tags):
        raise ConnectionError("Redis is unreachable")

    monkeypatch.setattr(versions, "bump_versions", redis_down)
    with django_capture_on_commit_callbacks(execute=True):
        answer.summary = "Saved while Redis was away."
        workflow.save_answer(answer)
    monkeypatch.setattr(versions, "bump_versions", real)
    assert "Saved while Redis was away." not in Client().get(url).content.decode()  # stale
    row = Invalidation.objects.get(target=queue.PAGE_CACHE, tags__contains="answer:20")
    assert row.status == InvalidationStatus.PENDING
    queue.send_due(now=timezone.now() + timedelta(minutes=1))  # the worker, Redis back
    assert "Saved while Redis was away." in Client().get(url).content.decode()
