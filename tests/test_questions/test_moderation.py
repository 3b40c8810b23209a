"""Every moderation step, through the admin buttons, with its audit row."""

import pytest
from django.core import mail
from django.urls import reverse

from faq import workflow
from faq.models import Answer
from questions import moderation
from questions.models import CloseReason, OutboxMessage, ReplyTemplate, Submission
from tests.factories import make_answer, make_submission

pytestmark = pytest.mark.django_db


def url(name, item):
    return reverse(f"admin:questions_submission_{name}", args=[item.pk])


def last_change(item):
    return item.changes.order_by("-at", "-pk").first()


def test_claim_moves_new_to_in_progress_with_an_audit_row(mod_client, moderator):
    item = make_submission()
    page = mod_client.get(url("claim", item))
    assert page.status_code == 200 and "Claim this question" in page.content.decode()
    response = mod_client.post(url("claim", item), {"note": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.assigned_to) == ("in_progress", moderator)
    change = last_change(item)
    assert (change.action, change.from_status, change.to_status, change.by) == (
        "claim",
        "new",
        "in_progress",
        moderator,
    )
    assert change.at is not None


def test_an_item_claimed_by_a_colleague_cannot_be_claimed(mod_client, colleague):
    item = make_submission()
    moderation.claim(item, by=colleague)
    response = mod_client.post(url("claim", item), {}, follow=True)
    assert "is being handled by colin" in response.content.decode()
    item.refresh_from_db()
    assert item.assigned_to == colleague
    assert item.changes.filter(action="claim").count() == 1


def test_only_the_holder_can_reply_or_close(moderator, colleague):
    item = make_submission(email="a@example.com")
    moderation.claim(item, by=colleague)
    with pytest.raises(moderation.AlreadyClaimed):
        moderation.close(item, by=moderator, reason=CloseReason.NOT_POLICING)
    with pytest.raises(moderation.AlreadyClaimed):
        moderation.reply(item, by=moderator, subject="s", body="b")


def test_release_returns_it_to_the_queue(mod_client, moderator):
    item = make_submission()
    moderation.claim(item, by=moderator)
    mod_client.post(url("release", item), {"note": "Going on leave"})
    item.refresh_from_db()
    assert (item.status, item.assigned_to) == ("new", None)
    change = last_change(item)
    assert (change.action, change.from_status, change.to_status, change.note) == (
        "release",
        "in_progress",
        "new",
        "Going on leave",
    )


def test_assign_to_a_colleague(mod_client, moderator, colleague):
    item = make_submission()
    response = mod_client.post(url("assign", item), {"to": colleague.pk, "note": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.assigned_to) == ("in_progress", colleague)
    change = last_change(item)
    assert (change.action, change.by, change.note) == ("assign", moderator, "Assigned to colin.")


def test_assign_offers_only_moderators(mod_client, colleague, staff_without_rights):
    html = mod_client.get(url("assign", make_submission())).content.decode()
    assert ">colin<" in html
    assert ">sam<" not in html


def test_reply_from_a_template_emails_the_person_and_marks_it_answered(
    mod_client, moderator, django_capture_on_commit_callbacks
):
    item = make_submission(email="jo@example.com", name="Jo")
    template = ReplyTemplate.objects.get(name="General answer")
    page = mod_client.get(url("reply", item), {"template": template.pk}).content.decode()
    assert f"Thank you for your question ({item.reference})" in page
    assert "Hello Jo" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(
            url("reply", item),
            {"subject": f"Your question {item.reference}", "body": "Hello Jo,\n\nYes, it is."},
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "answered" and item.finished_at is not None
    assert mail.outbox[-1].to == ["jo@example.com"]
    assert mail.outbox[-1].body == "Hello Jo,\n\nYes, it is."
    change = last_change(item)
    assert (change.action, change.from_status, change.to_status) == ("reply", "new", "answered")
    assert OutboxMessage.objects.filter(submission=item, kind="reply", status="sent").exists()


def test_reply_without_an_email_address_is_refused_kindly(mod_client):
    item = make_submission()
    response = mod_client.post(url("reply", item), {"subject": "s", "body": "b"}, follow=True)
    assert "has no email address to reply to" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "new"


@pytest.mark.parametrize(
    "reason",
    [
        CloseReason.NOT_POLICING,
        CloseReason.SIGNPOSTED_FORCE,
        CloseReason.EMERGENCY,
        CloseReason.SPAM,
    ],
)
def test_close_with_a_reason(mod_client, moderator, reason):
    item = make_submission()
    mod_client.post(url("close", item), {"reason": reason, "note": "Checked"})
    item.refresh_from_db()
    assert (item.status, item.close_reason) == ("closed", reason)
    change = last_change(item)
    assert (change.action, change.from_status, change.to_status, change.by) == (
        "close",
        "new",
        "closed",
        moderator,
    )
    assert change.note == f"{CloseReason(reason).label}. Checked"


def test_close_as_duplicate_needs_an_existing_answer_number(mod_client):
    answer = make_answer(number=497)
    item = make_submission()
    missing = mod_client.post(url("close", item), {"reason": "duplicate"})
    assert "Give the number of the answer this duplicates." in missing.content.decode()
    unknown = mod_client.post(url("close", item), {"reason": "duplicate", "duplicate_of": "9999"})
    assert "There is no answer Q9999." in unknown.content.decode()
    mod_client.post(url("close", item), {"reason": "duplicate", "duplicate_of": "497"})
    item.refresh_from_db()
    assert (item.status, item.duplicate_of) == ("closed", answer)
    assert last_change(item).note == "Duplicate of Q497."


def test_reopen_a_closed_item(mod_client, moderator):
    item = make_submission()
    moderation.close(item, by=moderator, reason=CloseReason.NOT_POLICING)
    mod_client.post(url("reopen", item), {"note": "Closed by mistake"})
    item.refresh_from_db()
    assert (item.status, item.close_reason, item.finished_at) == ("new", "", None)
    change = last_change(item)
    assert (change.action, change.from_status, change.to_status) == ("reopen", "closed", "new")


def test_closing_twice_is_refused(moderator):
    item = make_submission()
    moderation.close(item, by=moderator, reason=CloseReason.SPAM)
    with pytest.raises(moderation.ModerationError):
        moderation.close(item, by=moderator, reason=CloseReason.SPAM)


def test_spam_in_bulk(mod_client, moderator, colleague):
    spam = [make_submission(question=f"Buy cheap things now number {n}") for n in range(3)]
    held = make_submission()
    moderation.claim(held, by=colleague)
    response = mod_client.post(
        reverse("admin:questions_submission_changelist"),
        {"action": "close_as_spam", "_selected_action": [s.pk for s in [*spam, held]]},
        follow=True,
    )
    assert "Closed 3 as spam." in response.content.decode()
    assert held.reference in response.content.decode()
    assert Submission.objects.filter(close_reason="spam").count() == 3
    held.refresh_from_db()
    assert held.status == "in_progress"


def test_forward_to_a_force_with_an_address_emails_only_the_question(
    mod_client, moderator, force, django_capture_on_commit_callbacks
):
    item = make_submission(email="jo@example.com", name="Jo Private", detail="Since March")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mod_client.post(url("forward", item), {"force": force.pk, "note": "Local matter"})
    item.refresh_from_db()
    assert item.forwarded_to == force and item.forwarded_at is not None
    message = mail.outbox[-1]
    assert message.to == ["questions@testshire.example"]
    assert item.question in message.body and "Since March" in message.body
    assert "Jo Private" not in message.body and "jo@example.com" not in message.body
    change = last_change(item)
    assert change.action == "forward"
    assert "Forwarded to Testshire Police (emailed to questions@testshire.example)" in change.note


def test_forward_to_a_force_without_an_address_is_recorded(mod_client, other_force):
    item = make_submission()
    mod_client.post(url("forward", item), {"force": other_force.pk})
    item.refresh_from_db()
    assert item.forwarded_to == other_force
    assert not OutboxMessage.objects.filter(kind="forward").exists()
    assert "no email address on file" in last_change(item).note


def test_draft_answer_then_publishing_it_answers_the_question(
    mod_client, moderator, django_capture_on_commit_callbacks
):
    item = make_submission(
        question="Can my landlord <b>enter</b> without asking?", email="jo@example.com"
    )
    mod_client.post(url("draft_answer", item), {})
    item.refresh_from_db()
    answer = item.answer
    assert answer.status == "draft"
    assert answer.question == "Can my landlord <b>enter</b> without asking?"
    assert "&lt;b&gt;enter&lt;/b&gt;" in answer.body  # escaped, not markup
    assert (item.status, item.assigned_to) == ("in_progress", moderator)
    assert last_change(item).action == "draft"
    assert last_change(item).note == f"Draft answer Q{answer.number} created."

    # An editor publishes it (any save that makes it published).
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer.status = "published"
        answer.summary = "Usually not without notice."
        workflow.save_answer(answer)
    item.refresh_from_db()
    assert item.status == "published" and item.finished_at is not None
    change = last_change(item)
    assert (change.action, change.from_status, change.to_status, change.by) == (
        "answered",
        "in_progress",
        "published",
        None,
    )
    message = mail.outbox[-1]
    assert message.to == ["jo@example.com"]
    assert answer.get_absolute_url() in message.body
    # Saving it again changes nothing and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_answer(answer)
    assert len(mail.outbox) == 1
    assert item.changes.filter(action="answered").count() == 1


def test_a_second_draft_answer_is_refused(moderator):
    item = make_submission()
    moderation.make_draft_answer(item, by=moderator)
    with pytest.raises(moderation.ModerationError):
        moderation.make_draft_answer(item, by=moderator)
    assert Answer.objects.count() == 1


def test_every_change_is_audited_in_order(moderator, colleague, force):
    item = make_submission(email="a@example.com")
    moderation.claim(item, by=moderator)
    moderation.assign(item, to=colleague, by=moderator)
    moderation.forward(item, by=colleague, force=force)
    moderation.reply(item, by=colleague, subject="s", body="b")
    moderation.close(item, by=colleague, reason=CloseReason.SIGNPOSTED_FORCE)
    moderation.reopen(item, by=moderator)
    rows = list(item.changes.values_list("action", "from_status", "to_status"))
    assert rows == [
        ("submitted", "", "new"),
        ("claim", "new", "in_progress"),
        ("assign", "in_progress", "in_progress"),
        ("forward", "in_progress", "in_progress"),
        ("reply", "in_progress", "answered"),
        ("close", "answered", "closed"),
        ("reopen", "closed", "new"),
    ]


def test_internal_notes_are_added_with_their_author(mod_client, moderator):
    item = make_submission()
    page = mod_client.get(reverse("admin:questions_submission_change", args=[item.pk]))
    assert page.status_code == 200
    data = {
        "topic": "",
        "notes-TOTAL_FORMS": "1",
        "notes-INITIAL_FORMS": "0",
        "notes-MIN_NUM_FORMS": "0",
        "notes-MAX_NUM_FORMS": "1000",
        "notes-0-text": "Called the force; they will reply.",
        "notes-0-submission": str(item.pk),
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
        "emails-TOTAL_FORMS": "0",
        "emails-INITIAL_FORMS": "0",
    }
    response = mod_client.post(reverse("admin:questions_submission_change", args=[item.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    note = item.notes.get()
    assert (note.author, note.text) == (moderator, "Called the force; they will reply.")


def test_a_closed_question_cannot_be_forwarded(mod_client, moderator, force):
    item = make_submission(email="jo@example.com")
    moderation.close(item, by=moderator, reason=CloseReason.NOT_POLICING)
    with pytest.raises(moderation.ModerationError, match="is closed"):
        moderation.forward(item, by=moderator, force=force)
    response = mod_client.post(url("forward", item), {"force": force.pk}, follow=True)
    assert "is closed" in response.content.decode()
    item.refresh_from_db()
    assert item.forwarded_to is None
    assert not OutboxMessage.objects.filter(kind="forward").exists()
    assert not item.changes.filter(action="forward").exists()


def buttons(client, item):
    page = client.get(reverse("admin:questions_submission_change", args=[item.pk])).content
    shown = {name for name in moderation.TRANSITIONS if url(name, item).encode() in page}
    return shown


# The steps on an open question, besides claiming or releasing it.
OPEN_STEPS = ["assign", "draft_answer", "answer_with_existing", "forward", "reply", "close"]


def test_the_buttons_are_the_steps_the_rules_allow(mod_client, moderator, colleague):
    item = make_submission(email="jo@example.com")
    assert buttons(mod_client, item) == {"claim", *OPEN_STEPS}
    moderation.claim(item, by=moderator)
    assert buttons(mod_client, item) == {"release", *OPEN_STEPS}
    moderation.close(item, by=moderator, reason=CloseReason.NOT_POLICING)
    assert buttons(mod_client, item) == {"reopen"}
    moderation.reopen(item, by=moderator)
    moderation.claim(item, by=colleague)
    # A colleague holds it: only handing it on is left (their reply, close and forward are refused).
    assert buttons(mod_client, item) == {"assign"}
    item.refresh_from_db()
    assert moderation.available_actions(item, colleague) == ["release", *OPEN_STEPS]


def test_every_step_the_rules_refuse_is_refused_by_its_function(moderator, colleague, force):
    steps = {
        "claim": lambda item, by: moderation.claim(item, by=by),
        "release": lambda item, by: moderation.release(item, by=by),
        "assign": lambda item, by: moderation.assign(item, to=by, by=by),
        "draft_answer": lambda item, by: moderation.make_draft_answer(item, by=by),
        "answer_with_existing": lambda item, by: moderation.answer_with_existing(
            item, by=by, answer=make_answer()
        ),
        "forward": lambda item, by: moderation.forward(item, by=by, force=force),
        "reply": lambda item, by: moderation.reply(item, by=by, subject="s", body="b"),
        "close": lambda item, by: moderation.close(item, by=by, reason=CloseReason.SPAM),
        "reopen": lambda item, by: moderation.reopen(item, by=by),
    }
    new = make_submission()
    closed = make_submission(email="jo@example.com")
    moderation.close(closed, by=moderator, reason=CloseReason.SPAM)
    held = make_submission(email="al@example.com")
    moderation.claim(held, by=colleague)
    for item in (new, closed, held):
        item = Submission.objects.get(pk=item.pk)
        refused = set(steps) - set(moderation.available_actions(item, moderator))
        for name in refused:
            with pytest.raises(moderation.ModerationError):
                steps[name](Submission.objects.get(pk=item.pk), moderator)


@pytest.mark.parametrize("action", list(moderation.TRANSITIONS))
def test_every_step_has_its_page(mod_client, moderator, action):
    item = make_submission(email="jo@example.com")
    if action in ("release", "reopen"):  # steps from a claimed or a closed question
        moderation.claim(item, by=moderator)
    if action == "reopen":
        moderation.close(item, by=moderator, reason=CloseReason.NOT_POLICING)
    page = mod_client.get(url(action, item))
    assert page.status_code == 200
    assert item.reference in page.content.decode()


def test_a_step_offers_a_note_only_where_the_history_keeps_it(mod_client, moderator):
    item = make_submission()
    for step in ("claim", "draft_answer"):
        assert 'name="note"' not in mod_client.get(url(step, item)).content.decode()
    moderation.claim(item, by=moderator)
    assert 'name="note"' in mod_client.get(url("release", item)).content.decode()
    mod_client.post(url("release", item), {"note": "Off sick tomorrow"})
    assert item.changes.get(action="release").note == "Off sick tomorrow"
