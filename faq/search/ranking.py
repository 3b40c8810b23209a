"""One order for both databases, from what the engine says about each candidate."""

from ..models import Jurisdiction
from .weights import (
    MIN_BODY_COVERAGE,
    MOST_COVERAGE,
    NATION_VARIANT,
    PLACE_MATCH,
    PLACE_OTHER,
    RANK_COVERAGE,
    RANK_ENGINE,
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
    scored = []
    for c in candidates:
        anywhere = _share(weights, c.anywhere) / total
        in_title = _share(weights, c.in_title) / total
        if plan.groups and not in_title and anywhere < MIN_BODY_COVERAGE:
            continue
        coverage = RANK_COVERAGE * anywhere + RANK_TITLE * in_title
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


def _share(weights, hits):
    return sum(w for w, hit in zip(weights, hits, strict=True) if hit)


def place_adjustment(jurisdiction, place):
    """Answers for the place asked about first; otherwise the general answers before the
    Scotland and Northern Ireland variants (which are still listed)."""
    if place:
        if jurisdiction == place:
            return PLACE_MATCH
        return 0.0 if jurisdiction == Jurisdiction.UK else PLACE_OTHER
    return NATION_VARIANT if jurisdiction in NATION_SPECIFIC else 0.0
