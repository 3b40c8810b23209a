from django.core.management.base import BaseCommand

from questions.outbox import MAX_ATTEMPTS, send_due


class Command(BaseCommand):
    help = (
        "Send queued emails whose next attempt is due, retrying failures with back-off. "
        "Run from cron every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="At most this many per run.")

    def handle(self, *args, limit, **options):
        report = send_due(limit=limit)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sent {report.done}. Will retry {report.retrying}. "
                f"Gave up on {report.failed} (after {MAX_ATTEMPTS} attempts; see the admin)."
            )
        )
