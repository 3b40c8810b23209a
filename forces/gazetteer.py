"""UK towns and villages with their police force (forces/data/places.tsv.gz, from GeoNames).

Names are matched case- and accent-insensitively, ignoring punctuation, with "Saint"/"St" and
"X upon Y" -> "X" variants, so "st albans", "Saint Albans" and "ST. ALBANS" are the same key.
"""

import gzip
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_FILE = "places.tsv.gz"
_WORDS = re.compile(r"[a-z0-9]+")
_JOINERS = (" upon ", " on ", " under ", " in ", " by ", " next the ", " juxta ")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-&()]*$")


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


_gazetteer = None
_lock = threading.Lock()


def get_gazetteer():
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer()
    return _gazetteer
