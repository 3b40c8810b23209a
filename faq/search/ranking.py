"""One order for both databases, from what the engine says about each candidate."""

import functools

from ..models import Jurisdiction
from .languages import TOKEN_RE, fold
from .weights import (
    MIN_BODY_COVERAGE,
    MOST_COVERAGE,
    NATION_VARIANT,
    PLACE_MATCH,
    PLACE_OTHER,
    PLACE_UK,
    RANK_COVERAGE,
    RANK_ENGINE,
    RANK_LINE,
    RANK_PHRASE,
    RANK_TITLE,
    SAME_COVERAGE,
)

NATION_SPECIFIC = {Jurisdiction.SCOTLAND, Jurisdiction.NORTHERN_IRELAND}


def rank(plan, candidates):
    """The candidates' primary keys, best first."""
    if not candidates:
        return []
    best = max(c.score for c in candidates) or 1.0
    weights = [g.weight for g in plan.groups]
    total = sum(weights) or 1.0
    stems = [[_alternative_stems(a) for a in g.alternatives] for g in plan.groups]
    scored = []
    for c in candidates:
        anywhere = _share(weights, c.anywhere) / total
        in_title = _share(weights, c.in_title) / total
        if plan.groups and not in_title and anywhere < MIN_BODY_COVERAGE:
            continue
        line = best_line(stems, weights, c.lines) / total if in_title else 0.0
        coverage = RANK_COVERAGE * anywhere + RANK_TITLE * in_title + RANK_LINE * line
        score = RANK_ENGINE * c.score / best + coverage
        if plan.phrases:
            score += RANK_PHRASE * sum(c.phrases) / len(plan.phrases)
        score += place_adjustment(c.jurisdiction, plan.place)
        scored.append([score, coverage, c])
    if not plan.place:
        _variants_after_general(scored)
    return [c.pk for _, _, c in sorted(scored, key=lambda s: (-s[0], s[2].pk))]


def _variants_after_general(scored):
    """No place asked about: a Scotland or Northern Ireland answer comes after every England
    and Wales or UK-wide answer that covers as much of what was asked, and after the best one
    that covers most of it (its own nation's version of the same question, most often),
    whatever the engine's score or a phrase that only its wording holds says."""
    general = [
        (cover, score) for score, cover, c in scored if c.jurisdiction not in NATION_SPECIFIC
    ]
    for entry in scored:
        score, coverage, c = entry
        if c.jurisdiction not in NATION_SPECIFIC:
            continue
        caps = [s for m, s in general if m >= coverage - SAME_COVERAGE]
        most = [s for m, s in general if m >= coverage * MOST_COVERAGE]
        if most:
            caps.append(max(most))
        if caps and min(caps) <= score:
            entry[0] = min(caps) - 1e-6


# Endings taken off a word before a query's word and a line's are compared: the engines match by
# stem, and one line's "threatening" answers a query's "threats".
ENDINGS = ("ingly", "ings", "ing", "ies", "ied", "edly", "ed", "es", "ly", "s", "e")


@functools.lru_cache(maxsize=50_000)
def line_stem(word):
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + ("y" if ending in ("ies", "ied") else "")
    return word


@functools.lru_cache(maxsize=20_000)
def _line_stems(line):
    return frozenset(line_stem(w) for w in TOKEN_RE.findall(fold(line)))


@functools.lru_cache(maxsize=20_000)
def _alternative_stems(phrase):
    return frozenset(line_stem(w) for w in phrase.split())


def best_line(group_stems, weights, lines):
    """The most of the query's terms (by weight) that one line holds: the question or one of
    its other phrasings, each read on its own, so a line that says what was asked beats words
    scattered over several. `group_stems`: each term group's alternatives as sets of stems."""
    best = 0.0
    for line in lines:
        held = _line_stems(line)
        best = max(
            best,
            sum(
                w
                for alternatives, w in zip(group_stems, weights, strict=True)
                if any(a <= held for a in alternatives)
            ),
        )
    return best


def _share(weights, hits):
    return sum(w for w, hit in zip(weights, hits, strict=True) if hit)


def place_adjustment(jurisdiction, place):
    """Answers for the place asked about first; otherwise the general answers before the
    Scotland and Northern Ireland variants (which are still listed)."""
    if place:
        if jurisdiction == place:
            return PLACE_MATCH
        return PLACE_UK if jurisdiction == Jurisdiction.UK else PLACE_OTHER
    return NATION_VARIANT if jurisdiction in NATION_SPECIFIC else 0.0
