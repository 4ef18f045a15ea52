"""Cross-article event merging: the events several articles report become one canonical event.

The same strike is reported by a dozen outlets over three days with different tolls;
it must be counted once. :func:`merge_events` clusters event records (the contract's
Event JSON, one per article mention) into :class:`CanonicalEvent` s, and
:class:`Merger` does it *incrementally*: each new article's events are matched
against the canonical events already built, nothing is reprocessed.

Two events are the same real-world event when every hard constraint holds and
their evidence is similar enough (see docs/conventions.md, "Merging events"):

==============  ==============================================================
type            same PLOVER type, or a pair coders confuse (ASSAULT/COERCE,
                ACCUSE/REJECT, CONSULT/AGREE); ACLED types in one family
                (political violence / demonstrations / strategic developments)
date            the days each date covers (its precision), widened by
                ``day_slack``, overlap; a date that is only the publication
                date covers the ``publication_lag`` days before it
place           same country, and distance within a radius that grows with
                the coarser ``geo_precision`` (ACLED: 1 town, 2 near a town,
                3 province)
actors          per role: no two different countries, no two different named
                armed groups (one group's names agree up to a leading article,
                an acronym or a one-letter spelling variant: "Los Zetas"/"Zetas",
                "BLA"/"Baluch Liberation Army"; words every group's name is made
                of do not make two groups one: "Gulf Cartel"/"Sinaloa Cartel"),
                no state actor against a non-state one
articles        two events of one article are never merged (the event
                detector already merged an article's own mentions)
evidence        cosine of the sentence embeddings of the evidence (and its first
                two mentions), plus small bonuses for agreeing specifics (a
                shared actor *name*, not a shared description like "gunmen"),
                over ``threshold``; stricter
                (``undated_threshold``) when a side has no date at all
==============  ==============================================================

A candidate joins the canonical event with the best score; the hard constraints
must hold against *every* member (so two distinct events that merely share a
place and a day are kept apart by their types, actors or evidence), the
similarity is the best over members. Casualty figures are reconciled by ACLED's
rule: the most conservative credible figure in ``value``, the range in
``low``/``high`` and every source's figure in ``reports``.

Stored in two tables any backend creates on demand (``canonical_events``,
``canonical_members``, plus ``canonical_documents`` to know what was merged):
:func:`update_store` merges what was ingested since the last call.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from typing import Any

import numpy as np

from eventwire.actors import ARMED_NON_STATE_SECTORS, generic_name, opposed_sectors
from eventwire.errors import EventwireError

# --------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class MergeSettings:
    """Thresholds of merging. The similarity thresholds were set on pairs *not* in the evaluation
    groups: same-type but distinct events within the bundled example articles pass 0.70 in 0.9%
    of 341 pairs, 0.80 in none; see docs/evaluation.md "Merging"."""

    threshold: float = 0.70  # evidence similarity (+ bonuses) needed to merge dated events
    undated_threshold: float = 0.85  # ... when either side has no date at all
    day_slack: int = 1  # days added on each side of a date's span (time zones, "late Monday")
    publication_lag: int = 3  # a publication-date-only event happened up to this many days before
    max_span_days: int = 45  # dates coarser than this (a month, a year) do not count as support
    radius_km: tuple[float, float, float] = (25.0, 50.0, 250.0)  # per geo_precision 1, 2, 3
    country_radius_km: float = 800.0  # a country-level location against a precise one
    bonus_place: float = 0.06  # both located precisely (precision 1-2) and within the radius
    bonus_province: float = 0.03  # otherwise: both located in one named province (a town in it, or the province)
    bonus_day: float = 0.06  # both dated to the same day (+/- slack) by the text itself
    bonus_actor: float = 0.04  # an actor name in common
    bonus_count: float = 0.03  # fatality figures that agree within 30%


DEFAULT_MERGE_SETTINGS = MergeSettings()

# Types coders (and our classifier) confuse for one real-world event.
_TYPE_FAMILY = {
    "ASSAULT": "violence", "COERCE": "violence",
    "ACCUSE": "disapprove", "REJECT": "disapprove",
    "CONSULT": "talk", "AGREE": "talk",
}
_ACLED_FAMILY = {
    "Battles": "political violence", "Explosions/Remote violence": "political violence",
    "Violence against civilians": "political violence", "Protests": "demonstrations", "Riots": "demonstrations",
    "Strategic developments": "strategic",
}
_WORD = re.compile(r"[a-z0-9]+")

# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Mention:
    """One article's event, as merging sees it: the Event JSON and where it came from."""

    document_id: str
    ordinal: int
    event: dict
    document_date: str | None = None
    embedding: np.ndarray | None = None

    @property
    def event_id(self) -> str:
        return self.event.get("event_id") or f"{self.document_id}#{self.ordinal}"

    @property
    def text(self) -> str:
        return (self.event.get("evidence") or {}).get("text") or ""


@dataclass(slots=True)
class CanonicalEvent:
    """One real-world event and every article mention of it; ``data`` holds the reconciled fields."""

    canonical_id: str
    members: list[Mention] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # the score each member joined with (1.0: founder)
    data: dict = field(default_factory=dict)

    @property
    def document_ids(self) -> list[str]:
        return sorted({m.document_id for m in self.members})

    def to_dict(self) -> dict:
        return dict(self.data)


# --------------------------------------------------------------------------- dates, places, actors


def _day(value: Any) -> Date | None:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        try:
            return Date.fromisoformat(value)
        except ValueError:
            return None
    return None


def date_span(event: dict, document_date: str | None, settings: MergeSettings) -> tuple[Date, Date, bool] | None:
    """(first day, last day, stated) the event can have happened on; None when nothing is known.

    ``stated`` is False when the span comes from the publication date only."""
    date = event.get("date") or {}
    start, end = _day(date.get("start")) or _day(date.get("value")), _day(date.get("end")) or _day(date.get("value"))
    inferred = date.get("source") in ("publication", "context")  # not stated by the event's own clause
    if not inferred and start and end and (end - start).days <= settings.max_span_days:
        return start - timedelta(settings.day_slack), end + timedelta(settings.day_slack), True
    if date.get("source") == "context" and start and end and (end - start).days <= settings.max_span_days:
        # A date carried over from the context: the event may be a few days earlier.
        return start - timedelta(settings.publication_lag + settings.day_slack), end + timedelta(
            settings.day_slack), False
    published = _day(document_date) or (start if date.get("source") == "publication" else None)
    if published:
        return published - timedelta(settings.publication_lag + settings.day_slack), published + timedelta(
            settings.day_slack), False
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (the places stage's own function)."""
    from eventwire.places.gazetteer import distance_km

    return distance_km(lat1, lon1, lat2, lon2)


def _precision(place: dict) -> int:
    if place.get("feature") in ("country", "region"):
        return 4
    value = place.get("geo_precision")
    return value if value in (1, 2, 3) else 3


def places_compatible(a: dict | None, b: dict | None, settings: MergeSettings) -> tuple[bool, bool]:
    """(compatible, precisely the same place) for two Place JSONs (None: unknown, compatible)."""
    if not a or not b:
        return True, False
    ca, cb = a.get("country"), b.get("country")
    if ca and cb and ca != cb:
        return False, False
    pa, pb = _precision(a), _precision(b)
    coords = all(isinstance(p.get(k), int | float) for p in (a, b) for k in ("lat", "lon"))
    if max(pa, pb) == 4:  # a country-level location says nothing finer than the country
        if coords and min(pa, pb) < 4 and not (ca and cb):
            return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= settings.country_radius_km, False
        return True, False
    if not coords:
        same_name = bool(a.get("name")) and a.get("name") == b.get("name")
        admin_clash = a.get("admin1") and b.get("admin1") and a["admin1"] != b["admin1"] and max(pa, pb) <= 2
        return not admin_clash, same_name and max(pa, pb) <= 2
    if max(pa, pb) == 3 and a.get("admin1") and b.get("admin1"):  # province-level: the province decides
        return a["admin1"] == b["admin1"], False
    radius = settings.radius_km[max(pa, pb) - 1]
    distance = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
    return distance <= radius, distance <= radius and max(pa, pb) <= 2


def same_province(a: dict | None, b: dict | None) -> bool:
    """Both places lie in one named first-level division of one country ("near Sibi" and "Balochistan
    province"): agreement at a coarser grain than :func:`places_compatible`'s precise match."""
    if not a or not b or _precision(a) == 4 or _precision(b) == 4:
        return False
    return bool(a.get("admin1")) and a.get("admin1") == b.get("admin1") and a.get("country") == b.get("country")


def _norm_name(actor: dict) -> str:
    """The name, lower-cased, without punctuation or a leading article ("Los Zetas" = "the Zetas" = "Zetas")."""
    words = _WORD.findall((actor.get("name") or actor.get("text") or "").lower())
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _named_group(actor: dict) -> bool:
    name = _norm_name(actor)
    return (actor.get("sector") in ARMED_NON_STATE_SECTORS or actor.get("acled_inter") in (2, 3, 4)) and bool(name) \
        and not generic_name(name)


# Articles and the words every armed group's name is made of: they do not tell two groups apart
# ("Gulf Cartel" / "Sinaloa Cartel", "National Liberation Army" / "Popular Liberation Army").
_ARTICLES = frozenset("the los las el la les le die".split())
_GROUP_WORDS = _ARTICLES | frozenset("""of de del y and army group front forces force cartel cartels gang gangs
organization organisation clan family mafia command movement liberation national popular peoples people
revolutionary armed brigade brigades battalion militia militias new generation""".split())


def _close(x: str, y: str) -> bool:
    """One spelling of a name word for another: equal up to a plural "s" (Zeta/Zetas), or one edit apart
    in a long word (Baloch/Baluch)."""
    if x == y or (min(len(x), len(y)) >= 4 and x.rstrip("s") == y.rstrip("s")):
        return True
    if min(len(x), len(y)) < 5 or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(c != d for c, d in zip(x, y)) == 1
    short, long_ = sorted((x, y), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _acronym(short: str, long_: str) -> bool:
    """"BLA" for "Baloch Liberation Army", "ELN" for "Ejercito de Liberacion Nacional" (function words skipped)."""
    initials = "".join(w[0] for w in long_.split() if w not in ("of", "de", "del", "y", "and", "the", "la", "el"))
    return " " not in short and len(short) >= 2 and short == initials


def same_group(a: dict, b: dict) -> bool:
    """Two names of one armed group: the same name, an acronym of the other, or a distinctive word in
    common up to a spelling variant; two different groups share at most generic words."""
    na, nb = _norm_name(a), _norm_name(b)
    if not na or not nb:
        return False
    if na == nb or _acronym(na, nb) or _acronym(nb, na):
        return True
    wa = [w for w in na.split() if w not in _GROUP_WORDS]
    wb = [w for w in nb.split() if w not in _GROUP_WORDS]
    return any(_close(x, y) for x in wa for y in wb)


def actors_compatible(a: dict | None, b: dict | None) -> tuple[bool, bool]:
    """(compatible, same name) for two Actor JSONs in the same role (None: unknown, compatible).

    "Same name" (which earns ``bonus_actor``) is a name, not a description: two sources calling the
    attackers "gunmen" or "a perpetrator" say nothing about being one event."""
    if not a or not b:
        return True, False
    name_a, name_b = _norm_name(a), _norm_name(b)
    if name_a and name_a == name_b:
        return True, not generic_name(name_a)
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False, False
    if opposed_sectors(a.get("sector"), b.get("sector")):
        return False, False
    if _named_group(a) and _named_group(b):
        # Two named groups: one group under two spellings, or two different groups.
        wa = {w for w in name_a.split() if w not in _GROUP_WORDS}
        wb = {w for w in name_b.split() if w not in _GROUP_WORDS}
        if not wa or not wb:  # "the Cartel", "Liberation Army": a part of the other name, or another group
            words_a, words_b = set(name_a.split()), set(name_b.split())
            return words_a <= words_b or words_b <= words_a, False
        same = same_group(a, b)
        return same, same
    return True, False


# Types whose target is done to once: a person is killed, wounded, abducted or arrested in one event.
_ONE_TIME_ACTS = frozenset(["ASSAULT", "COERCE"])
_NOT_PERSON_WORDS = _GROUP_WORDS | frozenset("""agent agents officer officers soldier soldiers police military
government ministry forces civilians president minister leader singer journalist boss official officials""".split())


def named_person(actor: dict | None) -> str | None:
    """The actor's full personal name (first and last name, as written: "Armando Villareal Heredia"), or
    None for a surname alone, a description, a group, a state or a country."""
    if not actor or actor.get("sector") not in (None, "CVL"):
        return None
    name = actor.get("name") or ""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", name)
    if len(words) < 2 or len(words) > 5 or any(not w[0].isupper() for w in words) or re.search(r"\d", name):
        return None
    if any(w.lower() in _NOT_PERSON_WORDS for w in words) or generic_name(name):
        return None
    from eventwire.places import country_of

    if country_of(name) or any(country_of(w) for w in words):
        return None
    return _norm_name(actor)


def same_target_person(a: dict, b: dict) -> bool:
    """Both events did one thing to one named person (killed, arrested, abducted Jaime Zapata): as telling
    of one event as a date is (a person is killed once, rarely arrested twice in a few weeks' reporting)."""
    if a.get("type") not in _ONE_TIME_ACTS or b.get("type") not in _ONE_TIME_ACTS:
        return False
    person = named_person(a.get("actor2"))
    return person is not None and person == named_person(b.get("actor2"))


def types_compatible(a: dict, b: dict) -> bool:
    """Same PLOVER type; or a confusable pair whose ACLED types (when both have one) are one family."""
    ta, tb = a.get("type"), b.get("type")
    if ta == tb:
        return True
    if _TYPE_FAMILY.get(ta) is None or _TYPE_FAMILY.get(ta) != _TYPE_FAMILY.get(tb):
        return False
    fa, fb = _ACLED_FAMILY.get(a.get("acled_event_type")), _ACLED_FAMILY.get(b.get("acled_event_type"))
    return not (fa and fb and fa != fb)


def _family(event_type: str | None) -> str | None:
    """The blocking key of a PLOVER type: its confusable family, or the type itself."""
    return _TYPE_FAMILY.get(event_type or "", event_type)


def effective_location(event: dict) -> dict | None:
    """The event's place as evidence of where it happened: a country-level place that is only an
    actor's own country ("Two US agents attacked" -> United States) says nothing and is dropped."""
    place = event.get("location")
    if not place:
        return None
    if place.get("feature") == "country":
        countries = {(event.get(role) or {}).get("country") for role in ("actor1", "actor2")}
        if place.get("country") in countries:
            return None
    return place


def _count(event: dict, key: str = "fatalities") -> int | None:
    value = (event.get(key) or {}).get("value")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --------------------------------------------------------------------------- pairwise decision


@dataclass(slots=True)
class PairScore:
    compatible: bool  # the same event: hard constraints hold and the score reaches the threshold
    score: float
    reason: str
    possible: bool = False  # the hard constraints hold (the score may still be too low)


def score_pair(a: Mention, b: Mention, settings: MergeSettings = DEFAULT_MERGE_SETTINGS) -> PairScore:
    """Whether two mentions can be one event, and how strongly the evidence says they are."""
    if a.document_id == b.document_id:
        return PairScore(False, 0.0, "same article")
    ea, eb = a.event, b.event
    if not types_compatible(ea, eb):
        return PairScore(False, 0.0, f"types {ea.get('type')}/{eb.get('type')}")
    span_a = date_span(ea, a.document_date, settings)
    span_b = date_span(eb, b.document_date, settings)
    if span_a and span_b and (span_a[1] < span_b[0] or span_b[1] < span_a[0]):
        return PairScore(False, 0.0, "dates apart")
    place_ok, same_place = places_compatible(effective_location(ea), effective_location(eb), settings)
    if not place_ok:
        return PairScore(False, 0.0, "places apart")
    same_actor = False
    for role in ("actor1", "actor2"):
        ok, same = actors_compatible(ea.get(role), eb.get(role))
        if not ok:
            return PairScore(False, 0.0, f"{role} differs")
        same_actor = same_actor or same
    similarity = 0.0
    if a.embedding is not None and b.embedding is not None:
        similarity = float(np.dot(a.embedding, b.embedding))
    score = similarity
    if same_place:
        score += settings.bonus_place
    elif same_province(effective_location(ea), effective_location(eb)):
        score += settings.bonus_province
    if span_a and span_b and span_a[2] and span_b[2] and (span_a[1] - span_a[0]).days <= 2 * settings.day_slack \
            and (span_b[1] - span_b[0]).days <= 2 * settings.day_slack:
        score += settings.bonus_day
    if same_actor:
        score += settings.bonus_actor
    fa, fb = _count(ea), _count(eb)
    if fa and fb and abs(fa - fb) <= 0.3 * max(fa, fb):
        score += settings.bonus_count
    # An undated side needs more similarity, unless both name the same person as the one hit or arrested.
    needed = settings.threshold if (span_a and span_b) or same_target_person(ea, eb) else settings.undated_threshold
    return PairScore(score >= needed, score, f"similarity {similarity:.2f}, score {score:.2f} / {needed:.2f}", True)


# --------------------------------------------------------------------------- reconciliation


def reconcile_counts(members: Sequence[Mention], key: str = "fatalities") -> dict | None:
    """ACLED's rule over the sources' figures: the most conservative credible figure, the range kept.

    ``value`` is the lowest figure any source gives (its ``low`` when it gives a range),
    ``low``/``high`` the range over every source, ``reports`` each source's figure."""
    reports = []
    for m in members:
        count = m.event.get(key) or {}
        value = count.get("value")
        if isinstance(value, int) and not isinstance(value, bool):
            reports.append({"document_id": m.document_id, "event_id": m.event_id, "value": value,
                            "low": count.get("low"), "high": count.get("high"),
                            "qualifier": count.get("qualifier"), "text": count.get("text")})
    if not reports:
        return None
    lows = [r["low"] if isinstance(r["low"], int) else r["value"] for r in reports]
    highs = [max(r["value"], r["high"]) if isinstance(r["high"], int) else r["value"] for r in reports]
    value = min(r["value"] for r in reports)
    qualifier = "exact" if len({r["value"] for r in reports}) == 1 else "at_least"
    return {"value": value, "low": min(lows), "high": max(highs) if max(highs) != value else None,
            "qualifier": qualifier, "reports": reports}


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v not in (None, ""))
    return counted.most_common(1)[0][0] if counted else None


def _best_actor(members: Sequence[Mention], role: str) -> dict | None:
    actors = [m.event.get(role) for m in members if m.event.get(role)]
    if not actors:
        return None
    names = Counter(_norm_name(a) for a in actors)
    # Prefer a named, coded actor over a generic one, then the most reported name.
    return max(actors, key=lambda a: (bool(a.get("country") or a.get("sector")),
                                      not generic_name(_norm_name(a) or "x"), names[_norm_name(a)]))


def _best_date(members: Sequence[Mention]) -> dict | None:
    dates = [m.event.get("date") for m in members if m.event.get("date")]
    if not dates:
        return None
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    stated = [d for d in dates if d.get("source") != "publication"] or dates
    best = min(order.get(d.get("precision"), 4) for d in stated)
    finest = [d for d in stated if order.get(d.get("precision"), 4) == best]
    value = _most_common(d.get("value") for d in finest)
    chosen = min((d for d in finest if d.get("value") == value), key=lambda d: d.get("start") or "")
    return {k: chosen.get(k) for k in ("value", "start", "end", "precision", "text", "mod", "time_precision",
                                       "source")}


def _best_location(members: Sequence[Mention]) -> dict | None:
    places = [m.event.get("location") for m in members if m.event.get("location")]
    if not places:
        return None
    names = Counter(p.get("name") for p in places)
    return min(places, key=lambda p: (_precision(p), -names[p.get("name")]))


def reconcile(members: Sequence[Mention], canonical_id: str) -> dict:
    """The canonical event's fields from its members (every source and its evidence kept)."""
    ordered = sorted(members, key=lambda m: (m.document_date or "9999", m.document_id, m.ordinal))
    first = ordered[0].event
    event_type = _most_common(m.event.get("type") for m in ordered)
    acled_type = _most_common(m.event.get("acled_event_type") for m in ordered if m.event.get("type") == event_type)
    sub_type = _most_common(m.event.get("acled_sub_event_type") for m in ordered
                            if m.event.get("acled_event_type") == acled_type)
    date = _best_date(ordered)
    return {
        "canonical_id": canonical_id,
        "type": event_type,
        "mode": _most_common(m.event.get("mode") for m in ordered if m.event.get("type") == event_type),
        "acled_event_type": acled_type,
        "acled_sub_event_type": sub_type,
        "actor1": _strip_offsets(_best_actor(ordered, "actor1")),
        "actor2": _strip_offsets(_best_actor(ordered, "actor2")),
        "date": date,
        "event_date": (date or {}).get("value") if _day((date or {}).get("value")) else (
            (date or {}).get("start") or _first_day(ordered)),
        "location": _strip_offsets(_best_location(ordered)),
        "fatalities": reconcile_counts(ordered, "fatalities"),
        "injured": reconcile_counts(ordered, "injured"),
        "n_sources": len(ordered),
        "n_documents": len({m.document_id for m in ordered}),
        "first_reported": min((m.document_date for m in ordered if m.document_date), default=None),
        "confidence": max(float(m.event.get("confidence") or 0.0) for m in ordered),
        "evidence": (first.get("evidence") or {}).get("text"),
        "sources": [
            {"document_id": m.document_id, "event_id": m.event_id, "ordinal": m.ordinal,
             "document_date": m.document_date, "type": m.event.get("type"),
             "date": (m.event.get("date") or {}).get("value"),
             "location": (m.event.get("location") or {}).get("name"),
             "fatalities": _count(m.event), "evidence": m.event.get("evidence")}
            for m in ordered
        ],
    }


def _first_day(members: Sequence[Mention]) -> str | None:
    return min((m.document_date for m in members if _day(m.document_date)), default=None)


def _strip_offsets(item: dict | None) -> dict | None:
    # Offsets point into one article; a canonical event's actor/place is the value, not the span.
    if not item:
        return None
    return {k: v for k, v in item.items() if k not in ("start", "end")}


def canonical_id_for(mention: Mention) -> str:
    """A stable id: the hash of the founding mention's event id."""
    return "ce-" + hashlib.sha1(mention.event_id.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- merging


Encoder = Callable[[Sequence[str]], np.ndarray]


def default_encoder() -> Encoder:
    from eventwire.embeddings import load_encoder

    return load_encoder().encode


_QUOTE = re.compile(r'["“”]')


def embed_text(event: dict) -> str:
    """What is embedded for an event: three of its sentences (the evidence, then further mentions), the
    reporter's own sentences before quoted testimony ('"They shot and killed people on the train," ...'
    says less about what happened where than "The Jaffar Express came under a bomb and gun attack ...")."""
    parts = [(event.get("evidence") or {}).get("text") or ""]
    parts += [(m or {}).get("text") or "" for m in (event.get("mentions") or [])]
    parts = sorted((p.strip() for p in parts if p and p.strip()), key=lambda p: bool(_QUOTE.search(p)))
    return " ".join(dict.fromkeys(parts[:3]))[:1000]


class Merger:
    """Incremental clustering of mentions into canonical events.

    >>> merger = Merger(encoder=my_encoder)                       # doctest: +SKIP
    >>> merger.add_document("voa-1", "2024-01-18", record["events"])  # doctest: +SKIP
    """

    def __init__(self, canonical: Iterable[CanonicalEvent] = (), *, encoder: Encoder | None = None,
                 settings: MergeSettings = DEFAULT_MERGE_SETTINGS):
        self.settings = settings
        self._encoder = encoder
        self.events: dict[str, CanonicalEvent] = {}
        self._by_family: dict[str | None, dict[str, CanonicalEvent]] = {}  # blocking index on the type family
        for c in canonical:
            self._register(c)
        self.changed: set[str] = set()
        self.removed: set[str] = set()

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    def remove_document(self, document_id: str) -> None:
        """Forget a document's mentions (before re-adding a re-ingested version)."""
        for cid, canonical in list(self.events.items()):
            kept = [(m, s) for m, s in zip(canonical.members, canonical.scores) if m.document_id != document_id]
            if len(kept) == len(canonical.members):
                continue
            if kept:
                canonical.members, canonical.scores = [m for m, _ in kept], [s for _, s in kept]
                canonical.data = reconcile(canonical.members, cid)
                self.changed.add(cid)
            else:
                self._forget(cid)

    def add_document(self, document_id: str, document_date: str | None, events: Sequence[dict]) -> list[str]:
        """Merge one article's events; returns the canonical id of each event, in order."""
        mentions = [Mention(document_id, i, e, document_date) for i, e in enumerate(events)]
        missing = [m for m in mentions if m.embedding is None]
        if missing:
            vectors = self.encoder([embed_text(m.event) for m in missing])
            for m, v in zip(missing, vectors):
                m.embedding = np.asarray(v, dtype=np.float32)
        return [self.add(m) for m in mentions]

    def add(self, mention: Mention) -> str:
        matches: list[tuple[float, CanonicalEvent]] = []
        for canonical in self._candidates(mention):
            scores = [score_pair(mention, member, self.settings) for member in canonical.members]
            if not all(s.possible for s in scores):
                continue  # a hard constraint fails against some member
            top = max(scores, key=lambda s: s.score)
            if top.compatible:
                matches.append((top.score, canonical))
        matches.sort(key=lambda match: -match[0])
        best = matches[0] if matches else None
        for _, other in matches[1:]:
            # The report links two canonical events that earlier reports left apart (each matched only one
            # of them): one event, if nothing in either contradicts the other.
            self._absorb(best[1], other)
        if best is None:
            cid = canonical_id_for(mention)
            while cid in self.events:  # the same event id seen twice (a re-ingest): keep ids unique
                cid = "ce-" + hashlib.sha1((cid + mention.document_id).encode()).hexdigest()[:16]
            canonical = CanonicalEvent(cid, [mention], [1.0])
            self._register(canonical)
        else:
            canonical = best[1]
            canonical.members.append(mention)
            canonical.scores.append(round(best[0], 4))
        canonical.data = reconcile(canonical.members, canonical.canonical_id)
        self.changed.add(canonical.canonical_id)
        self.removed.discard(canonical.canonical_id)
        return canonical.canonical_id

    def _absorb(self, kept: CanonicalEvent, other: CanonicalEvent) -> None:
        """Move ``other``'s members into ``kept`` when every pair across them passes the hard constraints."""
        if kept is other or other.canonical_id not in self.events:
            return
        if {m.document_id for m in kept.members} & {m.document_id for m in other.members}:
            return  # two events of one article stay two
        if not all(score_pair(a, b, self.settings).possible for a in kept.members for b in other.members):
            return
        kept.members += other.members
        kept.scores += other.scores
        kept.data = reconcile(kept.members, kept.canonical_id)
        self._forget(other.canonical_id)
        self.changed.add(kept.canonical_id)

    def _forget(self, cid: str) -> None:
        """Drop a canonical event (its members gone or moved); the store deletes it on save."""
        del self.events[cid]
        for block in self._by_family.values():
            block.pop(cid, None)
        self.changed.discard(cid)
        self.removed.add(cid)

    def _register(self, canonical: CanonicalEvent) -> None:
        self.events[canonical.canonical_id] = canonical
        types = [m.event.get("type") for m in canonical.members] or [canonical.data.get("type")]
        self._by_family.setdefault(_family(types[0]), {})[canonical.canonical_id] = canonical

    def _candidates(self, mention: Mention) -> Iterable[CanonicalEvent]:
        # Blocking: the type family's canonical events, then cheap checks on their reconciled fields.
        event = mention.event
        span = date_span(event, mention.document_date, self.settings)
        country = (effective_location(event) or {}).get("country")
        for canonical in list(self._by_family.get(_family(event.get("type")), {}).values()):
            data = canonical.data
            if not types_compatible(event, data):
                continue
            other = (effective_location(data) or {}).get("country")
            if country and other and country != other:
                continue
            if span and data.get("event_date"):
                day = _day(data["event_date"])
                if day and not (span[0] - timedelta(self.settings.max_span_days) <= day
                                <= span[1] + timedelta(self.settings.max_span_days)):
                    continue
            yield canonical


def merge_events(documents: Iterable[tuple[str, str | None, Sequence[dict]]], *, encoder: Encoder | None = None,
                 settings: MergeSettings = DEFAULT_MERGE_SETTINGS) -> tuple[list[CanonicalEvent], dict]:
    """Merge ``(document_id, document_date, events)`` triples, oldest article first.

    Returns the canonical events and ``{(document_id, ordinal): canonical_id}``."""
    merger = Merger(encoder=encoder, settings=settings)
    assignment: dict[tuple[str, int], str] = {}
    for doc_id, doc_date, events in sorted(documents, key=lambda d: (d[1] or "9999", d[0])):
        for i, cid in enumerate(merger.add_document(doc_id, doc_date, events)):
            assignment[(doc_id, i)] = cid
    return list(merger.events.values()), assignment


# --------------------------------------------------------------------------- storage

# Portable SQL (DuckDB and PostgreSQL): logical types mapped by the store's TYPE_NAMES.
CANONICAL_TABLES: dict[str, list[tuple[str, str]]] = {
    "canonical_events": [
        ("canonical_id", "TEXT"), ("type", "TEXT"), ("acled_event_type", "TEXT"), ("acled_sub_event_type", "TEXT"),
        ("event_date", "TEXT"), ("location_name", "TEXT"), ("location_country", "TEXT"),
        ("location_lat", "REAL"), ("location_lon", "REAL"), ("geo_precision", "INTEGER"),
        ("actor1_name", "TEXT"), ("actor1_country", "TEXT"), ("actor2_name", "TEXT"), ("actor2_country", "TEXT"),
        ("fatalities", "INTEGER"), ("fatalities_low", "INTEGER"), ("fatalities_high", "INTEGER"),
        ("n_sources", "INTEGER"), ("n_documents", "INTEGER"), ("updated_at", "TEXT"), ("data", "JSON"),
    ],
    "canonical_members": [
        ("canonical_id", "TEXT"), ("document_id", "TEXT"), ("ordinal", "INTEGER"), ("event_id", "TEXT"),
        ("document_date", "TEXT"), ("score", "REAL"), ("embedding", "JSON"),
    ],
    "canonical_documents": [("document_id", "TEXT"), ("content_hash", "TEXT"), ("merged_at", "TEXT")],
}


def _ddl(type_names: dict[str, str]) -> list[str]:
    return [f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{n} {type_names.get(k, k)}' for n, k in cols)})"
            for table, cols in CANONICAL_TABLES.items()]


def has_canonical_tables(store: Any) -> bool:
    try:
        store._all("SELECT count(*) FROM canonical_documents")
        return True
    except Exception:  # noqa: BLE001 - any driver's "no such table"
        return False


def _canonical_row(c: CanonicalEvent, stamp: str) -> tuple:
    d = c.data
    loc, a1, a2, fat = d.get("location") or {}, d.get("actor1") or {}, d.get("actor2") or {}, d.get("fatalities") or {}
    return (c.canonical_id, d.get("type"), d.get("acled_event_type"), d.get("acled_sub_event_type"),
            d.get("event_date"), loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"),
            loc.get("geo_precision"), a1.get("name"), a1.get("country"), a2.get("name"), a2.get("country"),
            fat.get("value"), fat.get("low"), fat.get("high"), d.get("n_sources"), d.get("n_documents"), stamp,
            json.dumps(d, ensure_ascii=False, separators=(",", ":")))


def _insert(store: Any, table: str, rows: list[tuple]) -> None:
    names = [n for n, _ in CANONICAL_TABLES[table]]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    for row in rows:
        store._execute(sql, list(row))


def load_canonical(store: Any, *, window: tuple[str, str] | None = None,
                   documents: Sequence[str] = ()) -> list[CanonicalEvent]:
    """The canonical events stored, with their members' events and embeddings (for incremental merging).

    ``window`` (first day, last day): only canonical events dated in it or undated, plus those
    with a member from ``documents`` (so a changed document's old version can be removed)."""
    if not has_canonical_tables(store):
        return []
    where, params = "", []
    if window:
        where = "WHERE (c.event_date IS NULL OR c.event_date BETWEEN ? AND ?)"
        params = [window[0], window[1]]
        if documents:
            marks = ", ".join("?" for _ in documents)
            where += (f" OR c.canonical_id IN (SELECT canonical_id FROM canonical_members "
                      f"WHERE document_id IN ({marks}))")
            params += list(documents)
    with store.session():
        rows = store._all(
            "SELECT m.canonical_id, m.document_id, m.ordinal, m.document_date, m.score, m.embedding, e.data "
            "FROM canonical_members m JOIN canonical_events c ON c.canonical_id = m.canonical_id "
            "LEFT JOIN events e ON e.document_id = m.document_id AND e.ordinal = m.ordinal "
            f"{where} ORDER BY m.canonical_id, m.document_date, m.document_id, m.ordinal", params)
        data_rows = dict(store._all(f"SELECT c.canonical_id, c.data FROM canonical_events c {where}", params))
    events: dict[str, CanonicalEvent] = {}
    for cid, doc_id, ordinal, doc_date, score, embedding, data in rows:
        canonical = events.setdefault(cid, CanonicalEvent(cid, data=store._load_json(data_rows.get(cid)) or {}))
        vector = store._load_json(embedding)
        # A member whose document was deleted has no event left: remove_document() drops it.
        canonical.members.append(Mention(doc_id, int(ordinal), store._load_json(data) or {}, doc_date,
                                         np.asarray(vector, dtype=np.float32) if vector else None))
        canonical.scores.append(float(score if score is not None else 1.0))
    return list(events.values())


def stale_documents(store: Any) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(documents to merge: id and date, documents merged before and since changed or deleted)."""
    merged = dict(store._all("SELECT document_id, content_hash FROM canonical_documents")) \
        if has_canonical_tables(store) else {}
    current = {doc_id: (content, date) for doc_id, content, date in
               store._all("SELECT id, content_hash, date FROM documents")}
    todo = [(doc_id, date) for doc_id, (content, date) in current.items() if merged.get(doc_id) != content]
    gone = [doc_id for doc_id, content in merged.items() if current.get(doc_id, (None,))[0] != content]
    return sorted(todo, key=lambda d: (d[1] or "9999", d[0])), gone


def update_store(store: Any, *, encoder: Encoder | None = None,
                 settings: MergeSettings = DEFAULT_MERGE_SETTINGS) -> dict:
    """Merge what was ingested (or re-ingested, or deleted) since the last call; returns counts.

    Only new or changed documents are read and embedded; canonical events they touch are
    rewritten, the rest of the store is not reprocessed. Runs in one :meth:`Store.session`: other
    threads' calls wait, and a store that does not hold its connection opens it once for the merge."""
    if store.read_only:
        raise EventwireError("E040", f"{store.target} is open read-only: cannot update canonical events")
    with store.session():
        return _update_store(store, encoder, settings)


def _update_store(store: Any, encoder: Encoder | None, settings: MergeSettings) -> dict:
    with store._transaction():
        for statement in _ddl(store.TYPE_NAMES):
            store._execute(statement)
    todo, gone = stale_documents(store)
    if not todo and not gone:
        return {"documents": 0, "events": 0, "canonical_changed": 0, "canonical_total": _total(store)}
    merger = Merger(load_canonical(store, window=_window(todo, settings), documents=gone + [d for d, _ in todo]),
                    encoder=encoder, settings=settings)
    for doc_id in gone:
        merger.remove_document(doc_id)
    n_events = 0
    for doc_id, doc_date in todo:
        events = [store._load_json(data) for (data,) in store._all(
            "SELECT data FROM events WHERE document_id = ? ORDER BY ordinal", [doc_id])]
        merger.add_document(doc_id, doc_date, events)
        n_events += len(events)
    _save(store, merger, [d for d, _ in todo], gone)
    return {"documents": len(todo), "removed_documents": len(gone), "events": n_events,
            "canonical_changed": len(merger.changed | merger.removed), "canonical_total": _total(store)}


def _window(todo: list[tuple[str, str | None]], settings: MergeSettings) -> tuple[str, str] | None:
    """The days new documents' events can match: their publication dates +/- a margin that covers
    dates stated in them (reports of events up to ``max_span_days`` old); None (everything) when a
    document is undated."""
    days = [_day(date) for _, date in todo]
    if not days or any(d is None for d in days):
        return None
    margin = timedelta(settings.max_span_days * 4)
    return (min(days) - margin).isoformat(), (max(days) + margin).isoformat()


def _total(store: Any) -> int:
    return int(store._one("SELECT count(*) FROM canonical_events")[0])


def _save(store: Any, merger: Merger, merged_docs: list[str], gone: list[str]) -> None:
    from eventwire.store.schema import now

    stamp = now()
    touched = sorted(merger.changed | merger.removed)
    hashes = dict(store._all("SELECT id, content_hash FROM documents")) if merged_docs else {}
    with store._transaction():
        for i in range(0, len(touched), 200):
            chunk = touched[i:i + 200]
            marks = ", ".join("?" for _ in chunk)
            store._execute(f"DELETE FROM canonical_members WHERE canonical_id IN ({marks})", chunk)
            store._execute(f"DELETE FROM canonical_events WHERE canonical_id IN ({marks})", chunk)
        for doc_id in set(merged_docs) | set(gone):
            store._execute("DELETE FROM canonical_documents WHERE document_id = ?", [doc_id])
        changed = [merger.events[cid] for cid in touched if cid in merger.events]
        _insert(store, "canonical_events", [_canonical_row(c, stamp) for c in changed])
        _insert(store, "canonical_members", [
            (c.canonical_id, m.document_id, m.ordinal, m.event_id, m.document_date, s,
             json.dumps([round(float(x), 5) for x in m.embedding]) if m.embedding is not None else None)
            for c in changed for m, s in zip(c.members, c.scores)])
        _insert(store, "canonical_documents", [(d, hashes.get(d), stamp) for d in merged_docs])


def query_canonical(store: Any, *, since: str | None = None, until: str | None = None,
                    countries: Sequence[str] = (), or_types: Sequence[str] = ()) -> list[dict]:
    """Stored canonical events (reconciled JSON), oldest first; ``countries`` matches location or actors
    (or, with ``or_types``, an event of one of these types wherever it is)."""
    if not has_canonical_tables(store):
        return []
    clauses, params = [], []
    if since:
        clauses.append("event_date >= ?")
        params.append(since)
    if until:
        clauses.append("event_date <= ?")
        params.append(until)
    if countries:
        marks = ", ".join("?" for _ in countries)
        types = f" OR type IN ({', '.join('?' for _ in or_types)})" if or_types else ""
        clauses.append(f"(location_country IN ({marks}) OR actor1_country IN ({marks}) "
                       f"OR actor2_country IN ({marks}){types})")
        params.extend(list(countries) * 3 + list(or_types))
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    with store.session():
        rows = store._all(f"SELECT data FROM canonical_events {where} ORDER BY event_date, canonical_id", params)
    return [store._load_json(data) for (data,) in rows]


def canonical_in_memory(store: Any, *, encoder: Encoder | None = None,
                        settings: MergeSettings = DEFAULT_MERGE_SETTINGS) -> list[dict]:
    """Canonical events of a store merged in memory (for a read-only store never merged)."""
    from eventwire.records import to_dict

    documents = [(r.id, r.date, [to_dict(e) for e in r.events]) for r in store.iter_records()]
    canonical, _ = merge_events(documents, encoder=encoder, settings=settings)
    return sorted((c.data for c in canonical), key=lambda d: (d.get("event_date") or "9999", d["canonical_id"]))
