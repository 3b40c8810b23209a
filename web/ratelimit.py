"""Rate limits kept in the shared cache (Redis in production), so every app server agrees.

A fixed window per (scope, client). The client is identified by a salted hash of its address:
addresses are never stored in clear.

When the shared cache is unreachable the choice is made per call (docs/threat-model.md, "Failure
modes"): reads (search, locate) fail open, so the site keeps answering; submissions
(`fail_closed=True`) are counted in a small store inside this process instead, and refused
beyond the same limit.
With several app servers that lets a client through up to `limit` times per server: a little
more than normal, never a flood, and nobody is turned away just because Redis is down.
"""

import hashlib
import ipaddress
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

LOCAL_MAX_KEYS = 10_000


class LocalCounter:
    """Fixed-window counts in this process only: the fallback when the shared cache is down."""

    def __init__(self, max_keys=LOCAL_MAX_KEYS):
        self.max_keys = max_keys
        self.counts = {}  # key -> (count, expires at)
        self.lock = threading.Lock()

    def hit(self, key, timeout):
        now = time.monotonic()
        with self.lock:
            count, expires = self.counts.get(key, (0, 0.0))
            if expires <= now:
                count = 0
                expires = now + timeout
                if len(self.counts) >= self.max_keys:
                    self._prune(now)
            self.counts[key] = (count + 1, expires)
            return count + 1

    def _prune(self, now):
        self.counts = {k: v for k, v in self.counts.items() if v[1] > now}
        while len(self.counts) >= self.max_keys:  # still full of live keys: drop the oldest
            self.counts.pop(next(iter(self.counts)))

    def clear(self):
        with self.lock:
            self.counts.clear()


local_counter = LocalCounter()


def client_address(request):
    """The visitor's address; behind trusted proxies, the one the outermost of them saw.

    Each proxy appends the address it was connected from to X-Forwarded-For, so only the
    right-most TRUSTED_PROXY_COUNT entries were written by our own proxies: everything to their
    left is whatever the client chose to send. The client is the TRUSTED_PROXY_COUNT-th entry
    from the right (with one proxy, nginx, the right-most). django-axes asks this same function.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if not entries:
        return remote
    count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
    candidate = entries[-count] if len(entries) >= count else entries[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not an address: something other than our proxy wrote it
        return remote


def client_hash(request):
    """A salted hash of the client address: enough to count, never enough to identify."""
    raw = f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def is_limited(request, scope, *, limit, window, fail_closed=False):
    """Count one hit for this client in `scope`; True when it is over `limit` per `window` s.

    When the cache is unreachable: `fail_closed=False` allows the request; `fail_closed=True`
    counts it in this process (`local_counter`) and refuses beyond `limit`.
    RATE_LIMITS_ENABLED=0 turns every limit off (load tests from one address only).
    """
    if not settings.RATE_LIMITS_ENABLED:
        return False
    bucket = int(time.time() // window)
    key = f"rl:{scope}:{client_hash(request)}:{bucket}"
    try:
        added = cache.add(key, 1, timeout=window + 5)
        count = 1 if added else cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this is the first hit of a new window.
        cache.set(key, 1, timeout=window + 5)
        count = 1
    except Exception:  # the cache server is down: fall back to the documented choice
        log.warning("rate limit cache unavailable for %s", scope, exc_info=True)
        if not fail_closed:
            return False
        count = local_counter.hit(key, window + 5)
    return count > limit
