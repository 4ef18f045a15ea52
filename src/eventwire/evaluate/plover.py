"""``eventwire evaluate plover FILE``: event types, modes and actors against the PLOVER gold standard.

The file is PLOVER's gold-standard record list (``PLOVER_GSR_CAMEO``, a JSON array; CC BY-SA): each
record has ``id``, ``date``, ``event`` (a PLOVER type, 2016 names such as DEMAND or FIGHT are mapped to
the 2021 ones with :data:`eventwire.events.rules.PLOVER_OLD_TO_NEW`), maybe ``mode``, ``text`` (one or two
news sentences) and ``source`` / ``target`` (lists of ``{actorText, code, sector}``). ``DOCUMENT``
records and records without text are skipped.

Each text goes through the full pipeline (:func:`eventwire.api.extract_many`) as one document dated by
the record. Figures:

- ``detection_rate``: records with at least one event;
- ``type``: ``found`` = some event has the gold type (the best-matching event), ``first`` = ``events[0]``
  has it; per gold type, and the most common confusions (gold type -> ``events[0]`` type when no event
  has the gold type, ``NONE`` when there is no event);
- ``mode``: where the gold has a mode, the best-matching event's mode equals it (mapped old names);
- ``actor1`` / ``actor2``: the best-matching event's actor1 country against the first source's code when
  that is an ISO 3166-1 alpha-3 country code (actor2 against the first target), sectors where the gold
  sector maps onto eventwire's (CAMEO's GOV, MIL, COP, REB, OPP, CVL, ... and the codes IGO / NGO;
  eventwire's role sectors PRO / RIO count as agreeing with a gold CVL).

The best-matching event is the first event (in salience order) of the gold type, else ``events[0]``.

``heads_status`` says which classifier was measured and flags heads trained on this very file
(in-sample); ``folds`` = K > 1 retrains the heads K times without the scored fold's records instead.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.events import rules
from eventwire.records import PLOVER_TYPES, Document

# CAMEO / PLOVER actor sector codes (the first three letters) -> eventwire sectors. Codes with no clear
# counterpart (ELI elites, EDU, LAB, AGR, SPY, CRM, SOC, '***') are not compared.
SECTOR_MAP = {
    "GOV": "GOV", "LEG": "GOV", "JUD": "GOV",
    "MIL": "MIL", "COP": "MIL",  # eventwire codes police as state forces (MIL)
    "REB": "REB", "INS": "REB", "SEP": "REB",
    "UAF": "MIL_NONSTATE",
    "OPP": "POL", "PTY": "POL",
    "CVL": "CVL", "CIV": "CVL", "REF": "CVL",
    "MED": "MED", "JRN": "MED",
    "BUS": "BUS",
    "REL": "REL", "MOS": "REL", "CHR": "REL",
    "IGO": "IGO", "NGO": "NGO",
}


# eventwire's protester / rioter sectors name a role in the event; CAMEO codes unaffiliated protesters
# by identity (CVL), so PRO / RIO agree with a gold CVL (but not with POL, REL, ...: the identity is lost).
EVENT_ROLE_SECTORS = ("PRO", "RIO")

# --------------------------------------------------------------------------------------------- gold


def gold_type(event: str | None) -> str | None:
    """The PLOVER 2021 type of a gold record's ``event`` (2016 names mapped), None if not a type."""
    event = rules.PLOVER_OLD_TO_NEW.get(event or "", event)
    return event if event in PLOVER_TYPES else None


def gold_mode(mode: str | None) -> str | None:
    mode = (mode or "").strip()
    return rules.PLOVER_MODE_MAP.get(mode, mode) or None


def _actors(value) -> list[dict]:
    """A gold ``source`` / ``target``: a list of dicts, but also '' / None / a bare string in a few records."""
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict)]
    return []


def iso3_country(code: str | None) -> str | None:
    """``code`` when it is an ISO 3166-1 alpha-3 country code (not IGO, NGO, or CAMEO's JAP / ITL)."""
    code = (code or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        return None
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return code
    return code if pycountry.countries.get(alpha_3=code) else None


def gold_sector(actor: dict | None) -> str | None:
    """The eventwire sector of a gold actor, or None when the gold gives none that compares."""
    if not actor:
        return None
    code = (actor.get("code") or "").strip().upper()
    if code in ("IGO", "NGO"):
        return code
    sector = (actor.get("sector") or "").strip().upper()[:3]
    return SECTOR_MAP.get(sector)


def _parse_date(text: str | None) -> date | None:
    try:
        return datetime.strptime((text or "").strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


def read_gold(path: str | Path) -> list[dict]:
    """The scorable records of a PLOVER gold-standard file, normalised (type, mode, first actors)."""
    from eventwire.events.train import load_plover_records

    raw = load_plover_records(path)
    out = []
    seen: Counter = Counter()
    for i, rec in enumerate(raw):
        if not isinstance(rec, dict) or rec.get("event") == "DOCUMENT":
            continue
        kind, text = gold_type(rec.get("event")), (rec.get("text") or "").strip()
        if kind is None or not text:
            continue
        sources, targets = _actors(rec.get("source")), _actors(rec.get("target"))
        doc_id = str(rec.get("id") or f"plover-{i}")
        seen[doc_id] += 1
        if seen[doc_id] > 1:  # the file repeats an id (COERCE-0004): keep document ids unique
            doc_id = f"{doc_id}#{seen[doc_id]}"
        out.append({"id": doc_id, "date": rec.get("date"), "text": text,
                    "type": kind, "event": rec.get("event"), "mode": gold_mode(rec.get("mode")),
                    "source": sources[0] if sources else None, "target": targets[0] if targets else None,
                    "trigger": rec.get("eventText")})
    return out


def documents(gold: Sequence[dict]) -> list[Document]:
    return [Document(id=g["id"], text=g["text"], date=_parse_date(g.get("date"))) for g in gold]


# ------------------------------------------------------------------------------------------ scoring


def best_event(record, kind: str):
    """The first event of the gold type, else ``events[0]``, else None."""
    events = list(getattr(record, "events", None) or [])
    for event in events:
        if event.type == kind:
            return event
    return events[0] if events else None


def _rate(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def _actor_metrics(pairs: Iterable[tuple[dict | None, object, object, bool]]) -> dict:
    """``pairs``: (gold actor, predicted actor, the event's other predicted actor, type found)."""
    n_country = country_hit = either_hit = predicted_none = n_found = found_hit = 0
    n_sector = sector_hit = 0
    for gold, actor, other, type_found in pairs:
        country = iso3_country((gold or {}).get("code"))
        if country:
            n_country += 1
            got = getattr(actor, "country", None)
            predicted_none += got is None
            country_hit += got == country
            either_hit += country in (got, getattr(other, "country", None))
            n_found += type_found
            found_hit += type_found and got == country
        sector = gold_sector(gold)
        if sector and actor is not None and getattr(actor, "sector", None):
            n_sector += 1
            sector_hit += actor.sector == sector or (sector == "CVL" and actor.sector in EVENT_ROLE_SECTORS)
    return {"country_n": n_country, "country_accuracy": _rate(country_hit, n_country),
            "country_n_type_found": n_found, "country_accuracy_when_type_found": _rate(found_hit, n_found),
            "country_in_either_actor": _rate(either_hit, n_country), "country_missing": predicted_none,
            "sector_n": n_sector, "sector_agreement": _rate(sector_hit, n_sector)}


def score(gold: Sequence[dict], records: Sequence) -> dict:
    """The report's figures for gold records and their pipeline records (one each, same order)."""
    if len(gold) != len(records):
        raise EventwireError("E050", f"{len(gold)} gold records but {len(records)} pipeline records")
    n = len(gold)
    detected = found = first = 0
    confusion: Counter = Counter()
    per_type: dict[str, list[int]] = {}
    mode_n = mode_hit = mode_n_found = 0
    mode_confusion: Counter = Counter()
    actor1_pairs, actor2_pairs = [], []
    for g, rec in zip(gold, records):
        events = list(getattr(rec, "events", None) or [])
        kind = g["type"]
        row = per_type.setdefault(kind, [0, 0, 0])
        row[0] += 1
        detected += bool(events)
        is_found = any(e.type == kind for e in events)
        is_first = bool(events) and events[0].type == kind
        found += is_found
        first += is_first
        row[1] += is_found
        row[2] += is_first
        if not is_found:
            confusion[(kind, events[0].type if events else "NONE")] += 1
        event = best_event(rec, kind)
        if g.get("mode"):
            mode_n += 1
            got = event.mode if event is not None and is_found else None
            mode_hit += got == g["mode"]
            mode_n_found += is_found
            if got != g["mode"]:
                mode_confusion[(f"{kind}/{g['mode']}", got or "none")] += 1
        actor1_pairs.append((g.get("source"), getattr(event, "actor1", None), getattr(event, "actor2", None), is_found))
        actor2_pairs.append((g.get("target"), getattr(event, "actor2", None), getattr(event, "actor1", None), is_found))
    return {
        "records": n,
        "detection_rate": _rate(detected, n),
        "type": {
            "found_accuracy": _rate(found, n),
            "first_accuracy": _rate(first, n),
            "per_type": [{"type": t, "n": v[0], "found": _rate(v[1], v[0]), "first": _rate(v[2], v[0])}
                         for t, v in sorted(per_type.items(), key=lambda kv: -kv[1][0])],
            "confusions": [{"gold": gk, "events0": pk, "count": c} for (gk, pk), c in confusion.most_common(15)],
        },
        "mode": {"n": mode_n, "accuracy": _rate(mode_hit, mode_n), "type_found": mode_n_found,
                 "accuracy_when_type_found": _rate(mode_hit, mode_n_found),
                 "confusions": [{"gold": gk, "got": pk, "count": c} for (gk, pk), c in mode_confusion.most_common(10)]},
        "actor1_vs_source": _actor_metrics(actor1_pairs),
        "actor2_vs_target": _actor_metrics(actor2_pairs),
    }


# ---------------------------------------------------------------------------------------- running


def _actor_summary(actor) -> dict | None:
    if actor is None:
        return None
    return {"text": actor.text, "country": actor.country, "sector": actor.sector}


def failures(gold: Sequence[dict], records: Sequence) -> list[dict]:
    """One row per record for error analysis: gold type / mode / first actors and what eventwire gave."""
    out = []
    for g, rec in zip(gold, records):
        events = list(getattr(rec, "events", None) or [])
        event = best_event(rec, g["type"])
        out.append({
            "id": g["id"], "text": g["text"], "gold_type": g["type"], "gold_event": g["event"],
            "gold_mode": g.get("mode"), "gold_trigger": g.get("trigger"),
            "gold_source": g.get("source"), "gold_target": g.get("target"),
            "found": any(e.type == g["type"] for e in events),
            "events": [{"type": e.type, "mode": e.mode, "trigger": e.evidence.trigger if e.evidence else None,
                        "actor1": _actor_summary(e.actor1), "actor2": _actor_summary(e.actor2)} for e in events],
            "best": None if event is None else {"type": event.type, "actor1": _actor_summary(event.actor1),
                                                "actor2": _actor_summary(event.actor2)},
        })
    return out


def heads_status(path: str | Path, classifier) -> str:
    """How the measured pipeline classified: no heads, heads that never saw this file, or in-sample."""
    if classifier is None:
        return "no classifier (lexicon only: triggers.tsv)"
    meta = getattr(classifier, "meta", None) or {}
    plover = (meta.get("trained_on") or {}).get("plover") or {}
    if plover:
        from eventwire.events.train import _sha256

        same = plover.get("sha256") == _sha256(path) or plover.get("name") == Path(path).name
        if same:
            return "installed heads, TRAINED ON THIS FILE (in-sample: the PLOVER head saw these records)"
        return f"installed heads (trained on another PLOVER file: {plover.get('name')})"
    return "installed heads (not trained on PLOVER)"


def _cross_validated_records(path: str | Path, gold: Sequence[dict], folds: int, settings, seed: int = 0,
                             cache_dir: Path | None = None) -> tuple[list, str]:
    """Pipeline records with heads retrained ``folds`` times, each time without the scored fold's PLOVER
    records (the ACLED / snippets files of the installed heads stay in every training set)."""
    import numpy as np

    from eventwire import api, places
    from eventwire.events import train
    from eventwire.events.classify import load_classifier
    from eventwire.evaluate.acled import _installed_config
    from eventwire.pipeline import Models

    meta = load_classifier(settings).meta or {}
    trained_on = meta.get("trained_on") or {}
    paths = {kind: (trained_on.get(kind) or {}).get("path") for kind in ("acled", "snippets")}
    if not paths["acled"] or not Path(paths["acled"]).exists():
        raise EventwireError("E050", "--cv needs the ACLED file the installed heads were trained on "
                                     f"({paths['acled'] or 'not recorded'})")
    base = train.acled_examples(train.read_acled(paths["acled"]))
    if paths["snippets"] and Path(paths["snippets"]).exists():
        base += train.read_snippets(paths["snippets"])
    plover = train.read_plover(path)[:len(gold)]  # gold may be a --limit prefix
    if [ex.text for ex in plover] != [g["text"] for g in gold]:
        raise EventwireError("E050", "PLOVER training examples do not line up with the gold records")
    base_emb = train.embed_cached([ex.text for ex in base], cache_dir)
    plover_emb = train.embed_cached([ex.text for ex in plover], cache_dir)
    fold = train.folds(plover, folds, seed)
    config = train.Config(seed=seed, **_installed_config(meta))
    gazetteer = places.load_gazetteer(settings)
    records: list = [None] * len(gold)
    for k in range(folds):
        test = [i for i in range(len(gold)) if fold[i] == k]
        if not test:
            continue
        kept = [i for i in range(len(gold)) if fold[i] != k]
        heads = train.fit_heads(base + [plover[i] for i in kept], np.vstack([base_emb, plover_emb[kept]]), config)
        models = Models(gazetteer=gazetteer, classifier=train.make_classifier(heads, config, meta))
        for i, rec in zip(test, api.extract_many(documents([gold[i] for i in test]), settings=settings,
                                                 models=models), strict=True):
            records[i] = rec
    return records, f"{folds}-fold cross-validation over the PLOVER records (heads retrained without the scored fold)"


def evaluate_plover(path: str | Path, *, classifier: bool = True, limit: int | None = None,
                    settings=None, records_path: str | Path | None = None,
                    save_records: str | Path | None = None, errors: list | None = None, folds: int = 0) -> dict:
    """Run the pipeline over the gold records (or read ``records_path``) and score it.

    ``classifier=False`` measures the lexicon-only detector (no heads). ``folds`` > 1 retrains the heads
    that many times without the scored fold (held-out figures when the installed heads saw this file).
    ``errors``, when a list, receives :func:`failures` rows. ``save_records`` writes the pipeline records
    (JSON Lines) for re-scoring."""
    from eventwire.records import record_from_dict, to_dict
    from eventwire.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    gold = read_gold(path)
    if limit:
        gold = gold[:limit]
    if records_path:
        by_id = {}
        with open(records_path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    rec = record_from_dict(json.loads(line))
                    by_id[rec.id] = rec
        missing = [g["id"] for g in gold if g["id"] not in by_id]
        if missing:
            raise EventwireError("E050", f"{records_path} lacks records: {', '.join(missing[:5])}")
        records = [by_id[g["id"]] for g in gold]
        mode = f"records read from {Path(records_path).name}"
    else:
        from eventwire import api, places
        from eventwire.pipeline import Models

        heads = None
        if classifier and folds and folds > 1:
            records, mode = _cross_validated_records(path, gold, folds, settings)
        else:
            if classifier:
                from eventwire.events.classify import load_classifier

                heads = load_classifier(settings)  # E021 when no heads are installed: use --no-classifier
            models = Models(gazetteer=places.load_gazetteer(settings), classifier=heads)
            records = list(api.extract_many(documents(gold), settings=settings, models=models))
            mode = heads_status(path, heads)
        if save_records:
            with open(save_records, "w", encoding="utf-8") as handle:
                for rec in records:
                    handle.write(json.dumps(to_dict(rec), ensure_ascii=False) + "\n")
    report = {"file": Path(path).name, "measured": mode}
    report.update(score(gold, records))
    if errors is not None:
        errors.extend(failures(gold, records))
    return report


__all__ = ["evaluate_plover", "score", "read_gold", "failures", "best_event", "gold_type", "gold_mode",
           "gold_sector", "iso3_country", "heads_status", "SECTOR_MAP"]
