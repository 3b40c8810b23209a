"""What views declare about themselves (web.policy) holds wherever their URLs are.

No-store comes from the view (`@sensitive`), not from a list of paths, so renaming or moving an
address keeps it; a declared rate limit refuses a page the page cache holds as it refuses one
built afresh.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


def declared(patterns=None, prefix="", namespace=""):
    """(name, path, view) for every URL in the URLconf, parameters filled in."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from declared(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            path = re.sub(r"<int:\w+>", "1", route)
            path = re.sub(r"<[^>]+>", "x", path)
            yield f"{namespace}{entry.name}", "/" + path, entry.callback


def sensitive_views():
    return [(name, path) for name, path, view in declared() if getattr(view, "sensitive", None)]


def test_the_question_form_and_searches_are_declared_sensitive():
    names = {name for name, _ in sensitive_views()}
    assert {
        "questions:ask",
        "questions:details",
        "questions:confirm",
        "questions:received",
        "questions:thanks",
        "questions:status_lookup",
        "questions:status",
        "faq:search",
        "faq:search_suggest",
    } <= names


@pytest.mark.parametrize(("name", "path"), sensitive_views())
@pytest.mark.parametrize("language", ["", "/cy"])
def test_every_sensitive_view_sends_no_store_wherever_it_is(client, name, path, language):
    response = client.get(language + path, {"q": "harassment"})
    assert response["Cache-Control"] == "no-store", (name, response.status_code)
    assert response["Referrer-Policy"] == "same-origin"


def test_a_refused_question_form_is_no_store_too():
    """The view never runs (Django's CSRF check refuses it first): the middleware reads the
    view's declaration all the same."""
    response = Client(enforce_csrf_checks=True).post("/ask/", {"question": "Is this a crime?"})
    assert response.status_code == 403
    assert response["Cache-Control"] == "no-store"


@pytest.fixture
def answers():
    topic = make_topic(name="Harassment")
    make_answer(number=497, question="What counts as harassment?", topics=[topic])


@pytest.mark.parametrize(
    "path",
    ["/search/?q=harassment", "/api/v1/answers/497/", "/api/v1/search/?q=harassment"],
)
def test_a_rate_limit_refuses_a_stored_page_as_a_built_one(
    client, answers, lower_rate_limit, django_assert_num_queries, path
):
    lower_rate_limit(path.partition("?")[0], 2)
    assert client.get(path).status_code == 200  # built, and kept by the page cache
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200  # from the page cache
    assert client.get(path).status_code == 429


@pytest.mark.parametrize("path", ["/search/?q=harassment", "/api/v1/answers/497/"])
def test_a_rate_limit_refuses_pages_never_stored(client, answers, lower_rate_limit, path):
    lower_rate_limit(path.partition("?")[0], 2)
    # A parameter the page does not declare: built every time, never stored.
    unstored = path + ("&" if "?" in path else "?") + "n=1"
    assert client.get(unstored).status_code == 200
    assert client.get(unstored).status_code == 200
    assert client.get(unstored).status_code == 429
