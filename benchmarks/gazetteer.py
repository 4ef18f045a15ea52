"""Gazetteer benchmark: cold load time, resident memory, resolution throughput on one core.

    .venv/bin/python benchmarks/gazetteer.py [--corpus ../shared/data/geo/GWN.xml]

Load time and memory are measured in a fresh subprocess (the gazetteer must already be
built: ``python -m eventwire.places.build``). Throughput runs the places stage's
matching + resolution over the corpus texts without spaCy (the fast path) and also
times resolution alone over the recognised mentions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

_CHILD = r"""
import json, time
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS'):
            return int(line.split()[1]) / 1024
before = rss()
t = time.perf_counter()
from eventwire.places import load_gazetteer
g = load_gazetteer()
seconds = time.perf_counter() - t
print(json.dumps({"load_seconds": seconds, "rss_mb": rss(), "rss_delta_mb": rss() - before, "entries": len(g),
                  "names": len(g.index)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared/data/geo/GWN.xml"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    child = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True)
    load = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"gazetteer: {load['entries']:,} entries, {load['names']:,} names")
    print(f"cold load: {load['load_seconds']:.2f} s   resident: {load['rss_mb']:.0f} MB "
          f"(gazetteer {load['rss_delta_mb']:.0f} MB)")

    from eventwire import nlp
    from eventwire.evaluate.geo import read_geo
    from eventwire.places import load_gazetteer
    from eventwire.places.resolve import recognize, resolve
    from eventwire.records import Document

    gazetteer = load_gazetteer()
    _, articles = read_geo(args.corpus)
    parsed = [nlp.segment(Document(id=a.id, text=a.text)) for a in articles]  # no spaCy: the fast path
    best_total = best_resolve = float("inf")
    mentions_total = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        resolve_seconds = 0.0
        mentions_total = 0
        for doc in parsed:
            mentions = recognize(doc, gazetteer)
            t = time.perf_counter()
            resolve(mentions, gazetteer)
            resolve_seconds += time.perf_counter() - t
            mentions_total += len(mentions)
        best_total = min(best_total, time.perf_counter() - started)
        best_resolve = min(best_resolve, resolve_seconds)
    print(f"{len(parsed)} articles, {mentions_total:,} toponyms")
    print(f"recognition + resolution: {mentions_total / best_total:,.0f} toponyms/s")
    print(f"resolution alone:         {mentions_total / best_resolve:,.0f} toponyms/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
