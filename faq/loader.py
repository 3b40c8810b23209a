"""One loader for answers and topics, whichever file they come from.

The starter files (`faq/starter.py`), an imported FAQ (`faq/importer.py`) and a backup
(`faq/backup.py`) are parsers: each reads its format into `AnswerData`, and `load_answers` does
the rest the same way for all three. It finds (or makes) the topics, keeps or updates an answer
already there (`existing=KEEP` or `UPDATE`), creates a new one through `workflow.save_answer`
with its links and claims, and throws everything away again on a dry run. Topics come from
`ensure_topic`, Welsh versions with their link titles from `add_translation` (through
`workflow.save_translation`), so every format makes them alike.
"""

from dataclasses import dataclass, field

from django.db import transaction

from common.sanitise import sanitise_html

from . import workflow
from .models import Answer, Claim, RelatedLink, Topic, TopicTranslation
from .references import label

KEEP, UPDATE = "keep", "update"  # what becomes of an answer already on the site
CREATED, UPDATED, UNCHANGED, KEPT, REFUSED = "created", "updated", "unchanged", "kept", "refused"
REPEATED = "the same answer is earlier in the file"
FIRST = object()  # an answer's primary topic: the first of its topics that is there


class Refused(Exception):
    """An answer that cannot be loaded, with every reason found."""

    def __init__(self, reasons, *, number=None):
        super().__init__(reasons)
        self.reasons = list(reasons)
        self.number = number


@dataclass
class AnswerData:
    """One answer as a file gives it: the loader's one input, whatever the format."""

    number: int | None  # None: the next free number
    question: str
    summary: str
    body: str
    topics: list = field(default_factory=list)  # URL paths
    primary_topic: object = FIRST  # the breadcrumb's path (None: no breadcrumb)
    fields: dict = field(default_factory=dict)  # the answer's other fields, by name
    links: list = field(default_factory=list)  # dicts: title, url, description (order)
    claims: list = field(default_factory=list)  # dicts: statement, source_url, confirming_words


@dataclass
class Loaded:
    """What became of one answer (`row` counts from 1, in the order given)."""

    row: int
    number: int | None
    action: str
    reasons: list = field(default_factory=list)  # why it was refused
    notes: list = field(default_factory=list)  # done, but worth knowing (topics left out)
    answer: Answer | None = field(default=None, repr=False)
    data: AnswerData | None = field(default=None, repr=False)

    def __str__(self):
        text = f"row {self.row} {label(self.number) if self.number else '(new)'}: {self.action}"
        details = self.reasons or self.notes
        return text + (f" ({'; '.join(details)})" if details else "")


def load_answers(items, *, parse, existing=KEEP, dry_run=False, topics=None, check=None):
    """Load each of `items` (as `parse` reads it into AnswerData, or raises Refused); returns one
    Loaded for each, in order.

    `existing`: KEEP leaves an answer already on the site as it is, UPDATE brings it into line
    with the file. `topics(paths)` gives the Topic rows and any notes, or raises Refused
    (default: `find_topics`). `check(data, found)` may refuse an answer before anything is
    saved. An answer given twice (the same number, else the same question) is refused the
    second time. Nothing is kept when `dry_run`."""
    topics = topics or find_topics
    results, seen = [], set()
    with transaction.atomic():
        for index, item in enumerate(items, start=1):
            results.append(_load_one(index, item, parse, existing, topics, check, seen))
        if dry_run:
            transaction.set_rollback(True)
    return results


def _load_one(index, item, parse, existing, topics, check, seen):
    try:
        data = parse(item)
    except Refused as refused:
        return Loaded(index, refused.number, REFUSED, reasons=refused.reasons)
    key = data.number or data.question.lower()
    if key in seen:
        return Loaded(index, data.number, REFUSED, reasons=[REPEATED], data=data)
    seen.add(key)
    found = _existing(data)
    if found is not None and existing == KEEP:
        return Loaded(index, found.number, KEPT, answer=found, data=data)
    try:
        chosen, notes = topics(_paths(data))
        if check is not None:
            check(data, found)
    except Refused as refused:
        number = refused.number or data.number
        return Loaded(index, number, REFUSED, reasons=refused.reasons, data=data)
    with transaction.atomic():
        answer, action = _save(data, found, chosen)
    return Loaded(index, answer.number, action, notes=notes, answer=answer, data=data)


def _existing(data):
    answers = Answer.objects.select_related("primary_topic")
    if data.number:
        return answers.filter(number=data.number).first()
    return answers.filter(question=data.question).first()


def _paths(data):
    """Every topic the answer names, its primary topic first."""
    named = [] if data.primary_topic in (FIRST, None) else [data.primary_topic]
    return list(dict.fromkeys([*named, *data.topics]))


def _primary(data, by_path):
    if data.primary_topic is FIRST:  # a starter file's first topic may not be there
        return next((by_path[p] for p in data.topics if p in by_path), None)
    return by_path.get(data.primary_topic)


def _save(data, found, topics):
    by_path = {topic.url_path: topic for topic in topics}
    values = {
        "question": data.question,
        "summary": data.summary,
        "body": sanitise_html(data.body),
        **data.fields,
        "primary_topic": _primary(data, by_path),
    }
    own = [by_path[p] for p in dict.fromkeys(data.topics) if p in by_path]
    if found is None:
        answer = workflow.save_answer(Answer(number=data.number, **values), topics=own)
        replace_links(answer, data.links)
        add_claims(answer, data.claims)
        return answer, CREATED
    same = (
        all(getattr(found, name) == value for name, value in values.items())
        and set(found.topics.all()) == set(own)
        and _link_tuples(found.links.all()) == _link_tuples(data.links)
    )
    if same:
        return found, UNCHANGED
    for name, value in values.items():
        setattr(found, name, value)
    workflow.save_answer(found, topics=own)
    replace_links(found, data.links)
    return found, UPDATED


def _link_tuples(links):
    def get(link, name):
        return link.get(name, "") if isinstance(link, dict) else getattr(link, name)

    return [tuple(get(link, name) for name in ("title", "url", "description")) for link in links]


def replace_links(answer, links):
    """Make `answer`'s related links `links` (dicts; in order unless they carry their own)."""
    answer.links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(answer=answer, **{"order": i, **link}) for i, link in enumerate(links)
    )


def add_claims(answer, claims):
    """Add `claims` (dicts) to `answer`; returns how many."""
    Claim.objects.bulk_create(
        Claim(answer=answer, **{"order": i, **claim}) for i, claim in enumerate(claims)
    )
    return len(claims)


# --- topics -------------------------------------------------------------------------------------


def find_topics(paths, *, create=False, skip_missing=False):
    """The topics at `paths` (in that order) and any notes. A path with no topic is refused, or
    made (`create`: named after its slug, with any missing parents), or left out with a note
    (`skip_missing`)."""
    found = {t.url_path: t for t in Topic.objects.filter(url_path__in=paths)}
    missing = [p for p in paths if p not in found]
    notes = []
    if missing and create:
        found.update((path, ensure_topic(path)[0]) for path in missing)
    elif missing and skip_missing:
        notes.append(f"unknown topics {', '.join(missing)}")
    elif missing:
        raise Refused([f"unknown topic {p!r}" for p in missing])
    return [found[p] for p in dict.fromkeys(paths) if p in found], notes


def ensure_topic(url_path, values=None):
    """The topic at `url_path` and whether it was made now. A topic already there is kept as it
    is; a new one takes `values` (else a name from its slug, which staff change later), under
    its parent, made the same way when missing."""
    topic = Topic.objects.filter(url_path=url_path).first()
    if topic is not None:
        return topic, False
    parent_path, _, slug = url_path.rpartition("/")
    values = values or {"name": slug.replace("-", " ").capitalize(), "slug": slug}
    if not parent_path:
        return Topic.objects.add_root(create_kwargs=values), True
    parent, _ = ensure_topic(parent_path)
    topic = Topic.objects.add_child(parent, create_kwargs=values)
    return topic, True


def add_topic_translation(topic, values):
    return TopicTranslation.objects.create(topic=topic, **values)


# --- translations -------------------------------------------------------------------------------


def add_translation(row, link_titles=()):
    """Save `row` (an AnswerTranslation) with the translated titles of its answer's links:
    `link_titles` is (English link URL, title) pairs in the English order. Each goes on the
    link at that address (by position when the English links have since moved but are as many),
    unless the link has a title in that language already. Returns the URLs with no link."""
    links = list(row.answer.links.all())
    titled, unmatched = set(), []
    for index, (url, title) in enumerate(link_titles):
        link = next((k for k in links if k.url == url and k.pk not in titled), None)
        if link is None and len(links) == len(link_titles):
            link = links[index]
        if link is None:
            unmatched.append(url)
            continue
        titled.add(link.pk)
        if not link.title_cy:
            link.title_cy = title
            link.save(update_fields=["title_cy"])
    workflow.save_translation(row)  # with its link titles: the translated page is whole at once
    return unmatched
