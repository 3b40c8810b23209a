"""Each shipped Welsh answer (faq/data/starter/cy/answers) keeps the facts of the English answer
it translates: the same Q-numbers, numbers, links and number of phrasings."""

import re

import pytest

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
def test_welsh_link_titles_name_the_english_links_by_address(path):
    english, welsh = _pair(path)
    # A title follows its link by address: a title written for an older address describes
    # an older page.
    assert [url for url, _ in welsh.link_titles] == [url for _, url, _ in english.links]
