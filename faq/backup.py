"""The site's content as one JSON document: `manage.py export_content` and `import_content`.

What staff write and cannot get back from anywhere else, in a form that does not depend on
database ids: topics by their URL path (in tree order), answers by number with their links,
topics, staff-only claims and "replaced by", numbers retired by deleted answers, and forces with
their local notes (forces from forces.backup, by slug; local notes by force slug and answer
number).
Import reads the file into `faq/loader.py`, as starter content and FAQ imports are;
cross-references and search text are rebuilt, as on every save. People (staff
accounts, submitted questions) are not content: the pg_dump backup holds them.
"""

import datetime
import json

from django.core.exceptions import ValidationError
from django.db import transaction

from forces import backup as forces_backup
from forces.models import Force, LocalNote, LocalNoteTranslation

from . import loader, workflow
from .models import (
    Answer,
    AnswerTranslation,
    RetiredNumber,
    Topic,
    web_url_validator,
)
from .references import label

FORMAT = "police-advice-content"
VERSION = 1
TOPIC_FIELDS = ("name", "slug", "description", "display_order", "sensitive")
ANSWER_FIELDS = (
    "number",
    "question",
    "slug",
    "summary",
    "body",
    "keywords",
    "also_asked",
    "sources",
    "jurisdiction",
    "status",
    "review_interval_months",
)
ANSWER_DATES = ("published_at", "last_reviewed")
LINK_FIELDS = ("title", "url", "description", "order")
CLAIM_FIELDS = ("statement", "source_url", "confirming_words", "order")
# Welsh (and any other) versions; files written before they existed have none.
ANSWER_TRANSLATION_FIELDS = (
    "language",
    "question",
    "summary",
    "body",
    "keywords",
    "also_asked",
    "review",
    "last_reviewed",
    "source_digest",
)
TOPIC_TRANSLATION_FIELDS = ("language", "name", "description", "review", "last_reviewed")


class ImportRefused(Exception):
    pass


def export_content():
    return {
        "format": FORMAT,
        "version": VERSION,
        "forces": forces_backup.export_forces(),
        "topics": _export_topics(),
        "answers": _export_answers(),
        "local_notes": _export_local_notes(),
        "retired_numbers": list(
            RetiredNumber.objects.order_by("number").values_list("number", flat=True)
        ),
    }


def dumps(data):
    """Stable text: the same content always gives the same file."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _export_topics():
    # Tree order (parents first), so import can add each topic under one already made.
    return [
        {
            "url_path": topic.url_path,
            **{name: getattr(topic, name) for name in TOPIC_FIELDS},
            "translations": _translations(topic, TOPIC_TRANSLATION_FIELDS),
        }
        for topic in Topic.objects.prefetch_related("translations").order_by("path")
    ]


def _translations(obj, fields):
    return [
        {
            name: _iso(getattr(t, name)) if name == "last_reviewed" else getattr(t, name)
            for name in fields
        }
        for t in obj.translations.all()
    ]


def _export_answers():
    answers = Answer.objects.select_related("primary_topic", "replaced_by").prefetch_related(
        "topics", "links", "claims", "translations"
    )
    rows = []
    for answer in answers.order_by("number"):
        row = {name: getattr(answer, name) for name in ANSWER_FIELDS}
        row.update({name: _iso(getattr(answer, name)) for name in ANSWER_DATES})
        row["primary_topic"] = answer.primary_topic.url_path if answer.primary_topic else None
        row["topics"] = sorted(topic.url_path for topic in answer.topics.all())
        row["replaced_by"] = answer.replaced_by.number if answer.replaced_by else None
        row["links"] = [
            {name: getattr(link, name) for name in LINK_FIELDS} for link in answer.links.all()
        ]
        row["claims"] = [
            {name: getattr(claim, name) for name in CLAIM_FIELDS} for claim in answer.claims.all()
        ]
        row["translations"] = _translations(answer, ANSWER_TRANSLATION_FIELDS)
        for translation in row["translations"]:
            # Welsh link titles travel with the Welsh version: [url, title] in link order.
            translation["link_titles"] = [
                [link.url, link.title_cy] for link in answer.links.all() if link.title_cy
            ]
        rows.append(row)
    return rows


def _iso(value):
    return value.isoformat() if value else None


def has_content():
    return Topic.objects.exists() or Answer.objects.exists()


@transaction.atomic
def import_content(data):
    """Load an export into a database with no topics or answers. Returns counts by kind."""
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ImportRefused(f"Not a {FORMAT} version {VERSION} file.")
    if has_content():
        raise ImportRefused(
            "The database already has topics or answers. Import only into an empty database "
            "(after migrate), so nothing is overwritten."
        )
    try:
        counts = {"forces": forces_backup.import_forces(data.get("forces", []))}
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages)) from None
    counts["topics"] = _import_topics(data.get("topics", []))
    counts["answers"] = _import_answers(data.get("answers", []))
    counts["local_notes"] = _import_local_notes(data.get("local_notes", []))
    RetiredNumber.objects.bulk_create(
        [RetiredNumber(number=n) for n in data.get("retired_numbers", [])]
    )
    counts["retired_numbers"] = len(data.get("retired_numbers", []))
    return counts


def _import_topics(rows):
    for row in rows:  # in tree order: each parent before its children
        values = {name: row[name] for name in TOPIC_FIELDS}
        topic, _ = loader.ensure_topic(row["url_path"], values)
        for values in row.get("translations", []):
            loader.add_topic_translation(topic, _translation_values(values))
    return len(rows)


def _import_answers(rows):
    results = loader.load_answers(rows, parse=_answer_data, existing=loader.KEEP)
    by_number = {}
    for row, result in zip(rows, results, strict=True):
        if result.action != loader.CREATED:
            reasons = "; ".join(result.reasons) or "it is here already"
            raise ImportRefused(f"{label(row['number'])}: {reasons}.")
        for values in row.get("translations", []):
            values = _translation_values(values)
            titles = values.pop("link_titles", [])
            loader.add_translation(AnswerTranslation(answer=result.answer, **values), titles)
        by_number[result.answer.number] = result.answer
    for row in rows:  # once every answer exists, so a merge may point either way
        if row["replaced_by"] is not None:
            answer = by_number[row["number"]]
            answer.replaced_by = by_number[row["replaced_by"]]
            workflow.save_answer(answer)
    return len(rows)


def _answer_data(row):
    for address, what in [
        *((link["url"], "link") for link in row["links"]),
        *((claim["source_url"], "claim source") for claim in row.get("claims", [])),
    ]:
        try:
            web_url_validator(address)
        except ValidationError:
            raise ImportRefused(
                f"{label(row['number'])}: the {what} {address!r} is not an http(s) address."
            ) from None
    text = ("number", "question", "summary", "body")
    return loader.AnswerData(
        **{name: row[name] for name in text},
        topics=row["topics"],
        primary_topic=row["primary_topic"],
        fields={
            **{name: row[name] for name in ANSWER_FIELDS if name in row and name not in text},
            "published_at": _datetime(row["published_at"]),
            "last_reviewed": _date(row["last_reviewed"]),
        },
        links=[{name: link[name] for name in LINK_FIELDS if name in link} for link in row["links"]],
        claims=[  # files from before claims have none
            {name: claim[name] for name in CLAIM_FIELDS if name in claim}
            for claim in row.get("claims", [])
        ],
    )


def _translation_values(values):
    values = dict(values)
    values["last_reviewed"] = _date(values.get("last_reviewed"))
    return values


def _datetime(text):
    return datetime.datetime.fromisoformat(text) if text else None


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


NOTE_TRANSLATION_FIELDS = ("language", "body", "review", "last_reviewed")


def _export_local_notes():
    notes = (
        LocalNote.objects.select_related("force", "answer")
        .prefetch_related("translations")
        .order_by("answer__number", "force__slug")
    )
    rows = []
    for note in notes:
        row = {"force": note.force.slug, "answer": note.answer.number, "body": note.body}
        if translations := _translations(note, NOTE_TRANSLATION_FIELDS):
            row["translations"] = translations  # notes without a Welsh version look as before
        rows.append(row)
    return rows


def _import_local_notes(rows):
    forces = {force.slug: force for force in Force.objects.all()}
    answers = {answer.number: answer for answer in Answer.objects.only("pk", "number")}
    for row in rows:
        note, _ = LocalNote.objects.update_or_create(
            force=forces[row["force"]],
            answer=answers[row["answer"]],
            defaults={"body": row["body"]},
        )
        for values in row.get("translations", []):  # files from before Welsh have none
            values = _translation_values(values)
            LocalNoteTranslation.objects.update_or_create(
                note=note, language=values.pop("language"), defaults=values
            )
    return len(rows)
