"""Searching in Welsh: the Welsh versions are indexed word for word (PostgreSQL `simple`,
SQLite FTS5), Welsh synonyms and typo correction apply, and Welsh answers come first."""

import html

import pytest

from faq import workflow
from faq.models import AnswerTranslation, Synonym, WelshSynonym
from faq.search import search
from tests.factories import make_answer, make_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    stalking = make_answer(
        number=151,
        question="What is stalking?",
        summary="Repeated, unwanted attention that makes you afraid.",
        body="<p>Stalking is a crime.</p>",
    )
    make_translation(
        answer=stalking,
        language="cy",
        question="Beth yw stelcian?",
        summary="Sylw digroeso ac ailadroddus sy'n codi ofn arnoch chi.",
        body="<p>Mae stelcian yn drosedd. Cadwch gofnod o bob digwyddiad.</p>",
        also_asked="mae rhywun yn fy nilyn i",
    )
    harassment = make_answer(
        number=497,
        question="What is harassment?",
        summary="Behaviour that alarms or distresses you.",
        body="<p>Harassment is a crime, and so is stalking.</p>",
    )
    fraud = make_answer(number=520, question="How do I report fraud?", body="<p>Fraud.</p>")
    make_translation(
        answer=fraud,
        language="cy",
        question="Sut dw i'n riportio twyll?",
        summary="Riportiwch dwyll i Report Fraud.",
        body="<p>Twyll ar-lein a sgamiau dros y ffôn.</p>",
    )
    return stalking, harassment, fraud


def welsh_search(text):
    """The one entry point every surface calls, in Welsh."""
    return search(text, language="cy")


def numbers(results):
    return [hit.answer.number for hit in results.hits]


def test_welsh_words_find_the_welsh_versions(answers):
    results = welsh_search("stelcian")
    assert numbers(results)[0] == 151
    assert results.hits[0].answer.question == "Beth yw stelcian?"
    assert "<mark>stelcian</mark>" in results.hits[0].snippet


def test_a_misspelt_welsh_word_is_corrected(answers):
    results = welsh_search("stelcan")
    assert results.corrected_query == "stelcian"
    assert numbers(results)[0] == 151


def test_welsh_synonyms_apply(answers):
    WelshSynonym.objects.create(term="sgam", replacements="twyll, fraud")
    assert numbers(welsh_search("sgam"))[0] == 520


def test_welsh_answers_first_then_english_ones_marked_english(answers):
    # "stalking" is English: the Welsh version holds none of it, the English answers do.
    WelshSynonym.objects.create(term="stelciwr", replacements="stelcian, stalking")
    results = welsh_search("stelciwr")
    assert numbers(results)[0] == 151  # the Welsh version first
    assert 497 in numbers(results)  # then the English answer, shown in English
    english = next(hit.answer for hit in results.hits if hit.answer.number == 497)
    assert english.shown_in == "en"


def test_unpublished_answers_leave_the_welsh_index(answers):
    stalking, _, _ = answers
    stalking.status = "archived"
    stalking.save()
    assert 151 not in numbers(welsh_search("stelcian"))


def test_editing_the_welsh_text_reindexes_it(answers):
    row = AnswerTranslation.objects.get(answer__number=520)
    row.body = "<p>Gwe-rwydo.</p>"
    workflow.save_translation(row)
    assert numbers(welsh_search("gwe-rwydo")) == [520]


def test_the_welsh_search_page_lists_welsh_answers_first(client, answers):
    WelshSynonym.objects.create(term="stelciwr", replacements="stelcian, stalking")
    page = html.unescape(client.get("/cy/search/", {"q": "stelciwr"}).content.decode())
    assert '<html lang="cy">' in page
    assert page.index("Beth yw stelcian?") < page.index("What is harassment?")
    assert '<li lang="en-GB">' in page  # the English answer is marked as English


def test_english_search_finds_english_answers_first(client, answers):
    page = html.unescape(client.get("/search/", {"q": "stalking"}).content.decode())
    assert "What is stalking?" in page
    assert "Beth yw stelcian?" not in page


def test_welsh_suggestions_give_welsh_questions_and_addresses(client, answers):
    data = client.get("/cy/search/suggest/", {"q": "stelc"}).json()
    assert data["suggestions"][0]["question"] == "Beth yw stelcian?"
    assert data["suggestions"][0]["url"].startswith("/cy/q/151/")


def test_the_starter_synonyms_load(answers):
    from faq.synonyms import load_welsh_synonyms, read_welsh_synonyms

    created, existing = load_welsh_synonyms()
    assert created == len(read_welsh_synonyms()) > 50 and existing == 0
    assert "harassment" in WelshSynonym.objects.get(term="aflonyddu").replacements


@pytest.mark.parametrize(
    ("path", "synonym", "stop_word"),
    [("/search/", Synonym, "how"), ("/cy/search/", WelshSynonym, "sut")],
)
def test_a_stop_word_listed_as_a_synonym_finds_nothing_alone_in_either_language(
    client, answers, path, synonym, stop_word
):
    # One rule for both languages (faq.search.query.term_groups): a single stop word is never
    # a term, even when an editor lists it as a synonym; longer terms that hold one still are.
    synonym.objects.create(term=stop_word, replacements="fraud, twyll")
    page = html.unescape(client.get(path, {"q": stop_word}).content.decode())
    assert "Report Fraud" not in page and "report fraud" not in page
    synonym.objects.create(term=f"{stop_word} report", replacements="fraud, twyll")
    page = html.unescape(client.get(path, {"q": f"{stop_word} report"}).content.decode())
    assert "/q/520/" in page
