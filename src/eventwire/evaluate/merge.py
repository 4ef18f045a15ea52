"""Score cross-article merging on labelled groups of real articles (``tests/data/merge_groups.tsv``).

The labels say which articles report the same real-world event as their main event
(a group) and which merely look alike (near-misses: another group sharing a place, a
day, an actor or a type). Every labelled article is run through the pipeline; *all* its
events are merged (article by article, oldest first, as :func:`eventwire.merge.update_store`
does), then the metric is **pairwise over article pairs**:

- predicted same: the two articles' main events (``events[0]``) ended in one canonical event;
- labelled same: the two articles are in one group;
- precision = true merges / predicted merges, recall = true merges / labelled-same pairs.

An article without events is predicted to merge with nothing. Verbatim copies
(``kind = copy``: the same story republished) are trivial to merge, so the report also
gives recall and precision on pairs that involve no copy.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError


@dataclass(frozen=True, slots=True)
class Label:
    group: str
    file: str
    article_id: str
    kind: str  # same | copy | distinct
    note: str


def read_groups(path: str | Path) -> list[Label]:
    """The labelled articles (TSV with a header; ``#`` lines are comments)."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as exc:
        raise EventwireError("E050", f"cannot read {path}: {exc}") from exc
    rows = list(csv.DictReader(lines, delimiter="\t"))
    missing = {"group", "file", "article_id"} - set(rows[0] if rows else {})
    if missing:
        raise EventwireError("E050", f"{path}: missing columns {', '.join(sorted(missing))}")
    labels = [Label(r["group"], r["file"], r["article_id"], r.get("kind") or "same", r.get("note") or "")
              for r in rows]
    seen: set[str] = set()
    for label in labels:
        if label.article_id in seen:
            raise EventwireError("E050", f"{path}: article {label.article_id} labelled twice")
        seen.add(label.article_id)
    return labels


def load_documents(labels: list[Label], news_dir: str | Path) -> list:
    """The labelled articles as Documents (ids as in the news files; VOA's ``published`` is the date)."""
    from eventwire.documents import document_from_json

    wanted: dict[str, set[str]] = {}
    for label in labels:
        wanted.setdefault(label.file, set()).add(label.article_id)
    found: dict[str, Any] = {}
    for name, ids in wanted.items():
        path = Path(news_dir) / name
        if not path.exists():
            raise EventwireError("E050", f"news file {path} not found (give --news DIR)")
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                obj = json.loads(line)
                if str(obj.get("id")) in ids:
                    obj["id"] = str(obj["id"])
                    found[obj["id"]] = document_from_json(obj, f"{path}")
    absent = [label.article_id for label in labels if label.article_id not in found]
    if absent:
        raise EventwireError("E050", f"labelled articles not found in {news_dir}: {', '.join(absent[:5])}")
    return [found[label.article_id] for label in labels]


def pair_metrics(labels: list[Label], main_canonical: dict[str, str | None],
                 why: Callable[[str, str], str] | None = None) -> dict:
    """Pairwise precision/recall of ``main_canonical`` (article id -> canonical id of its main event).

    ``why(a, b)``: why two articles' main events were not merged (reported with each missed merge)."""
    counts = {"all": [0, 0, 0], "no_copies": [0, 0, 0]}  # true merges, predicted merges, labelled-same pairs
    false_merges, missed, near_miss_pairs, near_miss_merged = [], [], 0, 0
    near = {label.group: {n.strip() for n in label.note.split(";")[0][5:].split(",")}
            for label in labels if label.note.startswith("near:")}
    for a, b in combinations(labels, 2):
        same = a.group == b.group
        ca, cb = main_canonical.get(a.article_id), main_canonical.get(b.article_id)
        predicted = ca is not None and ca == cb
        keys = ["all"] + ([] if "copy" in (a.kind, b.kind) else ["no_copies"])
        for key in keys:
            counts[key][0] += same and predicted
            counts[key][1] += predicted
            counts[key][2] += same
        if predicted and not same:
            false_merges.append({"a": a.article_id, "b": b.article_id, "groups": f"{a.group} / {b.group}"})
        if same and not predicted:
            missed.append({"a": a.article_id, "b": b.article_id, "group": a.group,
                           **({"why": why(a.article_id, b.article_id)} if why else {})})
        if b.group in near.get(a.group, ()) or a.group in near.get(b.group, ()):
            near_miss_pairs += 1
            near_miss_merged += predicted

    def ratios(true: int, predicted: int, gold: int) -> dict:
        precision = true / predicted if predicted else 1.0
        recall = true / gold if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "true_merges": true,
                "predicted_merges": predicted, "labelled_same_pairs": gold}

    return {
        "all_pairs": ratios(*counts["all"]),
        "pairs_without_copies": ratios(*counts["no_copies"]),
        "near_miss_pairs": near_miss_pairs,
        "near_miss_pairs_merged": near_miss_merged,
        "false_merges": false_merges,
        "missed_merges": missed,
    }


def extract_records(documents: list, settings=None) -> list[dict]:
    from eventwire import api
    from eventwire.records import to_dict
    from eventwire.settings import DEFAULT_SETTINGS

    settings = (settings or DEFAULT_SETTINGS).with_(include_text=False)
    return [to_dict(r) for r in api.extract_many(documents, settings=settings, batch_size=8)]


def evaluate_merge(groups_path: str | Path, news_dir: str | Path, *, records_path: str | Path | None = None,
                   save_records: str | Path | None = None, encoder=None, merge_settings=None) -> dict:
    """Merge the labelled articles' events and score the main events' merges pairwise.

    ``records_path``: reuse ``eventwire extract`` output for these articles instead of
    running the pipeline (``save_records`` writes it for next time)."""
    from eventwire.merge import DEFAULT_MERGE_SETTINGS, merge_events, score_pair

    labels = read_groups(groups_path)
    if records_path:
        with open(records_path, encoding="utf-8") as handle:
            by_id = {(r := json.loads(line))["id"]: r for line in handle if line.strip()}
        missing = [label.article_id for label in labels if label.article_id not in by_id]
        if missing:
            raise EventwireError("E050", f"{records_path} lacks labelled articles: {', '.join(missing[:5])}")
        records = [by_id[label.article_id] for label in labels]
    else:
        records = extract_records(load_documents(labels, news_dir))
        if save_records:
            with open(save_records, "w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    settings = merge_settings or DEFAULT_MERGE_SETTINGS
    canonical, assignment = merge_events(((r["id"], r.get("date"), r.get("events") or []) for r in records),
                                         encoder=encoder, settings=settings)
    main = {r["id"]: assignment.get((r["id"], 0)) for r in records}
    mentions = {m.document_id: m for c in canonical for m in c.members if m.ordinal == 0}

    def why(a: str, b: str) -> str:
        empty = [doc for doc in (a, b) if doc not in mentions]
        if empty:
            return f"no events in {' and '.join(empty)}"
        pair = score_pair(mentions[a], mentions[b], settings)
        if pair.compatible:  # the pair alone would merge: another member conflicts, or a better match won
            return f"main events compatible ({pair.reason}) but in different canonical events"
        return f"main events: {pair.reason}"

    metrics = pair_metrics(labels, main, why)
    groups = {label.group for label in labels}
    multi = {g for g in groups if sum(label.group == g for label in labels) > 1}
    return {
        "articles": len(labels),
        "groups": len(groups),
        "multi_article_groups": len(multi),
        "articles_without_events": sum(not r.get("events") for r in records),
        "events_merged": sum(len(r.get("events") or []) for r in records),
        "canonical_events": len(set(assignment.values())),
        **metrics,
    }


def within_article_separation(records, encoder=None, thresholds=(0.6, 0.7, 0.8, 0.85)) -> dict:
    """How often distinct events of one type in one article (near-misses by construction: same
    article, often same place and day) reach each similarity threshold; the calibration of
    :class:`eventwire.merge.MergeSettings` on data outside the evaluation groups."""
    import numpy as np

    from eventwire.merge import default_encoder

    encoder = encoder or default_encoder()
    pairs = []
    for record in records:
        events = record.events if hasattr(record, "events") else record.get("events") or []
        texts = [(e.type, e.evidence.text) if hasattr(e, "type") else (e["type"], e["evidence"]["text"])
                 for e in events]
        pairs += [(a[1], b[1]) for a, b in combinations(texts, 2) if a[0] == b[0] and a[1] != b[1]]
    if not pairs:
        return {"pairs": 0}
    left, right = encoder([p[0] for p in pairs]), encoder([p[1] for p in pairs])
    similarity = (np.asarray(left) * np.asarray(right)).sum(axis=1)
    return {"pairs": len(pairs), **{f"share_at_or_above_{t:.2f}": float((similarity >= t).mean()) for t in thresholds}}


def within_article_merge_rate(records, encoder=None, settings=None) -> dict:
    """How often two *distinct* events of one article (near-misses by construction: one article's events,
    often one place and day) would be merged if they came from two articles: the full pairwise rule of
    :func:`eventwire.merge.score_pair` (hard constraints, embedded text, bonuses, thresholds), with the
    two events given one publication date. A false-merge rate measured outside the evaluation groups."""
    import numpy as np

    from eventwire.merge import DEFAULT_MERGE_SETTINGS, Mention, default_encoder, embed_text, score_pair
    from eventwire.merge import date_span, types_compatible
    from eventwire.records import to_dict

    encoder = encoder or default_encoder()
    settings = settings or DEFAULT_MERGE_SETTINGS
    counts = {"pairs": 0, "pass_constraints": 0, "dated": 0, "dated_merged": 0, "undated": 0, "undated_merged": 0}
    for record in records:
        record = record if isinstance(record, dict) else to_dict(record)
        events = record.get("events") or []
        pairs = [(i, j) for i, j in combinations(range(len(events)), 2)
                 if (events[i].get("evidence") or {}).get("text") != (events[j].get("evidence") or {}).get("text")
                 and types_compatible(events[i], events[j])]
        if not pairs:
            continue
        vectors = np.asarray(encoder([embed_text(e) for e in events]), dtype=np.float32)
        for i, j in pairs:
            a = Mention(f"{record['id']}/a", i, events[i], record.get("date"), vectors[i])
            b = Mention(f"{record['id']}/b", j, events[j], record.get("date"), vectors[j])
            result = score_pair(a, b, settings)
            counts["pairs"] += 1
            if not result.possible:
                continue
            counts["pass_constraints"] += 1
            span_a = date_span(events[i], record.get("date"), settings)
            span_b = date_span(events[j], record.get("date"), settings)
            kind = "dated" if span_a and span_b else "undated"  # the threshold score_pair applied
            counts[kind] += 1
            counts[f"{kind}_merged"] += result.compatible
    for kind in ("dated", "undated"):
        counts[f"{kind}_merge_rate"] = counts[f"{kind}_merged"] / counts[kind] if counts[kind] else 0.0
    return counts
