"""``make demo``: extract the bundled example articles into a DuckDB store and show them.

The bundled examples are 89 Voice of America stories (public domain). When the
project's shared data sits beside the checkout (``../shared``), the seed article
is added too. Afterwards the dashboard starts (``--no-serve`` to skip it).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from eventwire.settings import PACKAGE_DATA

EXAMPLES = PACKAGE_DATA / "examples" / "voa_stories.jsonl"
SEED = Path("..") / "shared" / "data" / "seed" / "pakistan_iran_strikes_2024-01-18.txt"


def demo_inputs() -> list[Path]:
    inputs = [EXAMPLES]
    if SEED.exists():
        inputs.append(SEED)
    return inputs


def run_demo(db: str, *, start_server: bool = True, port: int = 8000, out=sys.stderr) -> None:
    from tqdm import tqdm

    from eventwire import api
    from eventwire.store import open_store

    inputs = demo_inputs()
    documents = list(api.read(inputs))
    print(f"eventwire demo: extracting {len(documents)} example articles into {db}", file=out)
    with tqdm(total=len(documents), unit="doc", desc="ingest", file=out) as bar:
        api.ingest(documents, db, on_record=lambda record: bar.update(1))
    with open_store(db, read_only=True) as store:
        rows, total = store.query_events(_all_events())
    types = Counter(row["type"] for row in rows)
    print(f"\n{total} events from {len(documents)} articles; by PLOVER type:", file=out)
    for name, count in types.most_common():
        print(f"  {name:<10} {count}", file=out)
    print("\nthe first events of the newest articles:", file=out)
    from eventwire.cli import _event_line

    for row in rows[:12]:
        print("  " + _event_line(row), file=out)
    if start_server:
        from eventwire.server.app import serve

        print(f"\ndashboard: http://127.0.0.1:{port}/  (Ctrl-C to stop)", file=out)
        serve(db, host="127.0.0.1", port=port)


def _all_events():
    from eventwire.store import EventQuery

    return EventQuery(limit=100_000, sort="-date")
