import re

import pytest

from faq import workflow
from faq.models import Status, UnansweredSearch
from faq.search import clean_query, number_in_query, search
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    online = make_topic(name="Online safety")
    neighbours = make_topic(name="Neighbours")
    return {
        "title": make_answer(
            number=497,
            question="What can I do about harassment?",
            summary="Repeated unwanted behaviour can be a crime.",
            body="<p>Keep a diary of every incident.</p>",
            keywords="bullying, pestering",
        ),
        "body_only": make_answer(
            number=610,
            question="Someone keeps messaging me",
            summary="Unwanted messages and what to do.",
            body="<p>Messages like these can amount to harassment under the law.</p>",
            topics=[online],
        ),
        "keyword": make_answer(
            number=720,
            question="My neighbour plays loud music",
            summary="Noise from next door.",
            body="<p>Contact the council about noise.</p>",
            keywords="noise, music, parties",
            topics=[neighbours],
        ),
        "topic_only": make_answer(
            number=730,
            question="Are video calls private?",
            summary="Securing meetings.",
            body="<p>Use a waiting room and a password.</p>",
            topics=[online],
        ),
        "draft": make_answer(
            number=800,
            question="Harassment draft answer",
            status=Status.DRAFT,
        ),
    }


def numbers(results):
    return [hit.answer.number for hit in results.hits]


def test_question_matches_rank_above_body_matches(corpus):
    results = search("harassment")
    assert numbers(results) == [497, 610]
    assert results.total == 2


def test_stemming_finds_other_forms_of_a_word(corpus):
    assert 497 in numbers(search("harassed"))


def test_keywords_and_topic_names_are_searched(corpus):
    assert numbers(search("parties")) == [720]
    assert 730 in numbers(search("online safety"))


def test_any_word_may_match_and_more_matched_words_rank_higher(corpus):
    # Issue 11: one extra word no longer empties the results.
    assert numbers(search("harassment diary")) == [497]
    assert set(numbers(search("harassment noise"))) == {497, 720}
    assert numbers(search("harassment xyzzyplugh")) == [497, 610]
    # An answer holding a word only in its body is listed when it holds most of the query.
    assert numbers(search("messages harassment law")) == [610, 497]


def test_a_word_in_most_answers_does_not_choose_them_when_a_rarer_word_is_there(
    corpus, monkeypatch
):
    # On a large site "help" or "police" is in thousands of answers; ranking them all was most
    # of a search's time. Here the threshold is lowered so the small corpus shows the rule:
    # "harassment" (2 of 4 published answers) is common.
    monkeypatch.setattr("faq.search.query.COMMON_MIN_ANSWERS", 1)
    monkeypatch.setattr("faq.search.query.COMMON_SHARE", 0.4)
    # The rarer word chooses; the common one still orders what it chose.
    assert numbers(search("harassment diary")) == [497]
    assert numbers(search("harassment noise")) == [720]
    # Alone, or with only common company, the common word still finds everything it is in.
    assert numbers(search("harassment")) == [497, 610]
    assert numbers(search("harassment xyzzyplugh")) == [497, 610]


def test_excluded_words_and_phrases(corpus):
    assert numbers(search("harassment -diary")) == [610]
    assert numbers(search('"loud music"')) == [720]


def test_drafts_are_never_found(corpus):
    assert 800 not in numbers(search("draft"))


def test_snippets_of_long_answers_are_cut_at_word_boundaries(corpus):
    words = [f"word{i}" for i in range(300)]
    words[150] = "kettle"
    make_answer(number=901, question="A long answer", body=f"<p>{' '.join(words)}.</p>")
    snippet = search("kettle").hits[0].snippet
    assert "<mark>kettle</mark>" in snippet
    shown = re.sub(r"</?mark>", "", snippet).replace("…", " ").replace(".", " ").split()
    assert len(shown) < 100, "a snippet, not the whole body"
    assert set(shown) <= set(words), "every word shown whole"
    assert snippet.startswith("…") and snippet.endswith("…")


def test_snippet_highlights_matched_words_and_escapes_text(corpus):
    make_answer(
        number=900,
        question="Threats by text",
        body="<p>Threatening &lt;script&gt; messages are a crime.</p>",
    )
    hit = search("threatening")
    snippet = hit.hits[0].snippet
    assert "<mark>Threatening</mark>" in snippet
    assert "<script>" not in snippet
    # PostgreSQL's headline parser drops tag-like text; the fallback escapes it.
    assert "script" not in snippet or "&lt;script&gt;" in snippet


def test_pagination(corpus):
    for i in range(12):
        make_answer(question=f"Scam number {i}", summary="About scams.")
    first = search("scam", page=1, page_size=5)
    assert first.total == 12 and first.pages == 3 and len(first.hits) == 5
    assert first.has_next and not first.has_previous
    last = search("scam", page=99, page_size=5)
    assert last.page == 3 and len(last.hits) == 2


@pytest.mark.parametrize(
    ("typed", "number"),
    [("497", 497), ("Q497", 497), (" q 497 ", 497), ("harassment", None), ("Q49x", None)],
)
def test_number_in_query(typed, number):
    assert number_in_query(typed) == number


def test_clean_query_drops_control_characters_and_trims():
    assert clean_query("  a\x00b\u202e c  ") == "a b c"
    assert len(clean_query("x" * 5000)) == 200


def test_search_page_jumps_to_answer_number(client, corpus):
    for typed in ("497", "Q497", "q497"):
        response = client.get("/search/", {"q": typed})
        assert response.status_code == 302
        assert response["Location"] == "/q/497/what-can-i-do-about-harassment/"


def test_search_page_number_not_found_searches_instead(client, corpus):
    response = client.get("/search/", {"q": "Q4040"})
    assert response.status_code == 200
    assert "No answers matched" in response.content.decode()


def test_search_page_lists_results_with_highlights(client, corpus):
    body = client.get("/search/", {"q": "harassment"}).content.decode()
    assert "2 results for “harassment”" in body
    assert body.index("What can I do about harassment?") < body.index("Someone keeps messaging me")
    assert "<mark>" in body


def test_empty_search_is_a_prompt_not_an_error(client, corpus):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Type a few words" in body
    assert "There is a problem" not in body
    assert not UnansweredSearch.objects.exists()


def test_no_results_suggests_topics_and_asking_and_records_query(client, corpus):
    body = client.get("/search/", {"q": "Parking Tickets"}).content.decode()
    assert "No answers matched" in body
    assert 'href="/ask/"' in body
    assert "Online safety" in body
    client.get("/search/", {"q": "parking tickets"})
    logged = UnansweredSearch.objects.get()
    assert logged.query == "parking tickets" and logged.count == 2


def test_hostile_search_text_is_escaped(client, corpus):
    body = client.get("/search/", {"q": '<script>alert("x")</script> {{ 7*7 }}'}).content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body
    assert "{{ 7*7 }}" in body  # shown literally, never evaluated


def test_search_results_follow_edits(corpus):
    answer = corpus["keyword"]
    answer.question = "My neighbour has a barking dog"
    workflow.save_answer(answer)
    assert numbers(search("barking")) == [720]


def test_one_phrasing_that_says_all_that_was_asked_beats_the_words_spread_over_several():
    """Issue 25: each question and also-asked line is read on its own."""
    spread = make_answer(
        number=9101,
        question="Can my landlord keep my deposit?",
        also_asked="My flat was left messy\nWhat about the tenancy agreement",
    )
    together = make_answer(
        number=9102,
        question="What are my rights when I rent a home?",
        also_asked="Can my landlord keep my deposit if the flat was left messy?\nRenting help",
    )
    found = numbers(search("landlord kept deposit flat messy"))
    assert found[:2] == [together.number, spread.number]
