"""What search needs to know about a language, as data handed to the one engine.

Each Language names where its text is indexed (the FTS5 table on SQLite; the tsvector column
and text-search configuration on PostgreSQL), its stop words, its synonym table, how its words
are folded, its vocabulary (for term weights and typo correction) and whether a word is
ordinary in it (never "corrected"). English and Welsh differ only in these values: the parser
(query.py), the engines (engines.py) and the order (ranking.py) are the same code for both.
"""

import contextlib
import contextvars
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max

from common.english import is_english, is_everyday

from ..models import Answer, AnswerTranslation, SearchWord, Status, Synonym, WelshSynonym
from .weights import FIELD_CLASS, STOP_WORDS, WELSH_STOP_WORDS

ENGLISH, WELSH = "en", "cy"
TOKEN_RE = re.compile(r"[^\W_]+")


def lower(text):
    return (text or "").lower()


def fold(text):
    """Lower case without accents: "Dŵr" → "dwr"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


ENDINGS = ("ings", "ing", "ied", "ies", "ed", "es", "ly", "er", "s")


def rough_stem(word):
    """The word less one common English ending: only to count how common its stem is."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True)
class Language:
    code: str
    config: str  # PostgreSQL text-search configuration
    stop_words: frozenset
    synonym_model: type
    fold: object  # text → the form its words are indexed and looked up in
    fts_table: str  # SQLite FTS5
    fts_columns: tuple
    # PostgreSQL: what the rows are, and which columns hold the vectors and the plain body.
    pg_from: str
    pg_vector: str
    pg_head_vector: str | None  # a smaller vector without the body, ranked first (or none)
    pg_body: str
    pg_lines: str  # the alias of the rows whose question and also_asked are ranked line by line
    # SQLite: how an FTS row leads to its answer (its rowid is the answer's, or a version's).
    sqlite_from: str
    sqlite_answer: str
    stemmed: bool  # the engines stem it: a word may match by its stem only
    then: str | None = None  # the language whose answers are listed after this one's

    @property
    def title_columns(self):
        return [c for c in self.fts_columns if FIELD_CLASS[c] == "A"]

    # The vocabulary: word → number of published answers (in this language) holding it.
    def counts(self, words):
        """word → answers holding it; for a stemmed language, holding any word of its stem
        (about: the most common word that starts with the word less its ending), as the
        engines match by stem ("keeps" matches the many answers that say "keep")."""
        if self.code == ENGLISH:
            return _english_counts(words)
        vocabulary = welsh_vocabulary()
        return {w: vocabulary.words[w] for w in words if w in vocabulary.words}

    def published_count(self):
        if self.code == ENGLISH:
            return Answer.objects.published().count()
        return welsh_vocabulary().total

    def is_everyday(self, word):
        """One of the language's most used words (weighs less as a term of its own)."""
        return self.code == ENGLISH and is_everyday(word)

    def is_ordinary(self, word):
        """An everyday word of the language that is never taken for a typo of the site's."""
        return self.code == ENGLISH and is_english(word)


def _english_counts(words):
    """One query for the words and their stem families (as raw SQL: building it with the ORM
    cost more than running it)."""
    words = sorted(words)
    stems = {w: rough_stem(w) for w in words if len(rough_stem(w)) >= 3}
    families = sorted(set(stems.values()))
    if not words:
        return {}
    conditions = ["word IN (" + ", ".join(["%s"] * len(words)) + ")"]
    conditions += ["(word >= %s AND word < %s)"] * len(families)
    params = [*words, *(bound for stem in families for bound in (stem, stem + "\uffff"))]
    table = SearchWord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word, answers FROM {table} WHERE answers > 0 AND ("
            + " OR ".join(conditions)
            + ")",
            params,
        )
        rows = cursor.fetchall()
    wanted = set(words)
    counts = {word: answers for word, answers in rows if word in wanted}
    for other, answers in rows:
        for word, stem in stems.items():
            if other.startswith(stem) and len(other) <= len(stem) + 4:
                counts[word] = max(counts.get(word, 0), answers)
    return counts


ENGLISH_LANGUAGE = Language(
    code=ENGLISH,
    config="english",
    stop_words=STOP_WORDS,
    synonym_model=Synonym,
    fold=lower,
    fts_table="faq_answer_fts",
    fts_columns=tuple(FIELD_CLASS),
    pg_from="faq_answer a",
    pg_vector="a.search_vector",
    pg_head_vector="a.head_vector",
    pg_body="a.body_text",
    pg_lines="a",
    sqlite_from="faq_answer_fts",
    sqlite_answer="faq_answer_fts.rowid",
    stemmed=True,
)

# Welsh has no stemmer in PostgreSQL or in FTS5: its text is indexed word for word (accents
# folded, so "dwr" finds "dŵr"), and the Welsh synonym list makes up for the missing stemmer.
# After the Welsh versions come the English answers its synonyms' English words find.
WELSH_LANGUAGE = Language(
    code=WELSH,
    config="simple",
    stop_words=WELSH_STOP_WORDS,
    synonym_model=WelshSynonym,
    fold=fold,
    fts_table="faq_answertranslation_fts",
    fts_columns=("question", "also_asked", "keywords", "summary", "body_text"),
    pg_from=(
        "faq_answer a JOIN faq_answertranslation t ON t.answer_id = a.id AND t.language = 'cy'"
    ),
    pg_vector="t.search_vector",
    pg_head_vector=None,
    pg_body="t.body_text",
    pg_lines="t",
    sqlite_from=(
        "faq_answertranslation_fts JOIN faq_answertranslation t "
        "ON t.id = faq_answertranslation_fts.rowid"
    ),
    sqlite_answer="t.answer_id",
    stemmed=False,
    then=ENGLISH,
)

LANGUAGES = {ENGLISH: ENGLISH_LANGUAGE, WELSH: WELSH_LANGUAGE}


def get_language(code):
    """The Language for a page's language code (None or unknown: English)."""
    return LANGUAGES.get(code or ENGLISH, ENGLISH_LANGUAGE)


# The Welsh vocabulary is small (one row per Welsh version): it is counted in memory once per
# change of the Welsh versions, with a trigram index so typo correction looks at a few near
# words instead of every word.


@dataclass
class Vocabulary:
    words: dict
    total: int
    by_trigram: dict

    def similar(self, word, limit):
        shared = defaultdict(int)
        for gram in trigrams(word):
            for other in self.by_trigram.get(gram, ()):
                shared[other] += 1
        best = sorted(shared, key=lambda w: (-shared[w], -self.words[w], w))[:limit]
        return [(w, self.words[w]) for w in best]


_vocabulary_cache = {}
_vocabulary_lock = threading.Lock()


def _welsh_rows():
    return AnswerTranslation.objects.filter(language=WELSH, answer__status=Status.PUBLISHED)


# Within one search the Welsh vocabulary is checked against the database once.
_reading = contextvars.ContextVar("search_reading", default=None)


@contextlib.contextmanager
def one_reading():
    """One search: what it reads of the vocabulary is checked once, not at every lookup."""
    if _reading.get() is not None:  # already inside one
        yield
        return
    token = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(token)


def welsh_vocabulary():
    reading = _reading.get()
    if reading is not None and WELSH in reading:
        return reading[WELSH]
    vocabulary = _welsh_vocabulary()
    if reading is not None:
        reading[WELSH] = vocabulary
    return vocabulary


def _welsh_vocabulary():
    stamp = _welsh_rows().aggregate(
        n=Count("id"), rows=Max("updated_at"), answers=Max("answer__updated_at")
    )
    key = (stamp["n"], stamp["rows"], stamp["answers"], connection.settings_dict["NAME"])
    with _vocabulary_lock:
        if key in _vocabulary_cache:
            return _vocabulary_cache[key]
    columns = WELSH_LANGUAGE.fts_columns
    words = defaultdict(int)
    for values in _welsh_rows().values_list(*columns):
        for word in set(TOKEN_RE.findall(fold(" ".join(values)))):
            words[word] += 1
    by_trigram = defaultdict(list)
    for word in words:
        for gram in trigrams(word):
            by_trigram[gram].append(word)
    vocabulary = Vocabulary(words=dict(words), total=max(1, stamp["n"]), by_trigram=by_trigram)
    with _vocabulary_lock:
        _vocabulary_cache.clear()
        _vocabulary_cache[key] = vocabulary
    return vocabulary
