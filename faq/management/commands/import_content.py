import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from faq.backup import ImportRefused, import_content


class Command(BaseCommand):
    help = (
        "Restore a file written by export_content into a migrated database that has no topics "
        "or answers yet (it refuses otherwise, so nothing is overwritten)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a JSON file written by export_content")

    def handle(self, *args, path, **options):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            counts = import_content(data)
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Imported {summary}."))
