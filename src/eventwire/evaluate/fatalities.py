"""Score fatality counts against ACLED rows (``notes`` -> ``fatalities``).

Two figures, both on the ACLED export's own rows:

- ``exact_positive``: the share of rows with fatalities > 0 where eventwire's count
  for the note's main event equals ACLED's figure;
- ``none_negative``: the share of rows with no fatalities where eventwire also
  reports none (no count, or 0).

Rows whose notes say the figure was split between events or imputed by the coder
("20 fatalities split up between 3 events", "Unknown fatalities coded as 10") are
left out: the note does not hold the row's figure.

:func:`fatality_metrics` scores full pipeline output; :func:`evaluate_fatalities_csv`
is a fast path for development that runs only segmentation and the casualty stage,
treating each note as one event.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from eventwire.errors import EventwireError

__all__ = ["excluded_reason", "fatality_metrics", "evaluate_fatalities_csv", "note_fatalities", "read_rows",
           "format_report"]

_SPLIT = re.compile(
    r"\b(?:split|divided|distributed|spread)\b[^.]{0,60}\b(?:between|across|among|over|amongst|equally)\b"
    r"|\bsplit\s+(?:up\s+)?(?:between|across|among)\b|\bcoded\s+across\b|\bfatalities\s+(?:were\s+)?split\b",
    re.I,
)
_IMPUTED = re.compile(
    r"\b(?:unknown|unclear|unspecified|undisclosed|unconfirmed|several|dozens|many|multiple|a\s+number\s+of)\b"
    r"(?:\s+\w+){0,6}?\s+(?:fatalities|fatality|deaths)\b[^.]{0,60}\bcoded\s+(?:as|at|to)\b"
    r"|\bcoded\s+(?:as|at|to)\s+\d+[^.]{0,40}\bin\s+addition\b|\brounded\s+(?:down|up)\b|\breported\s+as\s+half\b"
    r"|\bimputed\b|\bestimated\s+(?:as|at)\s+\d+\s+fatalit",
    re.I,
)


def excluded_reason(notes: str) -> str | None:
    """``"split"`` or ``"imputed"`` when the note says the row's figure is not the note's own, else None."""
    if _SPLIT.search(notes):
        return "split"
    if _IMPUTED.search(notes):
        return "imputed"
    return None


def read_rows(path: str | Path) -> list[dict]:
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EventwireError("E050", f"cannot read ACLED rows from {path}: {exc}") from exc
    if rows and ("notes" not in rows[0] or "fatalities" not in rows[0]):
        raise EventwireError("E050", f"{path} has no notes/fatalities columns")
    return rows


def _gold(row: dict) -> int | None:
    try:
        return int(float(row.get("fatalities") or 0))
    except ValueError:
        return None


def _score(pairs: Iterable[tuple[dict, int | None]]) -> dict:
    positive = positive_hit = negative = negative_hit = 0
    excluded = {"split": 0, "imputed": 0}
    abs_error = 0
    for row, predicted in pairs:
        gold = _gold(row)
        if gold is None:
            continue
        reason = excluded_reason(row.get("notes") or "")
        if reason:
            excluded[reason] += 1
            continue
        value = predicted or 0
        if gold > 0:
            positive += 1
            positive_hit += value == gold
            abs_error += abs(value - gold)
        else:
            negative += 1
            negative_hit += value == 0
    return {
        "exact_positive": positive_hit / positive if positive else None,
        "none_negative": negative_hit / negative if negative else None,
        "rows_positive": positive,
        "rows_negative": negative,
        "mean_abs_error_positive": abs_error / positive if positive else None,
        "excluded": excluded,
    }


def fatality_metrics(rows: list[dict], records: list) -> dict:
    """Score pipeline records (one per row, for the row's notes; ``events[0]`` is the main event)."""
    if len(rows) != len(records):
        raise EventwireError("E050", f"{len(rows)} rows but {len(records)} records")

    def predicted(record) -> int | None:
        if not record.events:
            return None
        count = record.events[0].fatalities
        return count.value if count is not None else None

    return _score((row, predicted(record)) for row, record in zip(rows, records))


def note_fatalities(notes: str, settings=False):
    """The fatalities of one ACLED note read as a single event: a :class:`~eventwire.records.Count` or None."""
    return notes_fatalities([notes], settings)[0]


def notes_fatalities(notes: list[str], settings=None) -> list:
    """:func:`note_fatalities` for many notes, parsed in one batch as the pipeline parses
    (``settings.parse``), or not at all when ``settings`` is ``False``."""
    from eventwire import casualties, nlp
    from eventwire.pipeline import parse_documents
    from eventwire.records import Document
    from eventwire.settings import DEFAULT_SETTINGS

    segmented = [nlp.segment(Document(id=f"note-{i}", text=text)) for i, text in enumerate(notes)]
    if settings is not False:
        parse_documents(segmented, settings or DEFAULT_SETTINGS)
    return [casualties.combine(casualties.find_casualties(parsed), "killed", text)
            for parsed, text in zip(segmented, notes)]


def evaluate_fatalities_csv(path: str | Path, errors: list | None = None, settings=None) -> dict:
    """The casualty stage on each row's notes, the note being one event; the notes are parsed as
    the pipeline parses them (``settings.parse``), or not at all with ``settings=False`` (faster).

    When ``errors`` is a list, (row, predicted) pairs that miss are appended to it.
    """
    rows = read_rows(path)
    pairs = []
    counts = notes_fatalities([row.get("notes") or "" for row in rows], settings)
    for row, count in zip(rows, counts):
        value = count.value if count is not None else None
        pairs.append((row, value))
        if errors is not None and not excluded_reason(row.get("notes") or "") and (value or 0) != (_gold(row) or 0):
            errors.append((row, value))
    result = _score(pairs)
    result["path"] = str(path)
    return result


def format_report(result: dict) -> str:
    def pct(x):
        return "n/a" if x is None else f"{x:.3f}"

    lines = [
        f"exact match, rows with fatalities > 0: {pct(result['exact_positive'])} ({result['rows_positive']} rows)",
        f"none reported, rows without fatalities: {pct(result['none_negative'])} ({result['rows_negative']} rows)",
        f"mean absolute error, rows with fatalities > 0: {pct(result['mean_abs_error_positive'])}",
        f"excluded: {result['excluded']['split']} split, {result['excluded']['imputed']} imputed",
    ]
    return "\n".join(lines)
