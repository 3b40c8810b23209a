"""UK towns and villages with their police force (forces/data/places.tsv.gz, from GeoNames).

Names are matched case- and accent-insensitively, ignoring punctuation, with "Saint"/"St" and
"X upon Y" -> "X" variants, so "st albans", "Saint Albans" and "ST. ALBANS" are the same key.
A name it does not know gets the nearest names it does (`similar`): "Gatesehad" -> Gateshead.
"""

import csv
import functools
import gzip
import math
import re
import threading
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from common.spelling import edit_distance

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_FILE = "places.tsv.gz"
# The official Welsh names of the principal areas of Wales and of the towns that share them
# (docs/force-data.md says where they come from): a Welsh page shows a place by these.
WELSH_NAMES_FILE = "welsh_names.csv"
# The councils (local authorities) of Great Britain and the force that polices each.
AUTHORITIES_FILE = "authorities.csv"
_WORDS = re.compile(r"[a-z0-9]+")
_JOINERS = (" upon ", " on ", " under ", " in ", " by ", " next the ", " juxta ")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-&()]*$")
# Words people add to a town's name that are not part of it ("Armagh City", "Leeds UK").
_EXTRA_WORDS = frozenset({"city", "town", "village", "centre", "center", "uk", "gb"})
SIMILAR_LIMIT = 3  # suggestions offered for a name we do not know
_SHORTLIST = 80  # names sharing the most letter triples, compared letter by letter
# How much a bigger place outweighs one more typing slip: a city one slip further away than a
# hamlet is the likelier meaning ("Brimingham"), two slips further is not.
_POPULATION_WEIGHT = 0.2


@dataclass(frozen=True)
class Place:
    name: str
    county: str
    forces: tuple  # force slugs, the place's own force first; more than one on a boundary
    population: int
    exact: bool  # matched on the place's own name rather than a variant of it

    @property
    def label(self):
        return f"{self.name}, {self.county}" if self.county else self.name

    def label_in(self, language):
        """How a page in `language` shows the place: on a Welsh page its official Welsh name and
        area where one is known ("Caerdydd, Cymru"), the English name where none is."""
        if language != "cy":
            return self.label
        names = welsh_names()
        name, county = names.get(self.name, self.name), names.get(self.county, self.county)
        return f"{name}, {county}" if county else name


@functools.cache
def welsh_names():
    with open(DATA_DIR / WELSH_NAMES_FILE, encoding="utf-8", newline="") as handle:
        return {row["english"]: row["welsh"] for row in csv.DictReader(handle)}


@functools.cache
def council_forces():
    """{council name, normalised ("inverclyde", "aberdeen city"): its force's slug}."""
    with open(DATA_DIR / AUTHORITIES_FILE, encoding="utf-8", newline="") as handle:
        return {normalise_name(row["name"]): row["force"] for row in csv.DictReader(handle)}


def normalise_name(text):
    """'  Saint  Albans ' -> 'st albans'; 'Ystradgynlais' stays; accents and case go."""
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKD", text[:200])
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = folded.replace("&", " and ").replace("'", "").replace("\u2019", "")
    words = _WORDS.findall(folded)
    words = ["st" if word == "saint" else word for word in words]
    return " ".join(words)


def keys_for(name, *, primary=True):
    """[(key, exact)] under which a place called `name` is found."""
    key = normalise_name(name)
    if not key:
        return []
    keys = [(key, primary)]
    for joiner in _JOINERS:
        head, found, _tail = key.partition(joiner)
        if found and len(head) >= 4:
            keys.append((head, False))
            break
    return keys


def is_plain_latin(name):
    return bool(_LATIN.match(name)) and len(name) <= 60


def write_places(path, rows):
    """rows: [((key, name, county, forces, exact), population)] sorted by key."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        for (key, name, county, forces, exact), population in rows:
            handle.write(f"{key}\t{name}\t{county}\t{forces}\t{population}\t{int(exact)}\n")


class Gazetteer:
    def __init__(self, path=DATA_DIR / PLACES_FILE):
        self._places = {}
        self._keys, self._index = [], None
        strings = {}  # share repeated county and force strings between entries
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                key, name, county, forces, population, exact = line.rstrip("\n").split("\t")
                county = strings.setdefault(county, county)
                forces = strings.setdefault(forces, tuple(forces.split()))
                place = Place(name, county, forces, int(population), exact == "1")
                self._places.setdefault(key, []).append(place)

    def __len__(self):
        return len(self._places)

    def find(self, text):
        """Every place known by this name (all variants), most populous first."""
        places = self._places.get(normalise_name(text), [])
        return sorted(places, key=lambda p: (-p.exact, -p.population, p.name, p.county))

    def similar(self, text, *, limit=SIMILAR_LIMIT):
        """The places whose names are nearest to `text`, likeliest first: at most a slip or two
        away (one for short names), a bigger place before a smaller one as far away."""
        key = _without_extra_words(normalise_name(text))
        if len(key) < 3:
            return []
        allowed = 1 if len(key) <= 5 else 2 if len(key) <= 10 else 3
        scored = {}
        for other in self._shortlist(key):
            distance = edit_distance(key, other, allowed)
            if distance > allowed:
                continue
            for place in self._places[other]:
                score = distance - _POPULATION_WEIGHT * math.log10(place.population + 1)
                if score < scored.get(place.label, (math.inf,))[0]:
                    scored[place.label] = (score, place)
        ranked = sorted(scored.values(), key=lambda item: (item[0], item[1].label))
        found, names = [], set()
        for _, place in ranked:
            if place.name not in names:  # one suggestion a name: the search offers its places
                names.add(place.name)
                found.append(place)
        return found[:limit]

    def _shortlist(self, key):
        index = self._trigram_index()
        counts = Counter()
        for gram in _trigrams(key):
            counts.update(index.get(gram, ()))
        return [self._keys[number] for number, _ in counts.most_common(_SHORTLIST)]

    def _trigram_index(self):
        """Letter triple -> the numbers of the names holding it, built on the first miss."""
        if self._index is None:
            with _lock:
                if self._index is None:
                    self._keys = sorted(self._places)
                    postings = {}
                    for number, key in enumerate(self._keys):
                        for gram in _trigrams(key):
                            postings.setdefault(gram, []).append(number)
                    self._index = {gram: array("I", found) for gram, found in postings.items()}
        return self._index


def _without_extra_words(key):
    words = key.split()
    while len(words) > 1 and words[-1] in _EXTRA_WORDS:
        words.pop()
    return " ".join(words)


def _trigrams(key):
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


_gazetteer = None
_lock = threading.Lock()


def get_gazetteer():
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer()
    return _gazetteer
