"""Reads behind the public pages: each a fixed number of queries whatever the content size."""

import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Subquery, Sum, Window
from django.db.models.functions import Coalesce, DenseRank, Lower, Substr
from django.utils import timezone

from caching.fragments import cached_fragment
from common.phones import link_phone_numbers

from . import tags, welsh_alphabet
from .contents import with_contents
from .models import (
    A_TO_Z_LETTERS,
    OTHER_LETTER,
    Answer,
    AnswerTranslation,
    CrossReference,
    Status,
    Topic,
)
from .references import link_references
from .topics import ancestors_of, ancestors_of_all
from .translations import (
    ENGLISH,
    language,
    translate_answer,
    translate_answers,
    translate_links,
    translate_topics,
)

log = logging.getLogger(__name__)

WELSH = "cy"


def top_level_topics():
    return translate_topics(Topic.objects.filter(depth=1).order_by("display_order", "name"))


@dataclass
class ReadingList:
    ranked: bool  # True: "Most read" by readers in the window; False: the editors' picks
    answers: list


def most_read(limit=6, today=None):
    """The answers most people read over the last MOST_READ_WINDOW_DAYS days, each with at
    least MOST_READ_MIN_READERS readers; until MOST_READ_MIN_ANSWERS answers have that many
    (a new site, a quiet month), the answers editors marked "suggest on the home page"."""
    today = today or timezone.localdate()
    since = today - timedelta(days=settings.MOST_READ_WINDOW_DAYS - 1)
    fields = ("number", "slug", "question", "summary")
    ranked = list(
        Answer.objects.published()
        .filter(view_days__day__gte=since)
        .annotate(readers=Sum("view_days__views"))
        .filter(readers__gte=settings.MOST_READ_MIN_READERS)
        .order_by("-readers", "number")
        .only(*fields)[:limit]
    )
    if len(ranked) >= settings.MOST_READ_MIN_ANSWERS:
        return ReadingList(True, translate_answers(ranked))
    picks = Answer.objects.published().filter(home_pick=True).order_by("number").only(*fields)
    return ReadingList(False, translate_answers(picks[:limit]))


def question_of_the_day(today=None):
    """A published answer chosen by the date: the same for everyone all day.

    The day picks a number between the lowest and the highest published one and the answer is
    the first published from there: two lookups in the numbers' index, however many answers
    there are (counting them and skipping to the n-th would read them all)."""
    today = today or timezone.localdate()
    published = Answer.objects.published()
    numbers = published.values_list("number", flat=True)
    low, high = numbers.order_by("number").first(), numbers.order_by("-number").first()
    if low is None:
        return None
    # A large prime stride walks the range in an order unlike the numbering, day after day.
    picked = low + (today.toordinal() * 7919) % (high - low + 1)
    fields = ("number", "slug", "question", "summary")
    answer = published.filter(number__gte=picked).order_by("number").only(*fields).first()
    return translate_answers([answer])[0]


@dataclass
class LetterGroup:
    letter: str
    answers: list
    total: int = 0  # questions under the letter (0: not counted)
    more: bool = False  # more than are shown: all of them are on the letter's own page


A_TO_Z_SHOWN = 25  # questions under each letter on the A to Z; all of them on the letter's page
A_TO_Z_PAGE_SIZE = 200  # questions a page on a letter's own page
NOT_IN_WELSH = "not-in-welsh"  # the Welsh A to Z's list of answers with no Welsh version yet


@dataclass
class AToZ:
    letters: list  # (heading, whether any question is filed under it), in the alphabet's order
    groups: list  # LetterGroups: on the A to Z, each letter's first few; on a letter's page, one
    untranslated: LetterGroup | None = None  # Welsh: answers not in Welsh yet (English order)
    letter: str | None = None  # the letter whose own page this is
    page: object = None
    move_to: dict | None = None  # the query to send the visitor to instead


def a_to_z(letter=None, page=""):
    """The A to Z: every letter, with the first A_TO_Z_SHOWN questions filed under each and how
    many there are; with `letter`, that letter's own page: all its questions, a page at a time.

    In Welsh the letters and their order are the Welsh alphabet's (faq.welsh_alphabet); an
    English question is never filed under a Welsh letter ("Phone scams" is not a Ph question),
    so those are listed apart, in English (`untranslated`, and its own page NOT_IN_WELSH).
    """
    answers = Answer.objects.published().only("number", "slug", "question")
    if language() == WELSH:
        return _welsh_a_to_z(answers, letter, page)
    if letter is not None:
        return _english_letter_page(answers, letter, page)
    totals = a_to_z_letter_counts()
    shown = _first_under_each_letter([*A_TO_Z_LETTERS, OTHER_LETTER], A_TO_Z_SHOWN + 1)
    groups = []
    for heading in [*A_TO_Z_LETTERS, OTHER_LETTER]:
        listed = shown.get(heading)
        if listed:
            total = max(totals.get(heading, 0), len(listed))
            groups.append(
                LetterGroup(heading, listed[:A_TO_Z_SHOWN], total, more=len(listed) > A_TO_Z_SHOWN)
            )
    return AToZ(letters=[(heading, heading in shown) for heading in A_TO_Z_LETTERS], groups=groups)


def _first_under_each_letter(headings, count):
    """{heading: the first `count` published questions filed under it}, in one query whatever
    the number of answers: one ordered range of the (status, letter, key, number) index read
    per heading, joined with UNION ALL (written out, as SQLite takes no LIMIT in a compound's
    parts from the ORM)."""
    published = Answer.objects.published()
    parts, params = [], []
    for i, heading in enumerate(headings):
        part = (
            published.filter(a_to_z_letter=heading)
            .order_by("question_key", "number")
            .values_list("a_to_z_letter", "question_key", "number", "slug", "question")[:count]
        )
        sql, part_params = part.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS letter_{i}")
        params.extend(part_params)
    with connections[published.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    shown = {}
    for heading, _key, number, slug, question in sorted(rows):
        shown.setdefault(heading, []).append(Answer(number=number, slug=slug, question=question))
    return shown


def a_to_z_letter_counts():
    """{heading: published questions filed under it}. Counting reads every answer's index
    entry, so the result is kept (as the topic counts are) until an answer changes."""
    return cached_fragment("a-to-z-letter-counts", _count_letters)


def published_answer_count():
    """How many answers are published (the A to Z's kept letter counts, added up)."""
    return sum(a_to_z_letter_counts().values())


def _count_letters():
    rows = (
        Answer.objects.published()
        .order_by()
        .values("a_to_z_letter")
        .annotate(n=Count("*"))
        .values_list("a_to_z_letter", "n")
    )
    return dict(rows), [tags.all_answers()]


def _english_letter_page(answers, letter, page):
    if letter not in [*A_TO_Z_LETTERS, OTHER_LETTER]:
        return AToZ(letters=[], groups=[], move_to={})
    listed = answers.filter(a_to_z_letter=letter).order_by("question_key", "number")
    count = a_to_z_letter_counts().get(letter, 0)
    shown, move_to = page_of(listed, page, A_TO_Z_PAGE_SIZE, count=count)
    if move_to is not None:
        return AToZ(letters=[], groups=[], move_to=_letter_query(letter, move_to))
    group = LetterGroup(letter, list(shown.object_list), shown.paginator.count)
    letters = [(heading, True) for heading in A_TO_Z_LETTERS]
    return AToZ(letters=letters, groups=[group], letter=letter, page=shown)


def _letter_query(letter, number):
    query = {"letter": letter}
    if page_parameter(number):
        query["page"] = page_parameter(number)
    return query


def letter_address(address, letter, number=1):
    """The address of page `number` of `letter`'s own page of the A to Z at `address`."""
    from urllib.parse import urlencode

    return f"{address}?{urlencode(_letter_query(letter, number))}"


def _welsh_a_to_z(answers, letter, page):
    """The Welsh A to Z: the Welsh questions by the Welsh alphabet, then the rest in English.

    The Welsh versions are written one by one, so they are read whole and sorted here by the
    Welsh alphabet; the answers without one (as many as there are answers) are counted and
    listed a page at a time by the database, in English order."""
    welsh = AnswerTranslation.objects.filter(answer=OuterRef("pk"), language=WELSH)
    translated = answers.filter(Exists(welsh)).annotate(
        welsh_question=Subquery(welsh.values("question")[:1])
    )
    untranslated = answers.exclude(Exists(welsh)).order_by("question_key", "number")
    if letter == NOT_IN_WELSH:
        shown, move_to = page_of(untranslated, page, A_TO_Z_PAGE_SIZE)
        if move_to is not None:
            return AToZ(letters=[], groups=[], move_to=_letter_query(letter, move_to))
        listed = LetterGroup(letter, _in_english(shown.object_list), shown.paginator.count)
        return AToZ(letters=[], groups=[], untranslated=listed, letter=letter, page=shown)
    groups = {}
    for answer in translated:
        answer.question, answer.shown_in = answer.welsh_question, WELSH
        heading = welsh_alphabet.first_letter(answer.question) or OTHER_LETTER
        groups.setdefault(heading, []).append(answer)
    for listed in groups.values():
        listed.sort(key=lambda a: (welsh_alphabet.sort_key(a.question), a.number))
    order = [*welsh_alphabet.HEADINGS, OTHER_LETTER]
    letters = [(heading, heading in groups) for heading in welsh_alphabet.HEADINGS]
    if letter is not None:
        if letter not in order:
            return AToZ(letters=[], groups=[], move_to={})
        shown, move_to = page_of(groups.get(letter, []), page, A_TO_Z_PAGE_SIZE)
        if move_to is not None:
            return AToZ(letters=[], groups=[], move_to=_letter_query(letter, move_to))
        group = LetterGroup(letter, list(shown.object_list), shown.paginator.count)
        return AToZ(letters=letters, groups=[group], letter=letter, page=shown)
    first_untranslated = _in_english(untranslated[: A_TO_Z_SHOWN + 1])
    return AToZ(
        letters=letters,
        groups=[
            LetterGroup(
                heading,
                groups[heading][:A_TO_Z_SHOWN],
                len(groups[heading]),
                more=len(groups[heading]) > A_TO_Z_SHOWN,
            )
            for heading in order
            if heading in groups
        ],
        untranslated=LetterGroup(
            NOT_IN_WELSH,
            first_untranslated[:A_TO_Z_SHOWN],
            more=len(first_untranslated) > A_TO_Z_SHOWN,  # not counted: that reads them all
        )
        if first_untranslated
        else None,
    )


def _in_english(answers):
    answers = list(answers)
    for answer in answers:
        answer.shown_in = ENGLISH
    return answers


@dataclass
class TreeNode:
    topic: Topic
    children: list
    answer_count: int
    total_count: int = 0


def topic_tree():
    """The whole tree as nested TreeNodes, with published answer counts (a kept aggregate)."""
    counts = topic_answer_counts()
    topics = Topic.objects.with_sensitivity().order_by("depth", "display_order", "name")
    nodes = {}
    roots = []
    for topic in translate_topics(topics):
        own, total = counts.get(topic.pk, (0, 0))
        node = TreeNode(topic=topic, children=[], answer_count=own, total_count=total)
        nodes[topic.path] = node
        parent = nodes.get(topic.path[: -Topic.steplen])
        (parent.children if parent else roots).append(node)
    return roots


def topic_answer_counts():
    """{topic id: (published answers filed there, those filed there or in any subtopic, each
    counted once)}. Counting reads every filing, so the result is kept (as a page part is)
    until an answer or a topic changes: a page that shows the counts never counts."""
    return cached_fragment("topic-answer-counts", _count_topic_answers)


def _count_topic_answers():
    filed = Answer.topics.through.objects.filter(answer__status=Status.PUBLISHED).order_by()
    own = dict(filed.values("topic_id").annotate(n=Count("answer_id")).values_list("topic_id", "n"))
    # Those under it: as the API lists them (Answer.objects.in_subtree), in one query.
    under = Topic.objects.with_subtree_answer_counts().values_list("pk", "subtree_answers")
    counts = {pk: (own.get(pk, 0), total) for pk, total in under if total or pk in own}
    return counts, [tags.all_answers(), tags.all_topics()]


TOPIC_PAGE_SIZE = 50  # a topic's own questions per page
SUBTOPIC_PREVIEW = 10  # questions shown for each subtopic, before "all questions in …"


def page_of(items, asked, per_page, *, count=None):
    """The page of `items` that `asked` (the raw ?page= value, "" for none) names (`count`:
    how many items there are, when it is known without counting them).

    Returns (page, None), or (None, n) when the visitor should be sent to page n instead: the
    first page for anything that is not a page number, the last for a number past the end,
    and every page under one spelling only (no ?page=1, no ?page=02), so each page is one
    address in every cache.
    """
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is never counted
    wanted = int(asked) if asked.isascii() and asked.isdigit() else 1
    number = min(max(wanted, 1), paginator.num_pages)
    if asked != page_parameter(number):
        return None, number
    return paginator.page(number), None


def page_parameter(number):
    """The ?page= value of page `number`: none for the first."""
    return "" if number == 1 else str(number)


def page_url(address, number):
    """The address of page `number` of the list at `address`."""
    parameter = page_parameter(number)
    joiner = "&" if "?" in address else "?"
    return f"{address}{joiner}page={parameter}" if parameter else address


@dataclass
class PageLink:
    number: int | None  # None: the gap between page numbers ("…")
    url: str = ""
    current: bool = False


@dataclass
class Pagination:
    """What includes/pagination.html shows: previous and next, and the page numbers (the
    first, the last and those around the current one, with gaps between)."""

    number: int
    count: int
    previous_url: str
    next_url: str
    links: list


def pagination(page, address):
    """The pagination of a list at `address` on `page` (a Django Page); None for one page."""
    paginator = page.paginator
    if paginator.num_pages < 2:
        return None
    links = [
        PageLink(None)
        if number == paginator.ELLIPSIS
        else PageLink(number, page_url(address, number), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Pagination(
        number=page.number,
        count=paginator.num_pages,
        previous_url=page_url(address, page.number - 1) if page.has_previous() else "",
        next_url=page_url(address, page.number + 1) if page.has_next() else "",
        links=links,
    )


def in_question_order(answers, code=None):
    """Answers in the order of their questions as the page shows them (the translation's
    question where there is one), sorted by the database so a page can be sliced from it."""
    code = code or language()
    if code is None:
        return answers.order_by("question_key", "number")
    shown = AnswerTranslation.objects.filter(answer=OuterRef("pk"), language=code)
    shown_question = Coalesce(Subquery(shown.values("question")[:1]), "question")
    return answers.annotate(shown_question=shown_question).order_by(
        Lower("shown_question"), "number"
    )


def topic_page(topic, page=""):
    """Everything a topic page shows (`topic` comes from `Topic.objects.with_sensitivity()`):
    its subtopics, each with its first questions, then the topic's own questions a page at a
    time. With `move_to` set (and nothing else), the
    page asked for is not one to show: the visitor is sent to that page number."""
    fields = ("number", "slug", "question", "summary")
    own = in_question_order(topic.answers.published().only(*fields))
    # How many: the kept topic counts, not a count of the topic's answers on every build.
    count = topic_answer_counts().get(topic.pk, (0, 0))[0]
    answers_page, move_to = page_of(own, page, TOPIC_PAGE_SIZE, count=count)
    if move_to is not None:
        return {"topic": topic, "move_to": move_to}
    ancestors = ancestors_of(topic)
    descendants = list(
        Topic.objects.filter(path__startswith=topic.path, depth__gt=topic.depth).order_by(
            "display_order", "name"
        )
    )
    translate_topics([topic, *ancestors, *descendants])
    children = [t for t in descendants if t.depth == topic.depth + 1]
    first_page = answers_page.number == 1
    return {
        "topic": topic,
        "ancestors": ancestors,
        "children": children,
        "descendants": descendants,
        # The subtopics on the first page only: later pages continue the topic's own list.
        "child_groups": _kept_answers_by_child(topic, children, ancestors, descendants)
        if first_page
        else [],
        "answers": translate_answers(answers_page.object_list),
        "page": answers_page,
        "pagination": pagination(answers_page, topic.get_absolute_url()),
        "address": page_url(topic.get_absolute_url(), answers_page.number),
        "sensitive": topic.is_sensitive,  # the topic read with Topic.objects.with_sensitivity()
        "move_to": None,
    }


@dataclass
class ChildGroup:
    topic: Topic
    answers: list
    more: bool  # there are more questions under it than are shown here


def _kept_answers_by_child(topic, children, ancestors, descendants):
    """_answers_by_child, kept as a part of the page (per topic and language) under the page's
    own tags: ranking every answer under the topic is done once per change there, not on each
    build of the page (another force chosen, the page cache's copy evicted)."""

    def build():
        groups = _answers_by_child(topic, children)
        kept = {group.topic.pk: (group.answers, group.more) for group in groups}
        context = {"topic": topic, "ancestors": ancestors, "descendants": descendants}
        return kept, topic_page_tags(context)

    kept = cached_fragment(f"topic-children:{topic.pk}:{language() or ENGLISH}", build)
    return [ChildGroup(child, *kept.get(child.pk, ([], False))) for child in children]


def _answers_by_child(topic, children):
    """Each child topic with the first SUBTOPIC_PREVIEW published answers filed anywhere under
    it, in one query, however many there are: the database ranks each child's answers and
    sends only the first few of each.

    The query runs for a leaf topic too, so a page's query count does not depend on the tree.
    """
    width = len(topic.path) + Topic.steplen
    child_path = Substr("topic__path", 1, width)
    code = language()
    question = F("answer__question_key")
    if code is not None:
        shown = AnswerTranslation.objects.filter(answer=OuterRef("answer_id"), language=code)
        question = Lower(Coalesce(Subquery(shown.values("question")[:1]), "answer__question"))
    # An answer filed twice under one child has the same rank both times: DENSE_RANK counts it
    # once. One more than is shown says whether there are more.
    rank = Window(DenseRank(), partition_by=[child_path], order_by=[question, "answer__number"])
    rows = (
        Answer.topics.through.objects.filter(
            topic__path__startswith=topic.path,
            topic__depth__gt=topic.depth,
            answer__status=Status.PUBLISHED,
        )
        .annotate(child_path=child_path, rank=rank)
        .filter(rank__lte=SUBTOPIC_PREVIEW + 1)
        .values_list(
            "child_path",
            "rank",
            "answer_id",
            "answer__number",
            "answer__slug",
            "answer__question",
            "answer__summary",
        )
    )
    by_path = {child.path: {} for child in children}
    for path, rank, pk, number, slug, question_text, summary in rows:
        group = by_path.get(path)
        if group is not None and number not in group:
            group[number] = (
                rank,
                Answer(pk=pk, number=number, slug=slug, question=question_text, summary=summary),
            )
    groups = []
    for child in children:
        ranked = sorted(by_path[child.path].values(), key=lambda pair: pair[0])
        answers = [answer for _, answer in ranked]
        groups.append(
            ChildGroup(child, answers[:SUBTOPIC_PREVIEW], len(answers) > SUBTOPIC_PREVIEW)
        )
    translate_answers([a for group in groups for a in group.answers], code)
    return groups


def answer_page(answer):
    """Everything the answer page shows besides local force information, in the page's
    language (the English text, marked as such, when the answer has no translation)."""
    welsh = translate_answer(answer)
    primary = answer.primary_topic
    topics = list(answer.topics.all())
    # Every topic above one the answer is filed under: whether it is sensitive depends on them
    # all, so the page is tagged with them all (ticking "sensitive" on one makes it stale).
    above = ancestors_of_all([*topics, primary] if primary else topics)
    ancestors = [t for t in above if primary.path.startswith(t.path)] if primary else []
    ancestors = [t for t in ancestors if len(t.path) < len(primary.path)]
    links = translate_links(list(answer.links.all()))
    reference_numbers = list(
        CrossReference.objects.filter(source=answer).values_list("target_number", flat=True)
    )
    # Two indexed lookups joined with UNION: an OR across them would scan every answer.
    fields = ("id", "number", "slug", "question", "summary")
    linked = Answer.objects.published().filter(number__in=reference_numbers)
    referring = Answer.objects.published().filter(
        pk__in=CrossReference.objects.filter(target_number=answer.number).values("source_id")
    )
    both = linked.only(*fields).order_by().union(referring.only(*fields).order_by())
    related = translate_answers([o for o in both.order_by("number") if o.pk != answer.pk])
    translate_topics([*ancestors, primary, *topics])
    # The published answers this body refers to are among the related ones: link only those.
    targets = {a.number: a.get_absolute_url() for a in related if a.number in reference_numbers}
    titles = {a.number: a.question for a in related}
    body_html, contents = with_contents(
        link_phone_numbers(link_references(answer.body, targets, titles))
    )
    return {
        "answer": answer,
        "body_html": body_html,
        "contents": contents,
        "crumbs": [*ancestors, primary] if primary else [],
        "topics_above": above,
        "links": links,
        "related": related,
        "topics": topics,
        "reference_numbers": reference_numbers,
        "sensitive": _sensitive(answer),
        "json_ld": answer_json_ld(answer),
        "translation": welsh,
        "untranslated": language() is not None and welsh is None,
    }


def _sensitive(answer):
    """Answer.objects.with_sensitivity() for this answer: read with it, or asked now."""
    if hasattr(answer, "is_sensitive"):
        return answer.is_sensitive
    return Answer.objects.is_sensitive(answer)


def topic_page_tags(context):
    topic = context["topic"]
    related = [topic, *context["ancestors"], *context["descendants"]]
    return [
        *(tags.topic_answers(t.pk) for t in [topic, *context["descendants"]]),
        *(tags.topic(t.pk) for t in related),
    ]


def answer_page_tags(context):
    answer = context["answer"]
    numbers = {answer.number, *context["reference_numbers"]}
    numbers.update(a.number for a in context["related"])
    topics = {
        *(t.pk for t in context["crumbs"]),
        *(t.pk for t in context["topics"]),
        *(t.pk for t in context["topics_above"]),
    }
    return [*(tags.answer(n) for n in numbers), *(tags.topic(pk) for pk in topics)]


def answer_json_ld(answer):
    """schema.org QAPage for one answer, as a JSON string safe to put in a <script> block."""

    url = settings.SITE_URL + answer.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "url": url,
        "inLanguage": "cy" if getattr(answer, "shown_in", None) == "cy" else "en-GB",
        "mainEntity": {
            "@type": "Question",
            "name": answer.question,
            "text": answer.summary,
            "answerCount": 1,
            "dateCreated": answer.created_at.isoformat() if answer.created_at else None,
            "acceptedAnswer": {
                "@type": "Answer",
                "text": answer.body_text or answer.summary,
                "url": url,
                "dateModified": answer.updated_at.isoformat() if answer.updated_at else None,
            },
        },
    }
    text = json.dumps(data, ensure_ascii=False)
    # Nothing in the data may close the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
