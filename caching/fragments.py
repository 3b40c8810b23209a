"""`cached_fragment(key, build)`: a part of a page kept as a page is, so a page the cache does
not hold can be built from parts kept since their content last changed (faq/answer_parts.py)."""

import logging
import threading

from django.conf import settings

from . import versions
from .decorator import DEFAULT_TIMEOUT
from .local import LocalCopies
from .store import ChangedWhileBuilt, current_entry, store_entry
from .tags import checked

log = logging.getLogger(__name__)

_fragment_copies = None
_fragment_copies_lock = threading.Lock()


def cached_fragment(key, build, *, timeout=DEFAULT_TIMEOUT):
    """Part of a page, kept as a page is: served while none of the tags it was built from has
    been bumped, made again when it is missing (a deploy, an eviction), expired or stale.

    `build()` returns (value, tags): the value (picklable; None is never stored) and the tags
    naming what it shows, from the app's tags module, as `tag_response` takes them. Nothing
    about the visitor may go into it: everyone asking for `key` is given the same value.
    """
    global _fragment_copies
    if _fragment_copies is None:
        with _fragment_copies_lock:
            if _fragment_copies is None:
                size = getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500)
                _fragment_copies = LocalCopies(size)
    key = "pc:fragment:" + key
    try:
        entry = current_entry(_fragment_copies, key)
    except Exception:
        log.warning("page cache unavailable for fragments", exc_info=True)
        entry = None
    if entry is not None:
        return entry["value"]
    generation = versions.generation()
    value, tags = build()
    if value is not None:
        try:
            stored = store_entry(key, {"value": value}, checked(tags), generation, timeout)
        except ChangedWhileBuilt:
            pass  # built again by the next request
        except Exception:
            log.warning("could not store fragment in cache", exc_info=True)
        else:
            if stored is not None:
                _fragment_copies.put(key, stored)
    return value
