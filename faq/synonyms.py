"""The starter synonym list (faq/data/synonyms.tsv), loaded by `load_initial_data`.

One entry a line: what people type, a tab, the words the answers use, separated by commas, and
optionally a tab and the nation whose everyday English the term is (`scotland`,
`northern-ireland`, `england-wales`): a hint for ranking. Written by us for this site.
Loading keeps every entry that is already there, so an editor's change in the admin is never
overwritten.
"""

import csv
from pathlib import Path

from .models import Synonym, WelshSynonym

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.tsv"
# One entry a line, no header: the Welsh term, then its replacements, all tab-separated.
WELSH_SYNONYMS_FILE = Path(__file__).parent / "data" / "starter" / "cy" / "synonyms-cy.tsv"


def read_synonyms(path=SYNONYMS_FILE):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [
            (
                " ".join(row["term"].lower().split()),
                row["replacements"].strip(),
                (row.get("nation") or "").strip(),
            )
            for row in rows
            if row.get("term", "").strip() and (row.get("replacements") or "").strip()
        ]


def load_synonyms(path=SYNONYMS_FILE):
    """(created, already there)."""
    created = existing = 0
    for term, replacements, nation in read_synonyms(path):
        _, new = Synonym.objects.get_or_create(
            term=term, defaults={"replacements": replacements, "nation": nation}
        )
        created += new
        existing += not new
    return created, existing


def read_welsh_synonyms(path=WELSH_SYNONYMS_FILE):
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    return [
        (" ".join(term.lower().split()), ", ".join(r.strip() for r in rest if r.strip()))
        for term, *rest in rows
        if term.strip() and any(r.strip() for r in rest)
    ]


def load_welsh_synonyms(path=WELSH_SYNONYMS_FILE):
    """(created, already there); as load_synonyms, an entry already there is kept."""
    created = existing = 0
    for term, replacements in read_welsh_synonyms(path):
        _, new = WelshSynonym.objects.get_or_create(
            term=term, defaults={"replacements": replacements[:300]}
        )
        created += new
        existing += not new
    return created, existing
