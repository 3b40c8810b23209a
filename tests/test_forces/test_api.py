import json

import pytest

pytestmark = pytest.mark.django_db


def get_json(client, url, **params):
    response = client.get(url, params)
    return response, json.loads(response.content)


def test_force_list(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response, data = get_json(client, "/api/v1/forces/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    slugs = {force["slug"] for force in data["forces"]}
    assert len(slugs) == 51
    met = next(force for force in data["forces"] if force["slug"] == "metropolitan")
    assert met["code"] == "E23000001"
    assert met["url"].endswith("/forces/metropolitan/")
    assert met["non_emergency_number"] == "101"


def test_one_force(client):
    response, data = get_json(client, "/api/v1/forces/police-scotland/")
    assert response.status_code == 200
    assert data["code"] == "S23000009"
    assert data["nation"] == "scotland"
    assert client.get("/api/v1/forces/nope/").status_code == 404


def test_locate_a_postcode(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response, data = get_json(client, "/api/v1/locate/", q=" sw1a2aa ")
    assert response.status_code == 200
    assert data["query"] == "sw1a2aa"
    assert data["normalised"] == "SW1A 2AA"
    assert data["match"] == "postcode"
    assert data["forces"] == [
        {
            "slug": "metropolitan",
            "name": "Metropolitan Police Service",
            "code": "E23000001",
            "url": "http://127.0.0.1:8000/forces/metropolitan/",
        }
    ]
    assert response["Access-Control-Allow-Origin"] == "*"
    # A minute everywhere: each server's postcode tables may be a minute old.
    assert response["Cache-Control"].startswith("public, max-age=60, s-maxage=60, ")
    assert "Set-Cookie" not in response


@pytest.mark.parametrize(
    ("q", "match", "count"),
    [("RG21", "district", 1), ("SY10", "district", 2), ("BT", "area", 1), ("Richmond", "town", 2)],
)
def test_locate_matches(client, q, match, count):
    response, data = get_json(client, "/api/v1/locate/", q=q)
    assert response.status_code == 200
    assert data["match"] == match
    assert len(data["forces"]) == count


def test_a_well_formed_postcode_we_cannot_place_is_200_none(client):
    response, data = get_json(client, "/api/v1/locate/", q="B55 9ZZ")  # no such district
    assert response.status_code == 200
    assert data["match"] == "none"
    assert data["forces"] == []
    assert data["error"]["code"] == "not-found"


@pytest.mark.parametrize("q", ["", "   ", "XY99 9ZZ", "x" * 300, "!!!"])
def test_empty_or_invalid_is_400(client, q):
    response, data = get_json(client, "/api/v1/locate/", q=q)
    assert response.status_code == 400
    assert data["match"] == "none"
    assert data["error"]["message"]


def test_missing_q_is_400(client):
    assert client.get("/api/v1/locate/").status_code == 400


def test_only_get(client):
    assert client.post("/api/v1/locate/", {"q": "RG21"}).status_code == 405


def test_an_exact_postcode_says_so(client):
    _, data = get_json(client, "/api/v1/locate/", q="SW1A 2AA")
    assert data["match"] == "postcode" and data["exact"] is True


def test_a_postcode_not_in_the_tables_answers_with_its_district_not_exact(client):
    response, data = get_json(client, "/api/v1/locate/", q="PR4 5SB")
    assert response.status_code == 200
    assert data["match"] == "district"
    assert data["exact"] is False
    assert [force["slug"] for force in data["forces"]] == ["lancashire"]
    assert data["reason"] == (
        "We could not find PR4 5SB exactly; PR4 is policed by Lancashire Constabulary."
    )
    assert "error" not in data
