"""Regenerate the README's example from real output: `python tools/readme_example.py` rewrites the block
between the EXAMPLE markers with the command and an excerpt of what it printed on the seed article."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "data" / "seed" / "pakistan_iran_strikes_2024-01-18.txt"
BEGIN, END = "<!-- EXAMPLE:BEGIN -->", "<!-- EXAMPLE:END -->"


def excerpt(record: dict, events: int = 3) -> dict:
    """The first events with their main fields, and the counts of the rest."""
    keep = ("type", "mode", "acled_event_type", "acled_sub_event_type", "actor1", "actor2", "date", "location",
            "fatalities", "evidence", "confidence")
    shown = []
    for event in record["events"][:events]:
        item = {k: event[k] for k in keep}
        for role in ("actor1", "actor2"):
            if item[role]:
                item[role] = {k: item[role][k] for k in ("text", "name", "country", "sector", "acled_inter")}
        if item["location"]:
            item["location"] = {k: item["location"][k] for k in ("text", "name", "country", "admin1", "lat", "lon",
                                                                "geo_precision")}
        if item["date"]:
            item["date"] = {k: item["date"][k] for k in ("value", "precision", "text", "mod")}
        if item["fatalities"]:
            item["fatalities"] = {k: item["fatalities"][k] for k in ("value", "qualifier", "breakdown", "text")}
        item["evidence"] = {"trigger": event["evidence"]["trigger"], "start": event["evidence"]["start"],
                            "end": event["evidence"]["end"]}
        shown.append(item)
    return {"id": record["id"], "date": record["date"], "events": shown,
            "...": f"{len(record['events']) - len(shown)} more events, {len(record['places'])} places, "
                   f"{len(record['times'])} times"}


def main() -> int:
    command = [str(REPO / ".venv" / "bin" / "eventwire"), "extract", str(SEED), "--no-text"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    record = json.loads(output.splitlines()[0])
    lines = [record["events"][i] for i in range(len(record["events"]))]
    table = "\n".join(
        f"    {e['type']:<9} {(e['acled_sub_event_type'] or '-'):<22.22} "
        f"{((e['actor1'] or {}).get('name') or '-'):<30.30} {((e['date'] or {}).get('value') or '-'):<10} "
        f"{((e['location'] or {}).get('name') or '-'):<22.22} {((e['fatalities'] or {}).get('value') or '')}"
        for e in lines)
    block = (
        f"{BEGIN}\n"
        "On the example article of the project (`../shared/data/seed/`, a news story dated 2024-01-18 about\n"
        "Pakistan's strikes in Iran two days after Iran's strikes in Pakistan):\n\n"
        "    eventwire extract ../shared/data/seed/pakistan_iran_strikes_2024-01-18.txt -o seed.jsonl\n\n"
        "Every event it found (type, ACLED sub-event type, actor1, date, place, dead):\n\n"
        f"{table}\n\n"
        "The first events of the record, abridged (`text` and some fields left out):\n\n"
        "```json\n" + json.dumps(excerpt(record), indent=1, ensure_ascii=False) + "\n```\n"
        f"{END}"
    )
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.replace("EXAMPLE_PLACEHOLDER", block)
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
