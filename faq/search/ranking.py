"""One order for both databases, from what the engine says about each candidate."""

from ..models import Jurisdiction
from .weights import (
    MIN_BODY_COVERAGE,
    NATION_VARIANT,
    PLACE_MATCH,
    PLACE_OTHER,
    RANK_COVERAGE,
    RANK_ENGINE,
    RANK_PHRASE,
    RANK_TITLE,
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
        score = RANK_ENGINE * c.score / best + RANK_COVERAGE * anywhere + RANK_TITLE * in_title
        if plan.phrases:
            score += RANK_PHRASE * sum(c.phrases) / len(plan.phrases)
        score += place_adjustment(c.jurisdiction, plan.place)
        scored.append((-score, c.pk))
    return [pk for _, pk in sorted(scored)]


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
