"""Rate limits kept in the shared cache (Redis in production), so every app server agrees.

A fixed window per (scope, client). The client is identified by a salted hash of its address:
addresses are never stored in clear.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)


def client_address(request):
    """The visitor's address; behind a trusted proxy, the one it forwarded."""
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request):
    """A salted hash of the client address: enough to count, never enough to identify."""
    raw = f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def is_limited(request, scope, *, limit, window, fail_closed=False):
    """Count one hit for this client in `scope`; True when it is over `limit` per `window` s.

    When the cache is unreachable the answer is `fail_closed` (True refuses, False allows).
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
        return fail_closed
    return count > limit
