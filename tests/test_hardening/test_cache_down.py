"""Cache (Redis) down: pages come from the database, reads are not limited, submissions are
limited per process instead; and with Redis up, limits are shared between app servers."""

import shutil
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings

from faq.models import Feedback
from questions.models import Submission
from tests.factories import make_answer, make_topic
from tests.test_questions.conftest import QUESTION, send_question
from web import ratelimit

from .production import ROOT
from .servers import free_port, port_answers

pytestmark = pytest.mark.django_db


def redis_caches(port):
    return {
        "default": {
            "BACKEND": "caching.backend.RedisCache",  # the production backend
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture(autouse=True)
def _no_minimum_time(monkeypatch):
    from questions import forms

    monkeypatch.setattr(forms, "MIN_SECONDS_TO_FILL", 0)


@pytest.fixture
def redis_down():
    port = free_port()  # nothing listens there
    with override_settings(CACHES=redis_caches(port)):
        with pytest.raises(Exception):  # noqa: B017  the redis client's own error
            cache.get("anything")
        yield


@pytest.fixture
def site(db):
    topic = make_topic(name="Harassment", sensitive=True)
    answer = make_answer(number=497, question="What is harassment?", topics=[topic])
    return topic, answer


def test_pages_are_served_from_the_database(client, site, redis_down):
    topic, answer = site
    for url in ("/", "/topics/", topic.get_absolute_url(), answer.get_absolute_url(), "/forces/"):
        for _ in range(2):  # the second time would be a cache hit if the cache worked
            response = client.get(url)
            assert response.status_code == 200, url
    assert "What is harassment?" in client.get(answer.get_absolute_url()).content.decode()


def test_search_and_locate_are_not_blocked(client, site, redis_down, lower_rate_limit):
    lower_rate_limit("/search/", 1)
    for _ in range(3):
        response = client.get("/search/", {"q": "harassment"})
        assert response.status_code == 200
        assert "What is harassment?" in response.content.decode()
        assert client.get("/forces/find/", {"q": "OX1 1AA"}).status_code == 200
        assert client.get("/api/v1/locate/", {"q": "OX1 1AA"}).json()["forces"]


def test_feedback_still_saves(client, site, redis_down):
    assert client.post("/q/497/feedback/", {"helpful": "yes"}).status_code == 302
    assert Feedback.objects.count() == 1


def test_submissions_are_limited_per_process_and_keep_the_text(client, redis_down):
    for n in range(5):
        assert send_question(client, question=f"{QUESTION} number {n}").status_code == 302
    response = send_question(client, question="A sixth question about parking fines")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait before sending another question" in html
    assert "A sixth question about parking fines" in html
    assert Submission.objects.count() == 5
    # Another person is not held back by the first one's count.
    other = client.__class__(REMOTE_ADDR="203.0.113.9")
    assert send_question(other, question="Someone else asking about parking").status_code == 302


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: the shared-limit test needs a real Redis")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not port_answers(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert port_answers(port), "redis-server did not start"
        yield port
    finally:
        process.terminate()
        process.wait(10)


_OTHER_SERVER = """
import sys
import django
django.setup()
from django.test import RequestFactory
from web.ratelimit import is_limited
request = RequestFactory().post("/ask/details/", REMOTE_ADDR="192.0.2.50")
print(sum(is_limited(request, "shared-test", limit=3, window=600) for _ in range(3)))
"""


def test_limits_are_shared_between_app_servers_through_redis(redis_server, rf):
    caches = redis_caches(redis_server)
    # Another app server (another process) uses up this client's allowance...
    other = subprocess.run(
        [sys.executable, "-c", _OTHER_SERVER],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            # App servers share one secret key: clients are counted by a hash salted with it.
            "SECRET_KEY": django_settings.SECRET_KEY,
            "REDIS_URL": caches["default"]["LOCATION"],
            "CACHE_KEY_PREFIX": "",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "0"  # three hits, none over the limit there
    # ...so this one refuses the fourth.
    with override_settings(CACHES=caches):
        request = rf.post("/ask/details/", REMOTE_ADDR="192.0.2.50")
        assert ratelimit.is_limited(request, "shared-test", limit=3, window=600)
        cache.clear()
