"""``eventwire evaluate acled FILE.csv [--cv K] [--limit N]``: eventwire against ACLED's own coding.

Each row's ``notes`` is a document dated by ``event_date``. Two levels are reported:

- ``classifier``: the classifier heads alone on each (whole) note: ACLED event type accuracy, sub-event
  weighted F1, inter1 / inter2 accuracy;
- ``pipeline``: the full pipeline (:func:`eventwire.api.extract_many`), scoring ``events[0]`` of each
  note: event type accuracy, sub-event weighted F1, actor1 inter accuracy, country / admin1 accuracy
  of its location, and fatality metrics (:func:`eventwire.evaluate.fatalities.fatality_metrics`).

With ``folds`` = K > 1 the heads are retrained K times on the other folds' rows (plus the snippets and
PLOVER files the installed heads were trained with, when present), so no note is scored by heads
that saw it. With ``folds`` = 0 the installed heads are used (flagged when they were trained on this
very file).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import numpy as np

from eventwire.events import rules
from eventwire.evaluate.snippets import weighted_f1
from eventwire.records import ACLED_EVENT_TYPE_OF_SUB, Document

_DATE_FORMATS = ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%b-%Y")


def parse_event_date(text: str | None) -> date | None:
    text = (text or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _accuracy(pairs) -> float | None:
    pairs = list(pairs)
    return round(float(np.mean([a == b for a, b in pairs])), 4) if pairs else None


def classifier_metrics(rows: list[dict], results: list) -> dict:
    gold_sub = [r.get("sub_event_type") or None for r in rows]
    pred_sub = [c.acled_sub_event_type for c in results]
    return {
        "n": len(rows),
        "event_type_accuracy": _accuracy((r.get("event_type"), c.acled_event_type) for r, c in zip(rows, results)),
        "sub_weighted_f1": round(weighted_f1(gold_sub, pred_sub, rules.ACLED_SUBS), 4),
        "inter1_accuracy": _accuracy((str(r.get("inter1")).strip(), str(c.inter1)) for r, c in zip(rows, results)),
        "inter2_accuracy": _accuracy((str(r.get("inter2") or "0").strip(), str(c.inter2 or 0))
                                     for r, c in zip(rows, results)),
        "not_coded": sum(1 for p in pred_sub if p is None),
    }


def pipeline_metrics(rows: list[dict], records: list) -> dict:
    firsts = [rec.events[0] if rec is not None and rec.events else None for rec in records]
    gold_sub = [r.get("sub_event_type") or None for r in rows]
    pred_sub = [e.acled_sub_event_type if e else None for e in firsts]
    out = {
        "n": len(rows),
        "no_event": sum(1 for e in firsts if e is None),
        "event_type_accuracy": _accuracy((r.get("event_type"), e.acled_event_type if e else None)
                                         for r, e in zip(rows, firsts)),
        "sub_weighted_f1": round(weighted_f1(gold_sub, pred_sub, rules.ACLED_SUBS), 4),
        "actor1_inter_accuracy": _accuracy(
            (str(r.get("inter1")).strip(), _inter1(e)) for r, e in zip(rows, firsts)),
        "country_accuracy": _accuracy(
            (r.get("iso3") or r.get("country"), (e.location.country if e and e.location else None))
            if r.get("iso3") else (r.get("country"), _country_name(e)) for r, e in zip(rows, firsts)),
        "admin1_accuracy": _accuracy((True, same_admin1(r.get("admin1"), e.location.admin1 if e and e.location else None,
                                                        e.location.country if e and e.location else None))
                                     for r, e in zip(rows, firsts)),
        "admin1_exact_name": _accuracy(((r.get("admin1") or "").lower(),
                                        (e.location.admin1 or "").lower() if e and e.location else None)
                                       for r, e in zip(rows, firsts)),
    }
    try:
        from eventwire.evaluate.fatalities import fatality_metrics

        out["fatalities"] = fatality_metrics(rows, records)
    except Exception as exc:  # the casualties evaluator is optional here
        out["fatalities"] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


# Words of an admin unit's name that only say what kind of unit it is, or articles ("Muhafazat al Hudaydah"
# is ACLED's "Al Hudaydah", "Tartar Rayon" its "Tartar").
_UNIT_WORDS = frozenset("""muhafazat muhafazah province provincia region governorate oblast rayon raion city state
department departamento autonomna pokrajina al el ad ar as an at az ash the of de du la le""".split())


def _admin1_key(name: str) -> str:
    """The name's consonants without unit words and articles, doubled letters once: transliterations agree
    ("Banadir" / "Banaadir", "Al-Hasakeh" / "Al-Hasakah", "Kiev City" / "Kyiv City", "Dar'a" / "Daraa")."""
    from eventwire.places.countries import normalize

    words = [w for w in re.findall(r"[a-z0-9]+", normalize(name)) if w not in _UNIT_WORDS]
    consonants = re.sub(r"[aeiouy]", "", "".join(words))
    return re.sub(r"(.)\1+", r"\1", consonants)


def same_admin1(gold: str | None, ours: str | None, country: str | None) -> bool:
    """ACLED's admin1 and ours name one unit: the same name up to case, accents, articles, unit words and
    transliteration ("Al Hudaydah" / "Muhafazat al Hudaydah", "Idleb" / "Idlib"), or a name the gazetteer
    knows for our unit in that country ("Beirut" / "Beyrouth"). Spelling is not the thing measured; the
    unit is (``admin1_exact_name`` keeps the plain string comparison)."""
    if not gold or not ours:
        return not gold and not ours
    from eventwire.places import load_gazetteer
    from eventwire.places.gazetteer import ADMIN1

    gazetteer = load_gazetteer()
    key = _admin1_key(gold)
    if key == _admin1_key(ours):
        # unless another unit of the country shares the consonants ("Hebei" / "Hubei", "Acre" / "Ceara")
        return not any(name != ours and _admin1_key(name) == key for (cty, name) in gazetteer.admin1_entry
                       if cty == country)
    # the gold name is a unit, or a city of 100,000 whose unit ours is (ACLED names Beirut's governorate "Beirut")
    return any((gazetteer._feature[c.entry] == ADMIN1 or gazetteer.population[c.entry] >= 100_000)
               and gazetteer.admin1[c.entry] == ours and (country is None or gazetteer.country[c.entry] == country)
               for c in gazetteer.lookup(gold, limit=30))


def _inter1(event) -> str | None:
    """events[0]'s ACLED inter1: the event's own code (set for ACLED-coded events, unnamed actors
    included), else its actor1's."""
    if event is None:
        return None
    code = event.acled_inter1 if event.acled_inter1 is not None else (
        event.actor1.acled_inter if event.actor1 else None)
    return str(code) if code is not None else None


def _country_name(event) -> str | None:
    if not event or not event.location or not event.location.country:
        return None
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=event.location.country)
        return found.name if found else None
    except Exception:
        return None


def _documents(rows: list[dict]) -> list[Document]:
    return [Document(id=str(r.get("event_id_cnty") or r.get("data_id") or i), text=r["notes"],
                     date=parse_event_date(r.get("event_date"))) for i, r in enumerate(rows)]


def _run_pipeline(rows: list[dict], classifier, settings) -> list:
    from eventwire import api, places
    from eventwire.pipeline import Models

    models = Models(gazetteer=places.load_gazetteer(settings), classifier=classifier)
    return list(api.extract_many(_documents(rows), settings=settings, models=models))


def _extra_training_files(classifier_meta: dict) -> tuple[str | None, str | None]:
    """The snippets / PLOVER files the installed heads were trained with, when still present."""
    found = []
    for kind in ("snippets", "plover"):
        path = (classifier_meta.get("trained_on", {}).get(kind) or {}).get("path")
        found.append(path if path and Path(path).exists() else None)
    return found[0], found[1]


def evaluate_acled(path: str | Path, folds: int = 0, limit: int | None = None, pipeline: bool = True,
                   settings=None, snippets: str | None = None, plover: str | None = None, seed: int = 0,
                   cache_dir: Path | None = None) -> dict:
    """Score classifier and (unless ``pipeline`` is False) the whole pipeline on an ACLED export."""
    from eventwire.events import train
    from eventwire.events.classify import load_classifier
    from eventwire.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    all_rows = train.read_acled(path)
    scored = list(range(len(all_rows)))
    if limit and limit < len(all_rows):  # score a spread-out subsample, the same every run
        scored = sorted(np.random.default_rng(seed).permutation(len(all_rows))[:limit].tolist())
    rows = [all_rows[i] for i in scored]
    report: dict = {"file": Path(path).name, "rows": len(rows)}
    texts = [train.clean_note(r["notes"]) for r in rows]
    results: list = [None] * len(rows)
    records: list = [None] * len(rows)
    if folds and folds > 1:
        try:
            installed_meta = load_classifier(settings).meta
        except Exception:
            installed_meta = {}
        default_snippets, default_plover = _extra_training_files(installed_meta)
        snippets, plover = snippets or default_snippets, plover or default_plover
        examples = train.acled_examples(all_rows)
        extra = (train.read_snippets(snippets) if snippets else []) + (train.read_plover(plover) if plover else [])
        embeddings = train.embed_cached([ex.text for ex in examples], cache_dir)
        extra_emb = train.embed_cached([ex.text for ex in extra], cache_dir) if extra else np.zeros((0, 384))
        fold = train.folds(examples, folds, seed)
        config = train.Config(seed=seed, **_installed_config(installed_meta))
        for k in range(folds):
            test = [j for j, i in enumerate(scored) if fold[i] == k]  # positions in `rows`
            if not test:
                continue
            tr = [i for i in range(len(all_rows)) if fold[i] != k]  # training: every row of the other folds
            heads = train.fit_heads([examples[i] for i in tr] + extra, np.vstack([embeddings[tr], extra_emb]), config)
            classifier = train.make_classifier(heads, config)
            test_emb = embeddings[[scored[j] for j in test]]
            for j, c in zip(test, classifier.classify([texts[j] for j in test], test_emb), strict=True):
                results[j] = c
            if pipeline:
                for j, rec in zip(test, _run_pipeline([rows[j] for j in test], classifier, settings), strict=True):
                    records[j] = rec
        report["mode"] = f"{folds}-fold cross-validation" + (" (+ snippets)" if snippets else "") + (
            " (+ PLOVER)" if plover else "") + (f", {len(rows)} of {len(all_rows)} rows scored" if limit else "")
    else:
        classifier = load_classifier(settings)
        trained = classifier.meta.get("trained_on", {}).get("acled", {})
        report["mode"] = "installed heads" + (" (WARNING: trained on this file; use --cv 5)"
                                              if trained.get("name") == Path(path).name else "")
        results = classifier.classify(texts)
        if pipeline:
            records = _run_pipeline(rows, classifier, settings)
    report["classifier"] = classifier_metrics(rows, results)
    if pipeline:
        report["pipeline"] = pipeline_metrics(rows, records)
    return report


def _installed_config(meta: dict) -> dict:
    """The training settings the installed heads were built with (so CV measures the shipped recipe)."""
    from eventwire.events import train

    known = set(train.Config.__slots__) - {"seed"}
    return {k: v for k, v in (meta.get("config") or {}).items() if k in known}


__all__ = ["evaluate_acled", "classifier_metrics", "pipeline_metrics", "parse_event_date", "ACLED_EVENT_TYPE_OF_SUB"]
