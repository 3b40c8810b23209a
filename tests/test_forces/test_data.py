"""The shipped tables: complete, consistent, and in step with the Force table."""

import csv
import json
from pathlib import Path

import pytest

from forces.build.authorities import force_for_authority
from forces.models import Force
from forces.tables import DATA_DIR, get_tables

pytestmark = pytest.mark.django_db


def authorities():
    with (DATA_DIR / "authorities.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_local_authority_maps_to_exactly_one_known_force():
    rows = authorities()
    territorial = set(Force.objects.territorial().values_list("slug", flat=True))
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) == 350  # one row (so one force) per authority
    for row in rows:
        assert row["force"] == force_for_authority(row["code"], row["county_code"])
        assert row["force"] in territorial, row
    prefixes = {code[:3] for code in codes}
    assert prefixes == {"E06", "E07", "E08", "E09", "W06", "S12"}


def test_every_force_in_england_wales_and_scotland_polices_some_authority():
    forces_with_land = {row["force"] for row in authorities()}
    expected = set(
        Force.objects.territorial()
        .filter(nation__in=["england", "wales", "scotland"])
        .values_list("slug", flat=True)
    )
    assert forces_with_land == expected


def test_forces_have_their_ons_codes():
    codes = dict(Force.objects.values_list("slug", "code"))
    assert codes["metropolitan"] == "E23000001"
    assert codes["city-of-london"] == "E23000034"
    assert codes["dyfed-powys"] == "W15000004"
    assert codes["police-scotland"] == "S23000009"
    english = [c for c in codes.values() if c.startswith("E23")]
    welsh = [c for c in codes.values() if c.startswith("W15")]
    assert len(english) == len(set(english)) == 39  # 43 forces less the four Welsh ones
    assert len(welsh) == 4


def test_the_force_list_is_complete():
    assert Force.objects.territorial().count() == 48  # 43 + Scotland, PSNI, Jersey, Guernsey, IoM
    assert Force.objects.exclude(kind="territorial").count() == 3


def test_every_district_names_known_forces():
    known = set(Force.objects.values_list("slug", flat=True))
    tables = get_tables()
    for district in tables.districts.values():
        assert district.force in known
        assert all(slug in known for slug, _ in district.others)
    assert set(tables.force_slugs) <= known


def test_build_summary_figures():
    summary = json.loads((DATA_DIR / "build_summary.json").read_text())
    assert summary["postcodes_covered"] > 1_790_000
    assert summary["districts"] == (
        summary["districts_wholly_in_one_force"] + summary["districts_split"]
    )
    assert summary["districts_unplaced"] == 0
    assert 10_000 < summary["exception_postcodes"] < 100_000
    assert sum(d.postcodes for d in get_tables().districts.values()) == summary["postcodes_covered"]


def test_the_committed_data_is_compact():
    total = sum(path.stat().st_size for path in Path(DATA_DIR).iterdir() if path.is_file())
    assert total < 5_000_000
