"""Personal details are erased a set number of days after an item is finished."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from questions import moderation
from questions.models import CloseReason, OutboxMessage, Submission
from tests.factories import make_submission

pytestmark = pytest.mark.django_db


def _finished(days_ago, *, status="closed", **fields):
    item = make_submission(
        email="jo@example.com", name="Jo", client_hash="abc123", detail="Some detail", **fields
    )
    Submission.objects.filter(pk=item.pk).update(
        status=status, finished_at=timezone.now() - timedelta(days=days_ago)
    )
    return item


def _purge(*args):
    output = []

    class Out:
        def write(self, text):
            output.append(text)

        def flush(self):
            pass

    call_command("purge_personal_data", *args, stdout=Out())
    return "".join(output)


def test_personal_details_are_erased_after_the_set_days_keeping_the_question(settings):
    settings.QUESTIONS_PURGE_AFTER_DAYS = 90
    old = _finished(91, question="An old question that stays for statistics")
    answered = _finished(100, status="answered")
    recent = _finished(89)
    waiting = make_submission(email="w@example.com", name="Wai", client_hash="x")
    Submission.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=400))

    assert "Erased personal details from 2 question(s)" in _purge()

    for item in (old, answered):
        item.refresh_from_db()
        assert (item.name, item.email, item.client_hash) == ("", "", "")
        assert item.personal_data_erased_at is not None
    old.refresh_from_db()
    assert old.question == "An old question that stays for statistics"
    assert old.detail == "Some detail"
    for item in (recent, waiting):
        item.refresh_from_db()
        assert item.email and item.name and item.client_hash
    assert "Erased personal details from 0" in _purge()  # running it again changes nothing


def test_copies_of_emails_to_the_person_are_erased_too(moderator):
    item = make_submission(email="jo@example.com", name="Jo")
    moderation.close(item, by=moderator, reason=CloseReason.NOT_POLICING)
    Submission.objects.filter(pk=item.pk).update(finished_at=timezone.now() - timedelta(days=91))
    _purge()
    email = OutboxMessage.objects.get(submission=item)
    assert email.to == "" and "Jo" not in email.body
    assert email.status == "cancelled"  # was never sent (tests run callbacks only on demand)


def test_days_can_be_given_on_the_command_line():
    item = _finished(10)
    assert "from 1 question(s) finished over 7 days ago" in _purge("--days", "7")
    item.refresh_from_db()
    assert item.email == ""


def test_the_privacy_notice_matches_the_setting(client, settings):
    html = client.get("/privacy/").content.decode()
    assert (
        f"{settings.QUESTIONS_PURGE_AFTER_DAYS} days after your question is answered or closed"
        in html
    )
