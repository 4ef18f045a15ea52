"""Event locations: the most specific place an event's evidence gives (placeholder, filled below)."""

from __future__ import annotations

from eventwire.records import Place


def event_location(parsed, places: list[Place], evidence_start: int, evidence_end: int,
                   trigger_start: int | None = None, trigger_end: int | None = None) -> Place | None:
    inside = [p for p in places if p.name and evidence_start <= p.start and p.end <= evidence_end]
    return inside[0] if inside else None
