"""The one crisis classifier (common.crisis): what the issue's texts read as, and why."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import crisis, crisis_model


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


# From the fresh set's development part (never its held-out part): as people write in a panic.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("feel like killin masel", crisis.SELF_HARM),  # a dropped g, Scots
        ("keep thinking about kiling myself", crisis.SELF_HARM),  # a letter missed
        ("everybody wid be better aff withoot me", crisis.SELF_HARM),
        ("evryone would be beter off without me", crisis.SELF_HARM),
        ("there no point in me bein here anymore", crisis.SELF_HARM),
        ("does dim pwynt byw", crisis.SELF_HARM),  # Welsh: there is no point living
        ("flatmate slashed her wrists", crisis.SELF_HARM),
        ("me fella's tied a belt round his neck", crisis.SELF_HARM),
        ("stood on the platform wantin tae step in front o the next train", crisis.SELF_HARM),
        ("i swallowed bleech", crisis.SELF_HARM),
        ("took 30 paracetemol an hour ago", crisis.SELF_HARM),
        ("think im gonna do somthing stupid tonight", crisis.SELF_HARM),
        ("he's threatening to kill himself and me", crisis.DANGER),
        ("ma da's battering ma maw", crisis.DANGER),
        ("me da's beatin me ma", crisis.DANGER),  # Northern Irish: my dad is beating my mum
        ("husband chokin me", crisis.DANGER),
        ("someone is in my hosue right now", crisis.DANGER),  # two letters swapped
        ("there has been an explosion on my street", crisis.DANGER),
        ("he's draggin her intae a van", crisis.DANGER),
        ("mae rhywun yn trio torri mewn i'r tŷ", crisis.DANGER),  # someone is breaking in
        ("hlep", crisis.DANGER),
        ("ah want tae kill masl", crisis.SELF_HARM),  # a slip in a Scots word
        ("cannae see the point o cairryin on", crisis.SELF_HARM),
        ("had enuff of life tbh done", crisis.SELF_HARM),
        ("bin stockpilin pills", crisis.SELF_HARM),
        ("sat in the car engine running in the garage", crisis.SELF_HARM),
        ("am gonnae hing masel", crisis.SELF_HARM),
        ("does gen i ddim rheswm i fyw", crisis.SELF_HARM),  # Welsh: no reason to live
        ("cuttin rn", crisis.SELF_HARM),
        ("googlin how many pills it takes", crisis.SELF_HARM),
        ("got the pills in ma hand", crisis.SELF_HARM),
        ("am gonnae walk intae the clyde the night", crisis.SELF_HARM),
        ("dw i wedi cael digon ar fywyd", crisis.SELF_HARM),  # Welsh: had enough of life
        ("ex at my work waiting for me hes threatened me", crisis.DANGER),
        ("a guy's battering a lassie in the street", crisis.DANGER),
        ("help somebody's attackin ma da", crisis.DANGER),
        ("mae dyn wedi cael ei drywanu", crisis.DANGER),  # Welsh: a man has been stabbed
        ("think someones in my loft", crisis.DANGER),
        ("he keeps driving past my house and has stopped outside", crisis.DANGER),
        ("son supposed to be home at 6 now 11 phone off", crisis.CHILD),
        ("babys been taken by her dad hes drunk", crisis.CHILD),
        ("ma lassie's 13 an she's no come hame an its midnight", crisis.CHILD),
        ("sum1 threatnin 2 share my sons nudes", crisis.CHILD),
        ("my son is being forced to sell drugs by older boys", crisis.CHILD),
        ("can hear her next door skelpin the wean", crisis.CHILD),
        ("our lad got a hiding on the way home from school", crisis.CRIME_NOW),
        ("phone just snatched out my hand", crisis.CRIME_NOW),
        ("got groped on the bus", crisis.CRIME_NOW),
    ],
)
def test_panicked_writing_from_the_fresh_development_part(text, kind):
    assert crisis.assess(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "song lyrics i want to die in your arms",
        "news about the stabbing in the town centre",
        "whats the craic with the stabbing in town",
        "how to sharpen a kitchen knife",
        "airsoft gun shop near me",
        "the game has guns and knives is it ok for a 12 year old",
        "i want to report a pothole",
        "killin time b4 my train",
        "deein tae know who wins the night",
        "are you willing to help",  # one letter from "killing": never folded into it
        "a day at the beach",  # nor "bleach"
        "want to dye my hair pink",
        "brother says hes gonna kill me for borrowing his car lol",
        "drowning in work emails",
        "got hit by a ball at football",
        "what do i do if i witness a stabbing",
        "suicide statistcs uk",  # a slip in the question is read as the question
        "suicide preventiion week",
    ],
)
def test_hard_negatives_from_the_fresh_development_part(text):
    assert not crisis.assess(text)


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


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("my son locked himslef in", "my son locked himself in"),  # letters swapped
        ("im so scarde", "im so scared"),  # two letters swapped
        ("my daugher", "my daughter"),  # a letter missed
        ("boyfirend", "boyfriend"),
        ("screming", "screaming"),
        # An English word, or one written without its apostrophe, is never read as a slip.
        ("are you willing", "are you willing"),
        ("a day at the beach", "a day at the beach"),
        ("theyre outside wasnt me", "theyre outside wasnt me"),
    ],
)
def test_a_misspelt_word_is_read_as_the_crisis_word_it_is_one_slip_from(written, read):
    assert crisis.normalise(written) == read


def test_without_its_vocabulary_of_slips_every_rule_still_reads(monkeypatch, caplog):
    crisis.learned_model()  # trained as the worker starts, before anything goes missing
    crisis._crisis_vocabulary.cache_clear()
    crisis._fold_word.cache_clear()
    monkeypatch.setattr(crisis, "FRESH_TEXTS", "data/missing.tsv")
    try:
        assert crisis.assess("he is outside with a knife").kind == crisis.DANGER
        assert "crisis vocabulary could not be built" in caplog.text
    finally:
        crisis._crisis_vocabulary.cache_clear()
        crisis._fold_word.cache_clear()


def test_each_worker_builds_the_classifier_as_it_starts():
    """The first search on a gunicorn worker does not wait for the word lists to be built."""
    import importlib

    from common import crisis

    built = (
        crisis._compiled,
        crisis._phrase_folds,
        crisis._crisis_vocabulary,
        crisis.learned_model,
    )
    for each in built:
        each.cache_clear()
    # What gunicorn loads in each worker (reloaded, as another test may have imported it).
    importlib.reload(importlib.import_module("config.wsgi"))
    for each in built:
        assert each.cache_info().currsize == 1
    assert crisis.learned_model() is not None  # the model too is trained before the first search


# --- the learned second opinion (common.crisis_model) -------------------------------------------

MISSED_BY_THE_RULES = "stranger in my kitchn"  # a development text (fresh set) no rule reads


def test_the_model_reads_what_the_rules_let_pass():
    assert MISSED_BY_THE_RULES in {r.text for r in crisis.development_texts()}
    assert not crisis.assess(MISSED_BY_THE_RULES, model=False)
    found = crisis.assess(MISSED_BY_THE_RULES)
    assert found.kind == crisis.DANGER
    assert found.reason == f"Danger now: “{crisis.normalise(MISSED_BY_THE_RULES)}”"


def test_the_model_reads_the_question_and_detail_together():
    found = crisis.assess("can you help me", MISSED_BY_THE_RULES)
    assert found.kind == crisis.DANGER


def test_calm_development_texts_stay_calm_with_the_model():
    calm = [r.text for r in crisis.development_texts() if r.label == crisis.NONE]
    assert len(calm) > 1000
    added = [text for text in calm if crisis.assess(text) and not crisis.assess(text, model=False)]
    assert len(added) <= len(calm) // 200  # at most one calm text in 200 newly flagged


@pytest.mark.parametrize(
    "text",
    [
        "carry a knife",  # a search for the law, not a weapon in someone's hand
        "is it illegal to carry a knife in scotland",
        "what to do if someone is threatening suicide online",
        "my friend died by suicide last year where can i get support",
    ],
)
def test_the_model_is_not_asked_about_a_topic_or_a_question_about_the_law(text):
    assert crisis.is_topic(crisis.normalise(text))
    assert not crisis.assess(text)


def test_short_searches_are_read_by_the_rules_alone():
    model = crisis.learned_model()
    assert model.kind("stranger kitchn") is None  # two words: a topic, not a sentence
    assert model.kind(crisis.normalise(MISSED_BY_THE_RULES)) == crisis.DANGER


def test_the_thresholds_are_the_ones_cross_validation_on_development_texts_chooses():
    scored = crisis_model.out_of_fold_scores(crisis.development_texts(), crisis.normalise)
    assert {row.part for row, _text, _scores in scored} == {"dev"}  # never a held-out text
    chosen = crisis_model.cross_validated_thresholds(scored, crisis.is_topic)
    assert chosen == pytest.approx(crisis_model.THRESHOLDS, abs=crisis_model.DRIFT)


def test_without_scikit_learn_the_rules_alone_read(monkeypatch, caplog):
    import sys

    for name in [n for n in sys.modules if n == "sklearn" or n.startswith("sklearn.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "sklearn", None)
    crisis.learned_model.cache_clear()
    try:
        assert not crisis.assess(MISSED_BY_THE_RULES)
        assert crisis.assess("he is outside with a knife").kind == crisis.DANGER
        assert "crisis model could not be trained; the rules alone read texts" in caplog.text
    finally:
        crisis.learned_model.cache_clear()
