"""Anything typed or sent — long, NUL bytes, invalid UTF-8, HTML, SQL, template syntax, emoji,
right-to-left marks — never gives a 500 and is never reflected unescaped."""

import json
from urllib.parse import quote, quote_from_bytes

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions import forms as question_forms
from questions.models import Submission
from tests.factories import make_answer, make_topic
from tests.test_questions.conftest import QUESTION, hidden

pytestmark = pytest.mark.django_db

# Markup that must never come back as markup.
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "</textarea><script>alert(2)</script>",
    "<a href=javascript:alert(3)>x</a>",
]
OTHER = [
    "'; DROP TABLE faq_answer; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(10)--",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}{{ request }}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\u200f\u200e\u061c",
    "😀👩‍👩‍👧🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "%00%ff%fe",
    "\r\nSet-Cookie: x=1",
    "Q497",
    "SW1A 2AA",
    " " * 50,
]
hostile = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda before, payload, after: before + payload + after,
        st.text(max_size=30),
        st.sampled_from(MARKUP + OTHER),
        st.text(max_size=30),
    ),
    st.builds(lambda text, n: text * n, st.text(min_size=1, max_size=10), st.integers(100, 3000)),
)
PROPERTY = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _open_doors(settings, monkeypatch):
    # These tests send hundreds of requests from one client: the limits have their own tests.
    settings.RATE_LIMITS_ENABLED = False
    monkeypatch.setattr(question_forms, "MIN_SECONDS_TO_FILL", 0)


@pytest.fixture
def site(db):
    topic = make_topic(name="Harassment", sensitive=True)
    return make_answer(
        number=497, question="What is harassment?", keywords="stalking", topics=[topic]
    )


def assert_safe(response, allowed=(200, 302, 400, 404)):
    assert response.status_code in allowed, response.status_code
    body = response.content.decode("utf-8")
    for markup in MARKUP:
        assert markup not in body
    assert django_settings.SECRET_KEY not in body
    assert "Traceback" not in body
    return body


@PROPERTY
@given(text=hostile)
def test_search(client, site, text):
    body = assert_safe(client.get("/search/", {"q": text}))
    assert "<script>alert(1)</script>" not in body


@PROPERTY
@given(text=hostile)
def test_find_a_force(client, text):
    assert_safe(client.get("/forces/find/", {"q": text}))


@PROPERTY
@given(text=hostile)
def test_locate_api(client, text):
    response = client.get("/api/v1/locate/", {"q": text})
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML
    data = json.loads(response.content)
    assert isinstance(data["forces"], list)


@PROPERTY
@given(text=hostile)
def test_force_api_and_status_paths(client, text):
    path = quote(text, safe="")[:2000]
    response = client.get(f"/api/v1/forces/{path}/")
    assert response.status_code in (200, 404)
    assert_safe(client.get(f"/ask/status/{path}/"), allowed=(200, 302, 404))


@PROPERTY
@given(text=hostile)
def test_ask_first_step(client, site, text):
    page = client.get("/ask/")
    response = client.post("/ask/", {"question": text, "started": hidden(page, "started")})
    assert_safe(response, allowed=(200, 400))


@PROPERTY
@given(detail=hostile, name=hostile, email=hostile)
def test_ask_details_and_send(client, detail, name, email):
    page = client.get("/ask/")
    step1 = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    data = {"draft": hidden(step1, "draft"), "send": "1", "detail": detail, "name": name}
    data.update(email=email, consent="on", force=name[:20])
    assert_safe(client.post("/ask/details/", data))
    for saved in Submission.objects.all():  # whatever was accepted is stored as typed
        assert "\x00" not in saved.detail + saved.name + saved.email


@PROPERTY
@given(helpful=st.one_of(st.sampled_from(["yes", "no"]), hostile), comment=hostile)
def test_feedback(client, site, helpful, comment):
    response = client.post("/q/497/feedback/", {"helpful": helpful, "comment": comment})
    assert_safe(response, allowed=(302, 400))


GET_PATHS = ["/search/", "/forces/find/", "/api/v1/locate/", "/ask/status/"]


@pytest.mark.parametrize("path", GET_PATHS)
@pytest.mark.parametrize(
    "query",
    [
        "q=%ff%fe",
        "q=%c0%af%c0%ae",
        "q=%ed%a0%80",  # an encoded surrogate: not valid UTF-8
        "q=%00",
        "q=%e2%80%ae%3cscript%3e",
        "q=" + "%ff" * 5000,
        "q=a&q=b&page=%ff&page=-1&page=99999999999999999999",
        "q",
        "%ff=%ff",
        "reference=%ff%00",
    ],
)
def test_invalid_utf8_in_query_strings(client, site, path, query):
    response = client.get(path, QUERY_STRING=query)
    assert response.status_code in (200, 302, 400)


@PROPERTY
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_in_query_strings(client, site, raw):
    query = "q=" + quote_from_bytes(raw) + "&reference=" + quote_from_bytes(raw[:40])
    for path in GET_PATHS:
        response = client.get(path, QUERY_STRING=query)
        assert response.status_code in (200, 302, 400), (path, response.status_code)
