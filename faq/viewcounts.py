"""Answer views, counted in each process and written every VIEW_COUNT_FLUSH_SECONDS.

Popular answers are read thousands of times a minute: an UPDATE per view (or even per tenth
view) would make the hottest row the bottleneck and put a database write in the path of every
cached page. Views are added up in memory instead, and a background thread of each process
writes the totals, one UPDATE per answer read, every VIEW_COUNT_FLUSH_SECONDS (0: at once, per
view). Counts not yet written when a process stops are lost: "most read" is a ranking, not an
audit. A page served by Varnish or a CDN never reaches us, so it is not counted.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F

from .models import Answer

log = logging.getLogger(__name__)

_lock = threading.Lock()
_pending = Counter()
_writer = None


def record_view(number):
    if settings.VIEW_COUNT_FLUSH_SECONDS <= 0:
        _write({number: 1})
        return
    with _lock:
        _pending[number] += 1
        _start_writer()


def flush():
    """Write every count added up so far (the writer thread calls it; so does exit)."""
    with _lock:
        counts = dict(_pending)
        _pending.clear()
    if counts and not _write(counts):
        with _lock:
            _pending.update(counts)  # the database is away: try again next time


def pending():
    with _lock:
        return dict(_pending)


def _write(counts):
    try:
        for number, views in sorted(counts.items()):
            Answer.objects.filter(number=number).update(view_count=F("view_count") + views)
    except DatabaseError:  # a count is not worth failing a page the cache can serve
        log.warning("could not count views of %s answers", len(counts), exc_info=True)
        return False
    return True


def _start_writer():
    global _writer
    if _writer is None or not _writer.is_alive():
        _writer = threading.Thread(target=_write_forever, name="view-counts", daemon=True)
        _writer.start()


def _write_forever():
    while True:
        time.sleep(max(settings.VIEW_COUNT_FLUSH_SECONDS, 0.1))
        try:
            flush()
        finally:
            connection.close()  # this thread's own connection: never left open between runs


atexit.register(flush)
