"""Tag versions pushed to each process (Redis pub/sub): a hit asks Redis nothing while the
pushes arrive, sees another server's edit at once, and asks Redis again when they stop."""

import time

import pytest
from django.test import Client

from caching import pushed as tagversions
from caching import versions
from faq import tags
from faq.models import Answer
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


def _pushed():
    return tagversions.for_current_cache(versions.tag_key)


def _wait_until(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_hits_ask_redis_nothing_while_versions_are_pushed(redis_cache, monkeypatch):
    answer = make_answer(number=10, question="Is this a scam?")
    url = answer.get_absolute_url()
    Client().get(url)
    Client().get(url)  # the subscription starts with the first hit
    assert _wait_until(_pushed().alive), "the subscription never came up"
    Client().get(url)  # learns this page's versions once
    asked = []
    real = type(redis_cache).get_many
    monkeypatch.setattr(
        type(redis_cache), "get_many", lambda self, keys: asked.append(keys) or real(self, keys)
    )
    for _ in range(5):
        assert Client().get(url).status_code == 200
    # The local copy of the page and of its versions: no Redis round trip at all.
    assert [keys for keys in asked if any("pc:tag" in key for key in keys)] == []


def test_a_bump_from_another_server_is_seen_at_once(redis_cache):
    answer = make_answer(number=11, question="What is phishing?")
    url = answer.get_absolute_url()
    Client().get(url)
    Client().get(url)  # the subscription starts with the first hit
    assert _wait_until(_pushed().alive)
    Client().get(url)
    Answer.objects.filter(pk=answer.pk).update(summary="Edited on another server")
    versions.bump_versions({str(tags.answer(11))})  # as another server's save would
    assert _wait_until(lambda: "Edited on another server" in Client().get(url).content.decode(), 1)


def test_a_version_moved_without_a_push_is_seen_within_a_refresh(redis_cache):
    """A lost message (or a version Redis evicted) lasts at most one re-read."""
    answer = make_answer(number=12, question="Can I film the police?")
    url = answer.get_absolute_url()
    Client().get(url)
    Client().get(url)
    assert _wait_until(_pushed().alive)
    Client().get(url)
    Answer.objects.filter(pk=answer.pk).update(summary="Changed without a push")
    redis_cache.incr(versions.tag_key(str(tags.answer(12))))  # no message sent
    seen = _wait_until(
        lambda: "Changed without a push" in Client().get(url).content.decode(),
        tagversions.REFRESH_SECONDS + 1,
    )
    assert seen


def test_when_pushes_stop_every_hit_asks_redis(redis_cache, monkeypatch):
    answer = make_answer(number=13, question="Is it legal to carry a knife?")
    url = answer.get_absolute_url()
    Client().get(url)
    Client().get(url)
    assert _wait_until(_pushed().alive)
    Client().get(url)
    monkeypatch.setattr(tagversions.PushedVersions, "alive", lambda self: False)
    Answer.objects.filter(pk=answer.pk).update(summary="Changed while pushes were down")
    redis_cache.incr(versions.tag_key(str(tags.answer(13))))  # no message sent
    assert "Changed while pushes were down" in Client().get(url).content.decode()


def test_a_bump_made_in_this_process_is_seen_here_before_its_message_returns(
    redis_cache, monkeypatch
):
    answer = make_answer(number=13, question="Can I be searched?")
    url = answer.get_absolute_url()
    Client().get(url)
    Client().get(url)
    assert _wait_until(_pushed().alive)
    Client().get(url)  # this page's versions are now known in memory
    monkeypatch.setattr(tagversions, "publish", lambda versions: None)  # the message is late
    Answer.objects.filter(pk=answer.pk).update(summary="Edited on this server")
    versions.bump_versions({str(tags.answer(13))})  # as a save on this server does
    assert "Edited on this server" in Client().get(url).content.decode()
