"""The seed article end to end: every required event of expected.json is found with its fields."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate.expected import check_expected


@pytest.fixture(scope="module")
def seed_record(seed_article):
    from eventwire import api

    return next(iter(api.extract_many([seed_article])))


def test_seed_required_events_found(seed_record, shared_data):
    expected = json.loads((shared_data / "seed" / "expected.json").read_text())
    report = check_expected(seed_record, expected)
    missed = [(r["what"], r["missing"]) for r in report["required"] if not r["found"]]
    assert not missed, f"required events missed: {missed}"


def test_seed_offsets_point_into_text(seed_record):
    text = seed_record.text
    for event in seed_record.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text
        for actor in (event.actor1, event.actor2):
            if actor is not None:
                assert text[actor.start:actor.end] == actor.text
        for count in (event.fatalities, event.injured):
            if count is not None:
                assert text[count.start:count.end] == count.text
    for item in seed_record.places + seed_record.times:
        assert text[item.start:item.end] == item.text


def test_seed_main_event_is_the_strike(seed_record):
    main = seed_record.events[0]
    assert main.type == "ASSAULT"
    assert main.actor1 is not None and main.actor1.country == "PAK"
