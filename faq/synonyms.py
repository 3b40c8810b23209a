"""The starter synonym list (faq/data/synonyms.tsv), loaded by `load_initial_data`.

One entry a line: what people type, a tab, then the words the answers use, separated by
commas. Written by us for this site. Loading keeps every entry that is already there, so an
editor's change in the admin is never overwritten.
"""

import csv
from pathlib import Path

from .models import Synonym

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.tsv"


def read_synonyms(path=SYNONYMS_FILE):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [
            (" ".join(row["term"].lower().split()), row["replacements"].strip())
            for row in rows
            if row.get("term", "").strip() and (row.get("replacements") or "").strip()
        ]


def load_synonyms(path=SYNONYMS_FILE):
    """(created, already there)."""
    created = existing = 0
    for term, replacements in read_synonyms(path):
        _, new = Synonym.objects.get_or_create(term=term, defaults={"replacements": replacements})
        created += new
        existing += not new
    return created, existing
