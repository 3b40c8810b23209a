"""Email each editor the answers due for review, through the outbox. Run daily or weekly from
cron, e.g.

0 7 * * 1  cd /srv/advice && .venv/bin/python manage.py review_digest
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from questions.outbox import send_review_digests


class Command(BaseCommand):
    help = "Email each editor their list of answers due for review (for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, send nothing.")
        parser.add_argument("--date", help="Count as due on this date (YYYY-MM-DD), not today.")

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        digests = send_review_digests(today, dry_run=dry_run)
        for digest in digests:
            self.stdout.write(f"{digest.user.email}: {digest.total} due")
        verb = "would be emailed" if dry_run else "emailed"
        self.stdout.write(self.style.SUCCESS(f"{len(digests)} editor(s) {verb}."))
