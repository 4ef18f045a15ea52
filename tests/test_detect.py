"""Event detection on real news sentences: triggers, arguments, merging and what is not an event."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.events import detect
from eventwire.settings import DEFAULT_SETTINGS


def mentions_of(parse_text, text, when=date(2025, 3, 14)):
    parsed = parse_text(text, when)
    context = detect.EventContext(times=[], places=[], casualties=[], classifier=None, settings=DEFAULT_SETTINGS)
    memory = detect.EntityMemory()
    found = []
    for sentence in parsed.sentences:
        mentions = detect.find_mentions(parsed, sentence)
        for mention in mentions:
            detect._fill_arguments(parsed, mention, context, memory, None)
            memory.remember(sentence.index, mention.actor1)
        detect._remember_entities(sentence, memory, context)
        found.extend(mentions)
    return parsed, found


def test_arrest_by_police(parse_text):
    _, [mention] = mentions_of(parse_text, "Police arrested 12 protesters in Nairobi on Monday.")
    assert mention.type == "COERCE" and mention.mode == "arrest"
    assert mention.actor1.sector == "MIL" and mention.actor2.sector == "PRO"


def test_light_verb_and_mode(parse_text):
    _, [mention] = mentions_of(parse_text, "Israel launched airstrikes on Gaza City overnight.")
    assert (mention.type, mention.mode) == ("ASSAULT", "aerial")
    assert mention.actor1.country == "ISR"
    assert mention.governor.lemma_ == "launch"


def test_relative_clause_kill_is_not_a_second_event(parse_text):
    _, found = mentions_of(parse_text, "A car bombing that killed nine people shook the market in Mogadishu.")
    assert [m.trigger.lemma_ for m in found] == ["bombing"]


def test_negated_and_conditional_are_not_events(parse_text):
    _, found = mentions_of(parse_text, "Russia has not agreed to the ceasefire.")
    assert found == []
    _, found = mentions_of(parse_text, "Officials asked whether the rebels would attack the city.")
    assert all(m.type != "ASSAULT" for m in found)


def test_passive_voice_swaps_roles(parse_text):
    _, [mention] = mentions_of(parse_text, "Five soldiers were killed by Boko Haram militants in Borno state.")
    assert mention.actor1.name.startswith("Boko Haram") and mention.actor1.acled_inter == 2
    assert mention.actor2.sector == "MIL"


def test_possessive_of_a_killing_is_the_victim(parse_text):
    _, [mention] = mentions_of(parse_text, "U.S. President Donald Trump later confirmed al-Rufay'i's killing.")
    assert mention.actor1 is None and mention.actor2 is not None and "Rufay" in mention.actor2.text


def test_withdrawn_ambassador_is_aimed_at_the_other_state(parse_text):
    text = ("Russia accused Lithuania of blocking rail transit to Kaliningrad. "
            "Moscow recalled its ambassador on Tuesday.")
    parsed, found = mentions_of(parse_text, text)
    recall = next(m for m in found if m.type == "SANCTION")
    assert recall.actor1.country == "RUS"


def test_group_anaphora(parse_text):
    text = ("Al-Shabaab fighters stormed a hotel in Kismayo. "
            "The group warned it would carry out more attacks.")
    _, found = mentions_of(parse_text, text)
    threat = next(m for m in found if m.type == "THREATEN")
    assert threat.actor1 is not None and threat.actor1.sector == "REB"


@pytest.mark.parametrize("text, kind", [
    ("Thousands of demonstrators marched through Khartoum demanding civilian rule.", "PROTEST"),
    ("China urged both sides to exercise restraint.", "REQUEST"),
    ("The militants threatened to kill the hostages.", "THREATEN"),
    ("Iran summoned the British ambassador over the comments.", "ACCUSE"),
])
def test_types_of_common_news_sentences(parse_text, text, kind):
    _, found = mentions_of(parse_text, text)
    assert kind in {m.type for m in found}


def test_needs_parse_prefilter(parse_text):
    parsed = parse_text("The weather was mild. Gunmen attacked a police post.")
    assert [detect.needs_parse(parsed, s) for s in parsed.sentences] == [False, True]
