"""Search in Welsh: its own path beside the English one, over the Welsh versions of answers.

Welsh has no stemmer in PostgreSQL or in SQLite's FTS5, so the Welsh text is indexed word for
word: PostgreSQL's `simple` configuration (a tsvector in AnswerTranslation.search_vector, built
from text with its accents folded, so "dwr" finds "dŵr"), SQLite's FTS5 table
faq_answertranslation_fts (unicode61, accents folded). What makes up for the missing stemmer is
the Welsh synonym list (WelshSynonym, from faq/data/starter/cy/synonyms-cy.tsv) and typo
correction against the Welsh versions' own vocabulary.

A query is read into the same Plan of term groups as an English one and ordered by the same
ranking.rank; the Welsh versions come first, then the English answers the query finds through
the English words of its synonyms (shown in English, marked so by faq.translations).
"""

import html
import math
import re
import threading
import unicodedata

from django.db import connection
from django.db.models import Count, Max

from ..models import Answer, AnswerTranslation, Status, WelshSynonym
from ..translations import translate_answers
from .engines import engine as english_engine
from .index import plain_text
from .query import Plan, allowed_edits, edit_distance, term_groups, trigram_similarity
from .query import parse as english_parse
from .ranking import rank

LANGUAGE = "cy"
FTS_TABLE = "faq_answertranslation_fts"
COLUMNS = ("question", "also_asked", "keywords", "summary", "body_text")
WEIGHT_CLASS = {"question": "A", "also_asked": "A", "keywords": "A", "summary": "B"}
TITLE_COLUMNS = ("question", "also_asked", "keywords")
BM25_WEIGHTS = (10.0, 10.0, 10.0, 4.0, 1.0)
PG_RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D, C, B, A as ts_rank takes them
CANDIDATES = 100
PAGE_SIZE = 10
SNIPPET_WORDS = 30
MAX_GROUPS = 10
LONGEST_SYNONYM = 3
TOKEN_RE = re.compile(r"[^\W_]+")
# Short words that say nothing about what is wanted (with the mutated forms people type).
STOP_WORDS = frozenset(
    """
    a ac ag am ar at beth bod chi dan dros drwy dw dwi e ef ei eich ein eu fe fi fy gan gyda
    hefyd hi hwn hon hyn hynny i mae mi mewn na nad nac neu ni nid nhw o oes os pa pam pan pwy
    r sut tan wedi y yn yr yw ydy ydw ydych ydyn oedd dyw dydy allai gallaf gallai alla allaf
    """.split()
)


def fold(text):
    """Lower case without accents: "Dŵr" → "dwr"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens_of(text):
    return TOKEN_RE.findall(fold(text))


# Index -----------------------------------------------------------------------------------


def _published_rows():
    return AnswerTranslation.objects.filter(language=LANGUAGE, answer__status=Status.PUBLISHED)


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
            f"setweight(to_tsvector('simple', %s), '{WEIGHT_CLASS.get(name, 'D')}')"
            for name in COLUMNS
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


# Vocabulary ------------------------------------------------------------------------------

_vocabulary_cache = {}
_vocabulary_lock = threading.Lock()


def vocabulary():
    """word → number of published Welsh versions holding it; rebuilt when any changes."""
    stamp = _published_rows().aggregate(
        n=Count("id"), rows=Max("updated_at"), answers=Max("answer__updated_at")
    )
    key = (stamp["n"], stamp["rows"], stamp["answers"], connection.settings_dict["NAME"])
    with _vocabulary_lock:
        if key in _vocabulary_cache:
            return _vocabulary_cache[key]
    counts = {}
    for values in _published_rows().values_list(*COLUMNS):
        for word in set(tokens_of(" ".join(values))):
            counts[word] = counts.get(word, 0) + 1
    with _vocabulary_lock:
        _vocabulary_cache.clear()
        _vocabulary_cache[key] = counts
    return counts


# Query -----------------------------------------------------------------------------------


def parse(text, *, correct=True, place=None, prefix=False):
    """The Plan of a Welsh query: term groups with their synonyms, misspelt words corrected."""
    plan = Plan(text=text, place=place)
    tokens = tokens_of(text)
    if not tokens:
        return plan
    typing = tokens[-1] if prefix and not text.endswith(" ") else None
    counts = vocabulary()
    synonyms = _synonyms(tokens)
    if correct:
        plan.corrections = _corrections(tokens, counts, synonyms, typing)
        if plan.corrections:
            tokens = [plan.corrections.get(t, t) for t in tokens]
            synonyms = _synonyms(tokens)
            plan.corrected_text = " ".join(plan.corrections.get(t, t) for t in tokens_of(text))
    plan.groups = term_groups(tokens, synonyms, STOP_WORDS)[:MAX_GROUPS]
    if typing and plan.groups and plan.groups[-1].end == len(tokens):
        last = plan.groups[-1]
        last.prefix = len(last.alternatives[0].split()) == 1 and len(typing) >= 2
    total = max(1, _published_rows().count())
    for group in plan.groups:
        frequency = max(_frequency(alternative, counts) for alternative in group.alternatives)
        if group.prefix:  # a word still being typed: as common as the words it may become
            start = group.alternatives[0]
            frequency = max([frequency, *(n for w, n in counts.items() if w.startswith(start))])
        # As English: rarer terms weigh more; a term no Welsh version holds weighs nothing.
        group.weight = math.log(1 + (total + 1) / (frequency + 0.5)) if frequency else 0.0
    plan.phrases = [
        " ".join(tokens[a.start : b.end])
        for a, b in zip(plan.groups, plan.groups[1:], strict=False)
        if 0 <= b.start - a.end <= 2
    ]
    return plan


def _ngrams(tokens):
    return {
        " ".join(tokens[i : i + n])
        for n in range(1, LONGEST_SYNONYM + 1)
        for i in range(len(tokens) - n + 1)
    }


def _synonyms(tokens):
    rows = WelshSynonym.objects.values_list("term", "replacements")
    wanted = _ngrams(tokens)
    found = {}
    for term, replacements in rows:
        key = " ".join(tokens_of(term))
        if key in wanted:
            found[key] = [" ".join(tokens_of(r)) for r in replacements.split(",") if tokens_of(r)]
    return found


def _corrections(tokens, counts, synonyms, typing):
    found = {}
    for token in tokens:
        if (
            token in counts
            or token in synonyms
            or token in STOP_WORDS
            or token == typing
            or len(token) < 4
            or not token.isalpha()
        ):
            continue
        limit = allowed_edits(token)
        scored = [
            (distance, -trigram_similarity(token, word), -answers, word)
            for word, answers in counts.items()
            if abs(len(word) - len(token)) <= limit
            and (distance := edit_distance(token, word, limit)) <= limit
        ]
        if scored:
            found[token] = min(scored)[-1]
    return found


def _frequency(phrase, counts):
    words = [w for w in phrase.split() if w not in STOP_WORDS]
    return min((counts.get(w, 0) for w in words), default=0)


# Candidates ------------------------------------------------------------------------------


def candidates(plan, limit=CANDIDATES):
    """Candidates (ranking.Candidate-like) keyed by the answer's primary key."""
    from .engines import Candidate

    if not plan.groups:
        return []
    rows = _pg_rows(plan, limit) if connection.vendor == "postgresql" else _fts_rows(plan, limit)
    answer_of = dict(
        _published_rows().filter(pk__in=[r[0] for r in rows]).values_list("pk", "answer_id")
    )
    count = len(plan.groups)
    found = []
    for pk, score, jurisdiction, *flags in rows:
        if pk in answer_of:  # a row left behind by a flush is never listed
            found.append(
                Candidate(
                    pk=answer_of[pk],
                    score=float(score or 0),
                    jurisdiction=jurisdiction,
                    anywhere=[bool(f) for f in flags[0 : 2 * count : 2]],
                    in_title=[bool(f) for f in flags[1 : 2 * count : 2]],
                    phrases=[bool(f) for f in flags[2 * count :]],
                )
            )
    return found


def _fts_quote(text):
    return '"' + text.replace('"', '""') + '"'


def _fts_group(group):
    alternatives = [_fts_quote(a) for a in group.alternatives]
    if group.prefix:
        alternatives[0] += "*"
    return "(" + " OR ".join(alternatives) + ")"


def _fts_rows(plan, limit):
    where = " OR ".join(_fts_group(g) for g in plan.groups)
    title = "{" + " ".join(TITLE_COLUMNS) + "}"
    subquery = f"rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
    flags, params = [], []
    for group in plan.groups:
        flags += [subquery, subquery]
        params += [_fts_group(group), f"{title} : {_fts_group(group)}"]
    for phrase in plan.phrases:
        flags.append(subquery)
        params.append(_fts_quote(phrase))
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    sql = (
        f"SELECT rowid, -bm25({FTS_TABLE}, {weights}) AS score, jurisdiction"
        f"{''.join(', ' + f for f in flags)} FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY score DESC, rowid LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, where, limit])
        return cursor.fetchall()


def _pg_group(group):
    texts, params = [], []
    for i, alternative in enumerate(group.alternatives):
        if group.prefix and i == 0:
            texts.append("to_tsquery('simple', %s)")
            params.append(alternative + ":*")
        else:
            texts.append("phraseto_tsquery('simple', %s)")
            params.append(alternative)
    return "(" + " || ".join(texts) + ")", params


def _pg_rows(plan, limit):
    parts = [_pg_group(g) for g in plan.groups]
    where = "(" + " || ".join(text for text, _ in parts) + ")"
    where_params = [p for _, params in parts for p in params]
    flags, params = [], []
    for text, group_params in parts:
        flags += [f"t.search_vector @@ {text}", f"ts_filter(t.search_vector, '{{a}}') @@ {text}"]
        params += group_params * 2
    for phrase in plan.phrases:
        flags.append("t.search_vector @@ phraseto_tsquery('simple', %s)")
        params.append(phrase)
    sql = (
        f"SELECT t.id, ts_rank(%s::float4[], t.search_vector, {where}, 1) AS score, "
        f"a.jurisdiction{''.join(', ' + f for f in flags)} "
        "FROM faq_answertranslation t JOIN faq_answer a ON a.id = t.answer_id "
        f"WHERE a.status = %s AND t.language = %s AND t.search_vector @@ {where} "
        "ORDER BY score DESC, t.id LIMIT %s"
    )
    values = [
        PG_RANK_WEIGHTS,
        *where_params,
        *params,
        Status.PUBLISHED,
        LANGUAGE,
        *where_params,
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall()


# Results ---------------------------------------------------------------------------------


def english_after(plan, *, place=None, prefix=False):
    """Answers in English the query finds through its words and its synonyms' English words."""
    words = dict.fromkeys(w for g in plan.groups for a in g.alternatives for w in a.split())
    text = " ".join(words)
    if not text:
        return []
    db = english_engine()
    english = english_parse(text[:200], engine=db, correct=False, place=place, prefix=prefix)
    if not english.searchable:
        return []
    return rank(english, db.candidates(english, CANDIDATES))


def ranked(text, *, place=None, correct=True, prefix=False):
    """(plan, answer pks best first): the Welsh versions, then English answers."""
    plan = parse(text, correct=correct, place=place, prefix=prefix)
    welsh = rank(plan, candidates(plan)) if plan.groups else []
    seen = set(welsh)
    english = [pk for pk in english_after(plan, place=place, prefix=prefix) if pk not in seen]
    return plan, welsh, english


def search(text, *, page=1, page_size=PAGE_SIZE, place=None, correct=True):
    """faq.search.search for a Welsh page: the same SearchResults, Welsh answers first."""
    from . import LISTED_FIELDS, SearchHit, SearchResults, clean_query

    query = clean_query(text)
    results = SearchResults(query=query, page=max(1, page), page_size=page_size, place=place)
    plan, welsh, english = ranked(query, place=place, correct=correct)
    results.corrected_query = plan.corrected_text
    order = welsh + english
    results.total = len(order)
    if not order:
        return results
    results.page = min(results.page, results.pages)
    start = (results.page - 1) * results.page_size
    page_pks = order[start : start + results.page_size]
    rows = Answer.objects.published().filter(pk__in=page_pks).select_related("primary_topic")
    answers = {a.pk: a for a in rows.only(*LISTED_FIELDS)}
    translate_answers(list(answers.values()), LANGUAGE)
    snippets = _snippets(plan, [pk for pk in page_pks if pk in set(welsh)])
    results.hits = [
        SearchHit(answer=answers[pk], snippet=snippets.get(pk, ""))
        for pk in page_pks
        if pk in answers
    ]
    return results


def suggest(text, *, limit=6, place=None):
    _, welsh, english = ranked(text, place=place, correct=False, prefix=True)
    pks = (welsh + english)[:limit]
    rows = Answer.objects.published().filter(pk__in=pks).only("number", "slug", "question")
    answers = {a.pk: a for a in rows}
    translate_answers(list(answers.values()), LANGUAGE)
    return [answers[pk] for pk in pks if pk in answers]


def _snippets(plan, answer_pks):
    """A few words of each Welsh body around the first word searched for, marked."""
    wanted = {w for g in plan.groups for a in g.alternatives for w in a.split()}
    bodies = (
        _published_rows().filter(answer_id__in=answer_pks).values_list("answer_id", "body_text")
    )
    found = {}
    for pk, body in bodies:
        words = body.split()
        hits = [i for i, w in enumerate(words) if _bare(w) in wanted]
        if not hits:
            continue
        start = max(0, hits[0] - SNIPPET_WORDS // 3)
        shown = words[start : start + SNIPPET_WORDS]
        marked = [
            f"<mark>{html.escape(w)}</mark>" if _bare(w) in wanted else html.escape(w)
            for w in shown
        ]
        prefix = "… " if start else ""
        suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
        found[pk] = prefix + " ".join(marked) + suffix  # escaped above
    return found


def _bare(word):
    return "".join(tokens_of(word))
