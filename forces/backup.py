"""Forces as plain JSON-ready data, for `export_content` / `import_content` (faq.backup).

Forces are keyed by slug and merged (update_or_create), as the data migration loads them. Local
notes hang on answers, so faq.backup writes and reads them.
"""

from django.core.exceptions import ValidationError

from .models import Force

# Everything a member of staff can edit; ids and timestamps are the database's own.
SKIPPED_FORCE_FIELDS = {"id", "updated_at"}


def _force_fields():
    return [
        f.name
        for f in Force._meta.concrete_fields
        if f.name not in SKIPPED_FORCE_FIELDS and not f.is_relation
    ]


def export_forces():
    names = _force_fields()
    return [
        {name: getattr(force, name) for name in names} for force in Force.objects.order_by("slug")
    ]


def import_forces(rows):
    """Create or update each force by slug; returns how many rows were read."""
    names = set(_force_fields()) - {"slug"}
    for row in rows:
        values = {name: value for name, value in row.items() if name in names}
        try:
            Force(slug=row["slug"], **values).validate_urls()
        except ValidationError as error:
            raise ValidationError(f"Force {row['slug']}: {error.messages}") from None
        Force.objects.update_or_create(slug=row["slug"], defaults=values)
    return len(rows)
