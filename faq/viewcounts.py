"""Answer readers, counted in each process and written every VIEW_COUNT_FLUSH_SECONDS.

A view counts once per client, answer and day, and a client counts towards at most
VIEW_COUNT_ANSWERS_PER_CLIENT answers a day (both kept in the shared cache, by the salted hash
rate limits use): reloading a page, or a script walking every answer, cannot move "Most read".
HEAD requests and link checkers' repeats are not readers.

Popular answers are read thousands of times a minute: an UPDATE per view (or even per tenth
view) would make the hottest row the bottleneck and put a database write in the path of every
cached page. Views are added up in memory instead, and a background thread of each process
writes the totals, one UPDATE per answer and day, every VIEW_COUNT_FLUSH_SECONDS (0: at once,
per view). Counts not yet written when a process stops are lost: "most read" is a ranking, not
an audit. A page served by Varnish or a CDN never reaches us, so it is not counted.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from web.ratelimit import client_hash, is_limited

from .models import Answer, AnswerViewDay

log = logging.getLogger(__name__)

_lock = threading.Lock()
_pending = Counter()  # (number, day) -> views not yet written
_writer = None
_pruned = {"day": None}
DAY_SECONDS = 24 * 60 * 60


def record_view(request, number):
    """Count this request as a reader of answer `number`, if it is a new one."""
    if request.method != "GET" or not _new_reader(request, number):
        return
    key = (number, timezone.localdate())
    if settings.VIEW_COUNT_FLUSH_SECONDS <= 0:
        _write({key: 1})
        return
    with _lock:
        _pending[key] += 1
        _start_writer()


def _new_reader(request, number):
    day = timezone.localdate().isoformat()
    try:
        first_today = cache.add(f"read:{day}:{client_hash(request)}:{number}", 1, DAY_SECONDS)
    except Exception:  # the shared cache is away: a repeat cannot be told apart, so not counted
        log.warning("could not check a reader of Q%s", number, exc_info=True)
        return False
    if not first_today:
        return False
    return not is_limited(
        request,
        "answer-readers",
        limit=settings.VIEW_COUNT_ANSWERS_PER_CLIENT,
        window=DAY_SECONDS,
        fail_closed=True,
    )


def flush():
    """Write every count added up so far (the writer thread calls it; so does exit)."""
    with _lock:
        counts = dict(_pending)
        _pending.clear()
    if counts and not _write(counts):
        with _lock:
            _pending.update(counts)  # the database is away: try again next time


def pending():
    """{answer number: views not yet written}."""
    totals = Counter()
    with _lock:
        for (number, _day), views in _pending.items():
            totals[number] += views
    return dict(totals)


def _write(counts):
    try:
        for (number, day), views in sorted(counts.items()):
            _add_views(number, day, views)
        _prune_old_days()
    except DatabaseError:  # a count is not worth failing a page the cache can serve
        log.warning("could not count views of %s answers", len(counts), exc_info=True)
        return False
    return True


def _add_views(number, day, views):
    answer_id = Answer.objects.filter(number=number).values_list("pk", flat=True).first()
    if answer_id is None:
        return
    Answer.objects.filter(pk=answer_id).update(view_count=F("view_count") + views)
    days = AnswerViewDay.objects.filter(answer_id=answer_id, day=day)
    if days.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            AnswerViewDay.objects.create(answer_id=answer_id, day=day, views=views)
    except IntegrityError:  # another process made the row first
        days.update(views=F("views") + views)


def _prune_old_days():
    """Days older than the "Most read" window are never read again: once a day, drop them."""
    today = timezone.localdate()
    if _pruned["day"] == today:
        return
    cutoff = today - timedelta(days=settings.MOST_READ_WINDOW_DAYS + 1)
    AnswerViewDay.objects.filter(day__lt=cutoff).delete()
    _pruned["day"] = today


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
