"""Throughput of event-type classification on one core: sentences/s, heads alone and with the encoder.

    .venv/bin/python tools/bench_classify.py ../shared/data/snippets/acled_subtype_snippets_dev.tsv [--n 2000]

Sentences come from the given file (TSV with a 'text' column, or JSON Lines with 'text', split on
sentence ends); the encoder runs with one intra-op thread.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")


def sentences(path: str, n: int) -> list[str]:
    out: list[str] = []
    with open(path, encoding="utf-8") as handle:
        if path.endswith(".tsv"):
            texts = [row["text"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
        else:
            texts = [json.loads(line).get("text", "") for line in handle if line.strip()]
    for text in texts:
        out.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20)
        if len(out) >= n:
            break
    while len(out) < n:
        out.extend(out[: n - len(out)])
    return out[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    from eventwire.events.classify import load_classifier

    classifier = load_classifier()
    texts = sentences(args.path, args.n)
    classifier.classify(texts[:8])  # warm up (loads the encoder)
    started = time.perf_counter()
    embeddings = classifier.embed(texts)
    encode_s = time.perf_counter() - started
    started = time.perf_counter()
    classifier.classify(texts, embeddings)
    heads_s = time.perf_counter() - started
    print(json.dumps({
        "sentences": len(texts),
        "heads_only_per_s": round(len(texts) / heads_s, 1),
        "encoder_per_s": round(len(texts) / encode_s, 1),
        "end_to_end_per_s": round(len(texts) / (encode_s + heads_s), 1),
    }))


if __name__ == "__main__":
    main()
