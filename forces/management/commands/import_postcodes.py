import sys

from django.core.management.base import BaseCommand, CommandError

from forces.importers import BATCH_SIZE, ImportFileError, import_postcodes


class Command(BaseCommand):
    help = (
        "Load postcode -> police force rows from an ONS Postcode Directory or NSPL file "
        "(CSV with pcds and pfa columns; .csv, .csv.gz or the ONS .zip). These rows win over "
        "the shipped tables. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        show = not options["no_progress"]
        try:
            summary = import_postcodes(
                options["file"],
                batch_size=options["batch_size"],
                progress=self._progress if show else None,
            )
        except (OSError, ImportFileError) as error:
            raise CommandError(str(error)) from error
        if show:
            self.stderr.write("")
        self.stdout.write(
            f"Rows read: {summary.rows:,}. Imported or changed: {summary.imported:,}. "
            f"Already up to date: {summary.unchanged:,}."
        )
        if summary.invalid_postcodes:
            self.stdout.write(f"Skipped, not a valid postcode: {summary.invalid_postcodes:,}.")
        if summary.no_force:
            codes = ", ".join(f"{c} ({n:,})" for c, n in summary.unknown_codes.most_common(5))
            self.stdout.write(
                f"Skipped, no force for the area code: {summary.no_force:,} ({codes})."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Done in {summary.seconds:.1f} s ({summary.rate:,.0f} rows/s).")
        )

    def _progress(self, rows, done, total):
        fraction = min(done / total, 1.0) if total else 1.0
        bar = "#" * int(fraction * 30)
        sys.stderr.write(f"\r[{bar:<30}] {fraction:4.0%}  {rows:,} rows")
        sys.stderr.flush()
