"""A place named in a query sets the nation for ranking, as a chosen force does.

Nation words ("scotland", "psni"), town and city names from the force finder's own gazetteer
(forces.gazetteer: the place's force, and so its nation), and council names (the gazetteer's
councils of Great Britain, and Northern Ireland's councils and counties). Only places outside
England count: with no place named, the England and Wales answers already come first, and English
towns include everyday words (Reading, Sale, Deal, March). A place in Scotland, Northern Ireland or
Wales whose name is an ordinary English word counts only when it is a large town.
"""

from itertools import pairwise

from common.english import is_english
from forces.gazetteer import council_forces, get_gazetteer
from forces.models import Force

from ..models import Jurisdiction

NATION_WORDS = {
    "scotland": Jurisdiction.SCOTLAND,
    "scottish": Jurisdiction.SCOTLAND,
    "psni": Jurisdiction.NORTHERN_IRELAND,
    "ni": Jurisdiction.NORTHERN_IRELAND,
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
# Places outside England that set the nation (Welsh ones: England and Wales law, which matters
# when the visitor's chosen force is in Scotland or Northern Ireland).
PLACE_NATIONS = {"wales", "scotland", "northern-ireland"}
MIN_POPULATION = 5_000  # smaller places share their names with too many other things
MIN_POPULATION_IF_ORDINARY_WORD = 40_000
LONGEST_PLACE = 3  # words ("newton stewart", "st andrews", "bridge of allan")
# Northern Ireland's eleven councils and six counties (the gazetteer's council table covers
# Great Britain): the words of their names that name nothing else.
NORTHERN_IRELAND_AREAS = (
    "antrim newtownabbey ards armagh banbridge craigavon causeway coast glens derry strabane "
    "fermanagh omagh lisburn castlereagh ulster newry mourne tyrone londonderry",
    "county down, co down, north down, mid ulster, county antrim, county armagh, county tyrone",
)
# Council areas whose one-word names are also English words, but which people name as places
# far more often than they use the word ("rang 101 in Fife").
COUNCILS_DESPITE_ENGLISH = frozenset("fife moray".split())
# Words of a council's name that are not its place ("Aberdeen City", "Orkney Islands").
COUNCIL_EXTRA_WORDS = frozenset("city of the islands isle county borough".split())
DIRECTIONS = frozenset("north south east west mid".split())

_force_nations = {}


def jurisdiction_for_nation(nation):
    """The answers' jurisdiction for a force's nation (forces.models.Nation), if any."""
    return FORCE_NATIONS.get(nation)


def _nation_of_force(slug):
    if not _force_nations:
        _force_nations.update(Force.objects.values_list("slug", "nation"))
    return _force_nations.get(slug)


def place_named(tokens, stop_words=frozenset()):
    """(jurisdiction, {indexes of the place's tokens}) of the first nation or place named in
    the tokens, else (None, set()). A nation's name stays a word of the query (answers say "in
    Scotland"); a town's is only a place (no index of it is returned for a nation)."""
    for first, second in pairwise(tokens):
        if (first, second) in NATION_PAIRS:
            return NATION_PAIRS[first, second], set()
    for token in tokens:
        if token in NATION_WORDS:
            return NATION_WORDS[token], set()
    gazetteer = get_gazetteer()
    for i in range(len(tokens)):
        for n in range(min(LONGEST_PLACE, len(tokens) - i), 0, -1):
            words = tokens[i : i + n]
            if n == 1 and (words[0] in stop_words or len(words[0]) < 3):
                continue
            name = " ".join(words)
            if found := _council_nations().get(name) or _nation_of_place(gazetteer, name):
                return found, set(range(i, i + n))
    return None, set()


def _council_nations():
    """{name or part of a name: jurisdiction} of the councils outside England: "inverclyde",
    "aberdeenshire", "lanarkshire" (North and South), "galloway" (Dumfries and Galloway); a
    one-word name that is an ordinary English word ("highland", "angus") does not count."""
    if _councils:
        return _councils
    found = {}
    for name, force in council_forces().items():
        nation = _nation_of_force(force)
        if nation not in PLACE_NATIONS:
            continue
        words = [w for w in name.split() if w not in COUNCIL_EXTRA_WORDS]
        keys = {" ".join(words)}
        if words and words[0] in DIRECTIONS:
            keys.add(" ".join(words[1:]))
        for key in list(keys):
            keys.update(part.strip() for part in key.split(" and "))
        for key in keys:
            found[key] = FORCE_NATIONS[nation]
    words, phrases = NORTHERN_IRELAND_AREAS
    for key in [*words.split(), *phrases.split(", ")]:
        found[key] = Jurisdiction.NORTHERN_IRELAND
    found = {
        key: nation
        for key, nation in found.items()
        if key
        and (
            " " in key or key in COUNCILS_DESPITE_ENGLISH or (len(key) >= 4 and not is_english(key))
        )
    }
    if _force_nations:  # the forces are loaded: what they say holds for the process
        _councils.update(found)
    return found


_councils = {}


def nation_being_typed(prefix):
    """The nation a word still being typed can only become ("scot" -> Scotland), else None:
    suggestions as you type read a nation before its name is finished."""
    if len(prefix) < 3:
        return None
    found = {nation for word, nation in NATION_WORDS.items() if word.startswith(prefix)}
    return found.pop() if len(found) == 1 else None


def _nation_of_place(gazetteer, name):
    found = [p for p in gazetteer.find(name) if p.population >= MIN_POPULATION]
    # "Newcastle" is Newcastle upon Tyne (found by a shorter form of its name), not the much
    # smaller Newcastle in County Down.
    if found and not max(found, key=lambda p: p.population).exact:
        return None
    places = [p for p in found if p.exact]
    if not places:
        return None
    largest = places[0]  # most populous first
    nation = _nation_of_force(largest.forces[0])
    if nation not in PLACE_NATIONS:
        return None
    if " " not in name and is_english(name):
        if largest.population < MIN_POPULATION_IF_ORDINARY_WORD:
            return None
    return FORCE_NATIONS[nation]
