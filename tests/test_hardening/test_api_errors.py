"""The JSON API answers JSON always: not found, wrong method, bad input, database outage, bugs."""

import json

import pytest
from django.db.utils import OperationalError

from forces import api

pytestmark = pytest.mark.django_db


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.content)
    error = data["error"]  # the API's one error shape
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    return data


def test_unknown_force_and_unknown_address(client):
    assert_json_error(client.get("/api/v1/forces/no-such-force/"), 404)
    assert_json_error(client.get("/api/v1/nothing-here/"), 404)


def test_wrong_method(client):
    response = client.post("/api/v1/forces/")
    assert_json_error(response, 405)
    assert response["Allow"] == "GET"


def test_nul_byte_in_a_path(client):
    assert_json_error(client.get("/api/v1/forces/ke%00nt/"), 404)


def test_database_outage(client, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(api, "force_full", down)
    response = client.get("/api/v1/forces/kent/")
    data = assert_json_error(response, 503)
    assert "unavailable" in data["error"]["message"]
    assert response["Retry-After"] == "30"


def test_a_bug_is_a_json_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "locate_place", broken)
    client.raise_request_exception = False
    assert_json_error(client.get("/api/v1/locate/", {"q": "Kent"}), 500)


def test_pages_outside_the_api_keep_their_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
