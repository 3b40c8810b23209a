"""Which police force covers the place a person typed: the one entry point is `locate(text)`.

Full postcode -> imported rows (manage.py import_postcodes), else the shipped tables (exact);
a full postcode the tables do not hold (PO boxes, non-geographic, very new) -> its district, or
its area where one force polices all of it, saying it is not exact; district or area alone -> its
force, or every force policing >= 5 % of it ("SW1", which is split into SW1A, SW1E, …: those
districts together); anything else -> the town gazetteer. A town it does not know comes back
with the nearest names it does as `suggestions` ("Gatesehad" -> Gateshead).
Never raises for any input: problems come back as a result with a message.
"""

import dataclasses
import enum
import time
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext

from . import gazetteer, postcodes, tables
from .models import Force, ImportedPostcode
from .postcodes import Kind

MAX_QUERY = 100
SPLIT_SHARE = 0.05  # another force policing this much of a district: ask for the full postcode
TOWN_SHARE = 0.05  # places of a similar name this much smaller than the largest are left out
MAX_CHOICES = 40  # every place of exactly that name is offered: Newport has twelve


class Match(enum.StrEnum):
    POSTCODE = "postcode"
    DISTRICT = "district"
    AREA = "area"
    TOWN = "town"
    NONE = "none"


class Problem(enum.StrEnum):
    NONE = ""
    EMPTY = "empty"
    INVALID = "invalid"  # cannot be a postcode or a place name: 400 from the API
    NOT_FOUND = "not-found"  # well formed, but we cannot place it
    NO_LOCAL_FORCE = "no-local-force"  # BFPO, GIR 0AA, overseas territories


@dataclass(frozen=True)
class Candidate:
    force: Force
    share: float | None = None  # of the district or area, when that is what matched
    place: str = ""  # "Newport, Isle of Wight", when a town matched


@dataclass(frozen=True)
class Suggestion:
    query: str  # what to look up instead: "Gateshead", "SW1A"
    label: str  # how to show it: "Gateshead, Tyne and Wear"


@dataclass(frozen=True)
class LocateResult:
    query: str
    normalised: str = ""
    match: Match = Match.NONE
    candidates: tuple = ()
    reason: str = ""
    problem: Problem = Problem.NONE
    message: str = ""
    suggestions: tuple = ()  # Suggestion: what they may have meant, nearest first
    # False when the place typed was not found and a wider one (its district or area) answered.
    exact: bool = True
    other_places: int = 0  # more, smaller places of the town's name that were not offered

    @property
    def forces(self):
        seen, forces = set(), []
        for candidate in self.candidates:
            if candidate.force.pk not in seen:
                seen.add(candidate.force.pk)
                forces.append(candidate.force)
        return forces

    @property
    def force(self):
        """The one force, when the answer is certain."""
        forces = self.forces
        return forces[0] if len(forces) == 1 else None

    @property
    def is_bad_request(self):
        return self.problem in (Problem.EMPTY, Problem.INVALID)


@dataclass
class _Draft:
    normalised: str = ""
    match: Match = Match.NONE
    picks: list = field(default_factory=list)  # (slug, share, place)
    reason: str = ""
    problem: Problem = Problem.NONE
    message: str = ""
    suggestions: list = field(default_factory=list)
    exact: bool = True
    other_places: int = 0


def locate(text, *, every_place=False):
    """Find the force(s) for what a person typed: a postcode, part of one, or a town.

    A town name answers with its main place when the others of that name are hamlets;
    `every_place` offers them all (the person said theirs is another one).
    """
    query = text if isinstance(text, str) else ""
    query = query.replace("\x00", "").strip()
    draft = _locate(query, every_place)
    forces = _forces([slug for slug, _, _ in draft.picks])
    candidates = tuple(
        Candidate(forces[slug].in_language(translation.get_language()), share, place)
        for slug, share, place in draft.picks
        if slug in forces
    )
    if draft.picks and not candidates:
        draft = _Draft(draft.normalised, problem=Problem.NOT_FOUND, message=_not_found(query))
    reason = draft.reason.format(*[c.force.name for c in candidates]) if candidates else ""
    return LocateResult(
        query=query[:MAX_QUERY],
        normalised=draft.normalised,
        match=draft.match if candidates else Match.NONE,
        candidates=candidates,
        reason=reason,
        problem=draft.problem,
        message=draft.message,
        suggestions=tuple(draft.suggestions),
        exact=draft.exact if candidates else True,
        other_places=draft.other_places if candidates else 0,
    )


NONE_OF_THESE = "none"


def pick_candidate(result, choice):
    """The result narrowed to the place a person picked from its candidates ("2": the second).

    Anything else (no choice, a number out of range) leaves the result as it was.
    """
    if not (choice.isascii() and choice.isdigit() and len(choice) < 4):
        return result
    if not 1 <= int(choice) <= len(result.candidates):
        return result
    candidate = result.candidates[int(choice) - 1]
    where = candidate.place or result.normalised
    return dataclasses.replace(
        result,
        candidates=(candidate,),
        reason=f"{where} is in the area policed by {candidate.force.name}.",
    )


# The 48 territorial forces and whether any postcodes were imported, kept in each process for a
# minute (and cleared at once in this one when they change): most lookups need no query at all.
CACHE_SECONDS = 60
_cache = {"loaded": -CACHE_SECONDS, "forces": {}, "imported": False}


def clear_caches():
    _cache["loaded"] = -CACHE_SECONDS


def force_slug(value):
    """`value` if it is the slug of a territorial force, else None (the force list this process
    keeps: no query on most calls). What a chosen force's cookie or `?force=` may name."""
    if not isinstance(value, str) or len(value) > 60:
        return None
    return value if value in _fresh_cache()["forces"] else None


def _fresh_cache():
    now = time.monotonic()
    if now - _cache["loaded"] > CACHE_SECONDS:
        forces = {force.slug: force for force in Force.objects.territorial()}
        _cache.update(
            forces=forces, imported=ImportedPostcode.objects.exists(), loaded=time.monotonic()
        )
    return _cache


def _forces(slugs):
    if not slugs:
        return {}
    forces = _fresh_cache()["forces"]
    return {slug: forces[slug] for slug in slugs if slug in forces}


def _locate(query, every_place=False):
    if not query:
        return _Draft(problem=Problem.EMPTY, message=gettext("Enter a town or a postcode."))
    if len(query) > MAX_QUERY:
        return _Draft(
            problem=Problem.INVALID,
            message=gettext(
                "That is longer than any town or postcode. Enter just your town or postcode."
            ),
        )
    parsed = postcodes.parse(query)
    if parsed.kind == Kind.NOT_POSTCODE:
        parsed = postcodes.find_postcode_in_text(query) or parsed
    if parsed.has_no_local_force:
        return _no_local_force(parsed)
    if parsed.kind == Kind.FULL:
        return _by_postcode(parsed)
    if parsed.kind in (Kind.DISTRICT, Kind.SECTOR):
        return _by_district(parsed)
    if parsed.kind == Kind.AREA:
        found = _by_area(parsed)
        return found if found.picks else _by_town(query, every_place)
    if parsed.kind == Kind.BAD_POSTCODE and parsed.note:
        characters = " ".join(dict.fromkeys(parsed.note))
        return _Draft(
            normalised=parsed.normalised,
            problem=Problem.INVALID,
            message=gettext(
                "'%(query)s' has a character that is not used in UK postcodes (%(characters)s). "
                "Type the postcode in plain letters and digits, or try your town."
            )
            % {"query": query, "characters": characters},
        )
    if parsed.kind == Kind.BAD_POSTCODE:
        return _Draft(
            normalised=parsed.normalised,
            problem=Problem.INVALID,
            message=_not_found(query),
        )
    return _by_town(query, every_place)


def _not_found(query):
    return gettext("We couldn't find '%(query)s'. Check the postcode, or try your town.") % {
        "query": query
    }


def _by_postcode(parsed):
    postcode = parsed.normalised
    imported = None
    if _fresh_cache()["imported"]:
        imported = (
            ImportedPostcode.objects.filter(postcode=postcode).values_list("force__slug", flat=True)
        ).first()
    slug = imported or tables.get_tables().force_for(parsed.outward, parsed.inward)
    if slug is None:
        return _postcode_fallback(parsed)
    return _Draft(
        normalised=postcode,
        match=Match.POSTCODE,
        picks=[(slug, None, "")],
        reason=gettext("The postcode %(postcode)s is in the area policed by {0}.")
        % {"postcode": postcode},
    )


def _postcode_fallback(parsed):
    """A well-formed postcode we do not hold: its district answers, or its area if one force
    polices every postcode in it (G, BT, JE...), and the result says it is not exact."""
    postcode = parsed.normalised
    found = tables.get_tables()
    district = found.district(parsed.outward)
    if district is not None:
        draft = _split_or_whole(district, parsed.outward, Match.DISTRICT, postcode)
        names = {"postcode": postcode, "district": parsed.outward}
        draft.reason = (
            gettext("We could not find %(postcode)s exactly; %(district)s is policed by {0}.")
            if len(draft.picks) == 1
            else gettext(
                "We could not find %(postcode)s exactly, and more than one force polices "
                "part of %(district)s. Choose yours, or try your town."
            )
        ) % names
        draft.exact = False
        return draft
    area = found.area(parsed.area)
    if area is not None and not area.others:
        return _Draft(
            normalised=postcode,
            match=Match.AREA,
            picks=[(area.force, None, "")],
            reason=gettext(
                "We could not find %(postcode)s exactly; every %(area)s postcode is policed by {0}."
            )
            % {"postcode": postcode, "area": parsed.area},
            exact=False,
        )
    return _Draft(
        normalised=postcode,
        problem=Problem.NOT_FOUND,
        message=gettext(
            "We couldn't find the postcode '%(postcode)s'. It may be mistyped, or too new "
            "for our list. Check the postcode, or try your town."
        )
        % {"postcode": postcode},
    )


def _by_district(parsed):
    found = tables.get_tables()
    district = found.district(parsed.outward)
    if district is None and (parts := found.sub_districts(parsed.outward)):
        return _by_sub_districts(parsed, parts)
    if district is None:
        return _Draft(
            normalised=parsed.normalised,
            problem=Problem.NOT_FOUND,
            message=gettext(
                "We couldn't find the postcode district '%(district)s'. "
                "Check the postcode, or try your town."
            )
            % {"district": parsed.outward},
        )
    name = gettext("the %(district)s postcode district") % {"district": parsed.outward}
    return _split_or_whole(district, name, Match.DISTRICT, parsed.normalised)


def _by_sub_districts(parsed, parts):
    """'SW1' is not a district but the SW1A, SW1E, … districts together: answer for them all."""
    codes = [part.code for part in parts]
    whole = tables.get_tables().combined(parsed.outward, parts)
    draft = _split_or_whole(whole, parsed.outward, Match.DISTRICT, parsed.outward)
    names = {"district": parsed.outward, "codes": ", ".join(codes)}
    draft.reason = (
        gettext("All the %(district)s postcode districts (%(codes)s) are policed by {0}.")
        if len(draft.picks) == 1
        else gettext(
            "The %(district)s postcode districts (%(codes)s) cross a police boundary: more "
            "than one force polices part of them. Enter your full postcode or your town to be "
            "sure."
        )
    ) % names
    draft.suggestions = [Suggestion(code, code) for code in codes]
    return draft


def _by_area(parsed):
    area = tables.get_tables().area(parsed.outward)
    if area is None:
        return _Draft()
    name = gettext("the %(area)s postcode area") % {"area": parsed.outward}
    return _split_or_whole(area, name, Match.AREA, parsed.outward)


def _split_or_whole(district, name, match, normalised):
    others = [(slug, share) for slug, share in district.others if share >= SPLIT_SHARE]
    if not others:
        return _Draft(
            normalised=normalised,
            match=match,
            picks=[(district.force, None, "")],
            reason=gettext("All of %(name)s is policed by {0}.") % {"name": name},
        )
    shares = dict(district.shares)
    picks = [(slug, shares[slug], "") for slug in [district.force] + [s for s, _ in others]]
    return _Draft(
        normalised=normalised,
        match=match,
        picks=picks,
        reason=gettext(
            "%(name)s crosses a police boundary: more than one force polices part of it. "
            "Enter your full postcode or your town to be sure."
        )
        % {"name": name[0].upper() + name[1:]},
    )


def _by_town(query, every_place=False):
    if not any(ch.isalpha() for ch in query):
        return _Draft(
            problem=Problem.INVALID,
            message=gettext("Enter the name of your town or village, or your postcode."),
        )
    places = gazetteer.get_gazetteer().find(query)
    if not places:
        nearest = gazetteer.get_gazetteer().similar(query)
        return _Draft(
            problem=Problem.NOT_FOUND,
            message=gettext(
                "We couldn't find '%(query)s'. Check the spelling, or try your postcode."
            )
            % {"query": query},
            suggestions=[Suggestion(place.name, _shown(place)) for place in nearest],
        )
    places = [_escaped(place) for place in places]
    largest = max(place.population for place in places)
    # The places that matter for the answer: a city and hamlets of its name is one answer...
    main = [p for p in places if p.population >= largest * TOWN_SHARE] if largest else places
    # ...but once there is a choice to make, every place of exactly that name is offered.
    every = [p for p in places if p.exact or p in main]
    main_forces = {slug for place in main for slug in place.forces}
    places = every if every_place or len(main_forces) > 1 else main
    places = sorted(places, key=lambda p: (not p.exact, -p.population, p.label))[:MAX_CHOICES]
    all_forces = {slug for place in places for slug in place.forces}
    name = places[0].name
    if len(all_forces) == 1:
        return _Draft(
            normalised=name,
            match=Match.TOWN,
            picks=[(places[0].forces[0], None, _shown(places[0]))],
            reason=gettext("%(place)s is in the area policed by {0}.")
            % {"place": _shown(places[0])},
            other_places=len(every) - len(places),
        )
    if len(places) == 1 or len({p.label for p in places}) == 1:
        place = places[0]
        return _Draft(
            normalised=name,
            match=Match.TOWN,
            picks=[(slug, None, _shown(place)) for slug in place.forces],
            reason=gettext(
                "%(place)s sits on a police boundary. Enter your full postcode to be sure "
                "which force covers your address."
            )
            % {"place": _shown(place)},
        )
    picks, seen = [], set()
    for place in places:
        for slug in place.forces:
            if (slug, place.label) not in seen:
                seen.add((slug, place.label))
                picks.append((slug, None, _shown(place)))
    return _Draft(
        normalised=name,
        match=Match.TOWN,
        picks=picks,
        reason=gettext("There is more than one place called %(place)s. Choose yours.")
        % {"place": _braceless(query)},
    )


def _shown(place):
    """The place as the page's language names it (Welsh names on Welsh pages)."""
    return place.label_in(translation.get_language())


def _braceless(text):
    return text.replace("{", "(").replace("}", ")")


def _escaped(place):
    """Place names go into a str.format template: keep any braces literal."""
    if "{" in place.label or "}" in place.label:
        clean = place.name.replace("{", "(").replace("}", ")")
        return gazetteer.Place(
            clean,
            place.county.replace("{", "(").replace("}", ")"),
            place.forces,
            place.population,
            place.exact,
        )
    return place


def _no_local_force(parsed):
    if parsed.kind == Kind.BFPO:
        message = gettext(
            "%(postcode)s is a British Forces (BFPO) address, so it has no local police "
            "force. If you are serving overseas, contact your unit's service police. If you are "
            "in the UK, enter the postcode or town where you are now."
        ) % {"postcode": parsed.normalised}
    elif parsed.kind == Kind.NON_GEOGRAPHIC:
        message = gettext(
            "%(postcode)s is a non-geographic postcode: it is used for an organisation's post, "
            "not for a place, so it does not tell us which force covers you. Enter the postcode "
            "or town where you are."
        ) % {"postcode": parsed.normalised}
    elif parsed.kind == Kind.GIROBANK:
        message = gettext(
            "GIR 0AA is a special postcode used for a bank's post, not a place, so it has no "
            "local police force. Enter the postcode or town where you are."
        )
    else:
        message = gettext(
            "%(postcode)s is a postcode for %(territory)s, a British Overseas Territory "
            "with its own police rather than a UK force."
        ) % {"postcode": parsed.normalised, "territory": parsed.note}
    return _Draft(normalised=parsed.normalised, problem=Problem.NO_LOCAL_FORCE, message=message)
