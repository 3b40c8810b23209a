"""From what a person typed to what the engines look for: words, synonyms, spelling, place.

A query becomes a list of term groups. Each group is one thing the person said ("nicked", or
"drink driving") with the other words the answers may use for it (from the Synonym table, read
as the query is searched, so an editor's change counts at once). Any group may match: answers
that match more of them, rarer ones, in the question, or as written, rank higher (ranking.py).
"""

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Value
from django.db.models.functions import Length

from common.spelling import edit_distance

from ..models import SearchWord, Synonym
from .languages import ENGLISH, TOKEN_RE
from .places import nation_being_typed, place_named
from .weights import (
    COMMON_MIN_ANSWERS,
    COMMON_SHARE,
    EVERYDAY_WEIGHT,
    MAX_CORRECTED_WORDS,
    MAX_TOKENS,
    NEAR_WORDS,
)

QUOTED_RE = re.compile(r'"([^"]*)"?')
EXCLUDED_RE = re.compile(r"(?:^|\s)-([^\W_]+)")
MAX_GROUPS = 10
MAX_PHRASE_GAP = 2  # stop words allowed between two words of a phrase
LONGEST_SYNONYM = 3  # words
SHORTEST_COUNTED = 3  # letters of the shortest word the vocabulary counts (index.WORD_RE)


@dataclass
class Group:
    alternatives: list  # phrases (space-separated words); the first is what was typed
    start: int
    end: int
    weight: float = 1.0
    prefix: bool = False  # the last word is still being typed (suggestions)
    common: bool = False  # in so many answers that it does not choose the candidates


@dataclass
class Plan:
    text: str
    groups: list = field(default_factory=list)
    phrases: list = field(default_factory=list)  # word runs as typed, for the phrase bonus
    required: list = field(default_factory=list)  # "quoted phrases"
    excluded: list = field(default_factory=list)  # -words
    corrections: dict = field(default_factory=dict)  # typed word → word searched instead
    near: dict = field(default_factory=dict)  # typed word → {near word: answers}, as looked up
    corrected_text: str = ""
    place: str | None = None

    @property
    def searchable(self):
        return bool(self.groups or self.required)

    @property
    def choosing_groups(self):
        """The groups that choose the candidates: all but the very common ones ("help",
        "police"), as long as a rarer one that matches something is left. Ranking still counts
        every group; this only spares the engine ranking most of the answers for a word that
        says little."""
        return [g for g in self.groups if not g.common and g.weight > 0] or self.groups


def parse(text, *, engine, correct=True, place=None, prefix=False):
    """The Plan of a query in the engine's language (engine.language: its stop words,
    synonyms, vocabulary and folding)."""
    language = engine.language
    plan = Plan(text=text)
    plan.required = [p for p in (_words(q, language) for q in QUOTED_RE.findall(text)) if p]
    rest = QUOTED_RE.sub(" ", text)
    plan.excluded = [language.fold(w) for w in EXCLUDED_RE.findall(rest)]
    every = TOKEN_RE.findall(language.fold(EXCLUDED_RE.sub(" ", rest)))[:MAX_TOKENS]
    tokens = _searched(every, language)
    if not tokens and not plan.required:
        return plan
    typing = tokens[-1] if prefix and tokens and not text.endswith(" ") else None
    named, at = place_named(every, language.stop_words)  # a place anywhere in it counts
    if named is None and typing:
        named = nation_being_typed(typing)
    synonyms, hints = _synonym_rows(tokens, language)
    counts = _vocabulary(tokens, synonyms, language)
    # A place's name is never "corrected" into one of the site's words.
    unmatched = _unmatched(tokens, synonyms, counts, engine) - {typing, *(every[i] for i in at)}
    if correct:
        plan.corrections, plan.near = _corrections(unmatched, engine, typing=typing)
        if plan.corrections:
            tokens = [plan.corrections.get(t, t) for t in tokens]
            synonyms, hints = _synonym_rows(tokens, language)
            counts = _vocabulary(tokens, synonyms, language)
            plan.corrected_text = _apply(text, plan.corrections, language)
    for word in unmatched - set(plan.corrections):
        counts[word] = 0  # matches nothing: it must not count against the answers
    plan.groups = term_groups(tokens, synonyms, language.stop_words, skip=at)[:MAX_GROUPS]
    # A place named wins, then the visitor's force, then a word of one nation's English.
    plan.place = named or place or _first_hint(tokens, hints)
    if typing and plan.groups and plan.groups[-1].end == len(tokens):
        last = plan.groups[-1]
        last.prefix = len(last.alternatives[0].split()) == 1 and len(typing) >= 2
    _weigh(plan.groups, counts, language.published_count(), language)
    plan.phrases = _phrases(tokens, plan.groups)
    return plan


def _searched(tokens, language):
    """The tokens that may become term groups: up to the MAX_GROUPS-th word that is not a stop
    word (the rest of a long query is never searched, so never looked up or corrected)."""
    seen = 0
    for i, token in enumerate(tokens):
        seen += token not in language.stop_words
        if seen > MAX_GROUPS:
            return tokens[:i]
    return tokens


def _words(text, language):
    return " ".join(TOKEN_RE.findall(language.fold(text)))


def _ngrams(tokens):
    grams = set()
    for n in range(1, LONGEST_SYNONYM + 1):
        for i in range(len(tokens) - n + 1):
            grams.add(" ".join(tokens[i : i + n]))
    return grams


def _synonym_rows(tokens, language):
    """(term → replacement phrases, term → nation hint) for every synonym term the query
    holds (terms and replacements folded as the language folds its words)."""
    model = language.synonym_model
    fields = ["term", "replacements", *(["nation"] if hasattr(model, "nation") else [])]
    rows = model.objects.values(*fields)
    wanted = _ngrams(tokens)
    if language.code == ENGLISH:  # stored as folded: the index finds them
        rows = rows.filter(term__in=wanted)
    found, hints = {}, {}
    for row in rows:
        key = _words(row["term"], language)
        if key in wanted:
            found[key] = [
                w for w in (_words(r, language) for r in row["replacements"].split(",")) if w
            ]
            if row.get("nation"):
                hints[key] = row["nation"]
    return found, hints


def _first_hint(tokens, hints):
    """The nation of the query's first word of one nation's English, a term or not ("cannae"
    is a stop word, and still says the person is Scottish)."""
    for i in range(len(tokens)):
        for n in range(LONGEST_SYNONYM, 0, -1):
            if (gram := " ".join(tokens[i : i + n])) in hints:
                return hints[gram]
    return None


def _vocabulary(tokens, synonyms, language):
    """word → number of published answers holding it, for the query's words."""
    words = {t for t in tokens if t not in language.stop_words}
    for replacements in synonyms.values():
        for phrase in replacements:
            words.update(phrase.split())
    return language.counts(words)


def _unmatched(tokens, synonyms, counts, engine):
    """The query's words that are in no answer (as typed or by their stem) and no synonym term
    the query holds ("clairs" in "clairs law" is a synonym's word, not a typo for "claims")."""
    in_synonyms = {word for term in synonyms for word in term.split()}
    stop_words = engine.language.stop_words
    return {
        t
        for t in tokens
        if t not in stop_words
        and t not in counts
        and t not in in_synonyms
        and not t.isdigit()
        and not engine.matches(t)
    }


def _correctable(token, language):
    return token.isalpha() and len(token) >= 4 and not language.is_ordinary(token)


def _corrections(unmatched, engine, *, typing=None):
    """Typed word → the word searched instead. At most MAX_CORRECTED_WORDS words are tried
    (the longest first: they say most), each against at most twice NEAR_WORDS near words."""
    tried = sorted(
        (t for t in unmatched if t != typing and _correctable(t, engine.language)),
        key=lambda t: (-len(t), t),
    )[:MAX_CORRECTED_WORDS]
    found, near = {}, {}
    for token in tried:
        near[token] = _near_words(token, engine)
        if better := nearest_word(token, engine, near[token]):
            found[token] = better
    return found, near


def allowed_edits(word):
    return 1 if len(word) <= 4 else 2


def _near_words(word, engine):
    """{word: answers} of the vocabulary and synonym list that look like `word`."""
    candidates = dict(engine.similar_words(word, NEAR_WORDS))
    if engine.language.code == ENGLISH:  # the vocabulary table's indexed ranges
        candidates.update(_same_start(word))
    return candidates


def nearest_word(word, engine, candidates=None):
    """The closest word of the site's vocabulary or synonym list, if any is close enough."""
    if candidates is None:
        candidates = _near_words(word, engine)
    limit = allowed_edits(word)
    scored = []
    for candidate, answers in candidates.items():
        if candidate == word:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            scored.append((distance, -trigram_similarity(word, candidate), -answers, candidate))
    return min(scored)[-1] if scored else None


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a, b):
    """As pg_trgm's similarity(): shared trigrams over all trigrams of both words."""
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / len(ta | tb)


def _same_start(word):
    """Vocabulary words and one-word synonym terms of about the same length that begin with the
    same two letters (indexed ranges): the typos trigrams miss ("frued" for "fraud")."""
    start = word[:2]
    after = start[:-1] + chr(ord(start[-1]) + 1)
    lengths = {"length__gte": len(word) - 2, "length__lte": len(word) + 2}
    words = (
        SearchWord.objects.filter(word__gte=start, word__lt=after, answers__gt=0)
        .alias(length=Length("word"))
        .filter(**lengths)
        .values_list("word", "answers")[:NEAR_WORDS]
    )
    terms = (
        Synonym.objects.filter(term__gte=start, term__lt=after)
        .exclude(term__contains=" ")
        .alias(length=Length("term"))
        .filter(**lengths)
        .annotate(answers=Value(1))
        .values_list("term", "answers")[:NEAR_WORDS]
    )
    return [*words, *terms]


def _apply(text, corrections, language):
    """The query as typed with its corrected words replaced (matched in folded form)."""
    words = []
    for word in re.split(r"([^\W_]+)", text):
        words.append(corrections.get(language.fold(word), word))
    return "".join(words)


def term_groups(tokens, synonyms, stop_words, *, skip=()):
    """The query's term groups, in order: the longest synonym term at each place (a one-word
    term only when it is not a stop word), else the word itself unless it is a stop word; each
    thing said once. `skip`: indexes of tokens that are not terms (a town's name). English and
    Welsh differ only in `stop_words`."""
    groups, seen, i = [], set(), 0
    while i < len(tokens):
        if i in skip:
            i += 1
            continue
        size, alternatives = 1, None
        for n in range(LONGEST_SYNONYM, 0, -1):
            gram = " ".join(tokens[i : i + n])
            if i + n <= len(tokens) and gram in synonyms and (n > 1 or gram not in stop_words):
                size, alternatives = n, [gram, *synonyms[gram]]
                break
        if alternatives is None:
            if tokens[i] in stop_words:
                i += 1
                continue
            alternatives = [tokens[i]]
        if alternatives[0] not in seen:
            seen.add(alternatives[0])
            groups.append(
                Group(alternatives=list(dict.fromkeys(alternatives)), start=i, end=i + size)
            )
        i += size
    return groups


def _weigh(groups, counts, total, language):
    """Rarer terms say more about what is wanted: weight each group by its rarity (idf). One
    of the language's most used words, with no synonym, says little of what a long question
    is about ("last night", "on the train") however rare it is in the answers."""
    stop_words = language.stop_words
    for group in groups:
        frequency = max(
            _frequency(phrase, counts, stop_words, total) for phrase in group.alternatives
        )
        group.weight = math.log(1 + (total + 1) / (frequency + 0.5)) if frequency else 0.0
        if len(group.alternatives) == 1 and language.is_everyday(group.alternatives[0]):
            group.weight *= EVERYDAY_WEIGHT
        group.common = frequency > max(COMMON_SHARE * total, COMMON_MIN_ANSWERS)


def _frequency(phrase, counts, stop_words, total):
    """Answers holding the phrase's rarest word (1 when only its stem is known: rare; half of
    them for a word too short for the vocabulary to count, as "ma": not a rare one)."""
    words = [w for w in phrase.split() if w not in stop_words]
    return min(
        (counts.get(w, 1 if len(w) >= SHORTEST_COUNTED else total // 2) for w in words), default=1
    )


def _phrases(tokens, groups):
    ordered = sorted(groups, key=lambda g: g.start)
    runs = []
    for first, second in pairwise(ordered):
        if 0 <= second.start - first.end <= MAX_PHRASE_GAP:
            runs.append(" ".join(tokens[first.start : second.end]))
    return runs
