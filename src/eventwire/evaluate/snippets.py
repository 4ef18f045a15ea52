"""``eventwire evaluate snippets FILE.tsv``: ACLED sub-event types of real news snippets.

The file is a TSV with ``id``, ``text``, ``label`` (an ACLED sub-event type, or ``NOT_ACLED:...``
for disasters, diplomacy, organised crime, attribution). Reported:

- ``sub_weighted_f1``: weighted F1 over the 25 ACLED sub-event types (a NOT_ACLED snippet given an
  ACLED type counts as a false positive of that type; an ACLED snippet given none as a miss);
- ``event_type_accuracy`` over the ACLED snippets;
- ``not_acled_rejected``: share of NOT_ACLED snippets given no ACLED type; and, per NOT_ACLED class,
  the largest share of it given one single ACLED sub-type (``not_acled_max_share``).

With ``cv`` > 1 (the default when the installed heads were trained on this very file) the
classifier is retrained per fold on the ACLED notes, PLOVER records and the other folds' snippets,
so that every figure is on snippets the model has not seen.

With ``pipeline`` (``eventwire evaluate snippets FILE --cv 5 --pipeline``) each held-out snippet also
goes through the whole pipeline with its fold's classifier, and ``events[0]``'s sub-event type is
scored the same way: the report then has a ``classifier`` and a ``pipeline`` block.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eventwire.events import rules
from eventwire.records import ACLED_EVENT_TYPE_OF_SUB

DISASTER_CRIME = ("NOT_ACLED:MAN_MADE_DISASTER", "NOT_ACLED:NATURAL_DISASTER", "NOT_ACLED:ORG_CRIME")


def weighted_f1(gold: Sequence[str | None], pred: Sequence[str | None], labels: Sequence[str]) -> float:
    """Weighted F1 over ``labels`` (support-weighted; other values count as misses / false alarms)."""
    labels = list(labels)
    support = Counter(g for g in gold if g in labels)
    total = sum(support.values())
    if not total:
        return 0.0
    score = 0.0
    for label in labels:
        if not support[label]:
            continue
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = support[label] - tp
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        score += support[label] * f1
    return score / total


def snippet_metrics(gold: Sequence[str], pred: Sequence[str | None]) -> dict:
    pred = [p if p in ACLED_EVENT_TYPE_OF_SUB else None for p in pred]
    acled = [i for i, g in enumerate(gold) if g in ACLED_EVENT_TYPE_OF_SUB]
    not_acled = [i for i, g in enumerate(gold) if g not in ACLED_EVENT_TYPE_OF_SUB]
    out = {
        "n": len(gold), "n_acled": len(acled), "n_not_acled": len(not_acled),
        "sub_weighted_f1": round(weighted_f1(gold, pred, rules.ACLED_SUBS), 4),
        "sub_accuracy_acled": round(float(np.mean([pred[i] == gold[i] for i in acled])), 4) if acled else None,
        "event_type_accuracy": round(float(np.mean([
            pred[i] is not None and ACLED_EVENT_TYPE_OF_SUB[pred[i]] == ACLED_EVENT_TYPE_OF_SUB[gold[i]]
            for i in acled])), 4) if acled else None,
        "not_acled_rejected": round(float(np.mean([pred[i] is None for i in not_acled])), 4) if not_acled else None,
        "not_acled_max_share": {},
    }
    for label in sorted({gold[i] for i in not_acled}):
        members = [i for i in not_acled if gold[i] == label]
        given = Counter(pred[i] for i in members if pred[i] is not None)
        top, count = given.most_common(1)[0] if given else (None, 0)
        out["not_acled_max_share"][label] = {"share": round(count / len(members), 4), "sub": top, "n": len(members)}
    out["disaster_crime_ok"] = all(out["not_acled_max_share"].get(k, {}).get("share", 0) < 0.9 for k in DISASTER_CRIME)
    per_label = {}
    for label in rules.ACLED_SUBS:
        n = sum(1 for g in gold if g == label)
        if n:
            per_label[label] = round(weighted_f1(gold, pred, [label]), 3)
    out["f1_per_sub"] = per_label
    return out


def evaluate_snippets(path: str | Path, folds: int = 5, classifier=None, acled_csv=None, plover_path=None,
                      seed: int = 0, cache_dir: Path | None = None, config=None, pipeline: bool = False,
                      settings=None) -> dict:
    """Score the classifier (and, with ``pipeline``, the whole pipeline) on a snippets TSV.

    With ``folds`` > 1, k-fold retraining on the ACLED and PLOVER files (by default those the
    installed heads were trained with) plus the other folds' snippets; with 0, the installed heads.
    With ``pipeline`` each snippet also goes through :func:`eventwire.api.extract_many` with the same
    (fold's) classifier, and ``events[0]``'s ACLED sub-event type is scored the same way (a snippet
    with no event counts as given no ACLED type): the figures under ``pipeline``.
    """
    from eventwire.events import train
    from eventwire.events.classify import load_classifier

    cv = folds
    if cv and cv > 1 and (acled_csv is None or config is None):
        try:
            meta = load_classifier().meta
        except Exception:
            meta = {}
        on = meta.get("trained_on", {})
        if acled_csv is None:
            acled_csv = (on.get("acled") or {}).get("path")
            plover_path = plover_path or (on.get("plover") or {}).get("path")
        if config is None:
            known = set(train.Config.__slots__) - {"seed"}
            config = train.Config(seed=seed, **{k: v for k, v in (meta.get("config") or {}).items() if k in known})

    examples = train.read_snippets(path)
    gold = [ex.sub or "" for ex in examples]
    texts = [ex.text for ex in examples]
    records: list | None = None
    if cv and cv > 1:
        if not acled_csv or not Path(acled_csv).exists():
            from eventwire.errors import EventwireError

            raise EventwireError("E050", "cross-validation retrains the heads on an ACLED file: none given and "
                                 "the installed heads do not name one that exists (use --cv 0 or --acled)")
        pred: list[str | None] = [None] * len(examples)
        records = [None] * len(examples) if pipeline else None
        for test_idx, fold_classifier, test_emb in fold_classifiers(examples, acled_csv, plover_path, cv, seed,
                                                                    cache_dir, config):
            results = fold_classifier.classify([texts[i] for i in test_idx], test_emb)
            for i, c in zip(test_idx, results, strict=True):
                pred[i] = c.acled_sub_event_type
            if pipeline:
                for i, rec in zip(test_idx, run_pipeline([examples[i] for i in test_idx], fold_classifier, settings),
                                  strict=True):
                    records[i] = rec
        mode = f"{cv}-fold cross-validation (ACLED notes + PLOVER + other folds' snippets)"
    else:
        classifier = classifier or load_classifier()
        pred = [c.acled_sub_event_type for c in classifier.classify(texts)]
        if pipeline:
            records = run_pipeline(examples, classifier, settings)
        trained = classifier.meta.get("trained_on", {}).get("snippets", {})
        mode = "installed heads" + (" (WARNING: trained on this file)" if trained.get("name") == Path(path).name
                                    else "")
    result = snippet_metrics(gold, pred)
    result["mode"] = mode
    if records is not None:
        result = {"mode": mode, "classifier": {k: v for k, v in result.items() if k != "mode"},
                  "pipeline": pipeline_snippet_metrics(gold, records, pred)}
    return result


def run_pipeline(snippets, classifier, settings=None) -> list:
    """Records of the whole pipeline (:func:`eventwire.api.extract_many`) on snippets, with ``classifier``."""
    from eventwire import api, places
    from eventwire.pipeline import Models
    from eventwire.records import Document
    from eventwire.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    models = Models(gazetteer=places.load_gazetteer(settings), classifier=classifier)
    documents = [Document(id=f"snippet-{(ex.extra or {}).get('id') or i}", text=ex.text, date=None)
                 for i, ex in enumerate(snippets)]
    return list(api.extract_many(documents, settings=settings, models=models))


def pipeline_snippet_metrics(gold: Sequence[str], records: Sequence, classifier_pred: Sequence[str | None]) -> dict:
    """:func:`snippet_metrics` of ``events[0]``'s ACLED sub-type, plus how often the pipeline has no event
    and how often it differs from the classifier reading the whole snippet."""
    firsts = [rec.events[0] if rec is not None and rec.events else None for rec in records]
    pred = [e.acled_sub_event_type if e is not None else None for e in firsts]
    out = snippet_metrics(gold, pred)
    out["no_event"] = sum(1 for e in firsts if e is None)
    out["differs_from_classifier"] = sum(1 for p, c in zip(pred, classifier_pred, strict=True) if p != c)
    out["classifier_right_pipeline_wrong"] = sum(
        1 for g, p, c in zip(gold, pred, classifier_pred, strict=True)
        if _norm(c) == _norm(g) and _norm(p) != _norm(g))
    out["pipeline_right_classifier_wrong"] = sum(
        1 for g, p, c in zip(gold, pred, classifier_pred, strict=True)
        if _norm(p) == _norm(g) and _norm(c) != _norm(g))
    return out


def _norm(sub: str | None) -> str | None:
    """A sub-event type as scored: NOT_ACLED classes and no type are all "no ACLED type"."""
    return sub if sub in ACLED_EVENT_TYPE_OF_SUB else None


def fold_classifiers(snippets, acled_csv, plover_path, cv, seed, cache_dir, config=None):
    """Per fold: (held-out snippet indices, classifier trained without them, their embeddings)."""
    from eventwire.events import train

    config = config or train.Config(seed=seed)
    base = train.load_training_data(acled_csv, None, plover_path)
    base_emb = train.embed_cached([ex.text for ex in base], cache_dir)
    snip_emb = train.embed_cached([ex.text for ex in snippets], cache_dir)
    fold = train.folds(snippets, cv, seed)
    for k in range(cv):
        train_idx = [i for i in range(len(snippets)) if fold[i] != k]
        test_idx = [i for i in range(len(snippets)) if fold[i] == k]
        examples = list(base) + [snippets[i] for i in train_idx]
        emb = np.vstack([base_emb, snip_emb[train_idx]])
        classifier = train.make_classifier(train.fit_heads(examples, emb, config), config)
        yield test_idx, classifier, snip_emb[test_idx]


def cross_validated_predictions(snippets, acled_csv, plover_path, cv, seed, cache_dir, config=None):
    pred: list[str | None] = [None] * len(snippets)
    for test_idx, classifier, test_emb in fold_classifiers(snippets, acled_csv, plover_path, cv, seed, cache_dir,
                                                           config):
        results = classifier.classify([snippets[i].text for i in test_idx], test_emb)
        for i, c in zip(test_idx, results, strict=True):
            pred[i] = c.acled_sub_event_type
    return pred
