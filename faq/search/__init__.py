"""Site search over published answers, in every language: the one module the search page,
suggestions, the question form's similar answers and the API call.

A query is read into term groups (synonyms added, misspelt words corrected against the site's
own vocabulary, a nation named noticed: query.py), any of which may match; the engine of the
database in use (SQLite FTS5 or PostgreSQL full text: engines.py) finds the best candidates and
ranking.py orders them the same way on both. The language is a parameter: its text-search
configuration, stop words, synonyms and index are data (languages.py), handed to the same
parser, engines and ranking. index.py and welsh.py keep the indexes in step with the answers.
"""

from dataclasses import dataclass, field

from ..models import Answer

# 497 or "Q497" typed as the whole query: the answer number asked for (faq.references).
from ..references import typed_number as number_in_query
from ..translations import translate_answers
from .engines import engine
from .index import (
    deferred_refresh,
    plain_text,
    rebuild_search_index,
    refresh_search_document,
    weighted_vector,
)
from .languages import ENGLISH, get_language, one_reading
from .places import jurisdiction_for_nation
from .query import parse, trigram_similarity
from .ranking import rank
from .weights import NEAR_WORDS, STOP_WORDS

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
# Nothing matched: the closest answers by phrasing, from this many near words of each of the
# first few words typed.
MAX_CLOSEST_WORDS = 4
CLOSEST_PER_WORD = 2
CLOSEST_SIMILARITY = 0.4  # shared trigrams, as pg_trgm's similarity()
CLOSEST_ANSWERS = 5
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
    closest: bool = False  # nothing matched: these are the answers closest in phrasing

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


def search(text, *, language=None, page=1, page_size=PAGE_SIZE, place=None, correct=True):
    """Published answers for `text`, best first. `language`: the page's language code (None:
    English; "cy": the Welsh versions first, then English answers). `place`: the jurisdiction
    of the visitor's force, if any (a nation named in the query wins). `correct=False`: search
    the words as typed ("Search instead for …")."""
    query = clean_query(text)
    results = SearchResults(query=query, page=max(1, page), page_size=page_size)
    lang = get_language(language)
    with one_reading():
        plan, parts = _ranked(query, lang, place=place, correct=correct)
        if correct and plan.searchable and not any(pks for _, _, pks in parts):
            parts = _closest(plan, lang, place=place)
            results.closest = bool(parts)
    results.corrected_query, results.place = plan.corrected_text, plan.place
    order = [pk for _, _, pks in parts for pk in pks]
    results.total = len(order)
    if not order:
        return results
    results.page = min(results.page, results.pages)
    start = (results.page - 1) * results.page_size
    page_pks = order[start : start + results.page_size]
    answers = _listed(page_pks, lang)
    snippets = {}
    for db, part_plan, pks in parts:
        shown = [pk for pk in pks if pk in answers and pk in set(page_pks)]
        snippets.update(db.snippets(part_plan, shown) if shown else {})
    results.hits = [
        SearchHit(answer=answers[pk], snippet=snippets.get(pk, ""))
        for pk in page_pks
        if pk in answers
    ]
    return results


def suggest(text, *, language=None, limit=SUGGESTIONS, place=None):
    """Questions that match what has been typed so far (the last word may be unfinished)."""
    lang = get_language(language)
    _, parts = _ranked(clean_query(text), lang, place=place, correct=False, prefix=True)
    ranked = [pk for _, _, pks in parts for pk in pks][:limit]
    answers = _listed(ranked, lang)
    return [answers[pk] for pk in ranked if pk in answers]


def similar_answers(text, *, language=None, limit=5):
    """Published answers that may already answer a question someone is about to send."""
    return [hit.answer for hit in search(text, language=language, page_size=limit).hits]


def _ranked(query, lang, *, place, correct, prefix=False):
    """(plan, [(engine, plan, answer pks best first)]): the language's own answers, then, for a
    language that has them (Welsh), the answers of its `then` language that the query finds
    through its words and its synonyms' words."""
    with one_reading():
        return _ranked_once(query, lang, place=place, correct=correct, prefix=prefix)


def _ranked_once(query, lang, *, place, correct, prefix):
    db = engine(lang)
    plan = parse(query, engine=db, correct=correct, place=place, prefix=prefix)
    if not plan.searchable:
        return plan, []
    parts = [(db, plan, rank(plan, db.candidates(plan, CANDIDATES)))]
    if lang.then:
        seen = set(parts[0][2])
        words = dict.fromkeys(w for g in plan.groups for a in g.alternatives for w in a.split())
        other = engine(get_language(lang.then))
        then = parse(
            " ".join(words)[:MAX_QUERY_LENGTH],
            engine=other,
            correct=False,
            place=place,
            prefix=prefix,
        )
        if then.searchable:
            pks = [pk for pk in rank(then, other.candidates(then, CANDIDATES)) if pk not in seen]
            parts.append((other, then, pks))
    return plan, parts


def _closest(plan, lang, *, place):
    """Nothing matched: the answers that hold the words of the site's vocabulary closest in
    spelling to the query's (a word the site knows in another form, or a misspelling too far
    for correction), so a search never ends with no answers for something we cover."""
    db = engine(lang)
    typed = [w for g in plan.groups for w in g.alternatives[0].split()]
    near = []
    for word in typed[:MAX_CLOSEST_WORDS]:
        if len(word) >= 4:
            looked_up = plan.near.get(word)  # typo correction looked already
            found = set(
                looked_up if looked_up is not None else dict(db.similar_words(word, NEAR_WORDS))
            )
            found -= {word}
            alike = sorted(found, key=lambda w: (-trigram_similarity(word, w), w))
            near += [w for w in alike if trigram_similarity(word, w) >= CLOSEST_SIMILARITY][
                :CLOSEST_PER_WORD
            ]
    if not near:
        return []
    closest = parse(" ".join(dict.fromkeys(near)), engine=db, correct=False, place=place)
    if not closest.searchable:
        return []
    pks = rank(closest, db.candidates(closest, CANDIDATES))[:CLOSEST_ANSWERS]
    return [(db, closest, pks)] if pks else []


def _listed(pks, lang):
    rows = Answer.objects.published().filter(pk__in=pks).select_related("primary_topic")
    answers = {a.pk: a for a in rows.only(*LISTED_FIELDS)}
    if lang.code != ENGLISH:
        translate_answers(list(answers.values()), lang.code)
    return answers
