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

from ..models import Jurisdiction, SearchWord, Synonym
from .english import is_english
from .weights import COMMON_MIN_ANSWERS, COMMON_SHARE, STOP_WORDS

TOKEN_RE = re.compile(r"[^\W_]+")
QUOTED_RE = re.compile(r'"([^"]*)"?')
EXCLUDED_RE = re.compile(r"(?:^|\s)-([^\W_]+)")
MAX_GROUPS = 10
MAX_PHRASE_GAP = 2  # stop words allowed between two words of a phrase
LONGEST_SYNONYM = 3  # words

NATION_WORDS = {
    "scotland": Jurisdiction.SCOTLAND,
    "scottish": Jurisdiction.SCOTLAND,
    "psni": Jurisdiction.NORTHERN_IRELAND,
    "wales": Jurisdiction.ENGLAND_WALES,
    "welsh": Jurisdiction.ENGLAND_WALES,
    "england": Jurisdiction.ENGLAND_WALES,
}
NATION_PAIRS = {("northern", "ireland"): Jurisdiction.NORTHERN_IRELAND}
FORCE_NATIONS = {
    "england": Jurisdiction.ENGLAND_WALES,
    "wales": Jurisdiction.ENGLAND_WALES,
    "scotland": Jurisdiction.SCOTLAND,
    "northern-ireland": Jurisdiction.NORTHERN_IRELAND,
}


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


def jurisdiction_for_nation(nation):
    """The answers' jurisdiction for a force's nation (forces.models.Nation), if any."""
    return FORCE_NATIONS.get(nation)


def parse(text, *, engine, correct=True, place=None, prefix=False):
    plan = Plan(text=text)
    plan.required = [p for p in (_words(q) for q in QUOTED_RE.findall(text)) if p]
    rest = QUOTED_RE.sub(" ", text)
    plan.excluded = [w.lower() for w in EXCLUDED_RE.findall(rest)]
    tokens = TOKEN_RE.findall(EXCLUDED_RE.sub(" ", rest).lower())
    if not tokens and not plan.required:
        return plan
    typing = tokens[-1] if prefix and tokens and not text.endswith(" ") else None
    synonyms = _synonyms(tokens)
    counts = _vocabulary(tokens, synonyms)
    unmatched = _unmatched(tokens, synonyms, counts, engine) - {typing}
    if correct:
        plan.corrections = _corrections(unmatched, engine, typing=typing)
        if plan.corrections:
            tokens = [plan.corrections.get(t, t) for t in tokens]
            synonyms = _synonyms(tokens)
            counts = _vocabulary(tokens, synonyms)
            plan.corrected_text = _apply(text, plan.corrections)
    for word in unmatched - set(plan.corrections):
        counts[word] = 0  # matches nothing: it must not count against the answers
    plan.groups = term_groups(tokens, synonyms, STOP_WORDS)[:MAX_GROUPS]
    if typing and plan.groups and plan.groups[-1].end == len(tokens):
        last = plan.groups[-1]
        last.prefix = len(last.alternatives[0].split()) == 1 and len(typing) >= 2
    _weigh(plan.groups, counts, engine.published_count())
    plan.phrases = _phrases(tokens, plan.groups)
    plan.place = _place_named(tokens) or place
    return plan


def _words(text):
    return " ".join(TOKEN_RE.findall(text.lower()))


def _ngrams(tokens):
    grams = set()
    for n in range(1, LONGEST_SYNONYM + 1):
        for i in range(len(tokens) - n + 1):
            grams.add(" ".join(tokens[i : i + n]))
    return grams


def _synonyms(tokens):
    """term → replacement phrases, for every synonym term the query holds."""
    rows = Synonym.objects.filter(term__in=_ngrams(tokens)).values_list("term", "replacements")
    return {term: [_words(r) for r in text.split(",") if _words(r)] for term, text in rows}


def _vocabulary(tokens, synonyms):
    """word → number of published answers holding it, for the query's words."""
    words = {t for t in tokens if t not in STOP_WORDS}
    for replacements in synonyms.values():
        for phrase in replacements:
            words.update(phrase.split())
    rows = SearchWord.objects.filter(word__in=words, answers__gt=0).values_list("word", "answers")
    return dict(rows)


def _unmatched(tokens, synonyms, counts, engine):
    """The query's words that are in no answer (as typed or by their stem) and no synonym term
    the query holds ("clairs" in "clairs law" is a synonym's word, not a typo for "claims")."""
    in_synonyms = {word for term in synonyms for word in term.split()}
    return {
        t
        for t in tokens
        if t not in STOP_WORDS
        and t not in counts
        and t not in in_synonyms
        and not t.isdigit()
        and not engine.matches(t)
    }


def _correctable(token):
    return token.isalpha() and len(token) >= 4 and not is_english(token)


def _corrections(unmatched, engine, *, typing=None):
    found = {}
    for token in sorted(unmatched):
        if token != typing and _correctable(token):
            better = nearest_word(token, engine)
            if better:
                found[token] = better
    return found


def allowed_edits(word):
    return 1 if len(word) <= 4 else 2


def nearest_word(word, engine):
    """The closest word of the site's vocabulary or synonym list, if any is close enough."""
    candidates = dict(engine.similar_words(word))
    candidates.update(_same_start(word))
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
        .values_list("word", "answers")
    )
    terms = (
        Synonym.objects.filter(term__gte=start, term__lt=after)
        .exclude(term__contains=" ")
        .alias(length=Length("term"))
        .filter(**lengths)
        .annotate(answers=Value(1))
        .values_list("term", "answers")
    )
    return words.order_by().union(terms.order_by(), all=True)


def edit_distance(a, b, limit):
    """Optimal string alignment distance (a swap of neighbours counts as one), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _apply(text, corrections):
    for wrong, right in corrections.items():
        text = re.sub(rf"(?i)(?<![^\W_]){re.escape(wrong)}(?![^\W_])", right, text)
    return text


def term_groups(tokens, synonyms, stop_words):
    """The query's term groups, in order: the longest synonym term at each place (a one-word
    term only when it is not a stop word), else the word itself unless it is a stop word; each
    thing said once. English and Welsh differ only in `stop_words`."""
    groups, seen, i = [], set(), 0
    while i < len(tokens):
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


def _weigh(groups, counts, total):
    """Rarer terms say more about what is wanted: weight each group by its rarity (idf)."""
    for group in groups:
        frequency = max(_frequency(phrase, counts) for phrase in group.alternatives)
        group.weight = math.log(1 + (total + 1) / (frequency + 0.5)) if frequency else 0.0
        group.common = frequency > max(COMMON_SHARE * total, COMMON_MIN_ANSWERS)


def _frequency(phrase, counts):
    """Answers holding the phrase's rarest word (1 when only its stem is known: rare)."""
    words = [w for w in phrase.split() if w not in STOP_WORDS]
    return min((counts.get(w, 1) for w in words), default=1)


def _phrases(tokens, groups):
    ordered = sorted(groups, key=lambda g: g.start)
    runs = []
    for first, second in pairwise(ordered):
        if 0 <= second.start - first.end <= MAX_PHRASE_GAP:
            runs.append(" ".join(tokens[first.start : second.end]))
    return runs


def _place_named(tokens):
    for first, second in pairwise(tokens):
        if (first, second) in NATION_PAIRS:
            return NATION_PAIRS[first, second]
    for token in tokens:
        if token in NATION_WORDS:
            return NATION_WORDS[token]
    return None
