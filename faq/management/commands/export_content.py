from pathlib import Path

from django.core.management.base import BaseCommand

from faq.backup import dumps, export_content


class Command(BaseCommand):
    help = (
        "Write topics, answers (with links), forces and local notes as one JSON file "
        "(or to standard output). import_content reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write; standard output if left out")

    def handle(self, *args, path=None, **options):
        data = export_content()
        text = dumps(data)
        if path is None:
            self.stdout.write(text, ending="")
            return
        Path(path).write_text(text, encoding="utf-8")
        self.stderr.write(
            self.style.SUCCESS(
                f"Wrote {path}: {len(data['topics'])} topics, {len(data['answers'])} answers, "
                f"{len(data['forces'])} forces, {len(data['local_notes'])} local notes."
            )
        )
