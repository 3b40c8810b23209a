"""Every public POST, search and locate are rate limited, with a kind 429 page."""

import pytest

from forces import views as force_views
from forces.choice import FORCE_COOKIE
from questions import views as question_views
from questions.models import Submission
from tests.test_questions.conftest import QUESTION, hidden

pytestmark = pytest.mark.django_db


def assert_kind_429(response):
    html = response.content.decode()
    assert response.status_code == 429
    assert "Please wait" in html
    assert 'href="tel:999"' in html or "call 999" in html


def test_search_is_rate_limited(client, lower_rate_limit):
    lower_rate_limit("/search/", 3)
    for n in range(3):  # different words each time, so no page comes from the page cache
        assert client.get("/search/", {"q": f"harassment {n}"}).status_code == 200
    assert_kind_429(client.get("/search/", {"q": "stalking"}))


def test_the_locate_api_is_rate_limited(client):
    for n in range(120):
        assert client.get("/api/v1/locate/", {"q": f"OX{n % 50 + 1}", "n": n}).status_code < 429
    response = client.get("/api/v1/locate/", {"q": "OX1 1AA"})
    assert response.status_code == 429
    assert response.json() == {
        "error": {"code": "rate_limited", "message": "Too many requests. Please wait a minute."}
    }
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_choosing_and_forgetting_a_force_are_rate_limited(client, monkeypatch):
    monkeypatch.setattr(force_views, "CHOOSE_LIMIT", 2)
    assert client.post("/forces/choose/", {"force": "kent"}).status_code == 302
    assert client.post("/forces/forget/").status_code == 302
    refused = client.post("/forces/choose/", {"force": "essex"})
    assert_kind_429(refused)
    assert FORCE_COOKIE not in refused.cookies  # nothing changed
    assert_kind_429(client.post("/forces/forget/"))


def test_the_question_steps_are_rate_limited_and_keep_the_text(client, monkeypatch):
    from questions import forms

    monkeypatch.setattr(forms, "MIN_SECONDS_TO_FILL", 0)
    monkeypatch.setattr(question_views, "STEP_LIMIT", 2)
    page = client.get("/ask/")
    step1 = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    assert step1.status_code == 200
    details = {"draft": hidden(step1, "draft"), "send": "1", "detail": "He uses a drone"}
    assert client.post("/ask/details/", details).status_code == 302
    again = client.post("/ask/", {"question": "Another question about drones", "started": ""})
    assert again.status_code == 429
    html = again.content.decode()
    assert "Please wait before sending another question" in html
    assert "Another question about drones" in html  # to copy: nothing typed is lost
    refused = client.post("/ask/details/", {**details, "detail": "More about the drone"})
    assert refused.status_code == 429
    assert QUESTION in refused.content.decode()
    assert "More about the drone" in refused.content.decode()
    assert Submission.objects.count() == 1


def test_limits_count_each_client_separately(client, settings, monkeypatch):
    """Behind the load balancer each visitor is counted by the address it forwards."""
    settings.TRUST_X_FORWARDED_FOR = True
    monkeypatch.setattr(force_views, "CHOOSE_LIMIT", 1)
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {"HTTP_X_FORWARDED_FOR": "10.0.0.1, 198.51.100.2"}
    assert client.post("/forces/choose/", {"force": "kent"}, **first).status_code == 302
    assert client.post("/forces/choose/", {"force": "kent"}, **first).status_code == 429
    assert client.post("/forces/choose/", {"force": "kent"}, **second).status_code == 302


def test_a_forged_forwarded_address_does_not_reset_the_limit(client, settings, lower_rate_limit):
    """A client may put anything left of the address our proxy appends: it is ignored."""
    settings.TRUST_X_FORWARDED_FOR = True
    lower_rate_limit("/search/", 3)
    for n in range(3):
        forged = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{n + 1}, 198.51.100.7"}
        assert client.get("/search/", {"q": f"harassment {n}"}, **forged).status_code == 200
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.99, 198.51.100.7"}
    assert_kind_429(client.get("/search/", {"q": "stalking"}, **forged))


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("198.51.100.7", 1, "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),
        ("198.51.100.7", 2, "198.51.100.7"),  # fewer hops than proxies: the one there is
        ("not-an-address", 1, "127.0.0.9"),
        ("", 1, "127.0.0.9"),
    ],
)
def test_client_address_is_taken_from_the_right(rf, settings, forwarded, proxies, expected):
    from web.ratelimit import client_address

    settings.TRUST_X_FORWARDED_FOR = True
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.9")
    assert client_address(request) == expected


def test_forwarded_for_is_ignored_unless_trusted(rf, settings):
    from web.ratelimit import client_address

    settings.TRUST_X_FORWARDED_FOR = False
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="127.0.0.9")
    assert client_address(request) == "127.0.0.9"
