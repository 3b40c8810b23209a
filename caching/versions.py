"""Each tag's version counter in the shared cache, and the generation every bump moves on.

A stored page or part remembers the versions of the tags it was built from and is served only
while every one of them is unchanged; bumping a tag moves its version on. Counters live in the
shared cache (Redis), so every app server sees a bump at once; with Redis they are also pushed to
each process (caching/pushed.py).
"""

import secrets

from django.core.cache import cache

from . import pushed

GENERATION_KEY = "pc:generation"


def tag_key(tag):
    return f"pc:tag:{tag}"


def bump_versions(tags):
    """Move on the version of each tag (and the generation), and tell every process (pub/sub,
    caching/pushed.py); raises if the cache is down."""
    versions = {}
    for tag in [None, *tags]:
        key = GENERATION_KEY if tag is None else tag_key(tag)
        try:
            version = cache.incr(key)
        except ValueError:  # no version yet (or evicted): any new one differs from all before
            version = new_version()
            cache.set(key, version, timeout=None)
        if tag is not None:
            versions[tag] = version
    found = pushed.for_current_cache(tag_key)
    if found is not None:
        found.learn(versions)
    pushed.publish(versions)


def new_version():
    # Random, not 1: a tag key that was evicted or flushed comes back with a value no stored
    # page was built from, so an old copy can never match it by chance.
    return secrets.randbits(62)


def current_or_new(tags):
    """The version of each tag, creating the missing ones."""
    keys = {tag: tag_key(tag) for tag in tags}
    found = cache.get_many(keys.values())
    for key in keys.values():
        if key not in found:
            cache.add(key, new_version(), timeout=None)
            found[key] = cache.get(key)
    return {tag: found[key] for tag, key in keys.items()}


def current(tags):
    """{tag: current version}: pushed to this process when it can be (Redis), else read."""
    found = pushed.for_current_cache(tag_key)
    if found is not None:
        return found.current(tags)
    read = cache.get_many([tag_key(tag) for tag in tags])
    return {tag: read.get(tag_key(tag)) for tag in tags}


def generation():
    """A counter every bump moves on: read before building, compared again before storing."""
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, new_version(), timeout=None)
            value = cache.get(GENERATION_KEY)
        return value
    except Exception:
        return None
