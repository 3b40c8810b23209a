"""The finder is never a dead end for a typo (issue 28, item 2): it suggests the nearest town or
postcode district it knows, says one clear thing about a very long entry, and explains
non-geographic postcodes instead of calling them mistyped."""

import html

import pytest
from django.urls import reverse

from forces.lookup import Match, Problem, locate

pytestmark = pytest.mark.django_db


def page(client, q):
    response = client.get(reverse("forces:find"), {"q": q})
    return response, html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Gatesehad", "Gateshead"), ("Inverneess", "Inverness"), ("Cardif", "Cardiff")],
)
def test_a_misspelt_town_suggests_the_nearest_known_one(client, typed, meant):
    response, text = page(client, typed)
    assert response.status_code == 200
    assert "Did you mean" in text
    assert f'href="/forces/find/?q={meant}"' in text
    assert f'value="{typed}"' in text  # what they typed stays in the box
    assert locate(typed).suggestions[0].query == meant


def test_following_a_suggestion_finds_the_force(client):
    query = locate("Gatesehad").suggestions[0].query
    _, text = page(client, query)
    assert "Your local force is Northumbria Police" in text


def test_a_town_typed_with_a_word_too_many_is_suggested():
    assert locate("Armagh City").suggestions[0].query == "Armagh"


def test_a_district_typed_without_its_last_letter_is_answered(client):
    result = locate("SW1")
    assert result.match == Match.DISTRICT
    assert [force.slug for force in result.forces] == ["metropolitan"]
    assert "SW1A" in result.reason and "SW1P" in result.reason
    _, text = page(client, "SW1")
    assert "Your local force is Metropolitan Police Service" in text


def test_a_shortened_district_across_a_boundary_offers_the_forces_and_districts():
    result = locate("EC1")  # EC1A ... EC1Y: the City of London and the Metropolitan Police
    assert result.match == Match.DISTRICT
    assert {force.slug for force in result.forces} == {"city-of-london", "metropolitan"}
    assert [s.query for s in result.suggestions][:2] == ["EC1A", "EC1M"]


def test_nothing_near_says_not_found_without_suggestions(client):
    _, text = page(client, "Qwxzvbnm")
    assert "We couldn't find 'Qwxzvbnm'" in text
    assert "Did you mean" not in text


def test_a_very_long_entry_gets_one_clear_message(client):
    typed = "Gateshead " * 300  # 3,000 characters
    response, text = page(client, typed)
    assert response.status_code == 400
    assert "That is longer than any town or postcode" in text
    assert "Ensure this value" not in text  # Django's own length message, beside ours
    assert "Did you mean" not in text


@pytest.mark.parametrize("typed", ["BX1 1LT", "BX3 2BB", "BX1"])
def test_a_non_geographic_postcode_is_explained(client, typed):
    result = locate(typed)
    assert result.problem == Problem.NO_LOCAL_FORCE
    assert "mistyped" not in result.message
    assert "not for a place" in result.message
    _, text = page(client, typed)
    assert "not for a place" in text


def test_a_large_user_postcode_goes_by_its_district():
    result = locate("BS98 1TL")  # not in the tables; BS98 belongs to one force
    assert [force.slug for force in result.forces] == ["avon-and-somerset"]
    assert not result.exact


def test_the_api_lists_suggestions(client):
    data = client.get("/api/v1/locate/", {"q": "Inverneess"}).json()
    assert data["match"] == "none"
    assert data["suggestions"][0] == {"query": "Inverness", "label": "Inverness, Highland"}
    assert client.get("/api/v1/locate/", {"q": "RG21"}).json()["suggestions"] == []
