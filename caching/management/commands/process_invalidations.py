import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from caching import queue


class Command(BaseCommand):
    help = (
        "Send the cache invalidations that are due (purges of shared caches, our own tag "
        "versions), retrying failed ones with back-off. --loop keeps doing it (the worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running (the worker).")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between passes with --loop."
        )

    def handle(self, *, loop, interval, **options):
        if not loop:
            self._report(queue.send_due())
            return
        passes = 0
        while True:
            try:
                report = queue.send_due()
                if report.done or report.retrying or report.failed:
                    self._report(report)
                if passes % 3600 == 0:
                    queue.prune()
            except DatabaseError as exc:  # the database is away: try again next pass
                self.stderr.write(f"database unavailable: {exc}")
                close_old_connections()
            passes += 1
            time.sleep(interval)

    def _report(self, report):
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.done} sent, {report.retrying} to retry, {report.failed} given up"
            )
        )
