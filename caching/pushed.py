"""Tag versions pushed to every process through Redis pub/sub, so a page-cache hit asks Redis
nothing.

`caching.versions.bump_versions` publishes each new version on CHANNEL. With the Redis backend a
thread in each process subscribes and keeps the versions it has been told, or has read itself,
in memory; every REFRESH_SECONDS it also re-reads all of them at once (a version Redis lost to
eviction or a flush is forgotten within that time) and pings the subscription. A hit trusts this
copy only while the subscription is known to be alive (its last ping answered within
ALIVE_SECONDS); otherwise, and with any other cache backend, it asks the cache, as it always did.

Messages are applied only if they move a version forward (increments only grow it), so one that
arrives after a re-read cannot take a version back.
"""

import json
import logging
import threading
import time

from django.core.cache import caches

from .backend import RedisCache

log = logging.getLogger(__name__)

CHANNEL = "pc:bumps"
REFRESH_SECONDS = 0.5
ALIVE_SECONDS = 1.5

_by_backend = {}
_by_backend_lock = threading.Lock()


def for_current_cache(key_of):
    """The PushedVersions of the cache in use, or None when it is not Redis (nothing pushed)."""
    backend = caches["default"]
    found = getattr(backend, "pushed_versions", None)
    if found is not None or not isinstance(backend, RedisCache):
        return found
    # Django makes a cache object per thread: all of a process's share one subscription.
    ident = (str(backend._cache._servers), backend.key_prefix)
    with _by_backend_lock:
        found = _by_backend.get(ident)
        if found is None:
            found = _by_backend[ident] = PushedVersions(backend, key_of)
    backend.pushed_versions = found
    return found


def publish(versions):
    """Tell every process the new versions ({tag: version}); best effort (they re-read)."""
    backend = caches["default"]
    if isinstance(backend, RedisCache) and versions:
        backend._cache.get_client(write=True).publish(
            backend.make_key(CHANNEL), json.dumps(versions)
        )


class PushedVersions:
    def __init__(self, backend, key_of):
        self.backend = backend
        self.key_of = key_of  # tag -> the cache key of its version
        self.versions = {}
        self.lock = threading.Lock()
        self.alive_until = 0.0
        self.thread = None
        self._was_alive = False

    def alive(self):
        return time.monotonic() < self.alive_until

    def current(self, tags):
        """{tag: version} for `tags` (None where unknown): from memory while pushes arrive."""
        if self.thread is None or not self.thread.is_alive():
            self._start()
        if not self.alive():
            return self._read(tags)
        with self.lock:
            known = {tag: self.versions.get(tag) for tag in tags}
        missing = [tag for tag, version in known.items() if version is None]
        if missing:
            fetched = self._read(missing)
            with self.lock:
                for tag, version in fetched.items():
                    if version is not None:
                        known[tag] = self.versions.setdefault(tag, version)
        return known

    def _read(self, tags):
        keys = {tag: self.key_of(tag) for tag in tags}
        found = self.backend.get_many(list(keys.values()))
        return {tag: found.get(key) for tag, key in keys.items()}

    def _start(self):
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._listen, name="tag-versions", daemon=True
                )
                self.thread.start()

    def _listen(self):
        warned = False
        while True:
            try:
                pubsub = self.backend._cache.get_client(write=False).pubsub()
                self._subscribed(pubsub)
            except Exception:
                warned = warned and not self._was_alive  # once per outage, not every second
                self._was_alive = False
                if not warned:
                    log.warning("tag version pushes unavailable: hits ask Redis", exc_info=True)
                    warned = True
            self.alive_until = 0.0
            with self.lock:
                self.versions.clear()
            time.sleep(1)

    def _subscribed(self, pubsub):
        self._was_alive = False
        pubsub.subscribe(self.backend.make_key(CHANNEL))
        with self.lock:
            self.versions.clear()  # whatever was pushed before this subscription may be missed
        next_refresh = 0.0
        try:
            while True:
                message = pubsub.get_message(timeout=0.1)
                if message and message["type"] == "message":
                    self._apply(json.loads(message["data"]))
                elif message and message["type"] == "pong":
                    self.alive_until = time.monotonic() + ALIVE_SECONDS
                    self._was_alive = True
                if time.monotonic() >= next_refresh:
                    self._refresh()
                    pubsub.ping()
                    next_refresh = time.monotonic() + REFRESH_SECONDS
        finally:
            pubsub.close()

    def learn(self, versions):
        """Versions this process has just bumped: known here at once, before their message
        comes back through the channel (a page asked for meanwhile must not be the old one)."""
        self._apply(versions)

    def _apply(self, versions):
        with self.lock:
            for tag, version in versions.items():
                if tag in self.versions and self.versions[tag] < version:
                    self.versions[tag] = version

    def _refresh(self):
        with self.lock:
            tags = list(self.versions)
        if not tags:
            return
        fetched = self._read(tags)
        with self.lock:
            for tag, version in fetched.items():
                if version is None:
                    self.versions.pop(tag, None)
                else:
                    self.versions[tag] = version
