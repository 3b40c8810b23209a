"""References and the status page: it shows the status and nothing the person wrote."""

import re

import pytest

from questions.models import (
    REFERENCE_ALPHABET,
    CloseReason,
    Submission,
    new_reference,
    normalise_reference,
)
from tests.factories import make_answer, make_submission

from .conftest import send_question

pytestmark = pytest.mark.django_db

SECRET = "<script>alert('my secret')</script> my husband hits me"


def test_references_are_short_unambiguous_and_random():
    references = {new_reference() for _ in range(500)}
    assert len(references) == 500
    for reference in references:
        assert re.fullmatch(r"Q-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", reference)
    assert not set("01OI") & set(REFERENCE_ALPHABET)


def test_reference_collisions_are_retried(monkeypatch):
    existing = make_submission()
    fresh = iter([existing.reference, existing.reference, "Q-ABCD-EFGH"])
    monkeypatch.setattr("questions.moderation.new_reference", lambda: next(fresh))
    assert make_submission().reference == "Q-ABCD-EFGH"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Q-7KD3-9XFA", "Q-7KD3-9XFA"),
        ("q 7kd3 9xfa", "Q-7KD3-9XFA"),
        ("7KD39XFA", "Q-7KD3-9XFA"),
        ("Q-7KD3-9XF0", None),
        ("Q-7KD3", None),
        ("", None),
    ],
)
def test_normalise_reference(typed, expected):
    assert normalise_reference(typed) == expected


def _status_page(client, submission):
    response = client.get(f"/ask/status/{submission.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def test_status_page_leaks_nothing_the_person_wrote(client, force):
    send_question(
        client,
        question=SECRET,
        detail="He lives at 1 Secret Street",
        name="Jo Bloggs",
        email="jo@example.com",
        consent="on",
        force=str(force.pk),
    )
    submission = Submission.objects.get()
    html = _status_page(client, submission)
    assert "Received" in html
    assert submission.reference in html
    for private in ("alert(", "my secret", "husband", "Secret Street", "Jo Bloggs", "jo@example"):
        assert private not in html
    assert "Testshire" not in html
    assert "Exit this page" in html


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        ("new", "Received"),
        ("in_progress", "Being answered"),
        ("answered", "Answered"),
        ("closed", "Closed"),
    ],
)
def test_status_page_names_each_status(client, status, shown):
    html = _status_page(client, make_submission(status=status))
    assert f'<strong class="tag">{shown}</strong>' in html


def test_answered_by_a_published_answer_links_to_it(client):
    answer = make_answer(question="Can my neighbour film my garden?", number=812)
    submission = make_submission(status="published", answer=answer)
    html = _status_page(client, submission)
    assert "Answered" in html
    assert f'href="{answer.get_absolute_url()}"' in html
    assert "Q812" in html


def test_an_unpublished_linked_answer_is_not_linked(client):
    answer = make_answer(question="Draft answer", status="draft")
    html = _status_page(client, make_submission(status="in_progress", answer=answer))
    assert answer.get_absolute_url() not in html
    assert "Draft answer" not in html


def test_closed_as_duplicate_links_to_the_existing_answer(client):
    answer = make_answer(question="Is it harassment?", number=497)
    submission = make_submission(
        status="closed", close_reason=CloseReason.DUPLICATE, duplicate_of=answer
    )
    html = _status_page(client, submission)
    assert "Closed" in html and 'href="/q/497/' in html


def test_closed_as_spam_does_not_say_spam(client):
    html = _status_page(client, make_submission(status="closed", close_reason=CloseReason.SPAM))
    assert "spam" not in html.lower()


def test_lower_case_reference_redirects_to_the_canonical_one(client):
    submission = make_submission()
    response = client.get(f"/ask/status/{submission.reference.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/ask/status/{submission.reference}/"


def test_unknown_reference_is_a_kind_404(client):
    response = client.get("/ask/status/Q-2222-2222/")
    assert response.status_code == 404
    assert "We cannot find that reference" in response.content.decode()
    assert client.get("/ask/status/<script>/").status_code == 404


def test_status_lookup_form(client):
    submission = make_submission()
    assert client.get("/ask/status/").status_code == 200
    response = client.get("/ask/status/", {"reference": submission.reference.lower()})
    assert response["Location"] == f"/ask/status/{submission.reference}/"
    bad = client.get("/ask/status/", {"reference": "nonsense"})
    assert bad.status_code == 400
    assert "Enter the reference in the form Q-7KD3-9XFA" in bad.content.decode()
    assert "<title>Error: " in bad.content.decode()


def test_status_pages_are_rate_limited(client):
    for _ in range(60):
        client.get("/ask/status/Q-2222-2222/")
    assert client.get("/ask/status/Q-2222-2222/").status_code == 429


def test_status_pages_are_not_indexed(client):
    submission = make_submission()
    assert "noindex" in _status_page(client, submission)
