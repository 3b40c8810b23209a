"""Reads behind the public pages: each a fixed number of queries whatever the content size."""

import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Lower
from django.utils import timezone

from common.phones import link_phone_numbers

from . import tags, welsh_alphabet
from .contents import with_contents
from .models import Answer, AnswerTranslation, CrossReference, Status, Topic
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


def published_count_filter(prefix="answers"):
    return Q(**{f"{prefix}__status": Status.PUBLISHED})


def top_level_topics():
    return translate_topics(
        Topic.objects.filter(depth=1)
        .annotate(answer_count=Count("answers", filter=published_count_filter(), distinct=True))
        .order_by("display_order", "name")
    )


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
    """A published answer chosen by the date: the same for everyone all day."""
    today = today or timezone.localdate()
    numbers = Answer.objects.published().order_by("number").values_list("number", flat=True)
    count = numbers.count()
    if not count:
        return None
    number = numbers[today.toordinal() % count]
    answer = Answer.objects.only("number", "slug", "question", "summary").get(number=number)
    translate_answers([answer])
    return answer


@dataclass
class LetterGroup:
    letter: str
    answers: list


A_TO_Z_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OTHER_LETTER = "#"  # questions starting with a digit or a symbol
QUOTES_AND_SPACES = "\"'\u201c\u2018\u00bf\u00a1 "


def a_to_z():
    """Every published question by its first letter, A to Z, in one query.

    Returns (letters, groups, untranslated): every letter with whether any question starts
    with it, the groups that have questions, in order, and (on a Welsh page) the answers with
    no Welsh version yet, in English alphabetical order. In Welsh the letters and their order
    are the Welsh alphabet's (faq.welsh_alphabet); an English question is never filed under a
    Welsh letter ("Phone scams" is not a Ph question), so those are listed apart, in English.
    """
    answers = Answer.objects.published().only("number", "slug", "question")
    if language() == WELSH:
        return _welsh_a_to_z(answers)
    groups = {}
    for answer in answers.order_by(Lower("question"), "number"):
        first = answer.question.lstrip(QUOTES_AND_SPACES)[:1].upper()
        letter = first if first in A_TO_Z_LETTERS else OTHER_LETTER
        groups.setdefault(letter, []).append(answer)
    order = [*A_TO_Z_LETTERS, OTHER_LETTER]
    letters = [(letter, letter in groups) for letter in A_TO_Z_LETTERS]
    groups = [LetterGroup(letter, groups[letter]) for letter in order if letter in groups]
    return letters, groups, []


def _welsh_a_to_z(answers):
    """The Welsh A to Z: the Welsh questions by the Welsh alphabet, then the rest in English."""
    welsh_question = AnswerTranslation.objects.filter(answer=OuterRef("pk"), language=WELSH).values(
        "question"
    )[:1]
    groups, untranslated = {}, []
    rows = answers.annotate(welsh_question=Subquery(welsh_question))
    for answer in rows.order_by(Lower("question"), "number"):
        if answer.welsh_question is None:
            answer.shown_in = ENGLISH
            untranslated.append(answer)
            continue
        answer.question, answer.shown_in = answer.welsh_question, WELSH
        letter = welsh_alphabet.first_letter(answer.question) or OTHER_LETTER
        groups.setdefault(letter, []).append(answer)
    for listed in groups.values():
        listed.sort(key=lambda a: (welsh_alphabet.sort_key(a.question), a.number))
    order = [*welsh_alphabet.HEADINGS, OTHER_LETTER]
    letters = [(letter, letter in groups) for letter in welsh_alphabet.HEADINGS]
    groups = [LetterGroup(letter, groups[letter]) for letter in order if letter in groups]
    return letters, groups, untranslated


@dataclass
class TreeNode:
    topic: Topic
    children: list
    answer_count: int
    total_count: int = 0


def topic_tree():
    """The whole tree as nested TreeNodes, with published answer counts, in one query."""
    topics = (
        Topic.objects.with_subtree_answer_counts()
        .with_sensitivity()
        .annotate(answer_count=Count("answers", filter=published_count_filter(), distinct=True))
        .order_by("depth", "display_order", "name")
    )
    nodes = {}
    roots = []
    for topic in translate_topics(topics):
        node = TreeNode(
            topic=topic,
            children=[],
            answer_count=topic.answer_count,
            total_count=topic.subtree_answers,
        )
        nodes[topic.path] = node
        parent = nodes.get(topic.path[: -Topic.steplen])
        (parent.children if parent else roots).append(node)
    return roots


def topic_page(topic):
    """Everything a topic page shows; `topic` comes from `Topic.objects.with_sensitivity()`."""
    ancestors = ancestors_of(topic)
    descendants = list(
        Topic.objects.filter(path__startswith=topic.path, depth__gt=topic.depth).order_by(
            "display_order", "name"
        )
    )
    translate_topics([topic, *ancestors, *descendants])
    children = [t for t in descendants if t.depth == topic.depth + 1]
    answers = translate_answers(
        topic.answers.published().only("number", "slug", "question", "summary").order_by("question")
    )
    if language():
        answers.sort(key=lambda a: a.question.lower())
    return {
        "topic": topic,
        "ancestors": ancestors,
        "children": children,
        "descendants": descendants,
        "child_groups": _answers_by_child(topic, children),
        "answers": answers,
        "sensitive": topic.is_sensitive,  # the topic read with Topic.objects.with_sensitivity()
    }


@dataclass
class ChildGroup:
    topic: Topic
    answers: list


def _answers_by_child(topic, children):
    """Each child topic with the published answers filed anywhere under it, in one query.

    The query runs for a leaf topic too, so a page's query count does not depend on the tree.
    """
    rows = (
        Answer.topics.through.objects.filter(
            topic__path__startswith=topic.path,
            topic__depth__gt=topic.depth,
            answer__status=Status.PUBLISHED,
        )
        .values_list(
            "topic__path",
            "answer_id",
            "answer__number",
            "answer__slug",
            "answer__question",
            "answer__summary",
        )
        .order_by("answer__question", "answer__number")
    )
    width = len(topic.path) + Topic.steplen
    by_path = {child.path: {} for child in children}
    for path, pk, number, slug, question, summary in rows:
        group = by_path.get(path[:width])
        if group is not None and number not in group:
            group[number] = Answer(
                pk=pk, number=number, slug=slug, question=question, summary=summary
            )
    groups = [ChildGroup(child, list(by_path[child.path].values())) for child in children]
    if language():
        translate_answers([a for group in groups for a in group.answers])
        for group in groups:
            group.answers.sort(key=lambda a: a.question.lower())
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
        "sensitive": Answer.objects.is_sensitive(answer),
        "json_ld": answer_json_ld(answer),
        "translation": welsh,
        "untranslated": language() is not None and welsh is None,
    }


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
