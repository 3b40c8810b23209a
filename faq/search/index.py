"""Keeping the search index in step with the answers, on both databases, by one code path.

PostgreSQL: a weighted tsvector per answer (GIN index). SQLite: an FTS5 table with the porter
tokenizer, holding the published answers only. Both: the site's vocabulary (SearchWord), which
typo correction and term weighting read. `refresh_search_document` (one answer, called on every
save and topic change) and `rebuild_search_index` (everything) are the only writers.
"""

import contextlib
import contextvars
import html
import re
from collections import Counter

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, Value
from django.utils.html import strip_tags

from ..models import Answer, SearchWord, Status
from .weights import FIELD_CLASS, HEAD_FIELDS, STOP_WORDS

FTS_TABLE = "faq_answer_fts"
FTS_COLUMNS = tuple(FIELD_CLASS)  # question, also_asked, keywords, summary, topic_text, body_text
WORD_RE = re.compile(r"[^\W\d_]{3,40}")


def is_sqlite():
    return connection.vendor == "sqlite"


def plain_text(body):
    """An answer body as one line of plain text, for snippets and matching."""
    return " ".join(html.unescape(strip_tags(body)).split())


def weighted_vector(values=None, *, fields=None):
    """The answer's tsvector, from its columns or from the `values` given for some of them."""
    values = values or {}
    parts = [
        SearchVector(Value(values[name]) if name in values else name, weight=w, config="english")
        for name, w in FIELD_CLASS.items()
        if fields is None or name in fields
    ]
    vector = parts[0]
    for part in parts[1:]:
        vector += part
    return vector


def document_words(values):
    """The distinct vocabulary words of one answer's searchable text (letters only)."""
    words = set()
    for name in FTS_COLUMNS:
        words.update(WORD_RE.findall((values.get(name) or "").lower()))
    return words - STOP_WORDS


def _values(answer, **derived):
    values = {name: getattr(answer, name) or "" for name in FTS_COLUMNS}
    values.update(derived)
    return values


# Set while a bulk load runs: each save skips its own refresh, and one rebuild follows the load.
_deferred = contextvars.ContextVar("search_refresh_deferred", default=False)


@contextlib.contextmanager
def deferred_refresh():
    """Load many answers at once: no per-answer refresh (each would update the vocabulary row
    by row), then one rebuild of everything search keeps."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
    rebuild_search_index()


def refresh_search_document(answer):
    """Recompute the stored search text, the index entry and the vocabulary of one answer."""
    if _deferred.get():
        return
    body_text = plain_text(answer.body)
    topic_text = " ".join(answer.topics.values_list("name", flat=True))
    values = _values(answer, body_text=body_text, topic_text=topic_text)
    published = answer.status == Status.PUBLISHED
    words = document_words(values) if published else set()
    old = Answer.objects.filter(pk=answer.pk).values_list("search_words", flat=True).first()
    updates = {"body_text": body_text, "topic_text": topic_text, "search_words": " ".join(words)}
    if connection.vendor == "postgresql":
        updates["search_vector"] = weighted_vector(values)
        updates["head_vector"] = weighted_vector(values, fields=HEAD_FIELDS)
    Answer.objects.filter(pk=answer.pk).update(**updates)
    answer.body_text, answer.topic_text = body_text, topic_text
    answer.search_words = updates["search_words"]
    if is_sqlite():
        _fts_replace(answer.pk, values if published else None, answer.jurisdiction)
    _count_words(added=words - set((old or "").split()), removed=set((old or "").split()) - words)


def _fts_replace(pk, values, jurisdiction):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])
        if values is not None:
            columns = ", ".join(FTS_COLUMNS)
            marks = ", ".join(["%s"] * (len(FTS_COLUMNS) + 2))
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, {columns}, jurisdiction) VALUES ({marks})",
                [pk, *(values[name] for name in FTS_COLUMNS), jurisdiction],
            )


def _count_words(*, added, removed):
    if added:
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, answers=0) for w in added], ignore_conflicts=True
        )
        SearchWord.objects.filter(word__in=added).update(answers=F("answers") + 1)
    if removed:
        SearchWord.objects.filter(word__in=removed).update(answers=F("answers") - 1)


def rebuild_search_index(batch_size=500):
    """Recompute everything search keeps: after bulk loads, migrations, or to repair it."""
    answers = Answer.objects.prefetch_related("topics").only(
        "id", "body", "status", "jurisdiction", *(n for n in FTS_COLUMNS if n != "body_text")
    )
    counts = Counter()
    batch = []
    for answer in answers.iterator(chunk_size=batch_size):
        answer.body_text = plain_text(answer.body)
        answer.topic_text = " ".join(t.name for t in answer.topics.all())
        words = document_words(_values(answer)) if answer.status == Status.PUBLISHED else set()
        counts.update(words)
        answer.search_words = " ".join(sorted(words))
        batch.append(answer)
        if len(batch) >= batch_size:
            Answer.objects.bulk_update(batch, ["body_text", "topic_text", "search_words"])
            batch = []
    if batch:
        Answer.objects.bulk_update(batch, ["body_text", "topic_text", "search_words"])
    if connection.vendor == "postgresql":
        Answer.objects.update(
            search_vector=weighted_vector(), head_vector=weighted_vector(fields=HEAD_FIELDS)
        )
    if is_sqlite():
        _fts_rebuild()
    SearchWord.objects.all().delete()
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, answers=n) for w, n in counts.items()], batch_size=2000
    )


def _fts_rebuild(conn=None):
    columns = ", ".join(FTS_COLUMNS)
    with (conn or connection).cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, {columns}, jurisdiction) "
            f"SELECT id, {columns}, jurisdiction FROM faq_answer WHERE status = %s",
            [Status.PUBLISHED],
        )


def resync_fts(connection_=None):
    """SQLite: rebuild the FTS5 table if it no longer holds exactly the published answers (after
    a flush or a raw load, which bypass the refresh path). Run after every migrate and flush."""
    conn = connection_ or connection
    if conn.vendor != "sqlite" or FTS_TABLE not in conn.introspection.table_names():
        return False
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {FTS_TABLE}) - (SELECT count(*) FROM faq_answer "
            f"WHERE status = %s), (SELECT count(*) FROM {FTS_TABLE} WHERE rowid NOT IN "
            f"(SELECT id FROM faq_answer WHERE status = %s))",
            [Status.PUBLISHED, Status.PUBLISHED],
        )
        difference, strays = cursor.fetchone()
    if not difference and not strays:
        return False
    _fts_rebuild(conn)
    return True
