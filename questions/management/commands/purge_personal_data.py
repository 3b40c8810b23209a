from django.core.management.base import BaseCommand

from questions.privacy import purge_after_days, purge_personal_data


class Command(BaseCommand):
    help = (
        "Erase names, email addresses, client hashes and the detail typed from questions answered "
        "or closed more than QUESTIONS_PURGE_AFTER_DAYS days ago (the question text is kept). "
        "Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Override QUESTIONS_PURGE_AFTER_DAYS."
        )

    def handle(self, *args, days, **options):
        days = purge_after_days() if days is None else days
        count = purge_personal_data(days=days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased personal details from {count} question(s) finished over {days} days ago."
            )
        )
