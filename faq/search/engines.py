"""The two full-text engines behind one small interface.

Each engine turns a Plan into candidates: the best CANDIDATES answers by its own relevance
(bm25 on SQLite's FTS5, ts_rank on PostgreSQL), each with which of the query's term groups and
phrases it holds, anywhere and in the question fields. ranking.py orders them the same way on
both databases.
"""

import html
from dataclasses import dataclass

from django.db import connection

from ..models import Answer, Status
from .index import FTS_COLUMNS, FTS_TABLE
from .weights import BM25_WEIGHTS, PG_RANK_WEIGHTS, TITLE_FIELDS

MARK_START, MARK_END = "\x02", "\x03"
ELLIPSIS = "…"
EDGE = 20  # characters of the body's start and end compared with a PostgreSQL headline
SIMILAR_WORDS = 40


@dataclass
class Candidate:
    pk: int
    score: float
    jurisdiction: str
    anywhere: list
    in_title: list
    phrases: list


def engine():
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()


def marked_to_html(text):
    escaped = html.escape(text or "", quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


class SQLiteEngine:
    """FTS5 with the porter tokenizer; the table holds published answers only."""

    def published_count(self):
        return _published_count()

    def matches(self, word):
        return bool(
            self._rows(
                f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 1", [_quote(word)]
            )
        )

    def similar_words(self, word):
        grams = " OR ".join(_quote(word[i : i + 3]) for i in range(len(word) - 2))
        if not grams:
            return []
        return self._rows(
            "SELECT w.word, w.answers FROM faq_searchword_trgm t "
            "JOIN faq_searchword w ON w.id = t.rowid "
            "WHERE faq_searchword_trgm MATCH %s AND w.answers > 0 ORDER BY t.rank LIMIT %s",
            [grams, SIMILAR_WORDS],
        )

    def candidates(self, plan, limit):
        where = self.expression(plan, choosing=True)
        if not where:
            return []
        flags, params = [], []
        title = "{" + " ".join(TITLE_FIELDS) + "}"
        subquery = f"rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        for group in plan.groups:
            flags += [subquery, subquery]
            params += [_group(group), f"{title} : {_group(group)}"]
        for phrase in plan.phrases:
            flags.append(subquery)
            params.append(_quote(phrase))
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        sql = (
            f"SELECT rowid, -bm25({FTS_TABLE}, {weights}) AS score, jurisdiction"
            f"{''.join(', ' + f for f in flags)} FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY score DESC, rowid LIMIT %s"
        )
        rows = self._rows(sql, [*params, where, limit])
        # A row left behind by anything that bypassed the refresh path (a raw DELETE) is never
        # listed; resync_fts repairs the table after a flush.
        alive = set(
            Answer.objects.published()
            .filter(pk__in=[r[0] for r in rows])
            .values_list("pk", flat=True)
        )
        rows = [row for row in rows if row[0] in alive]
        return [_candidate(row, plan) for row in rows]

    def snippets(self, plan, pks):
        where = self.expression(plan)
        if not pks or not where:
            return {}
        body = FTS_COLUMNS.index("body_text")
        marks = ", ".join(["%s"] * len(pks))
        rows = self._rows(
            f"SELECT rowid, snippet({FTS_TABLE}, {body}, char(2), char(3), '…', 32) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})",
            [where, *pks],
        )
        return {pk: marked_to_html(text) for pk, text in rows}

    def expression(self, plan, *, choosing=False):
        """The FTS5 MATCH text: any group, every "quoted phrase", none of the -words.
        `choosing`: of the groups that choose the candidates only (Plan.choosing_groups)."""
        parts = []
        if groups := plan.choosing_groups if choosing else plan.groups:
            parts.append("(" + " OR ".join(_group(g) for g in groups) + ")")
        parts += [_quote(p) for p in plan.required]
        if not parts:
            return ""
        text = " AND ".join(parts)
        if plan.excluded:
            text = f"({text}) NOT (" + " OR ".join(_quote(w) for w in plan.excluded) + ")"
        return text

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _quote(text):
    return '"' + text.replace('"', '""') + '"'


def _group(group):
    alternatives = [_quote(a) for a in group.alternatives]
    if group.prefix:
        alternatives[0] += "*"
    return "(" + " OR ".join(alternatives) + ")"


def _candidate(row, plan):
    pk, score, jurisdiction, *flags = row
    count = len(plan.groups)
    pairs = flags[: 2 * count]
    return Candidate(
        pk=pk,
        score=float(score or 0),
        jurisdiction=jurisdiction,
        anywhere=[bool(f) for f in pairs[0::2]],
        in_title=[bool(f) for f in pairs[1::2]],
        phrases=[bool(f) for f in flags[2 * count :]],
    )


def _published_count():
    return Answer.objects.published().count()


class PostgresEngine:
    """Weighted tsvector (GIN) with the english configuration; pg_trgm for the vocabulary."""

    def published_count(self):
        return _published_count()

    def matches(self, word):
        return self._rows(
            "SELECT EXISTS (SELECT 1 FROM faq_answer WHERE status = %s "
            "AND search_vector @@ plainto_tsquery('english', %s))",
            [Status.PUBLISHED, word],
        )[0][0]

    def similar_words(self, word):
        # pg_trgm's default threshold (0.3); words it misses share their first letters and are
        # found by query.nearest_word's prefix range.
        return self._rows(
            "SELECT word, answers FROM faq_searchword WHERE answers > 0 AND word %% %s "
            "ORDER BY similarity(word, %s) DESC LIMIT %s",
            [word, word, SIMILAR_WORDS],
        )

    def candidates(self, plan, limit):
        where, where_params = self.expression(plan)
        if not where:
            return []
        # The pool: the best matches of the small vector (no body), then, if that leaves room,
        # the best of those matching in the body only. Ranking every match's whole vector was
        # most of the time of a search.
        pks = self._pool(plan, limit)
        if len(pks) < limit:
            pks += self._pool(plan, limit - len(pks), body_only=True)
        if not pks:
            return []
        flags, params = [], []
        for group in plan.groups:
            text, group_params = _tsgroup(group)
            flags += [f"search_vector @@ {text}", f"ts_filter(search_vector, '{{a}}') @@ {text}"]
            params += group_params * 2
        for phrase in plan.phrases:
            flags.append("search_vector @@ phraseto_tsquery('english', %s)")
            params.append(phrase)
        sql = (
            f"SELECT id, ts_rank(%s::float4[], search_vector, {where}, 1) AS score, jurisdiction"
            f"{''.join(', ' + f for f in flags)} FROM faq_answer WHERE id = ANY(%s) "
            "ORDER BY score DESC, id"
        )
        rows = self._rows(sql, [PG_RANK_WEIGHTS, *where_params, *params, pks])
        return [_candidate(row, plan) for row in rows]

    def _pool(self, plan, limit, *, body_only=False):
        where, params = self.expression(plan, choosing=True)
        if body_only:
            column, match, match_params = "search_vector", where, params
            condition = f"search_vector @@ {where} AND NOT coalesce(head_vector @@ {where}, false)"
            condition_params = [*params, *params]
        else:
            # The -words are looked for in the whole answer, not only in its head.
            column, (match, match_params) = "head_vector", self._positive(plan, choosing=True)
            condition, condition_params = f"head_vector @@ {match}", list(match_params)
            excluded, excluded_params = self._excluded(plan)
            if excluded:
                condition += f" AND NOT coalesce(search_vector @@ {excluded}, false)"
                condition_params += excluded_params
        sql = (
            f"SELECT id FROM faq_answer WHERE status = %s AND {condition} "
            f"ORDER BY ts_rank(%s::float4[], {column}, {match}, 1) DESC, id LIMIT %s"
        )
        values = [Status.PUBLISHED, *condition_params, PG_RANK_WEIGHTS, *match_params, limit]
        return [row[0] for row in self._rows(sql, values)]

    def snippets(self, plan, pks):
        where, where_params = self.expression(plan)
        if not pks or not where:
            return {}
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
            f"MaxFragments=2, FragmentDelimiter={ELLIPSIS}"
        )
        rows = self._rows(
            f"SELECT id, ts_headline('english', body_text, {where}, %s), "
            f"left(body_text, {EDGE}), right(body_text, {EDGE}) FROM faq_answer "
            "WHERE id = ANY(%s)",
            [*where_params, options, list(pks)],
        )
        return {
            pk: marked_to_html(_with_ellipses(text, start, end)) for pk, text, start, end in rows
        }

    def expression(self, plan, *, choosing=False):
        """(SQL, params) of the tsquery: any group, every "quoted phrase", none of the -words.
        `choosing`: of the groups that choose the candidates only (Plan.choosing_groups)."""
        text, params = self._positive(plan, choosing=choosing)
        if not text:
            return "", []
        excluded, excluded_params = self._excluded(plan)
        if excluded:
            return f"({text} && !! {excluded})", [*params, *excluded_params]
        return text, params

    def _positive(self, plan, *, choosing=False):
        parts, params = [], []
        if groups := plan.choosing_groups if choosing else plan.groups:
            texts = []
            for group in groups:
                text, group_params = _tsgroup(group)
                texts.append(text)
                params += group_params
            parts.append("(" + " || ".join(texts) + ")")
        for phrase in plan.required:
            parts.append("phraseto_tsquery('english', %s)")
            params.append(phrase)
        return ("(" + " && ".join(parts) + ")" if parts else ""), params

    def _excluded(self, plan):
        if not plan.excluded:
            return "", []
        texts = ["plainto_tsquery('english', %s)"] * len(plan.excluded)
        return "(" + " || ".join(texts) + ")", list(plan.excluded)

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _with_ellipses(headline, body_start, body_end):
    """A headline from inside the body says so at each end, as SQLite's snippet() does."""
    plain = headline.replace(MARK_START, "").replace(MARK_END, "").strip()
    if not plain:
        return headline
    if not plain.startswith(body_start.strip()[: EDGE // 2]):
        headline = ELLIPSIS + headline.lstrip()
    if not plain.endswith(body_end.strip()[-EDGE // 2 :]):
        headline = headline.rstrip() + ELLIPSIS
    return headline


def _tsgroup(group):
    texts, params = [], []
    for i, alternative in enumerate(group.alternatives):
        if group.prefix and i == 0:
            texts.append("to_tsquery('english', %s)")
            params.append(alternative + ":*")
        else:
            texts.append("phraseto_tsquery('english', %s)")
            params.append(alternative)
    return "(" + " || ".join(texts) + ")", params
