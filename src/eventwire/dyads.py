"""Dyads: who acts against (or with) whom over time, and the escalation episodes between them.

Input: events (canonical events from :mod:`eventwire.merge`, or plain Event JSON).
Output, for every pair of actors:

- **interactions**: the directed events A -> B in date order, with their PLOVER type,
  a conflict-cooperation **intensity** (Goldstein-style, -10..+10, one value per
  PLOVER type; see :data:`INTENSITY` and docs/conventions.md "Dyads");
- **episodes**: runs of hostile interactions no more than ``window`` days apart,
  whose steps are marked ``retaliation`` (B acts against A within ``window`` days of
  A acting against B), ``diplomatic_downgrade`` (an ambassador withdrawn, a diplomat
  summoned or expelled, ties cut), ``threat``, and ``third_party_appeal`` (a third
  actor urging one or both sides to restraint);
- a per-pair **timeline** (:func:`timeline_rows`) a forecasting model or a notebook
  reads directly (CSV or JSON).

Actors are keyed by country (ISO3) for states and anyone else with a country, and by
name for named armed groups ("Baluch Liberation Army"). A state's act on another
country's territory with no state target ("Iran's attack on Pakistani soil") is also
an interaction with that country (``target: "territory"``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from typing import Any

from eventwire.actors import generic_name
from eventwire.store.base import EventQuery

# Conflict (-) to cooperation (+), after Goldstein (1992)'s scale for the CAMEO root
# codes each PLOVER type gathers (PLOVER's CAMEO crosswalk); see docs/conventions.md.
INTENSITY: dict[str, float] = {
    "AID": 7.0,        # CAMEO 07 provide aid
    "COOPERATE": 6.0,  # CAMEO 06 material cooperation
    "AGREE": 5.0,      # CAMEO 057/06x sign agreement, settle
    "CONCEDE": 5.0,    # CAMEO 081-083 yield: ease administrative restrictions, accede to demands
    "RETREAT": 4.5,    # CAMEO 084-087: release, ease sanctions or a blockade, truce, withdraw, demobilize
    "SUPPORT": 3.5,    # CAMEO 05 diplomatic cooperation
    "REQUEST": 3.0,    # CAMEO 02 appeal
    "CONSULT": 1.0,    # CAMEO 04 consult
    "ACCUSE": -2.0,    # CAMEO 11 disapprove
    "REJECT": -4.0,    # CAMEO 12 reject
    "SANCTION": -5.0,  # CAMEO 16 reduce relations
    "THREATEN": -6.0,  # CAMEO 13 threaten
    "PROTEST": -6.5,   # CAMEO 14 protest
    "COERCE": -7.0,    # CAMEO 17 coerce
    "MOBILIZE": -7.2,  # CAMEO 15 exhibit military posture
    "ASSAULT": -9.0,   # CAMEO 18 assault; -10 with fatalities or heavy weapons (CAMEO 19/20)
}
HEAVY_MODES = frozenset(["aerial", "shelling", "artillery", "missile", "drone", "bombing", "WMD", "heavy"])
MATERIAL_CONFLICT = frozenset(["ASSAULT", "COERCE"])  # what "acts against" means for retaliation
TERRITORIAL = frozenset(["ASSAULT", "COERCE", "MOBILIZE"])  # acts on a territory: the country is their target
HOSTILE = frozenset(["ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "PROTEST", "REJECT", "ACCUSE"])

DIPLOMATIC = re.compile(
    r"\b(ambassador|envoy|diplomats?|charg[eé] d'affaires|embassy|consul\w*|diplomatic (ties|relations)|"
    r"relations with|persona non grata)\b", re.I)
DOWNGRADE_TYPES = frozenset(["SANCTION", "ACCUSE", "REJECT", "COERCE", "PROTEST", "THREATEN"])
APPEAL = re.compile(r"\b(restraint|calm|de-?escalat\w*|escalation|dialogue|both sides|ceasefire|cease-fire|"
                    r"peaceful|negotiat\w*|talks|mediat\w*)\b", re.I)
RETALIATION_CUE = re.compile(r"\b(retaliat\w*|in response|response to|revenge|aveng\w*|tit-for-tat|reprisal\w*|"
                             r"hit back|struck back|strike back)\b", re.I)
_NAMED_SECTORS = frozenset(["REB", "MIL_NONSTATE"])
_ISO3 = re.compile(r"^[A-Z]{3}$")
APPEAL_TYPES = ("REQUEST",)  # the types a third party's appeal can have (see _third_party_appeals)



@dataclass(frozen=True, slots=True)
class DyadSettings:
    window: int = 7  # days within which B's act answers A's (retaliation) and episodes chain
    same_day_needs_cue: bool = True  # a same-day reply counts only with "retaliatory", "in response", ...


DEFAULT_DYAD_SETTINGS = DyadSettings()


def intensity(event: dict) -> float:
    """The conflict-cooperation score of one event (see :data:`INTENSITY`)."""
    value = INTENSITY.get(event.get("type") or "", 0.0)
    if event.get("type") == "ASSAULT":
        deaths = (event.get("fatalities") or {}).get("value")
        if (isinstance(deaths, int) and deaths > 0) or (event.get("mode") or "") in HEAVY_MODES:
            value = -10.0
    return value


def actor_key(actor: dict | None) -> str | None:
    """ISO3 for states and anyone with a country; the name for named armed groups; else None."""
    if not actor:
        return None
    name = (actor.get("name") or actor.get("text") or "").strip()
    named_group = (actor.get("sector") in _NAMED_SECTORS or actor.get("acled_inter") in (2, 3)) and name \
        and not generic_name(name)
    if named_group:
        return name
    return actor.get("country") or None


def _is_state(actor: dict | None) -> bool:
    return bool(actor and actor.get("country") and actor.get("sector") in ("GOV", "MIL", None))


def _day(value: Any) -> Date | None:
    try:
        return Date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _event_day(event: dict) -> str | None:
    date = event.get("date") or {}
    for value in (event.get("event_date"), date.get("value"), date.get("start"), event.get("document_date")):
        if _day(value):
            return value
    return None


def _evidence_texts(event: dict) -> str:
    texts = [event.get("evidence") if isinstance(event.get("evidence"), str) else
             (event.get("evidence") or {}).get("text") or ""]
    for source in event.get("sources") or []:
        texts.append(((source.get("evidence") or {}).get("text")) or "")
    return " ".join(t for t in texts if t)


def _documents(event: dict) -> list[str]:
    if event.get("sources"):
        return sorted({s["document_id"] for s in event["sources"] if s.get("document_id")})
    return [event["document_id"]] if event.get("document_id") else []


def interactions(events: Iterable[dict]) -> list[dict]:
    """Directed interactions (one per event and target) with keys, day, intensity and evidence.

    An event with no identifiable target gives one item with ``target: None`` (used for
    third-party appeals; it belongs to no pair)."""
    out = []
    for event in events:
        day = _event_day(event)
        source = actor_key(event.get("actor1"))
        if not source or not day:
            continue
        targets: list[tuple[str | None, str]] = [(actor_key(event.get("actor2")), "actor2")]
        where = (event.get("location") or {}).get("country")
        a1, a2 = event.get("actor1") or {}, event.get("actor2")
        if _is_state(a1) and where and where != a1.get("country") and event.get("type") in TERRITORIAL \
                and not (a2 and a2.get("country") == where and _is_state(a2)):
            targets.append((where, "territory"))
        seen: set[str | None] = set()
        targets = [(t, how) for t, how in targets if t is not None and t != source] or [(None, "none")]
        for target, how in targets:  # target None: a lone actor's act ("China urged restraint")
            if target in seen:
                continue
            seen.add(target)
            evidence = event.get("evidence")
            out.append({
                "date": day, "source": source, "target": target, "target_from": how,
                "type": event.get("type"), "mode": event.get("mode"),
                "acled_sub_event_type": event.get("acled_sub_event_type"),
                "intensity": intensity(event),
                "fatalities": (event.get("fatalities") or {}).get("value"),
                "location": (event.get("location") or {}).get("name"),
                "location_country": where,
                "event_id": event.get("canonical_id") or event.get("event_id"),
                # the article events behind it (a canonical event's sources; else the event itself)
                "source_event_ids": [src["event_id"] for src in event.get("sources") or [] if src.get("event_id")]
                or ([event["event_id"]] if event.get("event_id") else []),
                "documents": _documents(event),
                "n_sources": event.get("n_sources") or 1,
                "evidence": evidence if isinstance(evidence, str) else (evidence or {}).get("text"),
                "_text": _evidence_texts(event),
                "_event": event,
            })
    out.sort(key=lambda i: (i["date"], i["event_id"] or "", i["source"], i["target"] or ""))
    return out


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _third_party_appeals(items: list[dict], pair: tuple[str, str], hostile: list[dict], window: int) -> list[dict]:
    """REQUESTs by a third actor to either side, or to no one in an article reporting the pair's hostilities."""
    docs = {d for h in hostile for d in h["documents"]}
    days = [_day(h["date"]) for h in hostile]
    found = []
    for item in items:
        if item["type"] != "REQUEST" or item["source"] in pair:
            continue
        day = _day(item["date"])
        if not any(d and 0 <= (day - d).days <= window for d in days):
            continue
        to_side = item["target"] in pair
        if to_side or (set(item["documents"]) & docs and APPEAL.search(item["_text"])):
            found.append(item)
    return found


def analyse_pair(pair: tuple[str, str], items: list[dict], appeals: list[dict],
                 settings: DyadSettings = DEFAULT_DYAD_SETTINGS) -> dict:
    """Interactions of one pair (both directions), their steps and escalation episodes."""
    window = settings.window
    steps: list[dict] = []
    for item in items:
        step = _public(item)
        step["direction"] = f"{item['source']}->{item['target']}"
        step["roles"] = []
        steps.append(step)
    # Retaliation: B's material act against A after A's against B, within the window.
    for i, later in enumerate(items):
        if later["type"] not in MATERIAL_CONFLICT:
            continue
        day = _day(later["date"])
        cue = bool(RETALIATION_CUE.search(later["_text"]))
        for earlier in reversed(items[:i]):
            if earlier["type"] not in MATERIAL_CONFLICT or earlier["source"] != later["target"] \
                    or earlier["target"] != later["source"]:
                continue
            gap = (day - _day(earlier["date"])).days
            if gap < 0 or gap > window or (gap == 0 and settings.same_day_needs_cue and not cue):
                continue
            steps[i]["roles"].append("retaliation")
            steps[i]["retaliation_for"] = earlier["event_id"]
            steps[i]["retaliation_gap_days"] = gap
            steps[i]["retaliation_cue"] = cue
            break
    for i, item in enumerate(items):
        if item["type"] in DOWNGRADE_TYPES and DIPLOMATIC.search(item["_text"]):
            steps[i]["roles"].append("diplomatic_downgrade")
            # What it answers: the last material act within the window, the other side's first.
            prior = [e for e in items if e is not item and e["type"] in MATERIAL_CONFLICT
                     and 0 <= (_day(item["date"]) - _day(e["date"])).days <= window]
            prior.sort(key=lambda e: (e["source"] == item["target"], e["date"]))
            if prior:
                steps[i]["in_response_to"] = prior[-1]["event_id"]
        elif item["type"] == "THREATEN":
            steps[i]["roles"].append("threat")
    for appeal in appeals:
        step = _public(appeal)
        step["direction"] = f"{appeal['source']}->{appeal['target'] or '*'}"
        step["roles"] = ["third_party_appeal"]
        steps.append(step)
    steps.sort(key=lambda s: (s["date"], 0 if "third_party_appeal" not in s["roles"] else 1, s["event_id"] or ""))
    return {
        "pair": list(pair),
        "interactions": steps,
        "episodes": _episodes(steps, window),
        "summary": _summary(pair, items),
    }


def _episodes(steps: list[dict], window: int) -> list[dict]:
    """Runs of steps starting with a hostile act, each within ``window`` days of the previous one."""
    episodes: list[dict] = []
    current: list[dict] = []
    for step in steps:
        day = _day(step["date"])
        hostile = step["type"] in HOSTILE or "third_party_appeal" in step["roles"]
        if current and hostile and (day - _day(current[-1]["date"])).days <= window:
            current.append(step)
            continue
        if current:
            episodes.append(_episode(current))
            current = []
        if step["type"] in MATERIAL_CONFLICT or step["type"] in ("THREATEN", "SANCTION"):
            current = [step]
    if current:
        episodes.append(_episode(current))
    return [e for e in episodes if len(e["steps"]) > 1 or e["retaliations"]]


def _episode(steps: list[dict]) -> dict:
    return {
        "start": steps[0]["date"], "end": steps[-1]["date"],
        "steps": [{"date": s["date"], "direction": s["direction"], "type": s["type"], "roles": s["roles"],
                   "event_id": s["event_id"], "evidence": s["evidence"]} for s in steps],
        "retaliations": sum("retaliation" in s["roles"] for s in steps),
        "diplomatic_downgrades": sum("diplomatic_downgrade" in s["roles"] for s in steps),
        "third_party_appeals": sum("third_party_appeal" in s["roles"] for s in steps),
        "min_intensity": min(s["intensity"] for s in steps),
        "fatalities": sum(s["fatalities"] or 0 for s in steps),
    }


def _summary(pair: tuple[str, str], items: list[dict]) -> dict:
    out = {}
    for source, target in (pair, pair[::-1]):
        mine = [i for i in items if i["source"] == source and i["target"] == target]
        by_type: dict[str, int] = defaultdict(int)
        for i in mine:
            by_type[i["type"]] += 1
        out[f"{source}->{target}"] = {
            "events": len(mine), "by_type": dict(sorted(by_type.items())),
            "mean_intensity": round(sum(i["intensity"] for i in mine) / len(mine), 2) if mine else None,
            "fatalities": sum(i["fatalities"] or 0 for i in mine),
        }
    return out


def _public(item: dict) -> dict:
    return {k: v for k, v in item.items() if not k.startswith("_")}


def dyads(events: Iterable[dict], *, actors: Sequence[str] = (), since: str | None = None,
          until: str | None = None, settings: DyadSettings = DEFAULT_DYAD_SETTINGS) -> list[dict]:
    """Every actor pair's interactions and episodes (most interactions first).

    ``actors``: keep pairs made of these actors (two: that pair only; one: its pairs)."""
    wanted = [a.strip() for a in actors if a and a.strip()]
    every = interactions(events)
    every = [i for i in every if (not since or i["date"] >= since) and (not until or i["date"] <= until)]
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for item in every:
        if item["target"]:
            by_pair[_pair(item["source"], item["target"])].append(item)
    out = []
    for pair, items in by_pair.items():
        if len(wanted) >= 2 and not (pair[0] in wanted and pair[1] in wanted):
            continue
        if len(wanted) == 1 and wanted[0] not in pair:
            continue
        hostile = [i for i in items if i["type"] in HOSTILE]
        appeals = _third_party_appeals(every, pair, hostile, settings.window) if hostile else []
        out.append(analyse_pair(pair, items, appeals, settings))
    out.sort(key=lambda d: (-len(d["interactions"]), d["pair"]))
    return out


# --------------------------------------------------------------------------- timeline export

TIMELINE_COLUMNS = (
    "actor_a", "actor_b", "date", "direction", "events", "intensity_sum", "intensity_min", "fatalities",
    "retaliations", "diplomatic_downgrades", "third_party_appeals", "types", "event_ids",
)


def timeline_rows(pairs: Sequence[dict]) -> list[dict]:
    """One row per pair, day and direction (a->b, b->a, or third party): counts, intensity, flags."""
    rows: dict[tuple, dict] = {}
    for dyad in pairs:
        a, b = dyad["pair"]
        for step in dyad["interactions"]:
            third = "third_party_appeal" in step["roles"]
            direction = "third_party" if third else ("a->b" if step["direction"].startswith(f"{a}->") else "b->a")
            key = (a, b, step["date"], direction)
            row = rows.setdefault(key, {
                "actor_a": a, "actor_b": b, "date": step["date"], "direction": direction, "events": 0,
                "intensity_sum": 0.0, "intensity_min": None, "fatalities": 0, "retaliations": 0,
                "diplomatic_downgrades": 0, "third_party_appeals": 0, "types": [], "event_ids": []})
            row["events"] += 1
            row["intensity_sum"] = round(row["intensity_sum"] + step["intensity"], 2)
            row["intensity_min"] = step["intensity"] if row["intensity_min"] is None else min(
                row["intensity_min"], step["intensity"])
            row["fatalities"] += step["fatalities"] or 0
            row["retaliations"] += "retaliation" in step["roles"]
            row["diplomatic_downgrades"] += "diplomatic_downgrade" in step["roles"]
            row["third_party_appeals"] += third
            row["types"].append(step["type"])
            row["event_ids"].append(step["event_id"])
    return [rows[k] for k in sorted(rows)]


def write_timeline(pairs: Sequence[dict], fmt: str) -> str:
    """The timeline as CSV (``types``/``event_ids`` joined by ``|``) or JSON (a list of rows)."""
    rows = timeline_rows(pairs)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TIMELINE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "types": "|".join(row["types"]), "event_ids": "|".join(row["event_ids"])})
    return buffer.getvalue()


def format_table(pairs: Sequence[dict]) -> str:
    """A terminal view: per pair, each interaction on one line with its roles."""
    lines = []
    for dyad in pairs:
        a, b = dyad["pair"]
        lines.append(f"== {a} / {b}: {len(dyad['interactions'])} interactions, {len(dyad['episodes'])} episodes")
        for s in dyad["interactions"]:
            roles = ",".join(s["roles"])
            extra = f" (answers {s['retaliation_for']}, {s['retaliation_gap_days']}d)" if s.get("retaliation_for") else ""
            lines.append(f"{s['date']}  {s['direction']:<16.16}  {s['type']:<9} {s['intensity']:>5.1f}  "
                         f"{(s.get('location') or '-'):<16.16}  {roles}{extra}")
            lines.append(f"            {(s.get('evidence') or '')[:110]}")
    return "\n".join(lines)


def day_range(start: str, end: str) -> list[str]:
    a, b = _day(start), _day(end)
    return [(a + timedelta(i)).isoformat() for i in range((b - a).days + 1)] if a and b else []


def events_from_store(store: Any, *, since: str | None = None, until: str | None = None,
                      countries: Sequence[str] = (), merged: bool = True) -> list[dict]:
    """The events dyads are built from: the store's canonical events (merged in memory when the
    store was never merged, or is stale and open read-only), or its raw events (``merged=False``)."""
    from eventwire import merge

    if not merged:
        return list(store.iter_events())
    if not store.read_only:
        merge.update_store(store)
    elif not merge.has_canonical_tables(store) or any(merge.stale_documents(store)):
        return merge.canonical_in_memory(store)
    return merge.query_canonical(store, since=since, until=until)


def events_for_service(store: Any, *, actors: Sequence[str] = (), since: str | None = None,
                       until: str | None = None) -> tuple[list[dict], bool]:
    """Events for a long-running service: (events, merged). Canonical events when the store's
    merge is current (merging first when the store is writable); else the raw events, never an
    in-memory merge of a whole store per request.

    When every one of ``actors`` is an ISO3 code, only the events :func:`dyads` can use for
    their pairs are read (one of the countries as actor or location, or a REQUEST: a third
    party's appeal), dated ``since``..``until`` (None: any); so a large store is not read whole."""
    from eventwire import merge

    countries = [a for a in actors if _ISO3.match(a)]
    if len(countries) != len(actors):
        countries = []
    if not store.read_only:
        merge.update_store(store)
        return merge.query_canonical(store, since=since, until=until, countries=countries,
                                     or_types=APPEAL_TYPES if countries else ()), True
    if merge.has_canonical_tables(store) and not any(merge.stale_documents(store)):
        return merge.query_canonical(store, since=since, until=until, countries=countries,
                                     or_types=APPEAL_TYPES if countries else ()), True
    if not countries:
        return list(store.iter_events(EventQuery(limit=None, since=since, until=until))), False
    found: dict[tuple, dict] = {}
    for query in _pair_queries(countries, since, until):
        for event in store.iter_events(query):
            found.setdefault((event.get("document_id"), event.get("event_id")), event)
    return list(found.values()), False


def _pair_queries(countries: Sequence[str], since: str | None, until: str | None) -> list[EventQuery]:
    """Store queries whose union holds every event :func:`interactions` can give the pairs of
    ``countries`` (one country: its pairs; two: that pair), plus every possible third-party appeal."""
    dates = {"limit": None, "since": since, "until": until}
    joined = ",".join(countries)
    appeals = EventQuery(**dates, type=",".join(APPEAL_TYPES))
    if len(countries) != 2:
        return [EventQuery(**dates, actor_country=joined), EventQuery(**dates, country=joined), appeals]
    return [
        EventQuery(**dates, dyad=(countries[0], countries[1])),  # actor1 and actor2 (or location), either way
        # an act on the other country's soil while actor2 is someone else (see interactions: "territory")
        EventQuery(**dates, actor_country=joined, country=joined, type=",".join(sorted(TERRITORIAL))),
        appeals,
    ]
