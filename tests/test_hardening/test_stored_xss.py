"""Hostile text sent through the public form is shown escaped in the admin and arrives inert,
as plain text, in every email."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from forces.models import Force
from questions import forms as question_forms
from questions import moderation
from questions.models import Submission
from questions.outbox import send_due
from tests.factories import make_user
from tests.test_questions.conftest import send_question

pytestmark = pytest.mark.django_db

QUESTION = "<script>alert('q')</script> Can he {{ 7|add:1 }} read my texts?"
DETAIL = '"><img src=x onerror=alert(1)> {% debug %} \u202eevil\u202c'
NAME = "<b onmouseover=alert(2)>Jo</b>"


@pytest.fixture(autouse=True)
def _no_minimum_time(monkeypatch):
    monkeypatch.setattr(question_forms, "MIN_SECONDS_TO_FILL", 0)


@pytest.fixture
def sent(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send_question(
            client,
            question=QUESTION,
            detail=DETAIL,
            name=NAME,
            email="jo@example.com",
            consent="on",
        )
    assert response.status_code == 302
    return Submission.objects.get()


def test_stored_as_typed(sent):
    assert (sent.question, sent.detail, sent.name) == (QUESTION, DETAIL, NAME)


def test_shown_escaped_in_the_admin(client, sent):
    client.force_login(make_user(role="moderator"))
    pages = [
        reverse("admin:questions_submission_changelist"),
        reverse("admin:questions_submission_change", args=[sent.pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert('q')</script>" not in html, url
        assert escape("<script>alert('q')</script>") in html, url
        assert "{{ 7|add:1 }}" in html and " 8 read" not in html  # never run as a template
    change = client.get(pages[1]).content.decode()
    assert "<img src=x" not in change and escape('"><img src=x onerror=alert(1)>') in change
    assert "<b onmouseover" not in change and escape(NAME) in change


def test_emails_carry_it_as_inert_plain_text(sent):
    assert len(mail.outbox) == 1  # the acknowledgement to the person
    moderator = make_user(role="moderator")
    moderation.claim(sent, by=moderator)
    force = Force.objects.get(slug="kent")
    force.questions_email = "questions@kent.example"
    force.save()
    moderation.forward(sent, by=moderator, force=force)
    send_due()  # the cron job
    assert [m.to for m in mail.outbox] == [["jo@example.com"], ["questions@kent.example"]]
    assert QUESTION in mail.outbox[1].body  # the force receives the question exactly as typed
    for message in mail.outbox:
        assert "&lt;" not in message.body and "&#x27;" not in message.body
        assert " 8 read" not in message.body  # never run as a template
        assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
        assert "\n" not in message.subject and "<script" not in message.subject
