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
    assert old.detail == ""  # issue 23, finding 15: "He lives at 12 …" goes with the name
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


def test_the_detail_typed_is_erased_with_the_copy_forwarded_to_a_force(moderator, force):
    """Issue 23, finding 15: the free-text detail ("He lives at 12 …") is personal too."""
    detail = "He lives at 12 Acacia Avenue and follows me home."
    item = make_submission(email="jo@example.com", name="Jo", detail=detail)
    moderation.claim(item, by=moderator)
    moderation.forward(item, by=moderator, force=force)
    moderation.close(item, by=moderator, reason=CloseReason.SIGNPOSTED_FORCE)
    assert detail in OutboxMessage.objects.get(submission=item, kind="forward").body
    Submission.objects.filter(pk=item.pk).update(finished_at=timezone.now() - timedelta(days=91))
    _purge()
    item.refresh_from_db()
    assert item.detail == "" and item.question  # the question stays, for statistics
    forwarded = OutboxMessage.objects.get(submission=item, kind="forward")
    assert "Acacia" not in forwarded.body
    assert forwarded.to == "questions@testshire.example"  # a force's address is not personal
    assert not OutboxMessage.objects.filter(body__contains="Acacia").exists()


@pytest.mark.parametrize("path", ["/privacy/", "/cy/privacy/"])
def test_the_privacy_notice_says_what_is_deleted_and_what_the_logs_keep(client, path):
    html = client.get(path).content.decode()
    if path.startswith("/cy/"):
        assert "unrhyw fanylion ychwanegol a roesoch chi" in html
        assert "am 14 diwrnod" in html
    else:
        assert "any more detail you gave" in html
        assert "keep a log of the pages asked for, for 14 days" in html
        assert "with nothing that identifies you" not in html
