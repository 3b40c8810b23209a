"""The one crisis classifier (common.crisis): what the issue's texts read as, and why."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import crisis


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("i want to kill myself", crisis.SELF_HARM),
        ("stabbed", crisis.DANGER),
        ("he is outside with a knife", crisis.DANGER),
        ("there is a man with a knife outside my flat", crisis.DANGER),
        ("my son has been stabbed", crisis.DANGER),
        ("im being followed", crisis.DANGER),
        ("my daughter has been raped", crisis.CRIME_NOW),
        ("he hit me", crisis.CRIME_NOW),
        ("my 14 year old daughter has run away", crisis.CHILD),
        # As people type in a panic: no capitals or punctuation, slips, text-speak, Scots, Welsh.
        ("hes outsid wiv a nife", crisis.DANGER),
        ("i wnt to kil my self", crisis.SELF_HARM),
        ("theres a guy ootside wi a chib", crisis.DANGER),
        ("ah want tae kill masel", crisis.SELF_HARM),
        ("mae dyn tu allan gyda chyllell", crisis.DANGER),
        ("dwi eisiau lladd fy hun", crisis.SELF_HARM),
    ],
)
def test_the_issues_texts_are_recognised(text, kind):
    found = crisis.assess(text)
    assert found.kind == kind
    assert found.matched  # the moderator is shown why
    assert found.matched in crisis.normalise(text)


@pytest.mark.parametrize(
    "text",
    [
        "what happens if I call 999 by mistake",
        "is it illegal to carry a pocket knife",
        "how do I report a crime that happened last year",
        "the law on suicide pacts",
        "knife crime sentence",
        "can i carry a knife for self defence",
        "my boss will kill me if im late",
        "noise outside my house at night",
        "help with a parking fine",
        "my phone is dying",
    ],
)
def test_questions_about_these_things_are_not_flagged(text):
    found = crisis.assess(text)
    assert not found
    assert found.kind == crisis.NONE


def test_saying_it_is_happening_now_outweighs_a_question():
    assert crisis.assess("is it illegal he is outside with a knife right now").kind == crisis.DANGER


def test_a_harm_that_is_over_is_a_crime_to_report_not_danger_now():
    assert crisis.assess("he choked me last night").kind == crisis.CRIME_NOW


def test_the_reason_names_the_kind_and_the_words():
    found = crisis.assess("there is a man with a knife outside my flat")
    assert found.urgent
    assert found.reason.startswith("Danger now: ")
    assert "knife" in found.reason


def test_question_and_detail_are_read_together():
    assert crisis.assess("can you help", "he is outside with a knife").kind == crisis.DANGER


@given(st.text(max_size=300))
def test_it_never_raises(text):
    found = crisis.assess(text, None, text)
    assert found.kind in (*crisis.KINDS, crisis.NONE)


def test_the_labelled_set_is_large_and_keeps_a_held_out_part():
    rows = crisis.labelled_texts()
    texts = {r.text for r in rows}
    positives = [r for r in rows if r.label != crisis.NONE]
    assert len(rows) >= 1500
    assert len(rows) - len(positives) >= 1000  # hard negatives
    assert {r.label for r in rows} == {*crisis.KINDS, crisis.NONE}
    assert sum(r.part == "heldout" for r in rows) >= 500
    # A group never straddles the split.
    parts = {}
    for r in rows:
        assert parts.setdefault(r.group, r.part) == r.part
    for text in (
        "i want to kill myself",
        "stabbed",
        "he is outside with a knife",
        "there is a man with a knife outside my flat",
        "my son has been stabbed",
        "my daughter has been raped",
        "he hit me",
        "im being followed",
        "what happens if I call 999 by mistake",
        "is it illegal to carry a pocket knife",
        "how do I report a crime that happened last year",
        "the law on suicide pacts",
    ):
        assert text in texts


def test_the_fresh_set_is_split_once_by_group_and_says_how_each_text_is_written():
    rows = crisis.labelled_texts(crisis.FRESH_TEXTS)
    assert len(rows) >= 600
    assert {r.label for r in rows} == {*crisis.KINDS, crisis.NONE}
    assert {"plain", "typos", "textspeak", "scots", "ni", "welsh_en", "welsh"} <= {
        r.style for r in rows
    }
    parts = {}
    for r in rows:
        assert parts.setdefault(r.group, r.part) == r.part
    assert {r.part for r in rows} == {"dev", "heldout"}
    # No group number is shared with the first set, so the two never mix.
    assert not {r.group for r in rows} & {r.group for r in crisis.labelled_texts()}
