"""Load postcode -> police force area rows from an ONS Postcode Directory / NSPL file.

The file is a CSV (optionally .gz, or the .zip ONS publishes) with at least the `pcds` (postcode)
and `pfa` (police force area code, e.g. E23000001) columns, millions of rows. We stream it, map
each `pfa` to a Force by its ONS code, and upsert in batches (PostgreSQL: COPY into a temporary
table, then one INSERT … ON CONFLICT per batch). Running the same file twice changes nothing.
"""

import csv
import gzip
import io
import re
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from caching.bump import bump

from . import postcodes, tags
from .lookup import clear_caches
from .models import Force, ImportedPostcode

BATCH_SIZE = 100_000
_FULL = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


class ImportFileError(ValueError):
    pass


@dataclass
class ImportSummary:
    rows: int = 0
    imported: int = 0  # inserted or changed
    unchanged: int = 0
    invalid_postcodes: int = 0
    no_force: int = 0
    unknown_codes: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def rate(self):
        return self.rows / self.seconds if self.seconds else 0.0


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from the file on disk, for the progress bar."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = self.raw.readinto(buffer)
        self.count += n or 0
        return n


def _open_text(path):
    """(text stream, counting reader, total bytes) for a .csv, .csv.gz or ONS .zip file."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
        if not members:
            raise ImportFileError(f"{path.name} has no CSV file inside.")
        member = max(members, key=lambda m: m.file_size)
        counter = _CountingReader(archive.open(member))
        total = member.file_size
        stream = counter
    else:
        counter = _CountingReader(path.open("rb"))
        total = path.stat().st_size
        stream = counter
        with path.open("rb") as probe:
            if probe.read(2) == b"\x1f\x8b":
                stream = gzip.GzipFile(fileobj=io.BufferedReader(counter))
    text = io.TextIOWrapper(io.BufferedReader(stream, 1 << 20), encoding="utf-8-sig", newline="")
    return text, counter, total


def _force_codes():
    """ONS code -> force id, and area -> force id for the Crown Dependencies (pseudo codes)."""
    by_code, by_slug = {}, {}
    for pk, code, slug in Force.objects.values_list("pk", "code", "slug"):
        if code:
            by_code[code.upper()] = pk
        by_slug[slug] = pk
    areas = postcodes.AREA_FORCE.items()
    by_area = {area: by_slug[slug] for area, slug in areas if slug in by_slug}
    return by_code, by_area


def _normalise(raw):
    raw = raw.strip().upper()
    if _FULL.match(raw) and postcodes.is_outward(raw[:-4]) and postcodes.is_inward(raw[-3:]):
        return raw
    parsed = postcodes.parse(raw)
    return parsed.normalised if parsed.kind == postcodes.Kind.FULL else None


def import_postcodes(path, *, batch_size=BATCH_SIZE, progress=None):
    """Import the file at `path`; `progress(rows, bytes_done, bytes_total)` after each batch."""
    started = time.perf_counter()
    summary = ImportSummary()
    by_code, by_area = _force_codes()
    text, counter, total = _open_text(path)
    with text:
        reader = csv.reader(text)
        header = [name.strip().lower() for name in next(reader, [])]
        try:
            pcds, pfa = header.index("pcds"), header.index("pfa")
        except ValueError:
            raise ImportFileError(
                "The file needs `pcds` and `pfa` columns (ONS Postcode Directory or NSPL format)."
            ) from None
        width = max(pcds, pfa) + 1
        batch = {}
        for row in reader:
            summary.rows += 1
            if len(row) < width:
                summary.invalid_postcodes += 1
                continue
            postcode = _normalise(row[pcds])
            if postcode is None:
                summary.invalid_postcodes += 1
                continue
            code = row[pfa].strip().upper()
            force_id = by_code.get(code) or by_area.get(postcodes.area_of(postcode))
            if force_id is None:
                summary.no_force += 1
                summary.unknown_codes[code or "(blank)"] += 1
                continue
            batch[postcode] = force_id
            if len(batch) >= batch_size:
                _flush(batch, summary)
                batch = {}
                if progress:
                    progress(summary.rows, counter.count, total)
        if batch:
            _flush(batch, summary)
    summary.seconds = time.perf_counter() - started
    clear_caches()
    bump(tags.all_forces())  # cached lookup answers and API responses may now be different
    if progress:
        progress(summary.rows, total, total)
    return summary


def _flush(batch, summary):
    with transaction.atomic():
        if connection.vendor == "postgresql":
            changed = _upsert_postgresql(batch)
        else:
            changed = _upsert_generic(batch)
    summary.imported += changed
    summary.unchanged += len(batch) - changed


def _upsert_postgresql(batch):
    table = ImportedPostcode._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS forces_import_batch "
            "(postcode varchar(8) NOT NULL, force_id bigint NOT NULL) ON COMMIT DELETE ROWS"
        )
        cursor.execute("TRUNCATE forces_import_batch")  # in case we are inside a transaction
        with cursor.copy("COPY forces_import_batch (postcode, force_id) FROM STDIN") as copy:
            for item in batch.items():
                copy.write_row(item)
        cursor.execute(
            f"INSERT INTO {table} (postcode, force_id) "
            "SELECT postcode, force_id FROM forces_import_batch "
            "ON CONFLICT (postcode) DO UPDATE SET force_id = EXCLUDED.force_id "
            f"WHERE {table}.force_id IS DISTINCT FROM EXCLUDED.force_id"
        )
        return cursor.rowcount


def _upsert_generic(batch):
    existing = {}
    keys = list(batch)
    for start in range(0, len(keys), 900):  # SQLite's limit on query parameters
        chunk = keys[start : start + 900]
        existing.update(
            ImportedPostcode.objects.filter(postcode__in=chunk).values_list("postcode", "force_id")
        )
    changed = [
        ImportedPostcode(postcode=pc, force_id=force_id)
        for pc, force_id in batch.items()
        if existing.get(pc) != force_id
    ]
    ImportedPostcode.objects.bulk_create(
        changed,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["force"],
    )
    return len(changed)
