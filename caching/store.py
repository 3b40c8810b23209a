"""Entries (whole pages, parts of pages) kept in the shared cache with the tag versions they
were built from, and served only while those are unchanged."""

import time

from django.core.cache import cache

from . import versions


class ChangedWhileBuilt(Exception):
    """A bump came while this was built: what it was built from may have changed meanwhile."""


def current_entry(local, key):
    """The entry stored under `key` (this process's copy, else the shared cache's) if every tag
    it was built from is unchanged, else None. Raises when the cache is unavailable."""
    entry = local.get(key)
    if entry is not None and entry["expires"] <= time.time():
        local.drop(key)  # the shared copy has expired too: build it again
        entry = None
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        local.put(key, entry)
    now = versions.current(entry["tags"])
    for tag, version in entry["tags"].items():
        if now.get(tag) != version:  # missing means unknown: rebuild
            local.drop(key)
            return None
    return entry


def store_entry(key, entry, tags, generation, timeout):
    """Store `entry` with the current versions of `tags`; the entry stored, or None when the
    cache could not say which generation it was built in. Raises ChangedWhileBuilt when a bump
    came since `generation` was read."""
    found = versions.current_or_new(sorted(tags))
    if generation is None:
        return None
    if cache.get(versions.GENERATION_KEY) != generation:
        raise ChangedWhileBuilt
    entry = {**entry, "tags": found, "expires": time.time() + timeout}
    cache.set(key, entry, timeout=timeout)
    return entry
