"""The question form's state between steps: one frozen value, packed and unpacked in one place."""

import dataclasses

import pytest

from questions import moderation
from questions.forms import CONFIRM_SALT, QuestionFormState
from questions.models import Submission

from .conftest import QUESTION, send_question


def test_the_state_survives_its_token():
    state = QuestionFormState(
        question="Can I film my neighbour?",
        started=1700000000.5,
        detail="Since March",
        force_id=7,
        name="Jo",
        email="jo@example.com",
        consent=True,
    )
    assert QuestionFormState.from_token(state.to_token()) == state
    assert QuestionFormState.from_token(state.to_token(CONFIRM_SALT), CONFIRM_SALT) == state


def test_a_state_cannot_be_changed_once_made():
    state = QuestionFormState(question="Can I film my neighbour?")
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.question = "something else"


@pytest.mark.parametrize("token", ["", "not a token", None])
def test_a_missing_or_altered_token_gives_nothing(token):
    assert QuestionFormState.from_token(token) is None


def test_a_token_of_the_other_step_is_refused():
    token = QuestionFormState(question="Can I film my neighbour?").to_token()
    assert QuestionFormState.from_token(token, CONFIRM_SALT) is None


def test_going_back_a_step_keeps_only_what_step_one_gave():
    state = QuestionFormState(question="Can I film?", started=5.0, detail="x", email="a@b.example")
    assert state.first_step() == QuestionFormState(question="Can I film?", started=5.0)


@pytest.mark.django_db
def test_sending_a_question_hashes_its_text_once(client, monkeypatch):
    calls = []
    real = moderation.content_hash

    def counting(**parts):
        calls.append(parts)
        return real(**parts)

    monkeypatch.setattr(moderation, "content_hash", counting)
    response = send_question(client)
    assert response.status_code == 302
    assert Submission.objects.get().question == QUESTION
    assert len(calls) == 1
