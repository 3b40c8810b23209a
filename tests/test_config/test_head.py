"""HEAD is answered wherever GET is (issue 28, item 6): link checkers and uptime monitors send
HEAD, and a 405 reads to them as a broken link. Each page answers HEAD with GET's status and
headers and no body, whether or not the page cache holds a copy."""

import pytest

from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/q/905/",
    "/q905",
    "/q/905/what-is-harassment/",
    "/search/?q=harassment",
    "/search/suggest/?q=harass",
    "/topics/",
    "/topics/harassment/",
    "/a-z/",
    "/feeds/latest/",
    "/forces/",
    "/forces/kent/",
    "/forces/find/",
    "/forces/find/?q=RG21",
    "/api/v1/answers/",
    "/api/v1/answers/905/",
    "/api/v1/topics/",
    "/api/v1/search/?q=harassment",
    "/api/v1/forces/",
    "/api/v1/forces/kent/",
    "/api/v1/locate/?q=RG21",
    "/api/v1/openapi.json",
    "/embed/q/905/",
    "/ask/",
    "/ask/status/",
    "/privacy/",
    "/robots.txt",
    "/cy/",
    "/cy/q/905/what-is-harassment/",
]


@pytest.fixture
def answer_905():
    topic = make_topic(name="Harassment")
    return make_answer(number=905, question="What is harassment?", topics=[topic])


@pytest.mark.parametrize("path", PATHS)
def test_head_answers_as_get_does(client, answer_905, path):
    head = client.head(path)  # first: not from a copy the page cache made for GET
    got = client.get(path)
    assert head.status_code != 405, f"HEAD {path} refused"
    assert head.status_code == got.status_code, path
    assert head.content == b""
    assert head.get("Content-Type") == got.get("Content-Type")
    if got.status_code in (301, 302):
        assert head["Location"] == got["Location"]


@pytest.mark.parametrize(
    "path", ["/q/905/what-is-harassment/", "/search/?q=harassment", "/topics/"]
)
def test_head_after_get_is_served_like_get(client, answer_905, path):
    got = client.get(path)
    head = client.head(path)
    assert (head.status_code, head.content) == (got.status_code, b"")
