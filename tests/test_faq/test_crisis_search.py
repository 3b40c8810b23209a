"""Issue 22: a search or a half-typed search that reads as someone in danger is answered with
who to call now, above the answers, and never with "No answers matched"."""

import json

import pytest

from tests.factories import make_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    return {
        "knife_law": make_answer(
            number=301,
            question="Is it legal to carry a knife?",
            summary="Carrying a blade in public is an offence unless you have a good reason.",
            keywords="knife, blade, outside, carry",
        ),
        "call_999": make_answer(
            number=111,
            question="When should I call 999 and when should I call 101?",
            summary="Call 999 when someone is in danger or a crime is happening now.",
            keywords="emergency, 999, danger",
        ),
        "honour": make_answer(
            number=420,
            question="What is honour-based abuse?",
            summary="Abuse to protect a family's reputation.",
            keywords="kill, myself, family",
        ),
    }


def page(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_i_want_to_kill_myself_shows_samaritans_and_999_first(client, answers):
    html = page(client, "i want to kill myself")
    samaritans = html.index('href="tel:116123"')
    assert samaritans < html.index('href="tel:999"', html.index("crisis-panel"))
    assert "Samaritans" in html
    # Before any answer the search found.
    assert samaritans < html.index("What is honour-based abuse?")
    assert 'href="tel:0800838587"' in html  # Breathing Space, in Scotland
    assert 'href="tel:08088088000"' in html  # Lifeline, in Northern Ireland


def test_stabbed_never_says_no_answers_matched(client, answers):
    html = page(client, "stabbed")
    assert "No answers matched" not in html
    assert "If someone is in danger now" in html
    assert "press 55" in html
    # The answers that help when nothing matched the words themselves.
    assert "When should I call 999 and when should I call 101?" in html


def test_someone_outside_with_a_knife_sees_999_before_the_law_on_knives(client, answers):
    html = page(client, "he is outside with a knife")
    assert "If someone is in danger now" in html
    assert html.index('href="tel:999"', html.index("crisis-panel")) < html.index(
        "Is it legal to carry a knife?"
    )


@pytest.mark.parametrize(
    "query",
    [
        "is it illegal to carry a pocket knife",
        "what happens if I call 999 by mistake",
        "how do I report a crime that happened last year",
        "suicide pact law",
        "knife",
    ],
)
def test_questions_about_the_law_get_the_answers_alone(client, answers, query):
    assert "crisis-panel" not in page(client, query)


def test_a_crime_just_reported_is_told_about_999_101_and_reporting_online(client, answers):
    html = page(client, "ive just been burgled")
    assert "If this has just happened" in html
    assert 'href="tel:101"' in html
    assert "No answers matched" not in html


def test_the_welsh_search_page_has_the_panel_in_welsh(client, answers):
    html = page(client, "mae dyn tu allan gyda chyllell", prefix="/cy")
    assert "Os oes rhywun mewn perygl nawr" in html
    assert 'href="tel:999"' in html
    assert "No answers matched" not in html
    assert "Ni chafwyd atebion" not in html


def suggestions(client, query, prefix=""):
    response = client.get(f"{prefix}/search/suggest/", {"q": query})
    assert response.status_code == 200
    return json.loads(response.content)["suggestions"]


@pytest.mark.parametrize("query", ["he is outside with a knife", "i want to kill myself"])
def test_the_first_suggestion_for_a_danger_query_is_the_emergency_one(client, answers, query):
    first, *rest = suggestions(client, query)
    assert first["emergency"] is True
    assert first["number"] is None
    assert "999" in first["question"]
    assert first["url"].startswith("/search/?q=")
    # Following it opens the results with who to call now.
    assert "crisis-panel" in client.get(first["url"]).content.decode()
    assert all(not s.get("emergency") for s in rest)


def test_ordinary_suggestions_have_no_emergency_one(client, answers):
    found = suggestions(client, "carry a knife")
    assert found and not any(s.get("emergency") for s in found)
    assert found[0]["number"] == 301
