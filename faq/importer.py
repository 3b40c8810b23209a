"""Bring an existing FAQ into the site: `manage.py import_faq FILE` (CSV or JSON).

One row per answer. Columns (CSV header names, or JSON object keys); question, summary and body
are required:

    number         the Q-number, kept as it is; blank takes the next free number
    question       required, at most 255 characters
    summary        required, one sentence, at most 300 characters
    body           required, HTML: sanitised to the tags answers allow
    topics         topic paths (harassment-and-stalking/stalking), ";" between them in CSV (a
                   list in JSON); the first is the breadcrumb
    jurisdiction   england-wales (default), scotland, northern-ireland or uk
    links          "Related information", one a line: "title | https://url | description"
                   (JSON: a list of such strings, or of {"title", "url", "description"})
    also_asked     other phrasings of the question, one a line (JSON: a list)
    keywords       search words separated by commas
    sources        staff-only notes of what the answer rests on
    status         draft (default) or published
    last_reviewed  YYYY-MM-DD

A JSON file is a list of rows, or an object with an `answers` list: so a file written by
`export_content` imports as it is. Rows are matched to existing answers by number (else by the
exact question), so running the same file twice changes nothing. Each row is loaded by
`faq/loader.py` (as starter content and backups are) through `workflow.save_answer`, as the
admin saves: the body is sanitised and cross-references, search text and cached pages follow.
A row that cannot be imported is refused with its reasons and the others go on; `dry_run`
reports the same without keeping anything.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.core.exceptions import ValidationError

from common.sanitise import sanitise_html

from . import loader
from .loader import CREATED, REFUSED, UNCHANGED, UPDATED
from .models import Jurisdiction, RetiredNumber, Status
from .models import web_url_validator as url_validator

MAX_NUMBER = 9_999_999
IMPORT_STATUSES = {Status.DRAFT, Status.PUBLISHED}


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    dry_run: bool = False

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self):
        return {a: self.count(a) for a in (CREATED, UPDATED, UNCHANGED, REFUSED)}


# --- reading files ------------------------------------------------------------------------------


def read_rows(path):
    """The file's rows as dicts, by its extension (.csv or .json)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"Cannot read {path}: {exc}") from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ImportFileError(f"{path} is not valid JSON: {exc}") from exc
        rows = data.get("answers") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ImportFileError("A JSON file must be a list of objects, or {'answers': [...]}.")
        return rows
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        missing = {"question", "summary", "body"} - set(reader.fieldnames or ())
        if missing:
            raise ImportFileError(f"The CSV header lacks the columns: {', '.join(sorted(missing))}")
        return [{k.strip(): v for k, v in row.items() if k} for row in reader]
    raise ImportFileError("Give a .csv or a .json file.")


def parse_row(raw):
    """The AnswerData of one file row, or raise ValueError with every problem found."""
    problems = []
    text = {k: raw.get(k) for k in raw}

    def field_text(name, *, limit=None, required=False):
        value = " ".join(str(text.get(name) or "").split())
        if required and not value:
            problems.append(f"{name} is missing")
        if limit and len(value) > limit:
            problems.append(f"{name} is longer than {limit} characters")
        return value

    number = _number(text.get("number"), problems)
    question = field_text("question", limit=255, required=True)
    summary = field_text("summary", limit=300, required=True)
    body = str(text.get("body") or "").strip()
    if not body:
        problems.append("body is missing")
    jurisdiction = field_text("jurisdiction") or Jurisdiction.ENGLAND_WALES
    if jurisdiction not in Jurisdiction.values:
        problems.append(f"unknown jurisdiction {jurisdiction!r}")
    status = field_text("status") or Status.DRAFT
    if status not in IMPORT_STATUSES:
        problems.append(f"status must be draft or published, not {status!r}")
    topics = [t.strip().strip("/") for t in _items(text.get("topics"), ";") if t.strip()]
    primary = str(text.get("primary_topic") or "").strip("/")
    if primary:  # an export_content file names the breadcrumb topic on its own
        topics = [primary, *(t for t in topics if t != primary)]
    links = _links(text.get("links"), problems)
    also_asked = [" ".join(p.split()) for p in _items(text.get("also_asked"), "\n") if p.strip()]
    last_reviewed = _date(text.get("last_reviewed"), problems)
    if problems:
        raise ValueError(problems)
    return loader.AnswerData(
        number=number,
        question=question,
        summary=summary,
        body=body,
        topics=topics,
        fields={
            "jurisdiction": jurisdiction,
            "keywords": field_text("keywords"),
            "also_asked": "\n".join(also_asked),
            "sources": str(text.get("sources") or "").strip(),
            "status": status,
            **({"last_reviewed": last_reviewed} if last_reviewed else {}),
        },
        links=links,
    )


def _number(value, problems):
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip().lstrip("Qq"))
    except ValueError:
        problems.append(f"number {value!r} is not a whole number")
        return None
    if not 1 <= number <= MAX_NUMBER:
        problems.append(f"number {number} is not between 1 and {MAX_NUMBER}")
        return None
    return number


def _items(value, separator):
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).replace("\r\n", "\n").split(separator)


def _links(value, problems):
    links = []
    for item in value if isinstance(value, list) else _items(value, "\n"):
        if isinstance(item, dict):
            parts = [str(item.get(k) or "").strip() for k in ("title", "url", "description")]
        elif str(item).strip():
            parts = [p.strip() for p in str(item).split("|")] + ["", ""]
        else:
            continue
        title, url, description = parts[:3]
        try:
            url_validator(url)
        except ValidationError:
            problems.append(f"link {title or url!r} has no valid http(s) address")
            continue
        if not title or len(title) > 200 or len(description) > 300:
            problems.append(f"link {url} needs a title of at most 200 characters")
            continue
        links.append({"title": title, "url": url, "description": description})
    return links


def _date(value, problems):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        problems.append(f"last_reviewed {value!r} is not a date (YYYY-MM-DD)")
        return None


# --- importing ---------------------------------------------------------------------------------


def import_faq(rows, *, dry_run=False, create_topics=False):
    """Import parsed-or-raw rows; returns an ImportReport. Nothing is kept when `dry_run`."""
    results = loader.load_answers(
        rows,
        parse=_answer_data,
        existing=loader.UPDATE,
        dry_run=dry_run,
        topics=partial(loader.find_topics, create=create_topics),
        check=_check,
    )
    for result in results:
        if result.action != REFUSED and sanitise_html(result.data.body) != result.data.body:
            result.notes.append("body cleaned of markup answers do not allow")
    return ImportReport(rows=results, dry_run=dry_run)


def _answer_data(raw):
    try:
        return parse_row(raw)
    except ValueError as exc:
        raise loader.Refused(exc.args[0], number=_number(raw.get("number"), [])) from None


def _check(data, existing):
    if data.number and RetiredNumber.objects.filter(number=data.number).exists():
        raise loader.Refused(["this number belonged to a deleted answer"])
    if existing is not None and existing.status == Status.ARCHIVED:
        raise loader.Refused(["the answer is archived on the site"], number=existing.number)
