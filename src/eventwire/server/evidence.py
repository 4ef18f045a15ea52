"""Highlights: where each field of an event occurs in its article's text.

The event view shows the article with the evidence sentence, the trigger, the
actors, the place, the date expression and the casualty figures marked where
they occur. ``highlights(event, text)`` lists those spans (character offsets
into ``text``), keeping only spans whose offsets really point at their words.
"""

from __future__ import annotations

from typing import Any

# field name -> label shown in the dashboard legend (order = drawing order, widest first)
FIELDS = (
    ("evidence", "evidence"),
    ("mention", "other mention"),
    ("trigger", "trigger"),
    ("actor1", "actor 1"),
    ("actor2", "actor 2"),
    ("location", "place"),
    ("date", "date"),
    ("fatalities", "fatalities"),
    ("injured", "injured"),
    ("attribution", "source"),
)


def _span(field: str, start: Any, end: Any, expected: str | None, text: str | None) -> dict | None:
    if not isinstance(start, int) or not isinstance(end, int) or start < 0 or end <= start:
        return None
    if text is not None:
        if end > len(text):
            return None
        found = text[start:end]
        if expected and found != expected:
            return None
        expected = found
    return {"field": field, "start": start, "end": end, "text": expected}


def highlights(event: dict, text: str | None = None) -> list[dict]:
    """Spans ``{field, start, end, text}`` of an event's fields, checked against ``text`` when given."""
    spans: list[dict | None] = []
    evidence = event.get("evidence") or {}
    spans.append(_span("evidence", evidence.get("start"), evidence.get("end"), evidence.get("text"), text))
    for mention in event.get("mentions") or []:
        spans.append(_span("mention", mention.get("start"), mention.get("end"), mention.get("text"), text))
    spans.append(_span("trigger", evidence.get("trigger_start"), evidence.get("trigger_end"), None, text))
    for name in ("actor1", "actor2", "location", "fatalities", "injured", "attribution"):
        value = event.get(name) or {}
        spans.append(_span(name, value.get("start"), value.get("end"), value.get("text"), text))
    date = event.get("date") or {}
    spans.append(_span("date", date.get("offset_start"), date.get("offset_end"), date.get("text"), text))
    return [span for span in spans if span]
