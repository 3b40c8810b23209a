import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forces.postcodes import (
    Kind,
    find_postcode_in_text,
    inward_from_index,
    inward_index,
    normalise_postcode,
    parse,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (" sw1a2aa ", "SW1A 2AA"),
        ("SW1A-2AA", "SW1A 2AA"),
        ("sw1a 2aa", "SW1A 2AA"),
        ("S.W.1.A 2.A.A", "SW1A 2AA"),
        ("ec1a1bb", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("m1 1ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("bt1\t1aa", "BT1 1AA"),
    ],
)
def test_postcodes_are_normalised(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "SW1A", "QW1 1AA", "XY99 9ZZ", "SW1A 2AC", "SW1A 2IA", "AI1 1AA", "12345", "Swindon"],
)
def test_things_that_are_not_full_postcodes(typed):
    assert normalise_postcode(typed) is None


@pytest.mark.parametrize(
    ("typed", "kind", "normalised"),
    [
        ("RG21", Kind.DISTRICT, "RG21"),
        ("rg21 4", Kind.SECTOR, "RG21 4"),
        ("BT", Kind.AREA, "BT"),
        ("gir 0aa", Kind.GIROBANK, "GIR 0AA"),
        ("BFPO 1234", Kind.BFPO, "BFPO 1234"),
        ("bfpo12", Kind.BFPO, "BFPO 12"),
        ("BF1 3AA", Kind.BFPO, "BF1 3AA"),
        ("FIQQ 1ZZ", Kind.OVERSEAS, "FIQQ 1ZZ"),
        ("XY99 9ZZ", Kind.BAD_POSTCODE, "XY99 9ZZ"),
        ("Swindon", Kind.NOT_POSTCODE, ""),
    ],
)
def test_what_kind_of_thing_was_typed(typed, kind, normalised):
    parsed = parse(typed)
    assert parsed.kind == kind
    assert parsed.normalised == normalised


def test_special_postcodes_have_no_local_force():
    for typed in ("GIR 0AA", "BFPO 57", "STHL 1ZZ"):
        assert parse(typed).has_no_local_force


def test_postcode_inside_an_address():
    parsed = find_postcode_in_text("10 Downing Street, London SW1A 2AA, UK")
    assert parsed.normalised == "SW1A 2AA"
    assert find_postcode_in_text("no postcode here") is None


def test_inward_index_round_trips():
    for index in (0, 1, 675, 676, 6759):
        assert inward_index(inward_from_index(index)) == index


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parse_never_raises(text):
    parsed = parse(text)
    assert isinstance(parsed.kind, Kind)
    if parsed.kind == Kind.FULL:
        assert normalise_postcode(parsed.normalised) == parsed.normalised


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"\A[A-PR-UWYZ][A-HK-Y]?[0-9][0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}\Z", fullmatch=True)
)
def test_any_spacing_and_case_normalises_the_same(postcode):
    normalised = normalise_postcode(postcode)
    assert normalised is not None
    assert normalise_postcode(normalised.lower().replace(" ", "")) == normalised
    assert normalise_postcode(f" {normalised.replace(' ', '-')} ") == normalised


# Look-alike letters from other alphabets: read as Latin, or refused; never dropped ---------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("\u0412S1 4DJ", "BS1 4DJ"),  # Cyrillic Ve: Bristol, not Sheffield's S1 4DJ
        ("\u039f\u03a71 1AA", "OX1 1AA"),  # Greek Omicron and Chi
        ("SW1\u0410 2\u0410\u0410", "SW1A 2AA"),  # Cyrillic A
    ],
)
def test_confusable_letters_are_read_as_latin(typed, expected):
    from forces.postcodes import Kind, parse

    parsed = parse(typed)
    assert parsed.kind == Kind.FULL
    assert parsed.normalised == expected


# Д has no Latin twin; small в looks like no Latin letter; ٣ is an Arabic-Indic 3.
@pytest.mark.parametrize(
    "typed", ["BS1 4\u0414J", "\u0432S1 4DJ", "S1\u00a04DJ\u0663", "\u00dc1A 1AA"]
)
def test_other_foreign_characters_are_never_dropped(typed):
    """Dropping the character would read another postcode (S1 4DJ): say no instead."""
    from forces.postcodes import Kind, parse

    parsed = parse(typed)
    assert parsed.kind in (Kind.BAD_POSTCODE, Kind.NOT_POSTCODE)
    assert parsed.normalised not in ("S1 4DJ", "BS1 4DJ")


@pytest.mark.parametrize("place", ["Ynys Môn", "Môn", "Llŷn", "Pen-y-bont ar Ogwr", "Caerdydd"])
def test_place_names_with_accents_are_still_place_names(place):
    from forces.postcodes import Kind, parse

    assert parse(place).kind == Kind.NOT_POSTCODE
