"""Typed records: the output contract (``../shared/docs/output-schema.md``) as dataclasses.

Every stage returns these small records; ``to_dict`` turns any of them into the
JSON of the contract. Field names here ARE the contract: add fields freely,
rename none. Offsets (``start``/``end``) are always character offsets into the
document's ``text`` and ``text[start:end] == record.text``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# ACLED event type -> its sub-event types, spelled exactly as ACLED spells them.
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
ACLED_EVENT_TYPE_OF_SUB: dict[str, str] = {
    sub: event_type for event_type, subs in ACLED_SUB_EVENT_TYPES.items() for sub in subs
}

SECTORS = ("GOV", "MIL", "REB", "MIL_NONSTATE", "POL", "CVL", "PRO", "RIO", "IGO", "NGO", "MED", "BUS", "REL", "OTHER")


@dataclass(slots=True)
class Document:
    """One input article. ``text`` is the body only (a wire header is not part of it)."""

    id: str
    text: str
    date: Date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from (path[:line])
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Time:
    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None  # START | END | MID | APPROX | ... (TimeML)
    anchor: str | None = None  # the date a relative value was resolved against
    sentence: int | None = None  # index of the sentence holding it


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str | None
    geonameid: int | None
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str | None  # city | admin1 | admin2 | country | region | landmark
    geo_precision: int | None  # ACLED: 1 town, 2 near town / part of district, 3 province/region
    admin2: str | None = None
    score: float | None = None


@dataclass(slots=True)
class Count:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str  # exact | at_least | more_than | up_to | about | unknown
    text: str
    start: int
    end: int
    breakdown: dict[str, int] | None = None


@dataclass(slots=True)
class Actor:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    sector: str | None
    acled_inter: int | None
    role: str | None = None  # how it was found: subject, agent, possessive, object, ...


@dataclass(slots=True)
class EventDate:
    value: str | None
    start: str | None  # first day covered (YYYY-MM-DD)
    end: str | None  # last day covered
    precision: str  # day | week | month | year
    text: str | None  # the expression it came from (None: publication date)
    mod: str | None = None
    time_precision: int | None = None  # ACLED: 1 day, 2 week, 3 month
    offset_start: int | None = None
    offset_end: int | None = None
    source: str | None = None  # clause | sentence | context | publication


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(slots=True)
class Attribution:
    text: str
    role: str | None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Event:
    event_id: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor1: Actor | None
    actor2: Actor | None
    date: EventDate | None
    location: Place | None
    fatalities: Count | None
    injured: Count | None
    evidence: Evidence
    attribution: Attribution | None
    confidence: float
    mentions: list[Evidence] = field(default_factory=list)  # further sentences about the same event
    scores: dict[str, float] | None = None  # classifier probabilities of the top labels
    # ACLED's inter codes of the event's two sides (events ACLED codes only): the actors' own codes, or
    # for a side the text does not name ("a civilian was shot dead", "protests were held") the
    # classifier's reading of the clause - ACLED codes an unnamed perpetrator too ("Unidentified Armed
    # Group", 3). 0 for "no second side".
    acled_inter1: int | None = None
    acled_inter2: int | None = None


@dataclass(slots=True)
class DocumentRecord:
    id: str
    date: str | None
    language: str
    events: list[Event]
    places: list[Place]
    times: list[Time]
    errors: list[str]
    title: str | None = None
    url: str | None = None
    text: str | None = None


def to_dict(record: Any) -> Any:
    """The JSON form of a record (recursively); dataclasses become dicts, dates ISO strings."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list | tuple):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    if isinstance(record, Date):
        return record.isoformat()
    return record


def _build(cls: type, data: dict | None) -> Any:
    if data is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def event_from_dict(data: dict) -> Event:
    """Rebuild an :class:`Event` from its JSON form (the inverse of ``to_dict``)."""
    return Event(
        event_id=data["event_id"],
        type=data["type"],
        mode=data.get("mode"),
        acled_event_type=data.get("acled_event_type"),
        acled_sub_event_type=data.get("acled_sub_event_type"),
        actor1=_build(Actor, data.get("actor1")),
        actor2=_build(Actor, data.get("actor2")),
        date=_build(EventDate, data.get("date")),
        location=_build(Place, data.get("location")),
        fatalities=_build(Count, data.get("fatalities")),
        injured=_build(Count, data.get("injured")),
        evidence=_build(Evidence, data["evidence"]),
        attribution=_build(Attribution, data.get("attribution")),
        confidence=data.get("confidence", 0.0),
        mentions=[_build(Evidence, m) for m in data.get("mentions") or []],
        scores=data.get("scores"),
        acled_inter1=data.get("acled_inter1"),
        acled_inter2=data.get("acled_inter2"),
    )


def record_from_dict(data: dict) -> DocumentRecord:
    """Rebuild a :class:`DocumentRecord` from one line of ``eventwire extract`` output."""
    return DocumentRecord(
        id=data["id"],
        date=data.get("date"),
        language=data.get("language", "en"),
        events=[event_from_dict(e) for e in data.get("events", [])],
        places=[_build(Place, p) for p in data.get("places", [])],
        times=[_build(Time, t) for t in data.get("times", [])],
        errors=list(data.get("errors", [])),
        title=data.get("title"),
        url=data.get("url"),
        text=data.get("text"),
    )
