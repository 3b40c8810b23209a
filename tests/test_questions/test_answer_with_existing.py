"""Answering a question with an answer we already have is a moderation step of its own
(issue 28, item 8): find it by words or number, preview it, send it; the person's status page
says "Answered: see Q…", not "Closed"."""

import pytest
from django.urls import reverse

from faq.models import Status
from questions import moderation
from questions.models import OutboxMessage, Submission, SubmissionStatus
from tests.factories import make_answer, make_submission, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def harassment():
    return make_answer(
        number=497,
        question="What is harassment?",
        summary="Harassment is repeated behaviour that causes alarm or distress.",
        keywords="harassment, pestering",
    )


def step_url(item):
    return reverse("admin:questions_submission_answer_with_existing", args=[item.pk])


def test_the_queue_offers_the_step_as_its_own_button(client, harassment):
    item = make_submission(question="Someone keeps messaging me, is that harassment?")
    client.force_login(make_user(role="moderator"))
    page = client.get(reverse("admin:questions_submission_change", args=[item.pk]))
    assert "Answer with an existing answer" in page.content.decode()
    assert "answer_with_existing" in moderation.available_actions(item, make_user(role="moderator"))


@pytest.mark.parametrize("typed", ["harassment", "Q497", "497"])
def test_find_by_words_or_number_and_preview(client, harassment, typed):
    item = make_submission(question="Is pestering a crime?")
    client.force_login(make_user(role="moderator"))
    page = client.get(step_url(item), {"q": typed}).content.decode()
    assert "Q497" in page and "What is harassment?" in page
    assert "Harassment is repeated behaviour that causes alarm or distress." in page  # preview
    assert 'name="answer" value="497"' in page


def test_send_answers_the_question_and_the_status_page_says_so(client, harassment):
    item = make_submission(question="Is pestering a crime?", email="sam@example.com")
    moderator = make_user(role="moderator")
    client.force_login(moderator)
    response = client.post(step_url(item), {"answer": "497", "note": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == SubmissionStatus.PUBLISHED and item.answer == harassment
    assert item.changes.filter(by=moderator, note__contains="Q497").exists()
    assert OutboxMessage.objects.filter(submission=item, to="sam@example.com").exists()
    client.logout()
    page = client.get(reverse("questions:status", args=[item.reference])).content.decode()
    assert "Answered: see" in page and "Q497" in page
    assert "Closed" not in page


def test_only_a_published_answer_can_be_sent(client, harassment):
    draft = make_answer(number=600, question="A draft?", status=Status.DRAFT)
    item = make_submission(question="Is pestering a crime?")
    client.force_login(make_user(role="moderator"))
    client.post(step_url(item), {"answer": str(draft.number)})
    assert Submission.objects.get(pk=item.pk).status == SubmissionStatus.NEW


def test_a_closed_question_has_no_such_step(harassment):
    moderator = make_user(role="moderator")
    item = make_submission(question="Is pestering a crime?")
    moderation.close(item, by=moderator, reason="spam")
    item.refresh_from_db()
    assert "answer_with_existing" not in moderation.available_actions(item, moderator)
    with pytest.raises(moderation.ModerationError):
        moderation.answer_with_existing(item, by=moderator, answer=harassment)


@pytest.mark.parametrize("role", [None, "editor"])
def test_people_without_the_queue_rights_are_refused(client, harassment, role):
    item = make_submission(question="Is pestering a crime?")
    if role:
        client.force_login(make_user(role=role))
    response = client.post(step_url(item), {"answer": "497"})
    assert response.status_code in (302, 403)
    assert Submission.objects.get(pk=item.pk).status == SubmissionStatus.NEW
