"""Check extracted events against a hand-annotated list of expected events (the seed's format).

``expected.json`` holds ``required`` and ``optional`` entries; each entry lists
constraints one output event must meet: a dotted field path (``actor1.country``)
and the values it may take. An entry is found when some event meets all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.records import DocumentRecord, to_dict


def field_value(event: dict, path: str):
    value = event
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _matches(event: dict, entry: dict) -> list[str]:
    """The constraints of ``entry`` that ``event`` fails (empty: it matches)."""
    failed = []
    for key, allowed in entry.items():
        if key == "what":
            continue
        value = field_value(event, key)
        allowed = allowed if isinstance(allowed, list) else [allowed]
        if value not in allowed:
            failed.append(f"{key}={value!r} not in {allowed}")
    return failed


def check_expected(record: DocumentRecord | dict, expected: dict) -> dict:
    """Which required/optional entries are found, and for those missed the nearest event's failures."""
    data = to_dict(record) if not isinstance(record, dict) else record
    report: dict = {"required": [], "optional": []}
    for kind in ("required", "optional"):
        for entry in expected.get(kind, []):
            best = None
            for event in data["events"]:
                failed = _matches(event, entry)
                if best is None or len(failed) < len(best[1]):
                    best = (event, failed)
                if not failed:
                    break
            found = best is not None and not best[1]
            report[kind].append({
                "what": entry.get("what"),
                "found": found,
                "missing": [] if found or best is None else best[1],
                "event": best[0]["event_id"] if best else None,
            })
    report["required_found"] = sum(r["found"] for r in report["required"])
    report["required_total"] = len(report["required"])
    report["optional_found"] = sum(r["found"] for r in report["optional"])
    return report


def check_expected_file(article: str | Path, expected: str | Path, settings=None) -> dict:
    from eventwire import api
    from eventwire.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    document = next(iter(api.read([article], settings)))
    record = next(iter(api.extract_many([document], settings=settings)))
    return check_expected(record, json.loads(Path(expected).read_text(encoding="utf-8")))
