"""Review dates: due counts on the admin index, the list filter, "mark as reviewed", the digest."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from faq import review_dates, workflow
from faq.models import Answer, Status
from tests.factories import make_answer, make_user
from tests.test_admin.helpers import form_data, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    """Today when the test runs (a run that crosses midnight must not compare two days)."""
    return timezone.localdate()


def reviewed(answer, day, months=12):
    answer.last_reviewed = day
    answer.review_interval_months = months
    answer.save()
    return answer


def test_review_due_date_follows_last_review_and_interval():
    answer = reviewed(make_answer(), datetime.date(2024, 1, 31), months=1)
    assert answer.review_due == datetime.date(2024, 2, 29)
    answer = reviewed(answer, datetime.date(2024, 3, 15), months=12)
    assert answer.review_due == datetime.date(2025, 3, 15)


def test_new_answer_falls_due_a_year_after_publication():
    answer = make_answer()
    assert answer.review_interval_months == 12
    assert answer.review_due == review_dates.add_months(timezone.localdate(answer.published_at), 12)


def test_review_due_counts_only_published_answers_whose_date_has_come(today):
    reviewed(make_answer(), today - datetime.timedelta(days=400))
    reviewed(make_answer(), today - datetime.timedelta(days=366))
    reviewed(make_answer(), today - datetime.timedelta(days=10))
    reviewed(make_answer(status=Status.DRAFT), today - datetime.timedelta(days=400))
    reviewed(make_answer(status=Status.ARCHIVED), today - datetime.timedelta(days=400))
    assert Answer.objects.review_due().count() == 2
    assert workflow.review_due(today=today + datetime.timedelta(days=400)).count() == 3


@pytest.mark.parametrize("role", ["editor", "publisher", "moderator"])
def test_admin_index_shows_how_many_are_due(client, role, today):
    for days in (400, 500, 600):
        reviewed(make_answer(), today - datetime.timedelta(days=days))
    reviewed(make_answer(), today)
    login_as(client, role)
    page = client.get(reverse("admin:index")).content.decode()
    assert "3 answers due for review" in page
    assert reverse("admin:faq_answer_changelist") + "?review=due" in page


def test_admin_index_counts_hidden_from_staff_without_answer_access(client, today):
    reviewed(make_answer(), today - datetime.timedelta(days=400))
    login_as(client, "staff")
    page = client.get(reverse("admin:index")).content.decode()
    assert "due for review" not in page


def test_admin_index_flags_published_answers_with_broken_references(client):
    make_answer(body="<p>See Q4040.</p>")
    login_as(client, "editor")
    page = client.get(reverse("admin:index")).content.decode()
    assert "1 published answer refers to a missing or unpublished answer" in page


def test_review_due_filter_and_column(client, today):
    reviewed(make_answer(question="Overdue answer"), today - datetime.timedelta(days=400))
    reviewed(make_answer(question="Fresh answer"), today)
    login_as(client, "editor")
    url = reverse("admin:faq_answer_changelist")
    page = client.get(url, {"review": "due"}).content.decode()
    assert "Overdue answer" in page
    assert "Fresh answer" not in page
    assert "(due)" in page
    page = client.get(url, {"review": "later"}).content.decode()
    assert "Fresh answer" in page
    assert "Overdue answer" not in page


def test_saving_with_mark_as_reviewed_sets_the_date(client, today):
    answer = reviewed(make_answer(), today - datetime.timedelta(days=400))
    login_as(client, "publisher")  # editors use the list action on published answers
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    response = client.post(url, form_data(client.get(url), mark_reviewed=True))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.last_reviewed == today
    assert answer.review_due == review_dates.add_months(today, 12)
    assert not Answer.objects.review_due().exists()


def test_saving_without_mark_as_reviewed_keeps_the_date(client, today):
    old = today - datetime.timedelta(days=400)
    answer = reviewed(make_answer(), old)
    login_as(client, "publisher")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    client.post(url, form_data(client.get(url), summary="Tidied."))
    answer.refresh_from_db()
    assert answer.last_reviewed == old


def test_mark_reviewed_action(client, today):
    answer = reviewed(make_answer(), today - datetime.timedelta(days=400))
    login_as(client, "editor")
    client.post(
        reverse("admin:faq_answer_changelist"),
        {"action": "mark_reviewed", "_selected_action": [answer.pk]},
    )
    answer.refresh_from_db()
    assert answer.last_reviewed == today


def test_review_digest_emails_each_editor_their_due_list(today):
    alice = make_user(role="editor", username="alice")
    bob = make_user(role="publisher", username="bob")
    make_user(role="editor", username="nomail", email="")
    make_user(role="moderator", username="mod")
    old = today - datetime.timedelta(days=400)
    mine = reviewed(make_answer(question="Alice's answer"), old)
    mine.owner = alice
    mine.save()
    reviewed(make_answer(question="Nobody's answer"), old)
    reviewed(make_answer(question="Not due yet"), today)

    call_command("review_digest")

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {alice.email, bob.email}
    alice_mail = by_recipient[alice.email]
    assert "2 answers due for review" in alice_mail.subject
    assert "Alice's answer" in alice_mail.body and "Nobody's answer" in alice_mail.body
    assert "days overdue" in alice_mail.body
    assert "/staff/faq/answer/" in alice_mail.body
    bob_mail = by_recipient[bob.email]
    assert "Alice's answer" not in bob_mail.body
    assert "Nobody's answer" in bob_mail.body
    assert "Not due yet" not in alice_mail.body + bob_mail.body


def test_review_digest_dry_run_sends_nothing(capsys, today):
    make_user(role="editor", username="carol")
    reviewed(make_answer(), today - datetime.timedelta(days=400))
    call_command("review_digest", "--dry-run")
    assert mail.outbox == []
    assert "1 editor(s) would be emailed" in capsys.readouterr().out


def test_review_digest_with_nothing_due_sends_nothing():
    make_user(role="editor")
    make_answer()
    call_command("review_digest")
    assert mail.outbox == []
