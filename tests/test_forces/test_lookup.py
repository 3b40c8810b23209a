import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forces.lookup import Match, Problem, locate
from forces.models import Force, ImportedPostcode

pytestmark = pytest.mark.django_db


def slugs(result):
    return [force.slug for force in result.forces]


def test_a_district_wholly_in_one_force():
    result = locate("RG21")
    assert result.match == Match.DISTRICT
    assert slugs(result) == ["hampshire"]
    assert "All of the RG21 postcode district" in result.reason


def test_a_split_district_lists_every_force_with_its_share():
    result = locate("SY10")
    assert result.match == Match.DISTRICT
    assert slugs(result)[:2] == ["west-mercia", "dyfed-powys"]
    assert all(candidate.share for candidate in result.candidates)
    assert "full postcode" in result.reason


def test_a_sliver_under_five_percent_is_not_offered():
    # GU14: a handful of Surrey postcodes in a Hampshire district.
    assert slugs(locate("GU14")) == ["hampshire"]


def test_a_sector_is_placed_by_its_district():
    result = locate("rg21 4")
    assert result.match == Match.DISTRICT
    assert slugs(result) == ["hampshire"]


@pytest.mark.parametrize(
    ("area", "slug"),
    [("BT", "psni"), ("JE", "jersey"), ("GY", "guernsey"), ("IM", "isle-of-man")],
)
def test_whole_areas(area, slug):
    result = locate(area)
    assert result.match == Match.AREA
    assert slugs(result) == [slug]


def test_a_split_area():
    result = locate("B")
    assert result.match == Match.AREA
    assert slugs(result)[0] == "west-midlands"
    assert len(slugs(result)) > 1


def test_an_exact_postcode_says_it_is_exact():
    result = locate("SW1A 2AA")
    assert result.match == Match.POSTCODE and result.exact


def test_a_postcode_the_tables_do_not_hold_falls_back_to_its_district():
    result = locate("PR4 5SB")  # a PO box: in no table of addresses
    assert result.match == Match.DISTRICT
    assert not result.exact
    assert slugs(result) == ["lancashire"]
    assert result.reason == (
        "We could not find PR4 5SB exactly; PR4 is policed by Lancashire Constabulary."
    )
    assert result.problem == Problem.NONE


def test_a_missing_postcode_in_a_split_district_offers_its_forces():
    result = locate("SY10 9ZZ")
    assert result.match == Match.DISTRICT and not result.exact
    assert slugs(result)[:2] == ["west-mercia", "dyfed-powys"]
    assert result.reason.startswith("We could not find SY10 9ZZ exactly")


@pytest.mark.parametrize(
    ("postcode", "slug", "area"),
    [("G99 9ZZ", "police-scotland", "G"), ("BT99 9ZZ", "psni", "BT"), ("JE9 9ZZ", "jersey", "JE")],
)
def test_a_postcode_in_an_unknown_district_of_a_one_force_area(postcode, slug, area):
    result = locate(postcode)
    assert result.match == Match.AREA and not result.exact
    assert slugs(result) == [slug]
    assert result.reason.startswith(f"We could not find {postcode} exactly; every {area} postcode")


def test_a_postcode_in_an_unknown_district_of_a_split_area_is_not_found():
    result = locate("B55 9ZZ")  # no B55 district, and the B area is shared by several forces
    assert result.match == Match.NONE
    assert result.problem == Problem.NOT_FOUND
    assert "couldn't find the postcode 'B55 9ZZ'" in result.message


def test_a_postcode_in_the_wrong_format():
    result = locate("XY99 9ZZ")
    assert result.problem == Problem.INVALID
    assert result.message == "We couldn't find 'XY99 9ZZ'. Check the postcode, or try your town."


@pytest.mark.parametrize("typed", ["BFPO 1234", "BF1 3AA", "GIR 0AA", "FIQQ 1ZZ"])
def test_postcodes_with_no_local_force(typed):
    result = locate(typed)
    assert result.problem == Problem.NO_LOCAL_FORCE
    assert result.forces == []
    assert "police" in result.message


def test_special_forces_are_never_returned():
    special = set(Force.objects.exclude(kind="territorial").values_list("slug", flat=True))
    assert special == {
        "british-transport-police",
        "ministry-of-defence-police",
        "civil-nuclear-constabulary",
    }
    for typed in ("SW1A 2AA", "London", "E", "Derby", "B", "Newport"):
        assert not special & set(slugs(locate(typed)))


def test_imported_rows_win_over_the_shipped_tables():
    ImportedPostcode.objects.create(postcode="SW1A 2AA", force=Force.objects.get(slug="kent"))
    ImportedPostcode.objects.create(postcode="RG21 9ZZ", force=Force.objects.get(slug="hampshire"))
    assert slugs(locate("SW1A 2AA")) == ["kent"]
    assert slugs(locate("rg21 9zz")) == ["hampshire"]  # newer than the shipped list


def test_a_postcode_inside_an_address_is_used():
    assert slugs(locate("10 Downing Street, London SW1A 2AA")) == ["metropolitan"]


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", Problem.EMPTY),
        ("   ", Problem.EMPTY),
        ("x" * 500, Problem.INVALID),
        ("12345", Problem.INVALID),
        ("😀😀", Problem.INVALID),
        ("<script>alert(1)</script>", Problem.NOT_FOUND),
        ("'; DROP TABLE forces_force; --", Problem.NOT_FOUND),
        ("Nowhereville-on-Sea", Problem.NOT_FOUND),
    ],
)
def test_awkward_input_gives_a_clean_problem(typed, problem):
    result = locate(typed)
    assert result.problem == problem
    assert result.message
    assert result.forces == []


def test_boundary_town_says_so():
    # Places whose neighbouring postcodes are split between forces list both.
    from forces.gazetteer import get_gazetteer

    boundary = next(
        place
        for places in get_gazetteer()._places.values()
        for place in places
        if len(place.forces) > 1 and place.population > 1000
    )
    result = locate(boundary.name)
    assert len(result.forces) > 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=150))
def test_any_input_gives_a_result_never_an_exception(text):
    result = locate(text)
    assert result.match in Match
    assert bool(result.forces) != bool(result.problem)
