import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from common import outbox


class Command(BaseCommand):
    help = (
        "Deliver what every outbox has due (emails, purges of shared caches, our own tag "
        "versions), retrying failures with back-off. --loop keeps doing it (the worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running (the worker).")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between passes with --loop."
        )
        parser.add_argument("--limit", type=int, default=500, help="At most this many per outbox.")

    def handle(self, *, loop, interval, limit, **options):
        if not loop:
            self._pass(limit, quiet=False)
            return
        passes = 0
        while True:
            try:
                self._pass(limit, quiet=True)
                if passes % 3600 == 0:
                    for model in outbox.outboxes():
                        model.prune(timezone.now())
            except DatabaseError as exc:  # the database is away: try again next pass
                self.stderr.write(f"database unavailable: {exc}")
                close_old_connections()
            passes += 1
            time.sleep(interval)

    def _pass(self, limit, *, quiet):
        for model in outbox.outboxes():
            report = outbox.deliver_due(model, limit=limit)
            if quiet and not (report.done or report.retrying or report.failed):
                continue
            self.stdout.write(
                self.style.SUCCESS(
                    f"{model._meta.verbose_name_plural}: {report.done} done, "
                    f"{report.retrying} to retry, {report.failed} given up"
                )
            )
