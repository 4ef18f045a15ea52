"""Event dates: the temporal expression that governs an event trigger (placeholder, filled below)."""

from __future__ import annotations


def event_date(parsed, times, evidence_start, evidence_end, trigger_start, trigger_end):
    return None
