"""Site search over published answers: the one module the search page, suggestions, the
question form's similar answers and the API call.

A query is read into term groups (synonyms added, misspelt words corrected against the site's
own vocabulary, a nation named noticed: query.py), any of which may match; the engine of the
database in use (SQLite FTS5 or PostgreSQL full text: engines.py) finds the best candidates and
ranking.py orders them the same way on both. index.py keeps the index in step with the answers.
"""

from dataclasses import dataclass, field

from ..models import Answer

# 497 or "Q497" typed as the whole query: the answer number asked for (faq.references).
from ..references import typed_number as number_in_query
from .engines import engine
from .index import (
    deferred_refresh,
    plain_text,
    rebuild_search_index,
    refresh_search_document,
    weighted_vector,
)
from .query import jurisdiction_for_nation, parse
from .ranking import rank
from .weights import STOP_WORDS

__all__ = [
    "STOP_WORDS",
    "SearchHit",
    "SearchResults",
    "clean_query",
    "deferred_refresh",
    "jurisdiction_for_nation",
    "number_in_query",
    "plain_text",
    "rebuild_search_index",
    "refresh_search_document",
    "search",
    "similar_answers",
    "suggest",
    "weighted_vector",
]

PAGE_SIZE = 10
CANDIDATES = 100  # the best this many are ordered and listed
SUGGESTIONS = 6
MAX_QUERY_LENGTH = 200
LISTED_FIELDS = (
    "number",
    "slug",
    "question",
    "summary",
    "jurisdiction",
    "primary_topic__name",
    "primary_topic__url_path",
)


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
    corrected_query: str = ""  # what was searched instead, when words were misspelt
    place: str | None = None

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


def search(text, *, page=1, page_size=PAGE_SIZE, place=None, correct=True):
    """Published answers for `text`, best first. `place`: the jurisdiction of the visitor's
    force, if any (a nation named in the query wins). `correct=False`: search the words as
    typed ("Search instead for …")."""
    query = clean_query(text)
    results = SearchResults(query=query, page=max(1, page), page_size=page_size)
    db = engine()
    plan = parse(query, engine=db, correct=correct, place=place)
    results.corrected_query, results.place = plan.corrected_text, plan.place
    if not plan.searchable:
        return results
    ranked = rank(plan, db.candidates(plan, CANDIDATES))
    results.total = len(ranked)
    if not ranked:
        return results
    results.page = min(results.page, results.pages)
    start = (results.page - 1) * results.page_size
    page_pks = ranked[start : start + results.page_size]
    answers = _listed(page_pks)
    snippets = db.snippets(plan, [pk for pk in page_pks if pk in answers])
    results.hits = [
        SearchHit(answer=answers[pk], snippet=snippets.get(pk, ""))
        for pk in page_pks
        if pk in answers
    ]
    return results


def suggest(text, *, limit=SUGGESTIONS, place=None):
    """Questions that match what has been typed so far (the last word may be unfinished)."""
    query = clean_query(text)
    db = engine()
    plan = parse(query, engine=db, place=place, prefix=True)
    if not plan.searchable:
        return []
    ranked = rank(plan, db.candidates(plan, CANDIDATES))[:limit]
    answers = _listed(ranked)
    return [answers[pk] for pk in ranked if pk in answers]


def similar_answers(text, *, limit=5):
    """Published answers that may already answer a question someone is about to send."""
    return [hit.answer for hit in search(text, page=1, page_size=limit).hits]


def _listed(pks):
    rows = Answer.objects.published().filter(pk__in=pks).select_related("primary_topic")
    return {a.pk: a for a in rows.only(*LISTED_FIELDS)}
