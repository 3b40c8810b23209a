"""UK postcode parsing: pure functions, no database and no data files.

A full postcode is an outward code (area + district, "SW1A") and an inward code ("2AA").
People type them in any case, with any spacing and punctuation; `parse` reads what they typed
and says what it is: a full postcode, a district, an area, one of the special cases (Girobank,
British Forces, overseas territories) or not a postcode at all.
"""

import dataclasses
import enum
import re
import unicodedata
from dataclasses import dataclass

# Letters allowed in each position (Royal Mail's rules for the standard formats).
_A1 = "ABCDEFGHIJKLMNOPRSTUWYZ"  # first letter: never Q, V, X
_A2 = "ABCDEFGHKLMNOPQRSTUVWXY"  # second letter: never I, J, Z
_A3 = "ABCDEFGHJKPSTUW"  # third position of A9A outward codes
_A4 = "ABEHMNPRVWXY"  # fourth position of AA9A outward codes
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # never C, I, K, M, O, V

# Postcode areas wholly policed by one force (force slugs), outside Code-Point Open (Great
# Britain only): the shipped tables and imported ONS rows both map them whole.
AREA_FORCE = {
    "BT": "psni",
    "JE": "jersey",
    "GY": "guernsey",
    "IM": "isle-of-man",
}

OUTWARD_RE = re.compile(
    rf"^(?:[{_A1}][0-9]{{1,2}}|[{_A1}][0-9][{_A3}]|[{_A1}][{_A2}][0-9]{{1,2}}|[{_A1}][{_A2}][0-9][{_A4}])$"
)
INWARD_RE = re.compile(rf"^[0-9][{_INWARD_LETTERS}]{{2}}$")
AREA_RE = re.compile(rf"^[{_A1}][{_A2}]?$")
# A loose shape for "this was meant to be a postcode": letters then a digit, short.
_POSTCODE_SHAPED = re.compile(r"^[A-Z]{1,4}[0-9][A-Z0-9]{0,4}$")
# Postcodes inside longer text ("10 Downing Street, London SW1A 2AA").
_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)[\s\-.,]*([0-9][A-Z]{2})\b")

# Non-geographic and overseas postcodes in the UK format that no UK police force covers.
GIROBANK = "GIR 0AA"
# Postcode areas that are wholly non-geographic: addresses for organisations' post, not places.
# (Non-geographic districts inside ordinary areas, such as BS98 or NE98, are in the tables and
# are placed by their district like any other.)
NON_GEOGRAPHIC_AREAS = frozenset({"BX"})
OVERSEAS_TERRITORIES = {
    "ASCN 1ZZ": "Ascension Island",
    "BBND 1ZZ": "the British Indian Ocean Territory",
    "BIQQ 1ZZ": "the British Antarctic Territory",
    "FIQQ 1ZZ": "the Falkland Islands",
    "GX11 1AA": "Gibraltar",
    "PCRN 1ZZ": "the Pitcairn Islands",
    "SIQQ 1ZZ": "South Georgia and the South Sandwich Islands",
    "STHL 1ZZ": "Saint Helena",
    "TDCU 1ZZ": "Tristan da Cunha",
    "TKCA 1ZZ": "the Turks and Caicos Islands",
}

# Letters from other alphabets that look exactly like Latin ones (Unicode's confusables for the
# Cyrillic and Greek capitals and small letters people meet on phone keyboards): BS1 4DJ typed
# with a Cyrillic capital Ve (U+0412) for the B is still BS1 4DJ. Any other non-Latin letter or
# digit is never dropped silently: the postcode is refused with a message naming it (`parse`).
CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУԚԜаеѕіјорсхуԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοϲ",
    "ABESIJKMHOPCTXYQWaesijopcxyqwABEZHIKMNOPTYXoc",
)

INWARD_COUNT = 10 * 26 * 26  # inward codes map to 0..6759 (digit, letter, letter)


class Kind(enum.StrEnum):
    FULL = "postcode"
    SECTOR = "sector"  # "RG21 4": treated as its district
    DISTRICT = "district"
    AREA = "area"
    BFPO = "bfpo"
    GIROBANK = "girobank"
    NON_GEOGRAPHIC = "non-geographic"  # BX: an organisation's post, not a place
    OVERSEAS = "overseas"
    BAD_POSTCODE = "bad-postcode"  # looks like a postcode but cannot be one
    NOT_POSTCODE = "not-postcode"


@dataclass(frozen=True)
class Parsed:
    kind: Kind
    normalised: str = ""  # "SW1A 2AA", "RG21", "BFPO 1234"; "" when not a postcode
    outward: str = ""
    inward: str = ""
    note: str = ""  # e.g. the overseas territory's name

    @property
    def area(self):
        return area_of(self.outward) if self.outward else ""

    @property
    def is_postcode(self):
        return self.kind in (Kind.FULL, Kind.SECTOR, Kind.DISTRICT, Kind.AREA)

    @property
    def has_no_local_force(self):
        return self.kind in (Kind.BFPO, Kind.GIROBANK, Kind.NON_GEOGRAPHIC, Kind.OVERSEAS)


def compact(text):
    """Upper case, letters and digits only: ' sw1a-2aa ' -> 'SW1A2AA'."""
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def area_of(outward):
    """'SW1A' -> 'SW', 'B1' -> 'B'."""
    match = re.match(r"[A-Z]+", outward)
    return match.group() if match else ""


def is_outward(code):
    return bool(OUTWARD_RE.match(code))


def is_inward(code):
    return bool(INWARD_RE.match(code))


def normalise_postcode(text):
    """The standard form of a full postcode ('SW1A 2AA', and a non-geographic one such as
    'BX1 1LT'), or None if `text` is not one."""
    parsed = parse(text)
    full = parsed.kind == Kind.FULL or (
        parsed.kind == Kind.NON_GEOGRAPHIC and len(parsed.inward) == 3
    )
    return parsed.normalised if full else None


def outward_code(postcode):
    return postcode.split(" ")[0]


def inward_index(inward):
    """'2AA' -> a number in 0..6759, used to index the shipped tables."""
    return (int(inward[0]) * 26 + ord(inward[1]) - 65) * 26 + ord(inward[2]) - 65


def inward_from_index(index):
    digit, rest = divmod(index, 676)
    first, second = divmod(rest, 26)
    return f"{digit}{chr(65 + first)}{chr(65 + second)}"


def parse(text):
    """Read what a person typed as a postcode (or part of one)."""
    if not isinstance(text, str) or len(text) > 200:
        return Parsed(Kind.NOT_POSTCODE)
    text = unicodedata.normalize("NFKC", text)  # full-width letters and digits become plain ones
    parsed = _non_geographic(_parse(text))
    foreign = _foreign_characters(text)
    if foreign:
        latin = _parse(text.translate(CONFUSABLES))
        unmapped = _foreign_characters(text.translate(CONFUSABLES))
        if not unmapped and _has_digits(latin):
            # Look-alike letters read as the Latin ones they stand for.
            return _non_geographic(latin)
        if _has_digits(parsed) or _has_digits(latin):
            # Dropping the character would read another postcode: refuse, and say why.
            return Parsed(Kind.BAD_POSTCODE, note="".join(unmapped or foreign))
        if parsed.kind == Kind.AREA:  # "Môn" is a place name, not the postcode area MN
            return Parsed(Kind.NOT_POSTCODE)
    return parsed


def _non_geographic(parsed):
    if parsed.kind in (Kind.FULL, Kind.SECTOR, Kind.DISTRICT) and (
        parsed.area in NON_GEOGRAPHIC_AREAS
    ):
        return dataclasses.replace(parsed, kind=Kind.NON_GEOGRAPHIC)
    return parsed


def _has_digits(parsed):
    """A reading with digits in it (a district or more): what text with letters alone, such as
    a place name in Welsh, never is."""
    return parsed.kind not in (Kind.NOT_POSTCODE, Kind.AREA)


def _foreign_characters(text):
    """Letters and digits that are not plain ASCII (which `compact` would otherwise drop)."""
    return [ch for ch in text if ch.isalnum() and not ch.isascii()]


def _parse(text):
    code = compact(text)
    if not code or len(code) > 10:
        return Parsed(Kind.NOT_POSTCODE)
    special = _special(code)
    if special:
        return special
    if len(code) >= 5 and is_inward(code[-3:]) and is_outward(code[:-3]):
        outward, inward = code[:-3], code[-3:]
        return Parsed(Kind.FULL, f"{outward} {inward}", outward, inward)
    parts = re.split(r"[^A-Z0-9]+", text.upper().strip())
    if len(parts) == 2 and len(parts[1]) == 1 and parts[1].isdigit() and is_outward(parts[0]):
        # "RG21 4" is a postcode sector: we place it by its district.
        return Parsed(Kind.SECTOR, f"{parts[0]} {parts[1]}", parts[0])
    if is_outward(code):
        return Parsed(Kind.DISTRICT, code, code)
    if AREA_RE.match(code) and text.strip().isalpha():
        return Parsed(Kind.AREA, code, code)
    if _POSTCODE_SHAPED.match(code) and not text.strip().isalpha():
        return Parsed(Kind.BAD_POSTCODE, f"{code[:-3]} {code[-3:]}" if len(code) >= 5 else code)
    return Parsed(Kind.NOT_POSTCODE)


def find_postcode_in_text(text):
    """The first full postcode inside a longer piece of text, or None."""
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFKC", text[:500]).translate(CONFUSABLES)
    for match in _IN_TEXT.finditer(text.upper()):
        outward, inward = match.groups()
        if is_outward(outward) and is_inward(inward):
            return _non_geographic(Parsed(Kind.FULL, f"{outward} {inward}", outward, inward))
    return None


def _special(code):
    if code == "GIR0AA":
        return Parsed(Kind.GIROBANK, GIROBANK)
    if code.startswith("BFPO") and code[4:].isdigit() and 1 <= len(code[4:]) <= 4:
        return Parsed(Kind.BFPO, f"BFPO {int(code[4:])}")
    if code.startswith("BF1") and len(code) == 6 and is_inward(code[-3:]):
        return Parsed(Kind.BFPO, f"BF1 {code[-3:]}", "BF1", code[-3:])
    if len(code) >= 7:
        spaced = f"{code[:-3]} {code[-3:]}"
        if spaced in OVERSEAS_TERRITORIES:
            return Parsed(Kind.OVERSEAS, spaced, note=OVERSEAS_TERRITORIES[spaced])
    return None
