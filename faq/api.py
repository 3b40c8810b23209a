"""The public content API (answers, topics, search), part of the `/api/v1/` document.

Reads only published answers, through the same reads as the pages (faq.pages, faq.search), and
never shows staff-only fields (sources, keywords, owner, view counts). Bodies are the stored
sanitised HTML with cross-references linked to our answer pages by absolute address, so a
force's site can show them as they are.

`?lang=cy` (web.middleware makes it the request's language) gives the Welsh versions, as the
/cy/ pages show them: each item says its `language`, "en" where there is no Welsh version yet.
"""

import datetime
import re
from typing import Annotated, Literal

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from pydantic import StringConstraints, WithJsonSchema

from caching.decorator import cached_page
from caching.tags import tag_response
from forces import tags as force_tags
from forces.local import local_for_force
from web.api_support import (
    LANGUAGE_DESCRIPTION,
    ApiError,
    Error,
    LanguageCode,
)
from web.policy import rate_limited

from . import pages, tags
from . import search as site_search
from .models import Answer, Jurisdiction, Live, Missing, Moved, Topic, Withdrawn
from .references import label, link_references
from .translations import language, translate_answers, translate_topics

router = Router(tags=["answers"])

MAX_NUMBER = 9_999_999  # Q-numbers have at most 7 digits (faq.references)
MAX_PAGE = 10_000
SLUG_PATTERN = r"^[a-z0-9-]{1,60}$"
RFC3339 = r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
TOPIC_PATTERN = r"^[a-z0-9-]{1,120}(/[a-z0-9-]{1,120}){0,9}$"
READ_LIMIT_PER_MINUTE = 300
SEARCH_LIMIT_PER_MINUTE = 60  # as the search page

# A date and time as text, parsed by us: pydantic would also take numbers (Unix times).
DateTimeText = Annotated[
    str,
    StringConstraints(pattern=RFC3339),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
JurisdictionCode = Literal[tuple(Jurisdiction.values)]


# --- schemas -----------------------------------------------------------------------------------


def _language_field():
    return Field(
        description="The language this item's text is in: `en` when it has no Welsh version."
    )


class TopicRef(Schema):
    name: str
    language: LanguageCode = _language_field()
    path: str = Field(description="The topic's path, e.g. `harassment-and-stalking/stalking`.")
    url: str


class AnswerRef(Schema):
    number: int
    reference: str = Field(description="The number as people quote it: `Q497`.")
    language: LanguageCode = _language_field()
    question: str
    summary: str
    url: str = Field(description="The answer's page on our site (its canonical address).")
    api_url: str


class AnswerSummary(AnswerRef):
    jurisdiction: JurisdictionCode
    primary_topic: TopicRef | None
    sensitive: bool = Field(
        description="About abuse, stalking and the like: show a quick way to leave the page."
    )
    updated_at: datetime.datetime
    last_reviewed: datetime.date | None = Field(
        description="When this text was last reviewed. For a Welsh version, its own date (the day "
        "it was checked against the English), never the English answer's; null if it has none."
    )
    translation_review: Literal["awaiting", "reviewed"] | None = Field(
        description="For a Welsh version: `awaiting` until a Welsh speaker has reviewed it, as "
        "the page says; null for English."
    )


class AnswerPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[AnswerSummary]


class RelatedLinkOut(Schema):
    title: str
    language: LanguageCode = _language_field()
    url: str
    description: str


class ForceRef(Schema):
    slug: str
    name: str
    url: str


class LocalInformation(Schema):
    force: ForceRef
    note: str | None = Field(description="The force's local note on this answer (HTML), if any.")
    note_language: LanguageCode | None = Field(description="The language of the note, if any.")
    note_updated_at: datetime.datetime | None
    law_may_differ: bool = Field(
        description="The answer is written for another legal system than the force's."
    )


class AnswerDetail(AnswerSummary):
    body: str = Field(description="Sanitised HTML; cross-references are links to our pages.")
    also_asked: list[str] = Field(description="Other ways people ask this question.")
    topics: list[TopicRef]
    related_links: list[RelatedLinkOut] = Field(description='The "Related information" list.')
    cross_references: list[AnswerRef] = Field(
        description="Published answers this answer's body refers to (Q-numbers in the text)."
    )
    related: list[AnswerRef] = Field(
        description="Published answers this one refers to or that refer to it."
    )
    published_at: datetime.datetime | None
    local: LocalInformation | None = Field(description="Only with `?force=`.")


class TopicNode(Schema):
    name: str
    language: LanguageCode = _language_field()
    slug: str
    path: str
    description: str
    url: str
    api_answers_url: str
    sensitive: bool
    answer_count: int = Field(description="Published answers filed under this topic itself.")
    total_count: int = Field(description="Published answers under it and all its subtopics.")
    children: list["TopicNode"]


TopicNode.model_rebuild()


class TopicTree(Schema):
    topics: list[TopicNode]


class SearchHitOut(AnswerRef):
    snippet: str = Field(description="Escaped text with `<mark>` around the matched words.")


class SearchPage(Schema):
    query: str
    total: int
    page: int
    pages: int
    results: list[SearchHitOut]


# --- endpoints ---------------------------------------------------------------------------------

ERRORS = {400: Error, 429: Error, 503: Error}


@router.get(
    "/answers/",
    response={200: AnswerPage, 404: Error, **ERRORS},
    operation_id="listAnswers",
    url_name="answers",
    summary="Published answers, filtered and paginated",
)
@rate_limited("api-read", limit=READ_LIMIT_PER_MINUTE, window=60)
@cached_page(query=("topic", "jurisdiction", "updated_since", "page", "page_size", "lang"))
def list_answers(
    request,
    response: HttpResponse,
    topic: str | None = Query(
        None,
        pattern=TOPIC_PATTERN,
        description="A topic path: answers filed under it or any of its subtopics.",
    ),
    jurisdiction: JurisdictionCode | None = Query(None),
    updated_since: DateTimeText | None = Query(
        None,
        description="Only answers changed at or after this time (RFC 3339, e.g. "
        "`2026-11-01T00:00:00Z`).",
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(20, ge=1, le=100),
    lang: LanguageCode | None = Query(None, description=LANGUAGE_DESCRIPTION),
):
    answers = Answer.objects.published().with_sensitivity().select_related("primary_topic")
    if topic:
        found = Topic.objects.filter(url_path=topic).first()
        if found is None:
            raise ApiError(404, "unknown_topic", f"No topic has the path {topic!r}.")
        answers = answers.in_subtree(found)
    if jurisdiction:
        answers = answers.filter(jurisdiction=jurisdiction)
    if updated_since:
        answers = answers.filter(updated_at__gte=_moment(updated_since))
    count = answers.count()
    start = (page - 1) * page_size
    rows = translate_answers(list(answers.order_by("number")[start : start + page_size]))
    translate_topics([answer.primary_topic for answer in rows])
    tag_response(response, tags.all_answers(), tags.all_topics())
    pages_total = max(1, -(-count // page_size))
    return {
        "count": count,
        "page": page,
        "pages": pages_total,
        "page_size": page_size,
        "next": _page_url(request, page + 1) if page < pages_total else None,
        "previous": _page_url(request, page - 1) if 1 < page <= pages_total + 1 else None,
        "results": [_summary(answer, answer.is_sensitive) for answer in rows],
    }


@router.get(
    "/answers/{number}/",
    response={200: AnswerDetail, 301: None, 404: Error, 410: Error, **ERRORS},
    operation_id="getAnswer",
    url_name="answer",
    summary="One published answer by its number",
)
@rate_limited("api-read", limit=READ_LIMIT_PER_MINUTE, window=60)
@cached_page(query=("force", "lang"))
def get_answer(
    request,
    response: HttpResponse,
    number: int = Path(..., ge=1, le=MAX_NUMBER, description="The Q-number, e.g. 497."),
    force: str | None = Query(
        None, pattern=SLUG_PATTERN, description="A force's slug: adds its local information."
    ),
    lang: LanguageCode | None = Query(None, description=LANGUAGE_DESCRIPTION),
):
    match Answer.objects.with_sensitivity().resolve(number):
        case Missing():
            raise ApiError(404, "not_found", f"No published answer has the number {label(number)}.")
        case Moved(answer, final):
            return _moved(request, answer, final)
        case Withdrawn():
            raise ApiError(410, "archived", f"{label(number)} has been withdrawn.")
        case Live(answer):
            pass
    chosen = _force_or_400(force)
    context = pages.answer_page(answer)
    page_tags = pages.answer_page_tags(context)
    if chosen is not None:
        page_tags.append(force_tags.force(chosen.slug))
    tag_response(response, *page_tags)
    return _detail(answer, context, chosen)


@router.get(
    "/topics/",
    response={200: TopicTree, **ERRORS},
    operation_id="listTopics",
    url_name="topics",
    summary="The topic tree with published answer counts",
    tags=["topics"],
)
@rate_limited("api-read", limit=READ_LIMIT_PER_MINUTE, window=60)
@cached_page(query=("lang",))
def list_topics(
    request,
    response: HttpResponse,
    lang: LanguageCode | None = Query(None, description=LANGUAGE_DESCRIPTION),
):
    tree = pages.topic_tree()
    # Each topic's own tag too: the tree shows their descriptions (faq.topics.topic_changed).
    tag_response(response, tags.all_answers(), tags.all_topics(), *_topic_tags(tree))
    return {"topics": [_topic_node(node) for node in tree]}


def _topic_tags(nodes):
    for node in nodes:
        yield tags.topic(node.topic.pk)
        yield from _topic_tags(node.children)


@router.get(
    "/search/",
    response={200: SearchPage, **ERRORS},
    operation_id="search",
    url_name="search",
    summary="Search published answers (the same engine as the search page)",
    tags=["search"],
)
@rate_limited(
    "api-search",
    limit=SEARCH_LIMIT_PER_MINUTE,
    window=60,
    message="Too many searches. Please wait a minute.",
)
@cached_page(query=("q", "page", "page_size", "lang"), timeout=10 * 60)
def search_answers(
    request,
    response: HttpResponse,
    q: str = Query("", max_length=site_search.MAX_QUERY_LENGTH, description="What to look for."),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(10, ge=1, le=50),
    lang: LanguageCode | None = Query(None, description=LANGUAGE_DESCRIPTION),
):
    results = run_search(q, page=page, page_size=page_size)
    tag_response(response, tags.all_answers())
    return {
        "query": results.query,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "results": [{**_ref(hit.answer), "snippet": hit.snippet} for hit in results.hits],
    }


def run_search(text, *, page, page_size):
    """The one place the API calls the search engine: `search()` and its SearchResults
    (`.query`, `.hits` of (answer, snippet), `.total`, `.page`, `.pages`), in the language
    asked for, as on the search page (in Welsh: Welsh versions first)."""
    return site_search.search(text, language=language(), page=page, page_size=page_size)


# --- building the documents --------------------------------------------------------------------


def _absolute(url):
    return settings.SITE_URL + url


def _in_language(url):
    """An API address that keeps the language asked for."""
    code = language()
    return f"{url}{'&' if '?' in url else '?'}lang={code}" if code else url


def _shown_in(item):
    """The language an item's text is in, as faq.translations marked it."""
    return "cy" if getattr(item, "shown_in", None) == "cy" else "en"


def _api_answer_url(number):
    return _absolute(_in_language(reverse("api:answer", kwargs={"number": number})))


def _ref(answer):
    return {
        "number": answer.number,
        "reference": answer.label,
        "language": _shown_in(answer),
        "question": answer.question,
        "summary": answer.summary,
        "url": _absolute(answer.get_absolute_url()),
        "api_url": _api_answer_url(answer.number),
    }


def _topic_ref(topic):
    return {
        "name": topic.name,
        "language": _shown_in(topic),
        "path": topic.url_path,
        "url": _absolute(topic.get_absolute_url()),
    }


def _summary(answer, sensitive):
    return {
        **_ref(answer),
        "jurisdiction": answer.jurisdiction,
        "primary_topic": _topic_ref(answer.primary_topic) if answer.primary_topic else None,
        "sensitive": sensitive,
        "updated_at": answer.updated_at,
        # As the page's review line says (templates/faq/includes/review_line.html): a Welsh
        # version's own date and whether a Welsh speaker has reviewed it, never the English date.
        **(
            {
                "last_reviewed": answer.translation_reviewed,
                "translation_review": answer.translation_review,
            }
            if _shown_in(answer) == "cy"
            else {"last_reviewed": answer.last_reviewed, "translation_review": None}
        ),
    }


_RELATIVE_HREF = re.compile(r'href="/(?!/)')


def _body_html(answer, context):
    """The body with its cross-references linked, every site-relative link made absolute."""
    numbers = set(context["reference_numbers"])
    targets = {
        a.number: _absolute(a.get_absolute_url()) for a in context["related"] if a.number in numbers
    }
    titles = {a.number: a.question for a in context["related"]}
    body = link_references(answer.body, targets, titles)
    return _RELATIVE_HREF.sub(f'href="{settings.SITE_URL}/', body)


def _detail(answer, context, force):
    numbers = set(context["reference_numbers"])
    return {
        **_summary(answer, context["sensitive"]),  # Answer.objects.with_sensitivity(), as the page
        "body": _body_html(answer, context),
        "also_asked": answer.also_asked_list,
        "topics": [_topic_ref(t) for t in context["topics"]],
        "related_links": [
            {
                "title": link.title,
                "language": _shown_in(link),
                "url": link.url,
                "description": link.description,
            }
            for link in context["links"]
        ],
        "cross_references": [_ref(a) for a in context["related"] if a.number in numbers],
        "related": [_ref(a) for a in context["related"]],
        "published_at": answer.published_at,
        "local": _local(force, answer) if force is not None else None,
    }


def _local(force, answer):
    info = local_for_force(force, answer)
    note = info["local_note"]
    return {
        "force": {
            "slug": force.slug,
            "name": force.name,
            "url": _absolute(force.get_absolute_url()),
        },
        "note": note.body if note else None,
        "note_language": _shown_in(note) if note else None,
        "note_updated_at": note.updated_at if note else None,
        "law_may_differ": info["law_may_differ"],
    }


def _topic_node(node):
    topic = node.topic
    return {
        "name": topic.name,
        "language": _shown_in(topic),
        "slug": topic.slug,
        "path": topic.url_path,
        "description": topic.description,
        "url": _absolute(topic.get_absolute_url()),
        "api_answers_url": _absolute(
            _in_language(f"{reverse('api:answers')}?topic={topic.url_path}")
        ),
        "sensitive": topic.is_sensitive,  # Topic.objects.with_sensitivity(): marked or under one
        "answer_count": node.answer_count,
        "total_count": node.total_count,
        "children": [_topic_node(child) for child in node.children],
    }


def _force_or_400(slug):
    if not slug:
        return None
    from forces.models import Force

    force = Force.objects.filter(slug=slug).first()
    if force is None:
        raise ApiError(404, "unknown_force", f"No force has the slug {slug!r}.")
    return force


def _moved(request, answer, final):
    """A merged answer's number leads to the answer that replaced it, as on the site."""
    query = request.GET.urlencode()
    url = reverse("api:answer", kwargs={"number": final.number}) + (f"?{query}" if query else "")
    response = HttpResponseRedirect(url, status=301)
    return tag_response(response, tags.answer(answer.number), tags.answer(final.number))


def _page_url(request, page):
    params = request.GET.copy()
    params["page"] = str(page)
    return _absolute(request.path) + "?" + params.urlencode()


def _moment(text):
    try:
        return datetime.datetime.fromisoformat(text.upper().replace(" ", "T")).astimezone(
            datetime.UTC
        )
    except (ValueError, OverflowError):
        raise ApiError(
            400, "invalid_parameter", "updated_since: not a date and time (RFC 3339)."
        ) from None
