"""`bump(*tags)`: invalidate every cached page built from any of the tags, here and in every
shared cache."""

import logging

from . import queue, versions
from .tags import checked

log = logging.getLogger(__name__)


def bump(*tags):
    """Invalidate every cached page built from any of `tags`, here and in every shared cache.

    Our own versions are bumped at once, best effort, and the invalidation is queued in the
    same transaction (caching/queue.py): once it commits, our versions are bumped again (a
    page built from the old rows while the change was uncommitted must not outlive the commit)
    and the shared caches purged, retried until each has succeeded. Never raises.
    """
    tags = checked(tags)
    if not tags:
        return
    try:
        versions.bump_versions(tags)
    except Exception:  # cache down: pages are not served from it either; the queue retries
        log.warning("could not bump cache tags %s", sorted(tags), exc_info=True)
    queue.enqueue(tags)
