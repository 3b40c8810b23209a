"""Invalidations that are never lost: the outbox pattern, as questions/outbox.py does for email.

Every `caching.bump.bump(...)` writes one row per cache (our own page cache's tag versions
in Redis, and each shared cache in HTTP_CACHE_PURGE_URLS) in the same transaction as the change,
and sends them once it commits. A cache that cannot be reached keeps its row pending, and
`manage.py deliver` (the worker: `--loop`, or cron) retries it with back-off, so an
edit saved while Redis or Varnish was unreachable still reaches it once it is back, and until
then a shared cache's copy lives at most its `s-maxage`.

Order matters under partial failure: a shared cache purged while our own page cache still holds
the old page refills from it at once (Varnish asks gunicorn, gunicorn answers from Redis). So
when our page-cache bump for a change succeeds only after failing, every shared cache is purged
again for the same tags, after it (`_purge_again_after`); the first purge is still sent at once,
since while Redis is away pages are built from the database and the shared copy is the only
stale one.

Nothing here can make a save fail: a row that cannot be written is logged and the change is
still bumped at once (caching/bump.py does that before calling us), and sending never raises.
"""

import logging

from django.db import transaction
from django.utils import timezone

from common import outbox

from .models import Invalidation, InvalidationStatus
from .purge import PAGE_CACHE, deliver, purge, targets

__all__ = ["PAGE_CACHE", "deliver", "purge", "targets"]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = Invalidation.MAX_ATTEMPTS
FIRST_DELAY = Invalidation.FIRST_DELAY
LONGEST_DELAY = Invalidation.LONGEST_DELAY
KEEP_DONE = Invalidation.KEEP_DONE
retry_delay = Invalidation.retry_delay


def enqueue(tags, *, to=None):
    """Store the tags for every cache (or those in `to`) now; send them once the surrounding
    transaction commits. Our page cache comes first, so it is bumped before the purges."""
    pks = write(tags, to=to)
    transaction.on_commit(lambda: send_now(pks), robust=True)
    return pks


def write(tags, *, to=None):
    """Store the tags for every cache (or those in `to`), in the surrounding transaction; the
    rows' ids (none when they could not be written: logged, never raised)."""
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's change
            return Invalidation.objects.write(tags, to or targets())
    except Exception:
        log.error("could not queue invalidation of %s", " ".join(sorted(tags)), exc_info=True)
        return []


def rewrite(pks, tags):
    """Make the rows `pks`, not sent yet, name `tags` (more tags bumped in the same transaction);
    False when some of them are no longer there to be changed (the caller writes new ones)."""
    text = " ".join(sorted(tags))
    try:
        with transaction.atomic():
            changed = Invalidation.objects.filter(
                pk__in=pks, status=InvalidationStatus.PENDING
            ).update(tags=text)
    except Exception:
        log.error("could not queue invalidation of %s", text, exc_info=True)
        return True  # as when the first write failed: logged, and bumped at once
    return changed == len(pks)


def send_now(pks):
    """Send each row at once (after the commit that wrote them); never raises."""
    outbox.attempt_now(Invalidation, pks)


def send(pk, *, now=None):
    """Try one pending invalidation; returns its status afterwards (None if not ours to send).
    A page-cache bump that got through only after failing queues the purges again
    (Invalidation.delivered)."""
    return outbox.attempt(Invalidation, pk, now=now)


def send_due(*, now=None, limit=500):
    """Send every invalidation whose next attempt is due (the worker)."""
    return outbox.deliver_due(Invalidation, now=now, limit=limit)


def prune(*, now=None):
    """Forget invalidations done more than KEEP_DONE ago."""
    return Invalidation.prune(now or timezone.now())


def retry_now(queryset):
    """Put stuck or waiting invalidations back in the queue for the next run (admin action)."""
    return queryset.retry_now()
