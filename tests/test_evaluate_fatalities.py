"""Fatality metrics against ACLED rows: exclusions, scoring of pipeline records, and the dev-set gate."""

from __future__ import annotations

import pytest

from eventwire.evaluate.fatalities import (
    evaluate_fatalities_csv,
    excluded_reason,
    fatality_metrics,
    note_fatalities,
)
from eventwire.records import Count, DocumentRecord, Event, Evidence


@pytest.mark.parametrize(
    ("notes", "reason"),
    [
        ("Clashes on three fronts left 20 pro-Houthi elements killed. 20 fatalities split up between 3 events.", "split"),
        ("Shelling hit the town. Fatalities are split across 2 events (3).", "split"),
        ("Total fatalities divided equally across three events.", "split"),
        ("Unclear fatalities coded as 10 and spread between 3 locations.", "split"),
        ("Forces killed a number of fighters; unknown reported fatalities coded as 10.", "imputed"),
        ("Several fatalities coded as 3.", "imputed"),
        ("Due to the unclear nature of fatalities, fatalities reported as half, rounded down to 3.", "imputed"),
        ("Gunmen killed two soldiers near the base. 2 fatalities.", None),
        ("Fatalities coded as 0 (VoJ reported 1).", None),
        ("Police prevented the spread of the protest to the market.", None),
    ],
)
def test_excluded_reason(notes, reason):
    assert excluded_reason(notes) == reason


def _record(fatalities: int | None) -> DocumentRecord:
    count = None if fatalities is None else Count(fatalities, fatalities, None, "exact", "x", 0, 1)
    evidence = Evidence("x", 0, 1, "x")
    event = Event("e", "ASSAULT", None, "Battles", "Armed clash", None, None, None, None, count, None, evidence, None, 0.9)
    return DocumentRecord("d", None, "en", [event], [], [], [])


def test_fatality_metrics_scores_main_event():
    rows = [
        {"notes": "Gunmen killed two soldiers.", "fatalities": "2"},
        {"notes": "Militants killed a civilian.", "fatalities": "1"},
        {"notes": "Protesters rallied peacefully.", "fatalities": "0"},
        {"notes": "Residents protested.", "fatalities": "0"},
        {"notes": "Clashes. 20 fatalities split up between 3 events.", "fatalities": "7"},
    ]
    records = [_record(2), _record(3), _record(None), _record(1), _record(20)]
    result = fatality_metrics(rows, records)
    assert result["exact_positive"] == 0.5
    assert result["none_negative"] == 0.5
    assert result["rows_positive"] == 2 and result["rows_negative"] == 2
    assert result["excluded"]["split"] == 1
    empty = DocumentRecord("d", None, "en", [], [], [], [])
    assert fatality_metrics(rows[:1], [empty])["exact_positive"] == 0.0


def test_note_fatalities_reads_one_event():
    assert note_fatalities("On 2 May 2020, 2 Turkish Army soldiers were killed and 4 others were wounded "
                           "during clashes with PKK militants.").value == 2
    assert note_fatalities("On 9 May 2020, regime forces shelled Kinda in Idleb. "
                           "Neither fatalities nor injuries were reported.").value == 0
    assert note_fatalities("On 6 May 2020, teachers protested outside parliament [size=dozens].") is None


@pytest.mark.shared
def test_acled_dev_gate(shared_data):
    """The figures of docs/evaluation.md (## Casualties) stay above the project's bar."""
    path = shared_data / "acled" / "acled_2020-05_dev.csv"
    if not path.exists():
        pytest.skip(f"{path} absent")
    result = evaluate_fatalities_csv(path)
    assert result["rows_positive"] > 500
    assert result["exact_positive"] >= 0.92
    assert result["none_negative"] >= 0.98
