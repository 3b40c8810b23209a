"""A question sent while the database is down is not lost: the form comes back as typed."""

from unittest import mock

import pytest
from django.db.utils import OperationalError

from questions import forms as question_forms
from questions.models import Submission
from tests.test_questions.conftest import QUESTION, hidden, send_question

pytestmark = pytest.mark.django_db

DOWN = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
DETAIL = "It started in March & he films from his window <every> night."


@pytest.fixture(autouse=True)
def _no_minimum_time(monkeypatch):
    monkeypatch.setattr(question_forms, "MIN_SECONDS_TO_FILL", 0)


@pytest.fixture
def force(db):
    from forces.models import Force

    return Force.objects.create(
        name="Testshire Police", short_name="Testshire", slug="testshire", nation="england"
    )


def assert_not_sent_and_kept(response, *texts):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    assert "There is a problem" in html
    assert "Your question has not been sent" in html
    assert 'href="tel:999"' in html
    assert "Traceback" not in html and "OperationalError" not in html
    for text in texts:
        assert text in html, text
    return html


def test_the_final_send_failing_keeps_everything_typed(client, force):
    with mock.patch("questions.moderation.receive", side_effect=DOWN):
        response = send_question(
            client,
            detail=DETAIL,
            name="Alex Smith",
            email="alex@example.com",
            consent="on",
            force=str(force.pk),
        )
    html = assert_not_sent_and_kept(
        response,
        QUESTION,
        "It started in March &amp; he films from his window &lt;every&gt; night.",
        'value="Alex Smith"',
        'value="alex@example.com"',
    )
    assert f'<option value="{force.pk}" selected>' in html
    assert 'name="consent"' in html and "checked" in html
    assert not Submission.objects.exists()

    # The database is back: sending the same form again saves it, exactly as typed.
    retry = {
        "draft": hidden(response, "draft"),
        "send": "1",
        "detail": DETAIL,
        "name": "Alex Smith",
        "email": "alex@example.com",
        "consent": "on",
        "force": str(force.pk),
    }
    assert client.post("/ask/details/", retry).status_code == 302
    saved = Submission.objects.get()
    assert (saved.question, saved.detail, saved.email, saved.force) == (
        QUESTION,
        DETAIL,
        "alex@example.com",
        force,
    )


def test_the_database_gone_while_checking_the_details_keeps_them(client, force):
    """Even the form's own check (the force list) needs the database: still nothing is lost."""
    with mock.patch("django.db.models.query.QuerySet.get", side_effect=DOWN):
        response = send_question(client, detail=DETAIL, force=str(force.pk))
    assert_not_sent_and_kept(response, QUESTION, "films from his window")
    assert not Submission.objects.exists()


def test_the_database_gone_at_the_first_step_keeps_the_question(client):
    page = client.get("/ask/")
    with mock.patch("questions.views.similar_answers", side_effect=DOWN):
        response = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    assert_not_sent_and_kept(response, QUESTION)
    # The kept question carries on to a normal send once the database is back.
    sent = client.post("/ask/details/", {"draft": hidden(response, "draft"), "send": "1"})
    assert sent.status_code == 302
    assert Submission.objects.get().question == QUESTION


def test_the_emergency_page_send_anyway_failing_keeps_everything(client):
    # A question the emergency page is shown for at step 1 goes straight through from step 2
    # (issue 22); "send anyway" is the page shown when the details say someone is in danger.
    question = "My neighbour keeps watching my house, what can I do about it?"
    urgent = DETAIL + " He is outside my door right now with a knife and threatening me"
    page = client.get("/ask/")
    step1 = client.post("/ask/", {"question": question, "started": hidden(page, "started")})
    check = client.post(
        "/ask/details/",
        {"draft": hidden(step1, "draft"), "send": "1", "detail": urgent, "name": "Sam"},
    )
    assert 'name="confirm"' in check.content.decode(), "expected the emergency page"
    with mock.patch("questions.moderation.receive", side_effect=DOWN):
        response = client.post("/ask/check/", {"confirm": hidden(check, "confirm"), "send": "1"})
    assert_not_sent_and_kept(response, "outside my door", "films from his window", 'value="Sam"')
    assert not Submission.objects.exists()
