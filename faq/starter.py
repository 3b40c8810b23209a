"""Load the starter content shipped in faq/data/starter/ (idempotent: existing rows are kept).

topics.json is a tree: [{"name", "slug", "description", "sensitive", "children": [...]}].
Each answers/*.txt file is a block of "Field: value" headers, a blank line, then the HTML body:

    Number: 497
    Question: What counts as harassment?
    Summary: One sentence shown in lists and search results.
    Topics: harassment-and-stalking/harassment, online-safety/abusive-messages
    Jurisdiction: england-wales
    Keywords: bullying, pestering, unwanted contact
    Reviewed: 2026-11-01
    Link: Protection from Harassment Act 1997 | https://www.legislation.gov.uk/ukpga/1997/40
    Also-asked: someone keeps messaging me and won't stop
    Also-asked: is it illegal to keep contacting someone
    Sources: Protection from Harassment Act 1997 ss1-2, 4 (legislation.gov.uk, checked 2026-11)
    Claim: a course of conduct means conduct on at least two occasions
      | https://www.legislation.gov.uk/ukpga/1997/40/section/7 | "conduct on at least two occasions"

    <p>The body ...</p>

Topics are listed by their URL path; the first is the primary topic (the breadcrumb).
Link lines are "title | url | optional description", in display order.
Also-asked lines are other ways people ask the question, one phrasing a line, in their own words.
Sources lines are for staff only: what the answer's facts rest on (never shown to the public).
Claim lines are for staff only too: 'statement | source url | "the words there that confirm it"',
one for each number, age, time limit, penalty, section and phone number the answer states. They
load as Claim rows with a new answer, or onto an answer already here that has none and whose
text is the one shipped (same Reviewed date); a claim whose source is not an http(s) address is
a bug in the file.

cy/answers/*.txt are Welsh versions of some answers (cy/README.md): Number, Question, Summary,
Keywords, Also-asked, "Link-title: <the English link's URL> | <Welsh title>", Translated-from (the
date of the English text) and Review, then the Welsh body. They load as AnswerTranslation rows.

cy/topics-cy.json holds the Welsh name and description of each starter topic, keyed by the
topic's URL path, next to the English they translate ({"english": {"name", "description"},
"name", "description"}). They load as TopicTranslation rows awaiting review, and only onto a
topic whose English is still that English: a Welsh name written for other words is not shown.
"""

import datetime
import json
from dataclasses import dataclass, field
from email.parser import HeaderParser
from functools import partial
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import loader
from .models import (
    Answer,
    AnswerTranslation,
    Jurisdiction,
    Status,
    Topic,
    TranslationReview,
    web_url_validator,
)
from .references import label
from .search import deferred_refresh
from .translations import english_digest

STARTER_DIR = Path(__file__).resolve().parent / "data" / "starter"
WELSH_DIR = STARTER_DIR / "cy"
WELSH_TOPICS_FILE = "topics-cy.json"
HOME_PICKS_FILE = "home_picks.txt"  # answer numbers suggested on the home page, one a line


def home_picks(directory=STARTER_DIR):
    path = Path(directory) / HOME_PICKS_FILE
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {int(line.split()[0]) for line in lines if line.strip() and not line.startswith("#")}


@dataclass
class LoadReport:
    topics_created: int = 0
    topics_existing: int = 0
    answers_created: int = 0
    answers_existing: int = 0
    welsh_created: int = 0
    welsh_existing: int = 0
    welsh_topics_created: int = 0
    welsh_topics_existing: int = 0
    problems: list = field(default_factory=list)
    # (number, shipped Reviewed date, this site's last_reviewed): the shipped text was checked
    # or corrected after the copy already here. Loading never overwrites an answer staff may have
    # edited, so an editor compares the two and updates the answer in the admin.
    revised_since: list = field(default_factory=list)
    claims_created: int = 0  # onto answers already here (a new answer's come with it)


@dataclass
class AnswerSpec:
    number: int
    question: str
    summary: str
    topics: list
    jurisdiction: str
    keywords: str
    also_asked: list
    sources: list
    claims: list  # (statement, source url, confirming words)
    reviewed: datetime.date | None
    links: list
    body: str


def parse_answer_file(path):
    headers, body = _read(path)
    jurisdiction = headers.get("Jurisdiction", Jurisdiction.ENGLAND_WALES).strip()
    if jurisdiction not in Jurisdiction.values:
        raise ValueError(f"{path.name}: unknown jurisdiction {jurisdiction!r}")
    links = []
    for line in headers.get_all("Link") or []:
        parts = [p.strip() for p in " ".join(line.split()).split("|")]
        if len(parts) < 2:
            raise ValueError(f"{path.name}: a Link needs 'title | url': {line!r}")
        web_url_validator(parts[1])  # raises ValidationError: a bad link is a bug in the file
        links.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    reviewed = headers.get("Reviewed")
    return AnswerSpec(
        number=int(headers["Number"]),
        question=" ".join(headers["Question"].split()),
        summary=" ".join(headers["Summary"].split()),
        topics=[t.strip().strip("/") for t in headers.get("Topics", "").split(",") if t.strip()],
        jurisdiction=jurisdiction,
        keywords=" ".join(headers.get("Keywords", "").split()),
        also_asked=_lines(headers, "Also-asked"),
        sources=_lines(headers, "Sources"),
        claims=[_claim(path, line) for line in _lines(headers, "Claim")],
        reviewed=datetime.date.fromisoformat(reviewed.strip()) if reviewed else None,
        links=links,
        body=body,
    )


def _read(path):
    """A file's "Field: value" headers and the body after the first blank line."""
    text = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")
    _, _, body = text.partition("\n\n")
    return HeaderParser().parsestr(text, headersonly=True), body.strip()


def _claim(path, line):
    parts = [p.strip() for p in line.split(" | ")]
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"{Path(path).name}: a Claim needs 'statement | url | words': {line!r}")
    statement, url, words = parts
    web_url_validator(url)  # raises ValidationError: a bad source is a bug in the file
    return statement, url, words.strip('"“”')


def _lines(headers, name):
    return [" ".join(v.split()) for v in headers.get_all(name) or [] if v.strip()]


@transaction.atomic
def load_starter_content(directory=STARTER_DIR):
    report = LoadReport()
    _load_topics(json.loads((Path(directory) / "topics.json").read_text(encoding="utf-8")), report)
    _load_topic_translations(Path(directory) / "cy" / WELSH_TOPICS_FILE, report)
    specs = [parse_answer_file(p) for p in sorted((Path(directory) / "answers").glob("*.txt"))]
    picks = home_picks(directory)
    with deferred_refresh():  # one rebuild of the search index after the load, not one per answer
        results = loader.load_answers(
            specs,
            parse=lambda spec: _answer_data(spec, home_pick=spec.number in picks),
            existing=loader.KEEP,
            topics=partial(loader.find_topics, skip_missing=True),
        )
        for spec, result in zip(specs, results, strict=True):
            _count(spec, result, report)
        _load_translations(Path(directory) / "cy", report)
    return report


def _answer_data(spec, *, home_pick):
    return loader.AnswerData(
        number=spec.number,
        question=spec.question,
        summary=spec.summary,
        body=spec.body,
        topics=spec.topics,
        fields={
            "keywords": spec.keywords,
            "also_asked": "\n".join(spec.also_asked),
            "sources": "\n".join(spec.sources),
            "jurisdiction": spec.jurisdiction,
            "status": Status.PUBLISHED,
            "last_reviewed": spec.reviewed or timezone.localdate(),
            "home_pick": home_pick,
        },
        links=[{"title": t, "url": u, "description": d} for t, u, d in spec.links],
        claims=_claims(spec),
    )


def _claims(spec):
    return [{"statement": s, "source_url": u, "confirming_words": w} for s, u, w in spec.claims]


def _count(spec, result, report):
    if result.action == loader.REFUSED:  # the one refusal here: a number used twice
        report.problems.append(
            f"{label(spec.number)}: two files use this number; the second is skipped"
        )
        return
    report.problems.extend(f"{label(spec.number)}: {note}" for note in result.notes)
    if result.action == loader.CREATED:
        report.answers_created += 1
        return
    # Kept as it is: staff may have edited it. Say when the shipped text is newer, and give it
    # the shipped claims when it is the text shipped and has none.
    report.answers_existing += 1
    here = result.answer.last_reviewed
    if spec.reviewed and here and spec.reviewed > here:
        report.revised_since.append((spec.number, spec.reviewed, here))
    elif here == spec.reviewed and not result.answer.claims.exists():
        report.claims_created += loader.add_claims(result.answer, _claims(spec))


@dataclass
class WelshSpec:
    number: int
    question: str
    summary: str
    keywords: str
    also_asked: list
    link_titles: list  # (English link URL, Welsh title), in the English order
    translated_from: datetime.date | None
    reviewed: bool
    body: str


def parse_welsh_file(path):
    headers, body = _read(path)
    titles = []
    for line in headers.get_all("Link-title") or []:
        url, _, title = (" ".join(line.split())).partition(" | ")
        if not title:
            raise ValueError(f"{path.name}: a Link-title needs 'url | title': {line!r}")
        titles.append((url.strip(), title.strip()))
    translated = headers.get("Translated-from")
    review = headers.get("Review", "").strip().lower()
    return WelshSpec(
        number=int(headers["Number"]),
        question=" ".join(headers["Question"].split()),
        summary=" ".join(headers["Summary"].split()),
        keywords=" ".join(headers.get("Keywords", "").split()),
        also_asked=_lines(headers, "Also-asked"),
        link_titles=titles,
        translated_from=datetime.date.fromisoformat(translated.strip()) if translated else None,
        reviewed=review.startswith("reviewed"),
        body=body,
    )


def _load_translations(directory, report):
    """Welsh versions of existing answers; a version already there is kept as it is."""
    if not (directory / "answers").is_dir():
        return
    for path in sorted((directory / "answers").glob("*.txt")):
        spec = parse_welsh_file(path)
        answer = Answer.objects.filter(number=spec.number).first()
        if answer is None:
            report.problems.append(f"Welsh Q{spec.number}: no English answer with that number")
            continue
        if AnswerTranslation.objects.filter(answer=answer, language="cy").exists():
            report.welsh_existing += 1
            continue
        _create_translation(spec, answer, report)
        report.welsh_created += 1


def _create_translation(spec, answer, report):
    # In step with the English only if the English was not reviewed after it was translated.
    in_step = spec.translated_from is not None and (
        answer.last_reviewed is None or answer.last_reviewed <= spec.translated_from
    )
    row = AnswerTranslation(
        answer=answer,
        language="cy",
        question=spec.question,
        summary=spec.summary,
        body=spec.body,
        keywords=spec.keywords,
        also_asked="\n".join(spec.also_asked),
        review=TranslationReview.REVIEWED if spec.reviewed else TranslationReview.AWAITING,
        last_reviewed=spec.translated_from,
        source_digest=english_digest(answer) if in_step else "",
    )
    for url in loader.add_translation(row, spec.link_titles):
        report.problems.append(f"Welsh Q{spec.number}: no English link {url}")


def _load_topics(nodes, report, parent_path=""):
    for index, data in enumerate(nodes):
        url_path = f"{parent_path}/{data['slug']}" if parent_path else data["slug"]
        values = {
            "name": data["name"],
            "slug": data["slug"],
            "description": data.get("description", ""),
            "sensitive": data.get("sensitive", False),
            "display_order": (index + 1) * 10,
        }
        _, created = loader.ensure_topic(url_path, values)  # one already there is kept
        if created:
            report.topics_created += 1
        else:
            report.topics_existing += 1
        _load_topics(data.get("children", []), report, url_path)


def _load_topic_translations(path, report):
    """Welsh topic names; a Welsh version already there (perhaps edited by staff) is kept."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    translated = data.get("translated_from")
    reviewed = str(data.get("review", "")).strip().lower().startswith("reviewed")
    topics = {t.url_path: t for t in Topic.objects.prefetch_related("translations")}
    for url_path, entry in data["topics"].items():
        topic = topics.get(url_path)
        if topic is None:
            report.problems.append(f"Welsh topic {url_path}: no topic at that path")
            continue
        if any(t.language == "cy" for t in topic.translations.all()):
            report.welsh_topics_existing += 1
            continue
        english = entry["english"]
        if (topic.name, topic.description) != (english["name"], english.get("description", "")):
            report.problems.append(
                f"Welsh topic {url_path}: its English has changed since the Welsh was written "
                "(the Welsh is not loaded: translate the new English in the admin)"
            )
            continue
        loader.add_topic_translation(
            topic,
            {
                "language": "cy",
                "name": entry["name"],
                "description": entry.get("description", ""),
                "review": TranslationReview.REVIEWED if reviewed else TranslationReview.AWAITING,
                "last_reviewed": datetime.date.fromisoformat(translated) if translated else None,
            },
        )
        report.welsh_topics_created += 1
