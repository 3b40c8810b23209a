"""Site search over published answers.

PostgreSQL: a weighted tsvector per answer (question and keywords weigh most, then the summary,
topic names and the body), English stemming, websearch syntax and highlighted headlines.
SQLite: the same behaviour as far as term matching can go, ranked with the same weights.
"""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, Q, Value
from django.utils.html import strip_tags

from .models import Answer

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
NUMBER_RE = re.compile(r"^\s*q?\s*(\d{1,7})\s*$", re.IGNORECASE)
_MARK_START, _MARK_END = "\x02", "\x03"
STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from how i if in into is it me my of on or "
    "should so than that the their them they this to was what when where which who why will "
    "with you your".split()
)
WEIGHTS = {"question": 4.0, "keywords": 4.0, "summary": 2.0, "topic_text": 1.5, "body_text": 0.5}


@dataclass
class SearchHit:
    answer: Answer
    snippet: str  # safe HTML: escaped text with <mark> around matched words


@dataclass
class SearchResults:
    query: str
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def pages(self):
        return max(1, -(-self.total // self.page_size))

    @property
    def start_index(self):
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def has_previous(self):
        return self.page > 1


def clean_query(text):
    """Printable text only, whitespace folded, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def number_in_query(text):
    """497 or "Q497" typed as the whole query: the answer number asked for, else None."""
    match = NUMBER_RE.match(text or "")
    return int(match.group(1)) if match else None


def search(text, *, page=1, page_size=PAGE_SIZE):
    query = clean_query(text)
    results = SearchResults(query=query, page=max(1, page), page_size=page_size)
    if not _terms(query)[0]:
        return results
    if connection.vendor == "postgresql":
        _search_postgres(results)
    else:
        _search_fallback(results)
    return results


# --- keeping the index up to date -------------------------------------------------------------


# Field → weight of the tsvector: question and keywords weigh most, the body least.
VECTOR_WEIGHTS = {
    "question": "A",
    "keywords": "A",
    "summary": "B",
    "topic_text": "C",
    "body_text": "D",
}


def plain_text(body):
    """An answer body as one line of plain text, for snippets and matching."""
    return " ".join(html.unescape(strip_tags(body)).split())


def weighted_vector(values=None):
    """The answer's tsvector, from its columns or from the `values` given for some of them."""
    values = values or {}
    parts = [
        SearchVector(Value(values[name]) if name in values else name, weight=w, config="english")
        for name, w in VECTOR_WEIGHTS.items()
    ]
    vector = parts[0]
    for part in parts[1:]:
        vector += part
    return vector


def refresh_search_document(answer):
    """Recompute the stored search text (and the tsvector on PostgreSQL) of one answer."""
    body_text = plain_text(answer.body)
    topic_text = " ".join(answer.topics.values_list("name", flat=True))
    updates = {"body_text": body_text, "topic_text": topic_text}
    if connection.vendor == "postgresql":
        current = {
            "question": answer.question,
            "keywords": answer.keywords,
            "summary": answer.summary,
            **updates,
        }
        updates["search_vector"] = weighted_vector(current)
    Answer.objects.filter(pk=answer.pk).update(**updates)
    answer.body_text, answer.topic_text = body_text, topic_text


def rebuild_search_index(batch_size=500):
    """Recompute the search text of every answer: after bulk loads, or to repair the index."""
    answers = Answer.objects.prefetch_related("topics").only("id", "body")
    batch = []
    for answer in answers.iterator(chunk_size=batch_size):
        answer.body_text = plain_text(answer.body)
        answer.topic_text = " ".join(t.name for t in answer.topics.all())
        batch.append(answer)
        if len(batch) >= batch_size:
            Answer.objects.bulk_update(batch, ["body_text", "topic_text"])
            batch = []
    if batch:
        Answer.objects.bulk_update(batch, ["body_text", "topic_text"])
    if connection.vendor == "postgresql":
        Answer.objects.update(search_vector=weighted_vector())


# --- PostgreSQL ---------------------------------------------------------------------------------


def _search_postgres(results):
    query = SearchQuery(results.query, search_type="websearch", config="english")
    matches = Answer.objects.published().filter(search_vector=query)
    results.total = matches.count()
    if not results.total:
        return
    results.page = min(results.page, results.pages)
    start = (results.page - 1) * results.page_size
    rows = (
        matches.annotate(
            rank=SearchRank(F("search_vector"), query, weights=[0.1, 0.3, 0.6, 1.0]),
            headline=SearchHeadline(
                "body_text",
                query,
                config="english",
                start_sel=_MARK_START,
                stop_sel=_MARK_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
            ),
        )
        .select_related("primary_topic")
        .defer("body", "body_text", "search_vector")
        .order_by("-rank", "number")[start : start + results.page_size]
    )
    results.hits = [SearchHit(answer=row, snippet=_marked_to_html(row.headline)) for row in rows]


def _marked_to_html(text):
    escaped = html.escape(text or "", quote=False)
    return escaped.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")


# --- SQLite and any other database: term matching ------------------------------------------------


def _terms(query):
    """(terms, phrases, excluded) from websearch-like syntax: words, "quoted phrases", -word."""
    phrases = [p.lower() for p in re.findall(r'"([^"]+)"', query)]
    rest = re.sub(r'"[^"]*"', " ", query)
    words = re.findall(r"-?[\w']+", rest.lower())
    excluded = [_stem(w[1:]) for w in words if w.startswith("-") and len(w) > 1]
    terms = [_stem(w) for w in words if not w.startswith("-") and w not in STOP_WORDS]
    terms = [t for t in terms if t]
    return terms + [p for p in phrases if p.strip()], excluded


def _stem(word):
    word = word.strip("'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _search_fallback(results):
    terms, excluded = _terms(results.query)
    fields = list(WEIGHTS)
    matches = Answer.objects.published()
    for term in terms:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": term})
        matches = matches.filter(any_field)
    for term in excluded:
        for name in fields:
            matches = matches.exclude(**{f"{name}__icontains": term})
    rows = list(
        matches.select_related("primary_topic").only(
            "number",
            "slug",
            "question",
            "summary",
            "keywords",
            "topic_text",
            "body_text",
            "jurisdiction",
            "primary_topic__name",
            "primary_topic__url_path",
        )
    )
    ranked = sorted(rows, key=lambda a: (-_score(a, terms), a.number))
    results.total = len(ranked)
    if not ranked:
        return
    results.page = min(results.page, results.pages)
    start = (results.page - 1) * results.page_size
    results.hits = [
        SearchHit(answer=a, snippet=_snippet(a.body_text, terms))
        for a in ranked[start : start + results.page_size]
    ]


def _score(answer, terms):
    score = 0.0
    for name, weight in WEIGHTS.items():
        text = (getattr(answer, name) or "").lower()
        for term in terms:
            score += weight * min(text.count(term), 5)
    return score


def _snippet(text, terms, width=200):
    lowered = text.lower()
    positions = [lowered.find(t) for t in terms if lowered.find(t) >= 0]
    start = max(0, min(positions) - 60) if positions else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    piece = text[start : start + width]
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    escaped = html.escape(piece, quote=False)
    if terms:
        pattern = "|".join(re.escape(html.escape(t, quote=False)) for t in terms)
        escaped = re.sub(rf"(?i)\b({pattern})([\w]*)", r"<mark>\1\2</mark>", escaped)
    return prefix + escaped + suffix
