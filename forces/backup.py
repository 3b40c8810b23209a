"""Forces and their local notes as plain JSON-ready data, for `export_content` / `import_content`.

Forces are keyed by slug and merged (update_or_create), as the data migration loads them;
local notes are keyed by (force slug, answer number).
"""

from django.core.exceptions import ValidationError

from faq.models import Answer

from .models import Force, LocalNote, LocalNoteTranslation

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


def export_local_notes():
    notes = (
        LocalNote.objects.select_related("force", "answer")
        .prefetch_related("translations")
        .order_by("answer__number", "force__slug")
    )
    return [
        {
            "force": note.force.slug,
            "answer": note.answer.number,
            "body": note.body,
            "translations": [
                {name: _iso(getattr(t, name)) for name in NOTE_TRANSLATION_FIELDS}
                for t in note.translations.all()
            ],
        }
        for note in notes
    ]


NOTE_TRANSLATION_FIELDS = ("language", "body", "review", "last_reviewed")


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


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


def import_local_notes(rows):
    forces = {force.slug: force for force in Force.objects.all()}
    answers = {answer.number: answer for answer in Answer.objects.only("pk", "number")}
    for row in rows:
        note, _ = LocalNote.objects.update_or_create(
            force=forces[row["force"]],
            answer=answers[row["answer"]],
            defaults={"body": row["body"]},
        )
        for values in row.get("translations", []):  # files from before Welsh have none
            values = dict(values)
            LocalNoteTranslation.objects.update_or_create(
                note=note, language=values.pop("language"), defaults=values
            )
    return len(rows)
