"""Django's Redis cache backend, reusing one client per connection pool, with a circuit breaker.

Django builds a new `redis.Redis` for every cache call; constructing one registers a few hundred
response callbacks, which cost more CPU than the network round trip on a cached page. Clients are
thread-safe and share the pool, so one per pool is enough.

A Redis that hangs (accepts, never answers) costs every call its whole socket timeout, and a
cached page makes several calls. So the timeouts are short (settings: `REDIS_SOCKET_TIMEOUT`),
and after one connection failure or timeout this process stops asking Redis for
`REDIS_BREAKER_SECONDS`: calls fail at once with ConnectionError, which every caller already
treats as "the cache is down" (pages built from the database, rate limits per process).
"""

import re
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class Breaker:
    """Per process and per Redis location (Django makes a cache object per thread)."""

    def __init__(self):
        self.open_until = 0.0

    def trip(self):
        self.open_until = time.monotonic() + getattr(settings, "REDIS_BREAKER_SECONDS", 5)

    def is_open(self):
        return time.monotonic() < self.open_until

    def reset(self):
        self.open_until = 0.0


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location):
    with _breakers_lock:
        return _breakers.setdefault(str(location), Breaker())


def reset_breakers():
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


def _guarded(method):
    @wraps(method)
    def call(self, *args, **kwargs):
        if self.breaker.is_open():
            raise RedisConnectionError("Redis skipped for a few seconds after a failure")
        try:
            return method(self, *args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError):
            self.breaker.trip()
            raise

    return call


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self.breaker = breaker_for(server)

    add = _guarded(DjangoRedisCache.add)
    get = _guarded(DjangoRedisCache.get)
    set = _guarded(DjangoRedisCache.set)
    touch = _guarded(DjangoRedisCache.touch)
    delete = _guarded(DjangoRedisCache.delete)
    get_many = _guarded(DjangoRedisCache.get_many)
    has_key = _guarded(DjangoRedisCache.has_key)
    incr = _guarded(DjangoRedisCache.incr)
    set_many = _guarded(DjangoRedisCache.set_many)
    delete_many = _guarded(DjangoRedisCache.delete_many)

    @_guarded
    def clear(self):
        """With a KEY_PREFIX, only the keys under it: Django's own clear() empties the whole Redis
        database, including whatever else shares it (another site, another test run)."""
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(write=True)
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 500:
                client.unlink(*batch)
                batch.clear()
        if batch:
            client.unlink(*batch)
        return True
