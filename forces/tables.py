"""The shipped postcode tables (forces/data/), loaded once per process and kept compact.

- districts.csv: every postcode district, its majority force and the shares of any others.
- postcodes.bin.gz: for each district, a bitmap of which inward codes exist (6,760 bits), then
  the postcodes whose force differs from the district's majority, as a sorted array of inward
  indexes with a parallel array of force numbers. About 3 MB in memory for 1.8 million postcodes:
  existence is one bit test, an exception one binary search.
"""

import bisect
import csv
import gzip
import json
import sys
import threading
from array import array
from dataclasses import dataclass
from pathlib import Path

from .postcodes import INWARD_COUNT, area_of, inward_index

DATA_DIR = Path(__file__).resolve().parent / "data"
POSTCODE_FILE = "postcodes.bin.gz"
DISTRICT_FILE = "districts.csv"
_BITMAP_BYTES = (INWARD_COUNT + 7) // 8 + 1  # 846: keeps the uint16 arrays 2-byte aligned
_FORMAT = 1


@dataclass(frozen=True)
class District:
    code: str
    force: str  # majority force slug
    postcodes: int
    others: tuple  # ((slug, share), …) largest first, for the other forces in this district

    @property
    def shares(self):
        return ((self.force, 1 - sum(share for _, share in self.others)), *self.others)


def _uint16(values):
    packed = array("H", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def write_postcode_file(path, force_slugs, bitmaps, exceptions):
    """bitmaps: outward -> set of inward indexes; exceptions: outward -> {inward index: force}."""
    order = sorted(bitmaps)
    header = {
        "format": _FORMAT,
        "forces": list(force_slugs),
        "districts": [[outward, len(exceptions.get(outward, {}))] for outward in order],
    }
    chunks = [json.dumps(header, separators=(",", ":")).encode() + b"\n"]
    for outward in order:
        bits = bytearray(_BITMAP_BYTES)
        for index in bitmaps[outward]:
            bits[index >> 3] |= 1 << (index & 7)
        chunks.append(bytes(bits))
        items = sorted(exceptions.get(outward, {}).items())
        chunks.append(_uint16([index for index, _ in items]))
        chunks.append(bytes(force for _, force in items) + (b"\0" if len(items) % 2 else b""))
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(b"".join(chunks))


class PostcodeTables:
    def __init__(self, data_dir=DATA_DIR):
        self.districts = _read_districts(Path(data_dir) / DISTRICT_FILE)
        with gzip.open(Path(data_dir) / POSTCODE_FILE, "rb") as handle:
            blob = handle.read()
        newline = blob.index(b"\n")
        header = json.loads(blob[:newline])
        self.force_slugs = header["forces"]
        self._blob = memoryview(blob)[newline + 1 :]
        self._offsets = {}
        offset = 0
        for outward, count in header["districts"]:
            self._offsets[outward] = (offset, count)
            offset += _BITMAP_BYTES + 2 * count + count + count % 2
        self.areas = _area_shares(self.districts)

    def district(self, outward):
        return self.districts.get(outward)

    def exists(self, outward, inward):
        found = self._offsets.get(outward)
        if found is None:
            return False
        index = inward_index(inward)
        return bool(self._blob[found[0] + (index >> 3)] & (1 << (index & 7)))

    def force_for(self, outward, inward):
        """The force slug of an existing postcode, or None if we do not know the postcode."""
        if not self.exists(outward, inward):
            return None
        offset, count = self._offsets[outward]
        if count:
            start = offset + _BITMAP_BYTES
            indexes = self._blob[start : start + 2 * count].cast("H")
            if sys.byteorder == "big":
                indexes = array("H", indexes.tobytes())
                indexes.byteswap()
            index = inward_index(inward)
            position = bisect.bisect_left(indexes, index)
            if position < count and indexes[position] == index:
                return self.force_slugs[self._blob[start + 2 * count + position]]
        return self.districts[outward].force

    def area(self, area):
        return self.areas.get(area)

    def sub_districts(self, outward):
        """'SW1' -> the districts SW1A, SW1E, … that split it, in order: what people mean by
        the number alone. Empty when `outward` is itself a district or has none."""
        if outward in self.districts or not outward[-1:].isdigit():
            return []
        return [
            self.districts[code]
            for code in sorted(self.districts)
            if len(code) == len(outward) + 1 and code.startswith(outward) and code[-1].isalpha()
        ]

    def combined(self, code, districts):
        """Several districts as one District-like summary, weighted by their postcodes."""
        return _combined(code, districts)


def _read_districts(path):
    districts = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            others = []
            for item in row["others"].split():
                slug, share = item.rsplit(":", 1)
                others.append((slug, float(share)))
            districts[row["district"]] = District(
                row["district"], row["force"], int(row["postcodes"]), tuple(others)
            )
    return districts


def _area_shares(districts):
    """area -> District-like summary weighted by postcodes."""
    members = {}
    for district in districts.values():
        members.setdefault(area_of(district.code), []).append(district)
    return {area: _combined(area, found) for area, found in members.items()}


def _combined(code, districts):
    counts = {}
    for district in districts:
        for slug, share in district.shares:
            counts[slug] = counts.get(slug, 0) + share * district.postcodes
    total = sum(counts.values()) or 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    others = tuple((slug, count / total) for slug, count in ranked[1:] if count > 0)
    return District(code, ranked[0][0], int(total), others)


_tables = None
_lock = threading.Lock()


def get_tables():
    """The process-wide tables, loaded on first use."""
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = PostcodeTables()
    return _tables
