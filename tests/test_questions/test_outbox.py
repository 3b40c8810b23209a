"""Email goes through the outbox: written with the change, sent after commit, retried."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from questions import moderation, outbox
from questions.models import OutboxMessage, Submission

from .conftest import send_question

pytestmark = pytest.mark.django_db

DOWN = "tests.test_questions.conftest.MailServerDown"
SCRIPT_QUESTION = "<script>alert(1)</script> Is it legal for him to read my texts?"


def _send(client, capture, **fields):
    with capture(execute=True):
        response = send_question(
            client, email="alex@example.com", consent="on", name="Alex", **fields
        )
    assert response.status_code == 302
    return Submission.objects.get()


def test_acknowledgement_is_sent_after_commit(client, django_capture_on_commit_callbacks):
    submission = _send(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alex@example.com"]
    assert submission.reference in message.subject
    assert f"/ask/status/{submission.reference}/" in message.body
    assert message.body.startswith("Hello,\n")
    assert "Alex" not in message.body  # the name is not repeated in emails to any address
    assert OutboxMessage.objects.get().status == "sent"


def test_a_name_with_links_never_reaches_the_email(client, django_capture_on_commit_callbacks):
    """Anyone can type any address: the acknowledgement must carry nothing they chose but the
    question (which the form already limits) — never the name, links included."""
    with django_capture_on_commit_callbacks(execute=True):
        response = send_question(
            client,
            email="victim@example.com",
            consent="on",
            name="Your account is locked, visit https://evil.example/login",
        )
    assert response.status_code == 302
    body = mail.outbox[0].body + mail.outbox[0].subject
    assert "evil.example" not in body and "account is locked" not in body


def test_no_email_no_acknowledgement(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_question(client)
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()


def test_user_text_is_sent_verbatim_but_inert_as_plain_text(
    client, django_capture_on_commit_callbacks
):
    _send(client, django_capture_on_commit_callbacks, question=SCRIPT_QUESTION)
    message = mail.outbox[0]
    assert SCRIPT_QUESTION in message.body  # exactly as typed, not &lt;script&gt;
    assert "&lt;" not in message.body
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])


def test_mail_server_down_loses_nothing_and_the_worker_retries(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DOWN
    submission = _send(client, django_capture_on_commit_callbacks)
    # The question is saved and the email is waiting, with the error recorded.
    assert Submission.objects.filter(pk=submission.pk).exists()
    queued = OutboxMessage.objects.get()
    assert (queued.status, queued.attempts) == ("pending", 1)
    assert "Connection refused" in queued.last_error
    assert queued.next_attempt_at > timezone.now() + timedelta(seconds=50)

    # Not due yet: the cron job leaves it alone.
    call_command("deliver", stdout=(out := _Output()))
    assert "outgoing emails: 0 done" in out.text
    assert OutboxMessage.objects.get().attempts == 1

    # Due, still down: retried later again, with a longer wait.
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("deliver", stdout=_Output())
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("pending", 2)
    assert queued.next_attempt_at > timezone.now() + timedelta(seconds=110)

    # The server is back: the next due run sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("deliver", stdout=(out := _Output()))
    assert "outgoing emails: 1 done" in out.text
    queued.refresh_from_db()
    assert queued.status == "sent" and queued.last_error == ""
    assert len(mail.outbox) == 1 and submission.reference in mail.outbox[0].subject


def test_back_off_doubles_and_is_capped():
    assert outbox.retry_delay(1) == timedelta(minutes=1)
    assert outbox.retry_delay(2) == timedelta(minutes=2)
    assert outbox.retry_delay(4) == timedelta(minutes=8)
    assert outbox.retry_delay(30) == outbox.LONGEST_DELAY


def test_after_the_last_attempt_it_is_stuck_and_shown_to_staff(
    client, settings, django_capture_on_commit_callbacks, admin_user
):
    settings.EMAIL_BACKEND = DOWN
    _send(client, django_capture_on_commit_callbacks)
    for _ in range(outbox.MAX_ATTEMPTS):
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        call_command("deliver", stdout=_Output())
    queued = OutboxMessage.objects.get()
    assert queued.status == "failed" and queued.attempts == outbox.MAX_ATTEMPTS
    call_command("deliver", stdout=_Output())
    assert OutboxMessage.objects.get().attempts == outbox.MAX_ATTEMPTS  # no more tries

    client.force_login(admin_user)
    listing = client.get("/staff/questions/outboxmessage/?delivery=stuck").content.decode()
    assert "Stuck: gave up retrying" in listing
    assert "Connection refused" in listing

    # A person can put it back in the queue once the server is fixed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(
        "/staff/questions/outboxmessage/",
        {"action": "retry_selected", "_selected_action": [queued.pk]},
    )
    call_command("deliver", stdout=_Output())
    assert OutboxMessage.objects.get().status == "sent"
    assert len(mail.outbox) == 1


def test_subjects_can_never_carry_extra_headers(django_capture_on_commit_callbacks, moderator):
    from tests.factories import make_submission

    submission = make_submission(email="alex@example.com")
    moderation.claim(submission, by=moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reply(
            submission,
            by=moderator,
            subject="Your answer\r\nBcc: everyone@example.com",
            body="Hello",
        )
    message = mail.outbox[-1]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.bcc == []
    assert "Bcc:" not in message.message().as_string().split("\n\n")[0].replace(
        "Subject: Your answer Bcc: everyone@example.com", ""
    )


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass
