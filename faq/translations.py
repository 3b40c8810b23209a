"""Answers and topics in the visitor's language.

English is the text of Answer and Topic themselves; another language's text lives in
AnswerTranslation and TopicTranslation rows. The public pages ask `language()` and, in Welsh,
put each translation's text on the objects they show (for display only: never saved). An
answer without a translation keeps its English text and is marked `shown_in = "en"`, so the
page can say so and mark that text lang="en".
"""

import hashlib

from django.conf import settings
from django.utils import translation

from .models import AnswerTranslation, TopicTranslation

ENGLISH = "en"


def language():
    """The code of the page's language when it is not English ("cy"), else None."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return None if code == settings.LANGUAGE_CODE else code


def english_digest(answer):
    """A fingerprint of the English text a translation follows."""
    parts = [answer.question, answer.summary, answer.body, answer.also_asked]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def is_outdated(answer_translation):
    """True when the English answer changed after this translation was made or reviewed."""
    return answer_translation.source_digest != english_digest(answer_translation.answer)


def mark_in_step(answer_translation, answer=None):
    """Record that this translation follows the English answer as it stands now."""
    answer = answer or answer_translation.answer
    answer_translation.source_digest = english_digest(answer)
    type(answer_translation).objects.filter(pk=answer_translation.pk).update(
        source_digest=answer_translation.source_digest
    )


def outdated_answer_ids(code="cy"):
    """Answers whose translation into `code` is older than their English text."""
    rows = AnswerTranslation.objects.filter(language=code).select_related("answer")
    return [row.answer_id for row in rows if is_outdated(row)]


def translate_answers(answers, code=None):
    """Put the translation of each answer's question and summary on it (one query)."""
    code = code or language()
    answers = [a for a in answers if a is not None]
    if code is None or not answers:
        return answers
    rows = AnswerTranslation.objects.filter(
        language=code, answer_id__in=[a.pk for a in answers]
    ).only("answer_id", "question", "summary", "review", "last_reviewed")
    found = {row.answer_id: row for row in rows}
    for answer in answers:
        row = found.get(answer.pk)
        answer.shown_in = code if row else ENGLISH
        if row:
            answer.question, answer.summary = row.question, row.summary
            answer.translation_reviewed = row.last_reviewed
            answer.translation_review = row.review
    return answers


def translate_answer(answer, code=None):
    """The whole answer in the page's language: its translation row (or None) after putting
    the translated text on `answer`."""
    code = code or language()
    if code is None:
        return None
    row = AnswerTranslation.objects.filter(answer=answer, language=code).first()
    answer.shown_in = code if row else ENGLISH
    if row:
        answer.question, answer.summary, answer.body = row.question, row.summary, row.body
        answer.also_asked = row.also_asked
        answer.body_text = row.body_text
        answer.translation_reviewed = row.last_reviewed
        answer.translation_review = row.review
    return row


def question_in_language(answer, code):
    """The answer's question in `code` (a settings.LANGUAGES code), English when it has no
    translation: for emails, without changing `answer`."""
    if code == settings.LANGUAGE_CODE:
        return answer.question
    row = AnswerTranslation.objects.filter(answer=answer, language=code).only("question").first()
    return row.question if row else answer.question


def translate_topics(topics, code=None):
    """Put the translated name and description on each topic (one query). `shown_in` is the
    name's language, `description_shown_in` the description's: a translation without a
    description keeps the English one."""
    code = code or language()
    topics = [t for t in topics if t is not None]
    if code is None or not topics:
        return topics
    rows = TopicTranslation.objects.filter(language=code, topic_id__in={t.pk for t in topics})
    found = {row.topic_id: row for row in rows}
    for topic in topics:
        row = found.get(topic.pk)
        topic.shown_in = code if row else ENGLISH
        topic.description_shown_in = code if row and row.description else ENGLISH
        if row:
            topic.name, topic.description = row.name, row.description or topic.description
    return topics


def translate_links(links, code=None):
    """Welsh link titles where staff gave one (the English title, marked so, otherwise)."""
    code = code or language()
    if code == "cy":
        for link in links:
            link.shown_in = code if link.title_cy else ENGLISH
            link.title = link.title_cy or link.title
    return links
