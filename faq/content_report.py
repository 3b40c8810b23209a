"""What an editor should know about the content as a whole: `manage.py content_report` and the
admin's content report page read the same ContentReport.

- published answers per topic (a parent counts the answers of its whole subtree) and per
  jurisdiction;
- answers written for one nation whose cross-references lead to no published counterpart for
  another nation: an England-and-Wales answer with no Scotland or Northern Ireland answer linked
  either way, and a Scotland or Northern Ireland answer with no England-and-Wales (or UK-wide) one;
- published answers due for review;
- Related Information links that land on a site's home page instead of the page meant;
- the coverage map (faq/coverage.py): the share of the public's questions answered, per area and
  per nation, and map rows naming an answer that is not published;
- Welsh coverage: how many published answers that apply in Wales (England and Wales, UK-wide)
  have a Welsh version.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils import timezone

from .coverage import coverage_report
from .models import (
    Answer,
    AnswerTranslation,
    CrossReference,
    Jurisdiction,
    RelatedLink,
    Status,
    Topic,
)

# The answers a Welsh speaker in Wales should be able to read in Welsh (issue 29).
APPLY_IN_WALES = (Jurisdiction.ENGLAND_WALES, Jurisdiction.UK)

# For each nation-specific jurisdiction, the counterparts an editor would expect to exist.
COUNTERPARTS = {
    Jurisdiction.ENGLAND_WALES: (Jurisdiction.SCOTLAND, Jurisdiction.NORTHERN_IRELAND),
    Jurisdiction.SCOTLAND: (Jurisdiction.ENGLAND_WALES,),
    Jurisdiction.NORTHERN_IRELAND: (Jurisdiction.ENGLAND_WALES,),
}
# A UK-wide answer covers England and Wales too.
COVERS = {
    Jurisdiction.UK: {
        Jurisdiction.ENGLAND_WALES,
        Jurisdiction.SCOTLAND,
        Jurisdiction.NORTHERN_IRELAND,
    }
}


@dataclass
class TopicCount:
    topic: Topic
    count: int


@dataclass
class MissingCounterpart:
    answer: Answer
    missing: list  # Jurisdiction labels


@dataclass
class HomePageLink:
    answer_number: int
    title: str
    url: str


@dataclass
class ContentReport:
    published: int = 0
    per_topic: list = field(default_factory=list)
    per_jurisdiction: list = field(default_factory=list)  # (label, count)
    missing_counterparts: list = field(default_factory=list)
    review_due: list = field(default_factory=list)
    home_page_links: list = field(default_factory=list)
    coverage: object = None  # coverage.CoverageReport
    welsh: tuple = (0, 0)  # (in Welsh, applying in Wales) among published answers

    @property
    def problem_count(self):
        return (
            len(self.missing_counterparts)
            + len(self.review_due)
            + len(self.home_page_links)
            + len(self.coverage.not_published if self.coverage else ())
        )


def build_report(today=None):
    answers = list(
        Answer.objects.published()
        .only("pk", "number", "slug", "question", "jurisdiction", "review_due")
        .order_by("number")
    )
    return ContentReport(
        published=len(answers),
        per_topic=_per_topic(),
        per_jurisdiction=_per_jurisdiction(answers),
        missing_counterparts=_missing_counterparts(answers),
        review_due=list(
            Answer.objects.review_due(today or timezone.localdate()).order_by("number")
        ),
        home_page_links=_home_page_links(),
        coverage=coverage_report(),
        welsh=_welsh_coverage(answers),
    )


def _welsh_coverage(answers):
    in_wales = {a.pk for a in answers if a.jurisdiction in APPLY_IN_WALES}
    welsh = AnswerTranslation.objects.filter(language="cy", answer_id__in=in_wales).count()
    return welsh, len(in_wales)


def _per_topic():
    topics = list(Topic.objects.order_by("path"))
    rows = Answer.topics.through.objects.filter(answer__status=Status.PUBLISHED).values_list(
        "topic__path", "answer_id"
    )
    under = defaultdict(set)
    for path, answer_id in rows:
        for depth in range(1, len(path) // Topic.steplen + 1):
            under[path[: depth * Topic.steplen]].add(answer_id)
    return [TopicCount(topic, len(under[topic.path])) for topic in topics]


def _per_jurisdiction(answers):
    counts = Counter(a.jurisdiction for a in answers)
    return [(str(label), counts[value]) for value, label in Jurisdiction.choices]


def _missing_counterparts(answers):
    by_number = {a.number: a for a in answers}
    linked = defaultdict(set)  # number -> numbers it is linked with, either direction
    pairs = CrossReference.objects.filter(source__status=Status.PUBLISHED).values_list(
        "source__number", "target_number"
    )
    for source_number, target_number in pairs:
        linked[source_number].add(target_number)
        linked[target_number].add(source_number)
    missing = []
    for answer in answers:
        wanted = COUNTERPARTS.get(answer.jurisdiction)
        if not wanted:
            continue
        covered = set()
        for number in linked[answer.number]:
            other = by_number.get(number)
            if other is not None:
                covered |= COVERS.get(other.jurisdiction, {other.jurisdiction})
        gaps = [str(Jurisdiction(j).label) for j in wanted if j not in covered]
        if gaps:
            missing.append(MissingCounterpart(answer, gaps))
    return missing


def _home_page_links():
    links = RelatedLink.objects.filter(answer__status=Status.PUBLISHED).values_list(
        "answer__number", "title", "url"
    )
    return [
        HomePageLink(number, title, url)
        for number, title, url in links.order_by("answer__number", "order")
        if urlsplit(url).path in ("", "/")
    ]
