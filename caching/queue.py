"""Invalidations that are never lost: the outbox pattern, as questions/outbox.py does for email.

Every `caching.bump.bump(...)` writes one row per cache (our own page cache's tag versions
in Redis, and each shared cache in HTTP_CACHE_PURGE_URLS) in the same transaction as the change,
and sends them once it commits. A cache that cannot be reached keeps its row pending, and
`manage.py process_invalidations` (the worker: `--loop`, or cron) retries it with back-off, so an
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

import json
import logging
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import versions
from .models import Invalidation, InvalidationStatus

log = logging.getLogger(__name__)

PAGE_CACHE = "page-cache"
MAX_ATTEMPTS = 30
FIRST_DELAY = timedelta(seconds=1)
LONGEST_DELAY = timedelta(minutes=5)
KEEP_DONE = timedelta(days=1)


def retry_delay(attempts):
    """1, 2, 4, 8 … seconds after each failed attempt, never more than LONGEST_DELAY."""
    return min(FIRST_DELAY * (2 ** max(attempts - 1, 0)), LONGEST_DELAY)


def targets():
    return [PAGE_CACHE, *settings.HTTP_CACHE_PURGE_URLS]


def enqueue(tags, *, to=None):
    """Store the tags for every cache (or those in `to`) now; send them once the surrounding
    transaction commits. Our page cache comes first, so it is bumped before the purges."""
    pks = write(tags, to=to)
    transaction.on_commit(lambda: send_now(pks), robust=True)
    return pks


def write(tags, *, to=None):
    """Store the tags for every cache (or those in `to`), in the surrounding transaction; the
    rows' ids (none when they could not be written: logged, never raised)."""
    text = " ".join(sorted(tags))
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's change
            rows = Invalidation.objects.bulk_create(
                [Invalidation(target=target, tags=text) for target in to or targets()]
            )
    except Exception:
        log.error("could not queue invalidation of %s", text, exc_info=True)
        return []
    return [row.pk for row in rows]


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
    for pk in pks:
        try:
            send(pk)
        except Exception:  # the worker will try again: never fail the request that saved
            log.warning("invalidation %s not sent now; the worker will retry", pk, exc_info=True)


def send(pk, *, now=None):
    """Try one pending invalidation; returns its status afterwards (None if not ours to send).

    The row is locked while sending (skipping rows another worker holds), so the after-commit
    hook and the worker never send it at the same moment.
    """
    now = now or timezone.now()
    with transaction.atomic():
        row = (
            Invalidation.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=InvalidationStatus.PENDING)
            .first()
        )
        if row is None:
            return None
        row.attempts += 1
        try:
            deliver(row.target, row.tags.split())
        except Exception as exc:
            log.warning("invalidation of %s failed (attempt %s): %s", row.target, row.attempts, exc)
            row.last_error = f"{now:%Y-%m-%d %H:%M:%S} {type(exc).__name__}: {exc}"[:1000]
            if row.attempts >= MAX_ATTEMPTS:
                row.status = InvalidationStatus.FAILED
            else:
                row.next_attempt_at = now + retry_delay(row.attempts)
        else:
            row.status = InvalidationStatus.DONE
            row.done_at = now
            row.last_error = ""
            _purge_again_after(row)
        row.save(update_fields=["attempts", "status", "next_attempt_at", "last_error", "done_at"])
    return row.status


def _purge_again_after(row):
    """Our page-cache bump got through only now: a shared cache purged before it may have
    refilled from our old copy meanwhile, so purge every shared cache again, after it."""
    shared = settings.HTTP_CACHE_PURGE_URLS
    if row.target == PAGE_CACHE and row.attempts > 1 and shared:
        enqueue(row.tags.split(), to=shared)


def deliver(target, tags):
    """Invalidate `tags` in one cache; raises when it did not happen."""
    if target == PAGE_CACHE:
        versions.bump_versions(tags)
    else:
        purge(target, tags)


def purge(url, tags):
    """Ask a shared cache to drop every page with any of these surrogate keys.

    `PURGE url` with `xkey-purge` (Varnish's xkey module, deploy/varnish.vcl.template) and
    `Surrogate-Key` (what CDNs such as Fastly read) naming the keys. An entry of
    HTTP_CACHE_PURGE_URLS may start with another method ("POST https://…"); the headers in
    HTTP_CACHE_PURGE_HEADERS (JSON) are added, e.g. a CDN's API key.
    """
    method, _, address = url.rpartition(" ")
    keys = " ".join(tags)
    headers = {"xkey-purge": keys, "Surrogate-Key": keys, **_extra_headers()}
    request = urllib.request.Request(address, method=method or "PURGE", headers=headers)
    with urllib.request.urlopen(request, timeout=settings.HTTP_CACHE_PURGE_TIMEOUT) as response:
        if not 200 <= response.status < 300:
            raise OSError(f"{address} answered {response.status}")


def _extra_headers():
    text = settings.HTTP_CACHE_PURGE_HEADERS
    return json.loads(text) if text else {}


@dataclass
class SendReport:
    done: int = 0
    retrying: int = 0
    failed: int = 0


def send_due(*, now=None, limit=500):
    """Send every invalidation whose next attempt is due (the worker)."""
    now = now or timezone.now()
    report = SendReport()
    for pk in list(Invalidation.objects.due(now).values_list("pk", flat=True)[:limit]):
        status = send(pk, now=now)
        if status == InvalidationStatus.DONE:
            report.done += 1
        elif status == InvalidationStatus.PENDING:
            report.retrying += 1
        elif status == InvalidationStatus.FAILED:
            report.failed += 1
    return report


def prune(*, now=None):
    """Forget invalidations done more than KEEP_DONE ago."""
    now = now or timezone.now()
    deleted, _ = Invalidation.objects.filter(
        status=InvalidationStatus.DONE, done_at__lt=now - KEEP_DONE
    ).delete()
    return deleted


def retry_now(queryset):
    """Put stuck or waiting invalidations back in the queue for the next run (admin action)."""
    return queryset.exclude(status=InvalidationStatus.DONE).update(
        status=InvalidationStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
