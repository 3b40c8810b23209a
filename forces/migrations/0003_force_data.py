"""Every UK police force, from forces/data/forces.json (written by us from public facts)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "forces.json"


def load_forces(apps, schema_editor):
    Force = apps.get_model("forces", "Force")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        slug = row.pop("slug")
        Force.objects.update_or_create(slug=slug, defaults=row)


def remove_forces(apps, schema_editor):
    slugs = [row["slug"] for row in json.loads(DATA.read_text(encoding="utf-8"))]
    apps.get_model("forces", "Force").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("forces", "0002_imported_postcodes_and_editors")]

    operations = [migrations.RunPython(load_forces, remove_forces)]
