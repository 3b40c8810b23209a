"""Django's PostgreSQL backend with limits, so a silent database cannot hold a request.

A database that refuses is quick to notice; one that goes silent (a frozen host, a dropped
route, a proxy that accepts and never answers) is not: the server-side `statement_timeout`
never fires when the query never arrives, and nothing on the client side gives up. So:

- every query, commit and health check runs under a client-side deadline (`DB_QUERY_DEADLINE`
  seconds). One watchdog thread per process shuts the socket of a connection past its
  deadline; the query fails at once with OperationalError, and the page is the kind 503.
- after such a stall (or a connection attempt that timed out), the process stops asking the
  database for `DB_BREAKER_SECONDS` and fails at once, so threads stay free for pages that
  need no database (cached pages, static files) instead of queueing behind the stall.

Timeouts on the server and in libpq (connect_timeout, statement_timeout, TCP keepalives) are
set in settings.py; this module adds what libpq cannot do.
"""

import contextlib
import itertools
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db.backends.postgresql import base
from django.db.utils import OperationalError

log = logging.getLogger(__name__)


class Watchdog:
    """Cuts the socket of any connection whose current operation is past its deadline."""

    TICK = 0.1

    def __init__(self):
        self.active = {}  # token -> (deadline, database wrapper)
        self.cut = set()
        self.lock = threading.Lock()
        self.tokens = itertools.count()
        self.thread = None

    def watch(self, wrapper, seconds):
        token = next(self.tokens)
        with self.lock:
            self.active[token] = (time.monotonic() + seconds, wrapper)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self.thread.start()
        return token

    def release(self, token):
        """True when the watchdog had to cut this operation short."""
        with self.lock:
            self.active.pop(token, None)
            if token in self.cut:
                self.cut.discard(token)
                return True
        return False

    def _run(self):
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self.lock:
                overdue = [(t, w) for t, (deadline, w) in self.active.items() if deadline <= now]
                for token, _ in overdue:
                    del self.active[token]
                    self.cut.add(token)
            for _, wrapper in overdue:
                _shut_socket(wrapper)


def _shut_socket(wrapper):
    connection = wrapper.connection
    try:
        fd = connection.pgconn.socket
    except Exception:  # already closed: nothing is waiting on it
        return
    log.error("database did not answer within %ss: cutting the connection", _deadline())
    duplicate = socket.socket(fileno=os.dup(fd))
    try:
        with contextlib.suppress(OSError):
            duplicate.shutdown(socket.SHUT_RDWR)
    finally:
        duplicate.close()


class Breaker:
    """After a stall, fail at once for a few seconds instead of waiting again."""

    def __init__(self):
        self.open_until = 0.0

    def trip(self):
        self.open_until = time.monotonic() + getattr(settings, "DB_BREAKER_SECONDS", 5)

    def is_open(self):
        return time.monotonic() < self.open_until

    def check(self):
        if self.is_open():
            raise OperationalError("database unavailable (it stalled a moment ago)")

    def reset(self):
        self.open_until = 0.0


watchdog = Watchdog()
breaker = Breaker()


def _deadline():
    return getattr(settings, "DB_QUERY_DEADLINE", 0)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self._execute_with_deadline)

    @contextlib.contextmanager
    def _deadline(self):
        seconds = _deadline()
        if not seconds:
            yield
            return
        breaker.check()
        token = watchdog.watch(self, seconds)
        try:
            yield
        except OperationalError:
            cut, token = watchdog.release(token), None
            if cut:
                breaker.trip()
                raise OperationalError(f"database did not answer within {seconds}s") from None
            raise
        finally:
            if token is not None and watchdog.release(token):
                breaker.trip()

    def _execute_with_deadline(self, execute, sql, params, many, context):
        with self._deadline():
            return execute(sql, params, many, context)

    def get_new_connection(self, conn_params):
        breaker.check()
        started = time.monotonic()
        try:
            return super().get_new_connection(conn_params)
        except Exception:
            if time.monotonic() - started >= 1:  # it made us wait: a stall, not a refusal
                breaker.trip()
            raise

    def init_connection_state(self):
        with self._deadline():
            super().init_connection_state()

    def is_usable(self):
        if breaker.is_open():
            return False
        try:
            with self._deadline():
                return super().is_usable()
        except OperationalError:
            return False

    def _commit(self):
        with self._deadline():
            return super()._commit()

    def _rollback(self):
        with self._deadline():
            return super()._rollback()

    def _set_autocommit(self, autocommit):
        with self._deadline():
            return super()._set_autocommit(autocommit)
