"""`bump(*tags)`: invalidate every cached page built from any of the tags, here and in every
shared cache, once per change.

A change made in a transaction (an admin save, a workflow step, an import) may bump from several
places (the answer, its Welsh version, its topics): the tags are collected for the transaction
and sent once when it commits, as one set of queue rows (wagtail's PurgeBatch idea). Outside a
transaction they are sent at once.
"""

import logging

from django.db import transaction

from . import queue, versions
from .tags import checked

log = logging.getLogger(__name__)


def bump(*tags):
    """Invalidate every cached page built from any of `tags`, here and in every shared cache.

    Our own versions are bumped at once, best effort, and the invalidation is queued in the
    same transaction (caching/queue.py), one set of rows for all the tags the transaction bumps:
    once it commits, our versions are bumped again (a page built from the old rows while the
    change was uncommitted must not outlive the commit) and the shared caches purged, retried
    until each has succeeded. Never raises.
    """
    tags = checked(tags)
    if not tags:
        return
    try:
        versions.bump_versions(tags)
    except Exception:  # cache down: pages are not served from it either; the queue retries
        log.warning("could not bump cache tags %s", sorted(tags), exc_info=True)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        queue.enqueue(tags)  # no transaction: written and sent at once
        return
    batch = _open_batch(connection)
    if batch.pks is None:
        batch.tags = set(tags)
        batch.pks = queue.write(batch.tags)
    else:  # always: the tags of a savepoint rolled back since are in batch.tags, not the rows
        batch.tags |= tags
        if not queue.rewrite(batch.pks, batch.tags):
            batch.pks = queue.write(batch.tags)
    # A hook per bump, each sending the batch unless it has gone: whichever savepoints roll
    # back, a hook remains as long as a bump the batch holds does.
    hook = _Hook(batch)
    batch.hooks.add(hook)
    transaction.on_commit(hook, using=connection.alias, robust=True)


class Batch:
    """The tags one transaction bumps, and the queue rows naming them; sent once on commit."""

    def __init__(self):
        self.tags = set()
        self.pks = None
        self.sent = False
        self.hooks = set()

    def send(self):
        if not self.sent:
            self.sent = True
            if self.pks:
                queue.send_now(self.pks)


class _Hook:
    __slots__ = ("batch",)

    def __init__(self, batch):
        self.batch = batch

    def __call__(self):
        self.batch.send()


def _open_batch(connection):
    """This transaction's batch, begun with its first bump. A batch none of whose commit hooks
    is still waiting (committed, or its savepoints or transaction rolled back) is over."""
    batch = getattr(connection, "caching_batch", None)
    if batch is not None and not batch.sent:
        waiting = {id(hook) for _, hook, _ in connection.run_on_commit}
        if any(id(hook) in waiting for hook in batch.hooks):
            return batch
    batch = connection.caching_batch = Batch()
    return batch
