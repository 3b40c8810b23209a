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
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import workflow
from .models import (
    Answer,
    AnswerTranslation,
    Claim,
    Jurisdiction,
    RelatedLink,
    Status,
    Topic,
    TopicTranslation,
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
    text = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")
    headers = HeaderParser().parsestr(text, headersonly=True)
    _, _, body = text.partition("\n\n")
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
        body=body.strip(),
    )


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
    tree = json.loads((Path(directory) / "topics.json").read_text(encoding="utf-8"))
    _load_topics(tree, parent=None, report=report)
    _load_topic_translations(Path(directory) / "cy" / WELSH_TOPICS_FILE, report)
    specs = [parse_answer_file(p) for p in sorted((Path(directory) / "answers").glob("*.txt"))]
    topics = {t.url_path: t for t in Topic.objects.all()}
    seen = set()
    with deferred_refresh():  # one rebuild of the search index after the load, not one per answer
        _create_answers(specs, topics, seen, report, home_picks(directory))
        _load_translations(Path(directory) / "cy", report)
    return report


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
    text = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")
    headers = HeaderParser().parsestr(text, headersonly=True)
    _, _, body = text.partition("\n\n")
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
        body=body.strip(),
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
    links = list(answer.links.all())
    for index, (url, title) in enumerate(spec.link_titles):
        # By address; by position when the English link has since moved to a better page.
        link = next((k for k in links if k.url == url), None)
        if link is None and len(links) == len(spec.link_titles):
            link = links[index]
        if link is None:
            report.problems.append(f"Welsh Q{spec.number}: no English link {url}")
        elif not link.title_cy:
            link.title_cy = title
            link.save(update_fields=["title_cy"])
    workflow.save_translation(row)  # with its link titles: the Welsh page is whole at once


def _create_answers(specs, topics, seen, report, picks=frozenset()):
    for spec in specs:
        if spec.number in seen:
            report.problems.append(
                f"{label(spec.number)}: two files use this number; the second is skipped"
            )
            continue
        seen.add(spec.number)
        existing = Answer.objects.filter(number=spec.number).only("last_reviewed").first()
        if existing is not None:
            report.answers_existing += 1
            if spec.reviewed and existing.last_reviewed and spec.reviewed > existing.last_reviewed:
                report.revised_since.append((spec.number, spec.reviewed, existing.last_reviewed))
            elif existing.last_reviewed == spec.reviewed and not existing.claims.exists():
                report.claims_created += _create_claims(existing, spec.claims)
            continue
        missing = [t for t in spec.topics if t not in topics]
        if missing:
            report.problems.append(f"{label(spec.number)}: unknown topics {', '.join(missing)}")
        chosen = [topics[t] for t in spec.topics if t in topics]
        _create_answer(spec, chosen, home_pick=spec.number in picks)
        report.answers_created += 1


def _load_topics(nodes, *, parent, report):
    for index, data in enumerate(nodes):
        slug = data["slug"]
        url_path = f"{parent.url_path}/{slug}" if parent else slug
        topic = Topic.objects.filter(url_path=url_path).first()
        if topic is None:
            values = {
                "name": data["name"],
                "slug": slug,
                "description": data.get("description", ""),
                "sensitive": data.get("sensitive", False),
                "display_order": (index + 1) * 10,
            }
            if parent is None:
                topic = Topic.objects.add_root(create_kwargs=values)
            else:
                topic = Topic.objects.add_child(parent, create_kwargs=values)
                parent.refresh_from_db()
            report.topics_created += 1
        else:
            report.topics_existing += 1
        _load_topics(data.get("children", []), parent=topic, report=report)


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
        TopicTranslation.objects.create(
            topic=topic,
            language="cy",
            name=entry["name"],
            description=entry.get("description", ""),
            review=TranslationReview.REVIEWED if reviewed else TranslationReview.AWAITING,
            last_reviewed=datetime.date.fromisoformat(translated) if translated else None,
        )
        report.welsh_topics_created += 1


def _create_answer(spec, topics, *, home_pick=False):
    reviewed = spec.reviewed or timezone.localdate()
    answer = Answer(
        number=spec.number,
        question=spec.question,
        summary=spec.summary,
        body=spec.body,
        keywords=spec.keywords,
        also_asked="\n".join(spec.also_asked),
        sources="\n".join(spec.sources),
        jurisdiction=spec.jurisdiction,
        status=Status.PUBLISHED,
        primary_topic=topics[0] if topics else None,
        last_reviewed=reviewed,
        home_pick=home_pick,
    )
    workflow.save_answer(answer, topics=topics)
    RelatedLink.objects.bulk_create(
        RelatedLink(answer=answer, title=title, url=url, description=description, order=i)
        for i, (title, url, description) in enumerate(spec.links)
    )
    _create_claims(answer, spec.claims)
    return answer


def _create_claims(answer, claims):
    Claim.objects.bulk_create(
        Claim(answer=answer, statement=s, source_url=u, confirming_words=w, order=i)
        for i, (s, u, w) in enumerate(claims)
    )
    return len(claims)
