"""The coverage map: the questions the public asks the police, collected from public pages and kept
in faq/data/coverage/coverage.csv (its README says how it was made), each with the answer of ours
that answers it in full, `out-of-scope` with a reason, or nothing yet.

Columns: question, area, nations, source, answer, reason.
- area     one of AREAS (a slug).
- nations  the legal systems the question is asked about, ";" between them: england-wales,
           scotland, northern-ireland, or uk for all three.
- answer   Q-numbers of the answers that fully answer it (space between them), `out-of-scope`,
           or blank while nothing answers it.
- reason   why it is out of scope (required then, blank otherwise).

`coverage_report()` gives the share of in-scope rows answered per area, per nation and overall;
a row counts as answered when one of its numbers is a published answer. The content report
(command and admin page) prints it, and the struggled-searches report lists the unanswered rows.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from common.jurisdictions import Jurisdiction

from .models import Answer

COVERAGE_FILE = Path(__file__).resolve().parent / "data" / "coverage" / "coverage.csv"
COLUMNS = ["question", "area", "nations", "source", "answer", "reason"]
OUT_OF_SCOPE = "out-of-scope"
AREAS = {
    "firearms": "Firearms and shotgun licensing",
    "motoring": "Motoring, cameras and penalties",
    "victims-courts": "Victims, witnesses and courts",
    "complaints": "Complaints about the police",
    "police-powers": "Police powers and procedure",
    "violence": "Violence, abuse, harassment and sexual offences",
    "property": "Theft, burglary and damage to homes and vehicles",
    "neighbours": "Neighbours, nuisance, land and public order",
    "fraud": "Fraud, scams and online crime",
    "weapons-drugs": "Weapons, drugs, alcohol, fireworks and licensing",
    "children": "Children and young people",
    "animals": "Animals",
    "missing-people": "Missing people",
    "other": "Other",
}
# The three legal systems; a "uk" row is asked in each of them.
NATIONS = (Jurisdiction.ENGLAND_WALES, Jurisdiction.SCOTLAND, Jurisdiction.NORTHERN_IRELAND)
UK = Jurisdiction.UK


class CoverageFileError(ValueError):
    pass


@dataclass(frozen=True)
class CoverageRow:
    line: int  # in the file, for messages
    question: str
    area: str
    nations: tuple  # of Jurisdiction values, "uk" expanded to the three
    source: str
    numbers: tuple  # answer numbers given
    out_of_scope: bool
    reason: str

    @property
    def nation_labels(self):
        return [str(Jurisdiction(n).label) for n in self.nations]


def read_rows(path=None):
    """Every row of the map, checked; a malformed row is a bug in the file (CoverageFileError)."""
    path = path or COVERAGE_FILE
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise CoverageFileError(f"{path}: the columns must be {', '.join(COLUMNS)}")
        return [_row(number, values) for number, values in enumerate(reader, start=2)]


def _row(line, values):
    def fail(message):
        raise CoverageFileError(f"line {line}: {message}")

    question, area, answer = values["question"].strip(), values["area"].strip(), values["answer"]
    if not question:
        fail("no question")
    if area not in AREAS:
        fail(f"unknown area {area!r}")
    nations = []
    for token in filter(None, (t.strip() for t in values["nations"].split(";"))):
        if token == UK:
            nations.extend(NATIONS)
        elif token in NATIONS:
            nations.append(Jurisdiction(token))
        else:
            fail(f"unknown nation {token!r}")
    if not nations:
        fail("no nation")
    if not values["source"].strip().startswith(("http://", "https://")):
        fail("the source must be the page's address")
    out_of_scope = answer.strip() == OUT_OF_SCOPE
    reason = values["reason"].strip()
    if out_of_scope != bool(reason):
        fail("an out-of-scope row needs a reason, and only such a row has one")
    numbers = () if out_of_scope else tuple(_numbers(answer, fail))
    return CoverageRow(
        line=line,
        question=question,
        area=area,
        nations=tuple(dict.fromkeys(nations)),
        source=values["source"].strip(),
        numbers=numbers,
        out_of_scope=out_of_scope,
        reason=reason,
    )


def _numbers(text, fail):
    for token in text.split():
        token = token.upper().removeprefix("Q")
        if not token.isdigit():
            fail(f"the answer must be Q-numbers, {OUT_OF_SCOPE} or blank, not {text!r}")
        yield int(token)


@dataclass
class Share:
    label: str
    rows: int = 0
    out_of_scope: int = 0
    answered: int = 0

    @property
    def in_scope(self):
        return self.rows - self.out_of_scope

    @property
    def percent(self):
        return round(100 * self.answered / self.in_scope, 1) if self.in_scope else 0.0


@dataclass
class CoverageReport:
    rows: list = field(default_factory=list)
    overall: Share = field(default_factory=lambda: Share("All rows"))
    per_area: list = field(default_factory=list)  # Share, in AREAS order
    per_nation: list = field(default_factory=list)  # Share, in NATIONS order
    unanswered: list = field(default_factory=list)  # in-scope rows with no published answer
    not_published: list = field(default_factory=list)  # (row, numbers that are not published)


def coverage_report(rows=None):
    rows = read_rows() if rows is None else rows
    published = set(Answer.objects.published().values_list("number", flat=True))
    report = CoverageReport(rows=rows)
    areas = {slug: Share(label) for slug, label in AREAS.items()}
    nations = {value: Share(str(Jurisdiction(value).label)) for value in NATIONS}
    for row in rows:
        missing = [n for n in row.numbers if n not in published]
        if missing:
            report.not_published.append((row, missing))
        answered = not row.out_of_scope and any(n in published for n in row.numbers)
        if not row.out_of_scope and not answered:
            report.unanswered.append(row)
        for share in (report.overall, areas[row.area], *(nations[n] for n in row.nations)):
            share.rows += 1
            share.out_of_scope += row.out_of_scope
            share.answered += answered
    report.per_area = [share for share in areas.values() if share.rows]
    report.per_nation = list(nations.values())
    return report


def unanswered_by_area(report):
    """The unanswered rows grouped for the editors' list: [(area label, [rows])]."""
    groups = defaultdict(list)
    for row in report.unanswered:
        groups[row.area].append(row)
    return [(AREAS[slug], groups[slug]) for slug in AREAS if groups[slug]]
