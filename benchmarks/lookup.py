"""Force lookup figures: the finder's suggestions for misspelt places, lookups per second,
memory, and the import rate of import_postcodes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forces_h .venv/bin/python benchmarks/lookup.py
    .venv/bin/python benchmarks/lookup.py --typos      # the suggestions' figures alone (seconds)

Creates (and drops) a throwaway test database, so it never touches real data. The import figure
needs PostgreSQL (COPY); on SQLite it is measured on fewer rows and said so.

Suggestions: benchmarks/misspelt_places.tsv (written before the suggestions were built) holds
what a person might type and the place they meant. A line counts as right when the finder
answers for that place or offers it among its suggestions. The share is printed for the whole
list and for a held-out part fixed by seed (SPLIT_SEED): the suggestions' weights were only ever
tuned on the other part. Goal: at least 0.9 held out.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

MEMORY_PROBE = """
import os, sys
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
before = rss()
from forces import gazetteer, tables
t = tables.get_tables(); g = gazetteer.get_gazetteer()
t.force_for("SW1A", "2AA"); g.find("Swindon"); g.similar("Swindn")
print(rss() - before)
"""


MISSPELT = ROOT / "benchmarks" / "misspelt_places.tsv"
SPLIT_SEED = 28
HELD_OUT_SHARE = 0.3
GOAL = 0.9


def misspelt_places():
    rows = []
    for line in MISSPELT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            typed, meant = line.split("\t")
            rows.append((typed, meant))
    shuffled = rows[:]
    random.Random(SPLIT_SEED).shuffle(shuffled)
    cut = round(len(shuffled) * HELD_OUT_SHARE)
    return shuffled[cut:], shuffled[:cut]  # tuning part, held-out part


def suggests(result, meant):
    """(right at all, right first): the place meant is answered for or suggested."""
    from forces.gazetteer import normalise_name

    want = normalise_name(meant)
    if result.candidates and normalise_name(result.normalised) == want:
        return True, True
    offered = [normalise_name(s.query) for s in result.suggestions]
    return want in offered, offered[:1] == [want]


def suggestion_quality(verbose=False):
    from forces.lookup import locate

    tuning, held_out = misspelt_places()
    print(f"Finder suggestions for misspelt places ({MISSPELT.name}, seed {SPLIT_SEED}):")
    misses = []
    for label, rows in (("tuning part", tuning), ("held-out part", held_out)):
        right = first = 0
        for typed, meant in rows:
            anywhere, at_top = suggests(locate(typed), meant)
            right += anywhere
            first += at_top
            if not anywhere:
                misses.append((typed, meant))
        print(
            f"  {label:<14} {len(rows):>4} places: right place offered {right / len(rows):.3f}, "
            f"offered first {first / len(rows):.3f}"
        )
        if label == "held-out part":
            verdict = "met" if right / len(rows) >= GOAL else "NOT met"
            print(f"  goal: held-out share >= {GOAL} ({verdict})")
    if verbose:
        for typed, meant in misses:
            print(f"  missed: {typed!r} (meant {meant})")
    started = time.perf_counter()
    for typed, _ in tuning + held_out:
        locate(typed)
    per = (time.perf_counter() - started) / len(tuning + held_out) * 1000
    print(f"  time per misspelt lookup: {per:.1f} ms")


def rate(label, func, items, seconds=2.0):
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for item in items:
            func(item)
        count += len(items)
    per_second = count / (time.perf_counter() - started)
    print(f"  {label:<42} {per_second:>12,.0f} /s")
    return per_second


def sample_postcodes(tables, n):
    from forces.postcodes import INWARD_COUNT, inward_from_index

    rng = random.Random(1)
    districts = list(tables.districts)
    found = []
    while len(found) < n:
        outward = rng.choice(districts)
        inward = inward_from_index(rng.randrange(INWARD_COUNT))
        if tables.exists(outward, inward):
            found.append(f"{outward} {inward}")
    return found


def write_onspd(path, rows):
    from forces.postcodes import AREA_FORCE  # noqa: F401  (same areas as the tables)

    codes = [f"E23{n:06d}" for n in range(1, 40)] + [f"W15{n:06d}" for n in range(1, 5)]
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    rng = random.Random(2)
    with open(path, "w") as handle:
        handle.write("pcd,pcds,oslaua,pfa\n")
        written = 0
        for area in ("AB", "BA", "CF", "DL", "EX", "GL", "HP", "LE", "NE", "SO", "TS", "YO"):
            for district in range(1, 100):
                for digit in range(10):
                    for a in letters:
                        for b in letters:
                            pcds = f"{area}{district} {digit}{a}{b}"
                            handle.write(f"{pcds},{pcds},E00000000,{rng.choice(codes)}\n")
                            written += 1
                            if written == rows:
                                return


def import_rate(rows):
    from django.db import connection

    from forces.importers import import_postcodes

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "onspd.csv"
        write_onspd(path, rows)
        started = time.perf_counter()
        first = import_postcodes(path)
        elapsed = time.perf_counter() - started
        again = import_postcodes(path)
    print(f"  database: {connection.vendor}")
    print(
        f"  first import of {first.rows:,} rows: {elapsed:.1f} s, "
        f"{first.rows / elapsed:,.0f} rows/s ({first.imported:,} inserted)"
    )
    print(
        f"  second run (idempotent): {again.seconds:.1f} s, {again.rate:,.0f} rows/s "
        f"({again.imported:,} changed)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--typos", action="store_true", help="only the suggestions' figures")
    parser.add_argument("--verbose", action="store_true", help="list the misspelt places missed")
    options = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from forces import gazetteer, tables
    from forces.lookup import locate

    overall = time.perf_counter()
    if options.typos:
        setup_test_environment()
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            suggestion_quality(options.verbose)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        return
    print("Memory the lookup data adds to a fresh process (tables + gazetteer):")
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"  {int(probe.stdout) / 1_048_576:.1f} MB resident")

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        suggestion_quality(options.verbose)
        t, g = tables.get_tables(), gazetteer.get_gazetteer()
        postcodes = sample_postcodes(t, 2000)
        districts = random.Random(3).sample(sorted(t.districts), 500)
        towns = [
            "Swindon",
            "Basingstoke",
            "St Albans",
            "Newport",
            "Richmond",
            "Cardiff",
            "Aberdeen",
            "Belfast",
            "Hay-on-Wye",
            "Saint Ives",
            "Newcastle",
            "Derby",
        ]
        print("In-process lookups (one thread):")
        rate(
            "tables: postcode -> force (no database)",
            lambda pc: t.force_for(pc[:-4], pc[-3:]),
            postcodes,
        )
        rate("gazetteer: town name -> places", g.find, towns)
        rate("locate(): full postcode", locate, postcodes)
        rate("locate(): postcode district", locate, districts)
        rate("locate(): town", locate, towns)
        rate("locate(): misspelt town", locate, ["Gatesehad", "Inverneess", "Cardif"])
        rows = 1_000_000 if connection.vendor == "postgresql" else 100_000
        print(f"import_postcodes, {rows:,} generated ONSPD rows:")
        import_rate(rows)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"Whole run: {time.perf_counter() - overall:.1f} s")


if __name__ == "__main__":
    main()
