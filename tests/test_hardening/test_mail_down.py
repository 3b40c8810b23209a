"""Mail server down: the question is still saved, the email waits in the outbox and is retried."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from questions.models import OutboxMessage, OutboxStatus, Submission
from tests.test_questions.conftest import QUESTION, send_question

from .servers import AcceptingSMTPHandler, RefusingSMTPHandler, SMTPServer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_minimum_time(monkeypatch):
    from questions import forms

    monkeypatch.setattr(forms, "MIN_SECONDS_TO_FILL", 0)


def _smtp_settings(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


def test_a_refusing_mail_server_loses_nothing_and_the_worker_delivers_later(
    client, settings, django_capture_on_commit_callbacks
):
    with SMTPServer(RefusingSMTPHandler) as refusing:
        _smtp_settings(settings, refusing.port)
        with django_capture_on_commit_callbacks(execute=True):
            response = send_question(client, email="alex@example.com", consent="on", name="Alex")
        assert response.status_code == 302
        thanks = client.get(response["Location"]).content.decode()

    submission = Submission.objects.get()
    assert submission.question == QUESTION
    assert submission.reference in thanks  # the person sees their reference as usual
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "554" in message.last_error
    assert message.next_attempt_at > timezone.now()

    # A few minutes later the mail server works again and the worker runs.
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    with SMTPServer(AcceptingSMTPHandler) as working:
        _smtp_settings(settings, working.port)
        call_command("deliver", stdout=io.StringIO())
        received = list(working.received)

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2
    assert len(received) == 1
    assert submission.reference in received[0]
    assert "alex@example.com" in received[0]


def test_a_mail_server_that_is_not_there_at_all_loses_nothing(
    client, settings, django_capture_on_commit_callbacks
):
    from .servers import free_port

    _smtp_settings(settings, free_port())  # nothing listens there: connection refused
    with django_capture_on_commit_callbacks(execute=True):
        response = send_question(client, email="alex@example.com", consent="on")
    assert response.status_code == 302
    assert Submission.objects.count() == 1
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "Connection refused" in message.last_error or "Errno" in message.last_error


def test_a_review_digest_sent_while_the_mail_server_refuses_waits_in_the_outbox(settings):
    """Issue 26: the review digest was mailed directly, so a refusing server lost it."""
    from faq.models import Answer
    from tests.factories import make_answer, make_user

    editor = make_user(role="editor", username="alice")
    answer = make_answer(question="Is this overdue?")
    Answer.objects.filter(pk=answer.pk).update(
        review_due=timezone.localdate() - datetime.timedelta(days=3)
    )
    with SMTPServer(RefusingSMTPHandler) as refusing:
        _smtp_settings(settings, refusing.port)
        call_command("review_digest", stdout=io.StringIO())

    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.REVIEW_DIGEST)
    assert (message.to, message.status, message.attempts) == (
        editor.email,
        OutboxStatus.PENDING,
        1,
    )
    assert "554" in message.last_error

    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    with SMTPServer(AcceptingSMTPHandler) as working:
        _smtp_settings(settings, working.port)
        call_command("deliver", stdout=io.StringIO())
        received = list(working.received)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(received) == 1 and "Is this overdue?" in received[0]
