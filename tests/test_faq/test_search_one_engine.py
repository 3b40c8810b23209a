"""One search for every language: each surface (the page, suggestions, the API, the question
form's similar answers) in English and in Welsh goes through the same parser, engine and
ranking, with the language as a parameter; Welsh search is cached and rate limited like
English; and typo correction does bounded work for any query in any language."""

import pytest

import faq.search as site_search
from faq import workflow
from faq.search import query as search_query
from faq.search.weights import MAX_CORRECTED_WORDS, NEAR_WORDS
from questions import forms as question_forms
from tests.factories import make_answer, make_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    stalking = make_answer(
        number=151,
        question="What is stalking?",
        summary="Repeated, unwanted attention that makes you afraid.",
        body="<p>Stalking is a crime. Keep a record of every incident.</p>",
    )
    make_translation(
        answer=stalking,
        language="cy",
        question="Beth yw stelcian?",
        summary="Sylw digroeso ac ailadroddus sy'n codi ofn arnoch chi.",
        body="<p>Mae stelcian yn drosedd. Cadwch gofnod o bob digwyddiad.</p>",
    )
    return stalking


@pytest.fixture
def parsed(monkeypatch):
    """The language of every query the one parser reads, in order."""
    seen = []
    real = site_search.parse

    def spy(text, *, engine, **kwargs):
        seen.append(engine.language.code)
        return real(text, engine=engine, **kwargs)

    monkeypatch.setattr(site_search, "parse", spy)
    return seen


def _ask(client, prefix, question):
    # The question form's step that lists answers that may already answer it.
    question_forms.MIN_SECONDS_TO_FILL = 0
    form = client.get(f"{prefix}/ask/").content.decode()
    started = form.split('name="started" value="', 1)[1].split('"', 1)[0]
    return client.post(f"{prefix}/ask/", {"question": question, "started": started})


SURFACES = {
    "page": lambda client, prefix, text: client.get(f"{prefix}/search/", {"q": text}),
    "suggestions": lambda client, prefix, text: client.get(
        f"{prefix}/search/suggest/", {"q": text}
    ),
    "api": lambda client, prefix, text: client.get(
        "/api/v1/search/", {"q": text, "lang": "cy" if prefix else "en"}
    ),
    "question form": lambda client, prefix, text: _ask(client, prefix, f"{text} what can I do"),
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("prefix", "code", "text", "shown"),
    [("", "en", "stalking", "What is stalking?"), ("/cy", "cy", "stelcian", "Beth yw stelcian?")],
)
def test_every_surface_in_every_language_goes_through_the_one_engine(
    client, answers, parsed, monkeypatch, surface, prefix, code, text, shown
):
    monkeypatch.setattr(question_forms, "MIN_SECONDS_TO_FILL", 0)
    response = SURFACES[surface](client, prefix, text)
    assert response.status_code == 200
    assert shown in response.content.decode("unicode_escape" if surface == "api" else "utf-8")
    assert parsed and parsed[0] == code


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_search_in_either_language_is_kept_in_the_page_cache(client, answers, parsed, prefix):
    first = client.get(f"{prefix}/search/", {"q": "stelcian stalking"})
    searched = len(parsed)
    again = client.get(f"{prefix}/search/", {"q": "stelcian stalking"})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert searched and len(parsed) == searched  # the second answer came from the cache


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_search_in_either_language_is_rate_limited(client, answers, lower_rate_limit, prefix):
    lower_rate_limit(f"{prefix}/search/", 3)
    for n in range(3):
        assert client.get(f"{prefix}/search/", {"q": f"stelcian {n}"}).status_code == 200
    assert client.get(f"{prefix}/search/", {"q": "stelcian"}).status_code == 429


# 100 words of the site's vocabulary, and 30 accented nonsense words within two edits of each.
NEAR = " ".join(f"cofnod{a}{b}" for a in "abcdefghij" for b in "klmnopqrst")
NONSENSE = " ".join(f"côfnôd{a}{b}" for a in "uvwxyz" for b in "uvwxy")


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_typo_correction_does_bounded_work_for_any_query(client, answers, monkeypatch, prefix):
    # 30 accented nonsense words once cost ~42,000 edit-distance comparisons in Welsh: every
    # word against every word of the vocabulary of about its length.
    answers.body = f"<p>{NEAR}</p>"
    answers.save()
    welsh = answers.translations.get()
    welsh.body = f"<p>{NEAR}</p>"
    workflow.save_translation(welsh)
    calls = []
    real = search_query.edit_distance

    def counted(a, b, limit):
        calls.append(a)
        return real(a, b, limit)

    monkeypatch.setattr(search_query, "edit_distance", counted)
    response = client.get(f"{prefix}/search/", {"q": NONSENSE})
    assert response.status_code == 200
    assert len(set(calls)) <= MAX_CORRECTED_WORDS
    assert len(calls) <= MAX_CORRECTED_WORDS * 2 * NEAR_WORDS
