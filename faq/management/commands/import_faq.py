from django.core.management.base import BaseCommand, CommandError

from faq.importer import REFUSED, ImportFileError, import_faq, read_rows


class Command(BaseCommand):
    help = (
        "Import an existing FAQ from a CSV or JSON file (columns in faq/importer.py and the "
        "docs/api.md). Safe to run twice; --dry-run reports without saving."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .csv or .json file")
        parser.add_argument("--dry-run", action="store_true", help="report only, save nothing")
        parser.add_argument(
            "--create-topics", action="store_true", help="create topic paths that do not exist"
        )

    def handle(self, *args, path, dry_run, create_topics, **options):
        try:
            rows = read_rows(path)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        report = import_faq(rows, dry_run=dry_run, create_topics=create_topics)
        for row in report.rows:
            line = str(row)
            self.stdout.write(self.style.ERROR(line) if row.action == REFUSED else line)
        summary = ", ".join(f"{n} {action}" for action, n in report.counts.items())
        prefix = "Dry run, nothing saved: " if dry_run else "Imported: "
        style = self.style.WARNING if report.count(REFUSED) else self.style.SUCCESS
        self.stdout.write(style(prefix + summary + "."))
