"""Each shipped Welsh answer (faq/data/starter/cy/answers) keeps the facts of the English answer
it translates: the same Q-numbers, numbers, links and number of phrasings."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from faq.models import AnswerTranslation
from faq.references import find_references
from faq.starter import STARTER_DIR, WELSH_DIR, parse_answer_file, parse_welsh_file

WELSH_FILES = sorted((WELSH_DIR / "answers").glob("*.txt"))


def _pair(path):
    return parse_answer_file(STARTER_DIR / "answers" / path.name), parse_welsh_file(path)


def _numbers(*texts):
    """Every run of digits in the visible text (phone numbers, ages, sections, years)."""
    return set(re.findall(r"\d+", re.sub(r"<[^>]+>", " ", " ".join(texts))))


@pytest.mark.parametrize("path", WELSH_FILES, ids=lambda p: p.stem)
def test_a_welsh_answer_keeps_the_english_facts(path):
    english, welsh = _pair(path)
    assert welsh.number == english.number
    # Numbers the Welsh may add (Q208 and Q404 give the Welsh Government's helpline) are
    # listed in REVIEW-NOTES.md; none of the English may go missing.
    missing = _numbers(english.question, english.summary, english.body) - _numbers(
        welsh.question, welsh.summary, welsh.body
    )
    assert not missing, f"numbers in the English but not the Welsh: {sorted(missing)}"
    assert sorted(find_references(welsh.body)) == sorted(find_references(english.body))
    assert re.findall(r'href="([^"]+)"', welsh.body) == re.findall(r'href="([^"]+)"', english.body)
    assert len(welsh.also_asked) == len(english.also_asked)


@pytest.mark.parametrize("path", WELSH_FILES, ids=lambda p: p.stem)
def test_a_welsh_question_and_summary_fit_the_fields_they_load_into(path):
    welsh = parse_welsh_file(path)
    # PostgreSQL refuses a longer value when load_initial_data saves it (SQLite does not).
    field = AnswerTranslation._meta.get_field
    assert len(welsh.summary) <= field("summary").max_length
    assert len(welsh.question) <= field("question").max_length


@pytest.mark.parametrize("path", WELSH_FILES, ids=lambda p: p.stem)
def test_welsh_link_titles_name_the_english_links_by_address(path):
    english, welsh = _pair(path)
    # A title follows its link by address: a title written for an older address describes
    # an older page.
    assert [url for url, _ in welsh.link_titles] == [url for _, url, _ in english.links]


# Patterns that tell a Welsh reader a text was translated, not written in Welsh (issue 29).
# A verb after "beth" takes the soft mutation in written Welsh: "Beth allwch chi", "beth ddylwn i".
UNMUTATED_AFTER_BETH = re.compile(
    r"\bbeth (?:gall|gell|dyl|bydd|byddw|caf|cei|cew|cafodd|cawn|gwna|gwne)\w*", re.IGNORECASE
)
# "Dim ... bai" is spoken; written Welsh negates a fronted phrase with "Nid".
SPOKEN_NEGATIVE = re.compile(r"\bDim (?:eich|ei|fy|dy|ein|eu) bai\b")
# An Act is named in Welsh in a summary, as in the body (the English name in brackets there).
ENGLISH_ACT_NAME = re.compile(r"\bAct \d{4}\b")


def _translated_interface_text():
    """The msgstr lines of the Welsh interface catalogue (not the English msgid ones)."""
    kept, in_msgstr = [], False
    catalogue = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    for line in catalogue.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid", "msgctxt", "#")) or not line.strip():
            in_msgstr = False
        elif line.startswith("msgstr"):
            in_msgstr = True
        if in_msgstr:
            kept.append(line)
    return "\n".join(kept)


WELSH_TEXTS = [
    *((p.stem, p.read_text(encoding="utf-8")) for p in WELSH_FILES),
    ("topics-cy", (WELSH_DIR / "topics-cy.json").read_text(encoding="utf-8")),
    ("interface", _translated_interface_text()),
]


@pytest.mark.parametrize("name, text", WELSH_TEXTS, ids=[name for name, _ in WELSH_TEXTS])
def test_welsh_text_mutates_after_beth_and_negates_in_writing(name, text):
    assert not UNMUTATED_AFTER_BETH.findall(text)
    assert not SPOKEN_NEGATIVE.findall(text)


@pytest.mark.parametrize("path", WELSH_FILES, ids=lambda p: p.stem)
def test_a_welsh_question_and_summary_name_acts_in_welsh(path):
    welsh = parse_welsh_file(path)
    assert not ENGLISH_ACT_NAME.findall(welsh.question + " " + welsh.summary)
