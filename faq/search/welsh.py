"""The index of the Welsh versions of answers (searched by the one engine: faq.search with
language "cy"; what differs from English is data in languages.WELSH_LANGUAGE).

Welsh has no stemmer in PostgreSQL or in SQLite's FTS5, so the Welsh text is indexed word for
word: PostgreSQL's `simple` configuration (a tsvector in AnswerTranslation.search_vector, built
from text with its accents folded, so "dwr" finds "dŵr"), SQLite's FTS5 table
faq_answertranslation_fts (unicode61, accents folded).
"""

from django.db import connection

from ..models import Answer, AnswerTranslation, Status
from .index import plain_text
from .languages import WELSH, WELSH_LANGUAGE, fold
from .weights import FIELD_CLASS

LANGUAGE = WELSH
FTS_TABLE = WELSH_LANGUAGE.fts_table
COLUMNS = WELSH_LANGUAGE.fts_columns


def refresh_welsh_document(row):
    """Recompute the plain text and index entry of one Welsh version (after it or its answer
    changed)."""
    row.body_text = plain_text(row.body)
    AnswerTranslation.objects.filter(pk=row.pk).update(body_text=row.body_text)
    published = (
        Answer.objects.filter(pk=row.answer_id, status=Status.PUBLISHED)
        .values_list("jurisdiction", flat=True)
        .first()
    )
    if connection.vendor == "postgresql":
        _pg_update([row])
    elif connection.vendor == "sqlite":
        _fts_delete([row.pk])
        if published is not None and row.language == LANGUAGE:
            _fts_insert([(row, published)])


def refresh_welsh_for_answer(answer):
    for row in AnswerTranslation.objects.filter(answer=answer):
        refresh_welsh_document(row)


def rebuild_welsh_index():
    """Everything the Welsh search keeps: after bulk loads, migrations and flushes."""
    rows = list(AnswerTranslation.objects.select_related("answer"))
    for row in rows:
        row.body_text = plain_text(row.body)
    AnswerTranslation.objects.bulk_update(rows, ["body_text"])
    if connection.vendor == "postgresql":
        _pg_update(rows)
    elif connection.vendor == "sqlite" and FTS_TABLE in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
        _fts_insert(
            [
                (row, row.answer.jurisdiction)
                for row in rows
                if row.language == LANGUAGE and row.answer.status == Status.PUBLISHED
            ]
        )


def _pg_update(rows):
    sql = (
        "UPDATE faq_answertranslation SET search_vector = "
        + " || ".join(
            f"setweight(to_tsvector('simple', %s), '{FIELD_CLASS[name]}')" for name in COLUMNS
        )
        + " WHERE id = %s"
    )
    with connection.cursor() as cursor:
        for row in rows:
            cursor.execute(sql, [*(fold(getattr(row, name)) for name in COLUMNS), row.pk])


def _fts_delete(pks):
    with connection.cursor() as cursor:
        for pk in pks:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])


def _fts_insert(rows_with_place):
    columns = ", ".join(COLUMNS)
    marks = ", ".join(["%s"] * (len(COLUMNS) + 2))
    with connection.cursor() as cursor:
        for row, jurisdiction in rows_with_place:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, {columns}, jurisdiction) VALUES ({marks})",
                [row.pk, *(getattr(row, name) or "" for name in COLUMNS), jurisdiction],
            )
