"""The two full-text engines behind one small interface, each for any language.

Each engine turns a Plan into candidates: the best CANDIDATES answers by its own relevance
(bm25 on SQLite's FTS5, ts_rank on PostgreSQL), each with which of the query's term groups and
phrases it holds, anywhere and in the question fields. ranking.py orders them the same way on
both databases. Where a language's text is indexed (tables, columns, text-search
configuration) is data on its Language (languages.py): the SQL here is the same for all.
"""

import html
from dataclasses import dataclass

from django.db import connection

from ..models import Answer, Status
from .languages import ENGLISH, ENGLISH_LANGUAGE, welsh_vocabulary
from .weights import CLASS_WEIGHT, FIELD_CLASS, PG_RANK_WEIGHTS

MARK_START, MARK_END = "\x02", "\x03"
ELLIPSIS = "…"
EDGE = 20  # characters of the body's start and end compared with a PostgreSQL headline


@dataclass
class Candidate:
    pk: int
    score: float
    jurisdiction: str
    lines: list  # the question and each of its other phrasings, ranked one by one
    anywhere: list
    in_title: list
    phrases: list


def engine(language=ENGLISH_LANGUAGE):
    kind = PostgresEngine if connection.vendor == "postgresql" else SQLiteEngine
    return kind(language)


def marked_to_html(text):
    escaped = html.escape(text or "", quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


class _Engine:
    def __init__(self, language):
        self.language = language

    def similar_words(self, word, limit):
        """(word, answers) of the vocabulary that look like `word`, at most `limit`."""
        if self.language.code == ENGLISH:
            return self._similar_vocabulary(word, limit)
        return welsh_vocabulary().similar(word, limit)

    def matches(self, word):
        """Does any answer hold the word by its stem? (Unstemmed languages: the vocabulary
        already said.)"""
        return self.language.stemmed and self._matches(word)

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class SQLiteEngine(_Engine):
    """FTS5 (porter tokenizer for English, unicode61 with accents folded for Welsh); the FTS
    tables hold published answers only."""

    def _matches(self, word):
        fts = self.language.fts_table
        return bool(self._rows(f"SELECT 1 FROM {fts} WHERE {fts} MATCH %s LIMIT 1", [_quote(word)]))

    def _similar_vocabulary(self, word, limit):
        grams = " OR ".join(_quote(word[i : i + 3]) for i in range(len(word) - 2))
        if not grams:
            return []
        return self._rows(
            "SELECT w.word, w.answers FROM faq_searchword_trgm t "
            "JOIN faq_searchword w ON w.id = t.rowid "
            "WHERE faq_searchword_trgm MATCH %s AND w.answers > 0 ORDER BY t.rank LIMIT %s",
            [grams, limit],
        )

    def candidates(self, plan, limit):
        where = self.expression(plan, choosing=True)
        if not where:
            return []
        lang = self.language
        fts, answer = lang.fts_table, lang.sqlite_answer
        flags, params = [], []
        title = "{" + " ".join(lang.title_columns) + "}"
        subquery = f"{fts}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"
        for group in plan.groups:
            flags += [subquery, subquery]
            params += [_group(group), f"{title} : {_group(group)}"]
        for phrase in plan.phrases:
            flags.append(subquery)
            params.append(_quote(phrase))
        weights = ", ".join(str(CLASS_WEIGHT[FIELD_CLASS[c]] * 10) for c in lang.fts_columns)
        sql = (
            f"SELECT {answer}, -bm25({fts}, {weights}) AS score, {fts}.jurisdiction, "
            f"{fts}.question, {fts}.also_asked"
            f"{''.join(', ' + f for f in flags)} FROM {lang.sqlite_from} "
            f"WHERE {fts} MATCH %s ORDER BY score DESC, {answer} LIMIT %s"
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
        lang = self.language
        fts, answer = lang.fts_table, lang.sqlite_answer
        body = lang.fts_columns.index("body_text")
        marks = ", ".join(["%s"] * len(pks))
        rows = self._rows(
            f"SELECT {answer}, snippet({fts}, {body}, char(2), char(3), '…', 32) "
            f"FROM {lang.sqlite_from} WHERE {fts} MATCH %s AND {answer} IN ({marks})",
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


def _quote(text):
    return '"' + text.replace('"', '""') + '"'


def _group(group):
    alternatives = [_quote(a) for a in group.alternatives]
    if group.prefix:
        alternatives[0] += "*"
    return "(" + " OR ".join(alternatives) + ")"


def _candidate(row, plan):
    pk, score, jurisdiction, question, also_asked, *flags = row
    count = len(plan.groups)
    pairs = flags[: 2 * count]
    return Candidate(
        pk=pk,
        score=float(score or 0),
        jurisdiction=jurisdiction,
        lines=[question or "", *(also_asked or "").splitlines()],
        anywhere=[bool(f) for f in pairs[0::2]],
        in_title=[bool(f) for f in pairs[1::2]],
        phrases=[bool(f) for f in flags[2 * count :]],
    )


class PostgresEngine(_Engine):
    """Weighted tsvectors (GIN) in the language's configuration; pg_trgm for the vocabulary."""

    def _matches(self, word):
        lang = self.language
        return self._rows(
            f"SELECT EXISTS (SELECT 1 FROM {lang.pg_from} WHERE a.status = %s "
            f"AND {lang.pg_vector} @@ plainto_tsquery('{lang.config}', %s))",
            [Status.PUBLISHED, word],
        )[0][0]

    def _similar_vocabulary(self, word, limit):
        # pg_trgm's default threshold (0.3); words it misses share their first letters and are
        # found by query.nearest_word's prefix range.
        return self._rows(
            "SELECT word, answers FROM faq_searchword WHERE answers > 0 AND word %% %s "
            "ORDER BY similarity(word, %s) DESC LIMIT %s",
            [word, word, limit],
        )

    def candidates(self, plan, limit):
        where, where_params = self.expression(plan)
        if not where:
            return []
        lang = self.language
        # The pool: the best matches of the small vector (no body), then, if that leaves room,
        # the best of those matching in the body only. Ranking every match's whole vector was
        # most of the time of a search.
        if lang.pg_head_vector:
            pks = self._pool(plan, limit)
            if len(pks) < limit:
                pks += self._pool(plan, limit - len(pks), body_only=True)
        else:
            pks = self._pool(plan, limit, body_only=True)
        if not pks:
            return []
        flags, params = [], []
        vector = lang.pg_vector
        for group in plan.groups:
            text, group_params = self._tsgroup(group)
            flags += [f"{vector} @@ {text}", f"ts_filter({vector}, '{{a}}') @@ {text}"]
            params += group_params * 2
        for phrase in plan.phrases:
            flags.append(f"{vector} @@ phraseto_tsquery('{lang.config}', %s)")
            params.append(phrase)
        sql = (
            f"SELECT a.id, ts_rank(%s::float4[], {vector}, {where}, 1) AS score, a.jurisdiction, "
            f"{lang.pg_lines}.question, {lang.pg_lines}.also_asked"
            f"{''.join(', ' + f for f in flags)} FROM {lang.pg_from} WHERE a.id = ANY(%s) "
            "ORDER BY score DESC, a.id"
        )
        rows = self._rows(sql, [PG_RANK_WEIGHTS, *where_params, *params, pks])
        return [_candidate(row, plan) for row in rows]

    def _pool(self, plan, limit, *, body_only=False):
        lang = self.language
        where, params = self.expression(plan, choosing=True)
        head = lang.pg_head_vector
        if body_only:
            column, match, match_params = lang.pg_vector, where, params
            condition, condition_params = f"{lang.pg_vector} @@ {where}", list(params)
            if head:
                condition += f" AND NOT coalesce({head} @@ {where}, false)"
                condition_params += params
        else:
            # The -words are looked for in the whole answer, not only in its head.
            column, (match, match_params) = head, self._positive(plan, choosing=True)
            condition, condition_params = f"{head} @@ {match}", list(match_params)
            excluded, excluded_params = self._excluded(plan)
            if excluded:
                condition += f" AND NOT coalesce({lang.pg_vector} @@ {excluded}, false)"
                condition_params += excluded_params
        sql = (
            f"SELECT a.id FROM {lang.pg_from} WHERE a.status = %s AND {condition} "
            f"ORDER BY ts_rank(%s::float4[], {column}, {match}, 1) DESC, a.id LIMIT %s"
        )
        values = [Status.PUBLISHED, *condition_params, PG_RANK_WEIGHTS, *match_params, limit]
        return [row[0] for row in self._rows(sql, values)]

    def snippets(self, plan, pks):
        where, where_params = self.expression(plan)
        if not pks or not where:
            return {}
        lang = self.language
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
            f"MaxFragments=2, FragmentDelimiter={ELLIPSIS}"
        )
        body = lang.pg_body
        rows = self._rows(
            f"SELECT a.id, ts_headline('{lang.config}', {body}, {where}, %s), "
            f"left({body}, {EDGE}), right({body}, {EDGE}) FROM {lang.pg_from} "
            "WHERE a.id = ANY(%s)",
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
                text, group_params = self._tsgroup(group)
                texts.append(text)
                params += group_params
            parts.append("(" + " || ".join(texts) + ")")
        for phrase in plan.required:
            parts.append(f"phraseto_tsquery('{self.language.config}', %s)")
            params.append(phrase)
        return ("(" + " && ".join(parts) + ")" if parts else ""), params

    def _excluded(self, plan):
        if not plan.excluded:
            return "", []
        texts = [f"plainto_tsquery('{self.language.config}', %s)"] * len(plan.excluded)
        return "(" + " || ".join(texts) + ")", list(plan.excluded)

    def _tsgroup(self, group):
        config = self.language.config
        texts, params = [], []
        for i, alternative in enumerate(group.alternatives):
            if group.prefix and i == 0:
                texts.append(f"to_tsquery('{config}', %s)")
                params.append(alternative + ":*")
            else:
                texts.append(f"phraseto_tsquery('{config}', %s)")
                params.append(alternative)
        return "(" + " || ".join(texts) + ")", params


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
