"""The time stage: temporal expressions (TimeML TIMEX3) and the dates of events.

- :func:`find_times` tags every DATE, TIME, DURATION and SET expression of a
  parsed document with exact offsets, a TIMEX3 value resolved against the
  publication date (or TimeML's unresolved forms without one) and a mod.
- :func:`event_date` picks the expression that governs an event trigger (attached
  to it in the parse, then free in its sentence, then the nearest preceding
  sentence of its paragraph) and falls back to the publication date.

The grammar is a set of compiled regular expressions over raw text
(:mod:`eventwire.timex.tagger`); no spaCy parse is needed to tag, one is used
when present to choose tense and governing dates.
"""

from __future__ import annotations

from eventwire.records import Time
from eventwire.timex.eventdate import event_date
from eventwire.timex.tagger import tag
from eventwire.timex.values import Point, span_of_value

__all__ = ["find_times", "event_date", "tag", "Point", "span_of_value"]


def find_times(parsed) -> list[Time]:
    """Every temporal expression of ``parsed.text`` as :class:`~eventwire.records.Time` records, in text order."""
    text = parsed.text
    spans = [(s.start, s.end) for s in parsed.sentences]
    docs = {s.index: s.doc for s in parsed.sentences if s.doc is not None}
    times: list[Time] = []
    for found in tag(text, parsed.date, spans, docs):
        sentence = parsed.sentence_at(found.start)
        times.append(
            Time(
                text=text[found.start:found.end],
                start=found.start,
                end=found.end,
                type=found.type,
                value=found.value,
                mod=found.mod,
                anchor=found.anchor,
                sentence=sentence.index if sentence is not None else None,
            )
        )
    return times

