"""The store's tables and queries, in SQL that DuckDB and PostgreSQL both accept.

Everything a backend shares lives here: the table definitions (with *logical*
column types a backend maps to its own), the flattening of a
:class:`~eventwire.records.DocumentRecord` into rows, and the ``WHERE`` clause
an :class:`EventQuery` becomes. SQL is written with ``?`` placeholders; a
backend whose driver wants another style (psycopg: ``%s``) rewrites them.

Column names avoid reserved words (``start``/``end`` are ``start_offset``/
``end_offset``) so no identifier ever needs quoting.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from eventwire.errors import EventwireError
from eventwire.records import DocumentRecord, Event, to_dict

SCHEMA_VERSION = 1

# Logical column types; each backend maps them (DuckDB: VARCHAR/BIGINT/DOUBLE/JSON,
# PostgreSQL: TEXT/BIGINT/DOUBLE PRECISION/JSONB).
TEXT, INTEGER, REAL, JSON = "TEXT", "INTEGER", "REAL", "JSON"

_ACTOR_COLUMNS = lambda p: [  # noqa: E731 - a tiny column template
    (f"{p}_name", TEXT), (f"{p}_text", TEXT), (f"{p}_country", TEXT), (f"{p}_sector", TEXT), (f"{p}_inter", INTEGER),
]

TABLES: dict[str, list[tuple[str, str]]] = {
    "meta": [("key", TEXT), ("value", TEXT)],
    "documents": [
        ("id", TEXT), ("title", TEXT), ("url", TEXT), ("date", TEXT), ("language", TEXT), ("text", TEXT),
        ("errors", JSON), ("content_hash", TEXT), ("n_events", INTEGER), ("n_places", INTEGER),
        ("n_times", INTEGER), ("n_errors", INTEGER), ("ingested_at", TEXT), ("extra", JSON),
    ],
    "events": [
        ("document_id", TEXT), ("ordinal", INTEGER), ("event_id", TEXT), ("type", TEXT), ("mode", TEXT),
        ("acled_event_type", TEXT), ("acled_sub_event_type", TEXT),
        # event_date: the one YYYY-MM-DD day an event is filed under (date.value when it is a day,
        # else date.start, else the publication date); date_* keep the contract's fields.
        ("event_date", TEXT), ("date_value", TEXT), ("date_start", TEXT), ("date_end", TEXT),
        ("date_precision", TEXT), ("time_precision", INTEGER), ("date_text", TEXT),
        ("location_name", TEXT), ("location_country", TEXT), ("location_admin1", TEXT), ("location_admin2", TEXT),
        ("location_lat", REAL), ("location_lon", REAL), ("location_geonameid", INTEGER), ("location_feature", TEXT),
        ("geo_precision", INTEGER),
        *_ACTOR_COLUMNS("actor1"), *_ACTOR_COLUMNS("actor2"),
        ("fatalities", INTEGER), ("fatalities_qualifier", TEXT), ("injured", INTEGER), ("confidence", REAL),
        ("evidence_text", TEXT), ("evidence_start", INTEGER), ("evidence_end", INTEGER), ("evidence_trigger", TEXT),
        ("attribution_text", TEXT),
        ("data", JSON),  # the full Event JSON of the contract: nothing is lost
    ],
    "actors": [
        ("document_id", TEXT), ("event_id", TEXT), ("event_ordinal", INTEGER), ("role", TEXT), ("text", TEXT),
        ("start_offset", INTEGER), ("end_offset", INTEGER), ("name", TEXT), ("country", TEXT), ("sector", TEXT),
        ("acled_inter", INTEGER), ("found_as", TEXT),
    ],
    "places": [
        ("document_id", TEXT), ("ordinal", INTEGER), ("text", TEXT), ("start_offset", INTEGER),
        ("end_offset", INTEGER), ("name", TEXT), ("geonameid", INTEGER), ("country", TEXT), ("admin1", TEXT),
        ("admin2", TEXT), ("lat", REAL), ("lon", REAL), ("feature", TEXT), ("geo_precision", INTEGER),
        ("score", REAL), ("data", JSON),
    ],
    "times": [
        ("document_id", TEXT), ("ordinal", INTEGER), ("text", TEXT), ("start_offset", INTEGER),
        ("end_offset", INTEGER), ("type", TEXT), ("value", TEXT), ("mod", TEXT), ("anchor", TEXT),
        ("sentence", INTEGER), ("data", JSON),
    ],
}

# Tables holding one document's rows (deleted and rewritten together on upsert).
CHILD_TABLES = ("events", "actors", "places", "times")

INDEXES: list[tuple[str, str, tuple[str, ...]]] = [
    ("ix_documents_id", "documents", ("id",)),
    ("ix_events_document", "events", ("document_id",)),
    ("ix_events_event_id", "events", ("event_id",)),
    ("ix_events_date", "events", ("event_date",)),
    ("ix_events_country", "events", ("location_country",)),
    ("ix_events_type", "events", ("type",)),
    ("ix_events_actor_countries", "events", ("actor1_country", "actor2_country")),
    ("ix_actors_document", "actors", ("document_id",)),
    ("ix_places_document", "places", ("document_id",)),
    ("ix_times_document", "times", ("document_id",)),
]


def ddl(type_names: dict[str, str], *, indexes: bool = True) -> list[str]:
    """``CREATE TABLE``/``CREATE INDEX`` statements, with logical types mapped by ``type_names``."""
    statements = []
    for table, columns in TABLES.items():
        cols = ", ".join(f"{name} {type_names[kind]}" for name, kind in columns)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
    if indexes:
        for name, table, columns in INDEXES:
            statements.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    return statements


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def insert_sql(table: str) -> str:
    names = columns(table)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"


# --------------------------------------------------------------------------- flattening

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOCUMENT_FIELDS = {"id", "date", "language", "events", "places", "times", "errors", "title", "url", "text"}


def _day(value: Any) -> str | None:
    return value if isinstance(value, str) and _DAY.match(value) else None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def storable(value: Any) -> Any:
    """A copy every database and JSON parser accepts: NaN/inf become null, and lone surrogates
    (from "\\ud800" escapes in JSON input) become "?" -- one character for one, so offsets hold."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable(v) for v in value]
    return value


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def content_hash(record_json: dict) -> str:
    """sha256 of the record's canonical JSON: equal content, equal hash."""
    return hashlib.sha256(json.dumps(record_json, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def event_date(event: dict, document_date: str | None) -> str | None:
    """The YYYY-MM-DD day an event is filed under (see the ``events.event_date`` column)."""
    date = event.get("date") or {}
    return _day(date.get("value")) or _day(date.get("start")) or _day(document_date)


def event_row(document_id: str, document_date: str | None, ordinal: int, event: dict) -> tuple:
    """One ``events`` row from an Event's JSON (column order of ``TABLES['events']``)."""
    date = event.get("date") or {}
    loc = event.get("location") or {}
    evidence = event.get("evidence") or {}
    fatalities = event.get("fatalities") or {}
    injured = event.get("injured") or {}
    attribution = event.get("attribution") or {}

    def actor(a: dict | None) -> list:
        a = a or {}
        return [a.get("name"), a.get("text"), a.get("country"), a.get("sector"), _int(a.get("acled_inter"))]

    return (
        document_id, ordinal, event.get("event_id"), event.get("type"), event.get("mode"),
        event.get("acled_event_type"), event.get("acled_sub_event_type"),
        event_date(event, document_date), date.get("value"), date.get("start"), date.get("end"),
        date.get("precision"), _int(date.get("time_precision")), date.get("text"),
        loc.get("name"), loc.get("country"), loc.get("admin1"), loc.get("admin2"),
        _float(loc.get("lat")), _float(loc.get("lon")), _int(loc.get("geonameid")), loc.get("feature"),
        _int(loc.get("geo_precision")),
        *actor(event.get("actor1")), *actor(event.get("actor2")),
        _int(fatalities.get("value")), fatalities.get("qualifier"), _int(injured.get("value")),
        _float(event.get("confidence")),
        evidence.get("text"), _int(evidence.get("start")), _int(evidence.get("end")), evidence.get("trigger"),
        attribution.get("text"),
        dumps(event),
    )


@dataclass
class Rows:
    """Every row one batch of records becomes, table by table."""

    documents: list[tuple] = dataclasses.field(default_factory=list)
    events: list[tuple] = dataclasses.field(default_factory=list)
    actors: list[tuple] = dataclasses.field(default_factory=list)
    places: list[tuple] = dataclasses.field(default_factory=list)
    times: list[tuple] = dataclasses.field(default_factory=list)

    def add(self, record: DocumentRecord | dict, ingested_at: str | None = None) -> None:
        data = record if isinstance(record, dict) else to_dict(record)
        try:
            json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except (ValueError, UnicodeEncodeError):
            data = storable(data)
        doc_id = data["id"]
        if not doc_id:
            raise EventwireError("E040", "cannot store a document without an id")
        doc_date = data.get("date")
        events = data.get("events") or []
        places = data.get("places") or []
        times = data.get("times") or []
        extra = {k: v for k, v in data.items() if k not in _DOCUMENT_FIELDS}
        self.documents.append((
            doc_id, data.get("title"), data.get("url"), doc_date, data.get("language"), data.get("text"),
            dumps(list(data.get("errors") or [])), content_hash(data), len(events), len(places), len(times),
            len(data.get("errors") or []),
            ingested_at or now(), dumps(extra) if extra else None,
        ))
        for i, event in enumerate(events):
            self.events.append(event_row(doc_id, doc_date, i, event))
            for role in ("actor1", "actor2"):
                a = event.get(role)
                if a:
                    self.actors.append((
                        doc_id, event.get("event_id"), i, role, a.get("text"), _int(a.get("start")),
                        _int(a.get("end")), a.get("name"), a.get("country"), a.get("sector"),
                        _int(a.get("acled_inter")), a.get("role"),
                    ))
        for i, p in enumerate(places):
            self.places.append((
                doc_id, i, p.get("text"), _int(p.get("start")), _int(p.get("end")), p.get("name"),
                _int(p.get("geonameid")), p.get("country"), p.get("admin1"), p.get("admin2"),
                _float(p.get("lat")), _float(p.get("lon")), p.get("feature"), _int(p.get("geo_precision")),
                _float(p.get("score")), dumps(p),
            ))
        for i, t in enumerate(times):
            self.times.append((
                doc_id, i, t.get("text"), _int(t.get("start")), _int(t.get("end")), t.get("type"),
                t.get("value"), t.get("mod"), t.get("anchor"), _int(t.get("sentence")), dumps(t),
            ))

    def tables(self) -> dict[str, list[tuple]]:
        return {"documents": self.documents, "events": self.events, "actors": self.actors,
                "places": self.places, "times": self.times}


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- queries

SORTS = {
    "date": "e.event_date ASC NULLS LAST",
    "-date": "e.event_date DESC NULLS LAST",
    "fatalities": "e.fatalities ASC NULLS LAST",
    "-fatalities": "e.fatalities DESC NULLS LAST",
    "confidence": "e.confidence ASC NULLS LAST",
    "-confidence": "e.confidence DESC NULLS LAST",
}
# Ties are broken the same way everywhere, so pages never overlap.
TIEBREAK = "e.document_id ASC, e.ordinal ASC"

EVENTS_FROM = "events e JOIN documents d ON d.id = e.document_id"
# An event's second side for the dyad filter: actor2's country or, when no target actor is named,
# the location's (Pakistan's air force striking in Iran is a PAK-IRN event); flat columns only.
TARGET_COUNTRY = ("(CASE WHEN e.actor2_name IS NULL AND e.actor2_text IS NULL AND e.actor2_country IS NULL "
                  "THEN e.location_country ELSE e.actor2_country END)")
_DOCUMENT_COLUMN = re.compile(r"\bd\.")


def events_from(clause: str) -> str:
    """``EVENTS_FROM``, or only ``events e`` when the clause reads no document column (every event
    row has its document: they are written and deleted together)."""
    return EVENTS_FROM if _DOCUMENT_COLUMN.search(clause) else "events e"


def _list(value: str | list | tuple | None, upper: bool = False) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    items = [str(item).strip() for item in items if str(item).strip()]
    return [item.upper() for item in items] if upper else items


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where(query: Any) -> tuple[str, list]:
    """The ``WHERE`` clause (``""`` or ``"WHERE ..."``) and parameters of an EventQuery over ``EVENTS_FROM``."""
    clauses: list[str] = []
    params: list = []

    def one_of(column: str, values: list[str]) -> None:
        if len(values) == 1:
            clauses.append(f"{column} = ?")
        else:
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if query.since:
        clauses.append("e.event_date >= ?")
        params.append(_check_day(query.since, "since"))
    if query.until:
        clauses.append("e.event_date <= ?")
        params.append(_check_day(query.until, "until"))
    if countries := _list(query.country, upper=True):
        one_of("e.location_country", countries)
    if actor_countries := _list(query.actor_country, upper=True):
        marks = ", ".join("?" for _ in actor_countries)
        clauses.append(f"(e.actor1_country IN ({marks}) OR e.actor2_country IN ({marks}))")
        params.extend(actor_countries * 2)
    if query.admin1:
        clauses.append("lower(e.location_admin1) = ?")
        params.append(query.admin1.strip().lower())
    if types := _list(query.type, upper=True):
        one_of("e.type", types)
    if query.acled_event_type:
        one_of("e.acled_event_type", _list(query.acled_event_type.split("|") if "|" in query.acled_event_type
                                           else [query.acled_event_type]))
    if query.acled_sub_event_type:
        one_of("e.acled_sub_event_type", [query.acled_sub_event_type.strip()])
    if query.actor:
        pattern = _like(query.actor.strip())
        ors = " OR ".join(f"lower({c}) LIKE ? ESCAPE '\\'" for c in
                          ("e.actor1_name", "e.actor1_text", "e.actor2_name", "e.actor2_text"))
        clauses.append(f"({ors})")
        params.extend([pattern] * 4)
    if query.bbox:
        west, south, east, north = (float(v) for v in query.bbox)
        clauses.append("e.location_lat BETWEEN ? AND ?")
        params.extend([south, north])
        if west <= east:
            clauses.append("e.location_lon BETWEEN ? AND ?")
            params.extend([west, east])
        else:  # crosses the antimeridian
            clauses.append("(e.location_lon >= ? OR e.location_lon <= ?)")
            params.extend([west, east])
    if query.text:
        pattern = _like(query.text.strip())
        # The title through a sub-query, not a join: no clause needs the documents table joined.
        clauses.append("(lower(e.evidence_text) LIKE ? ESCAPE '\\' OR e.document_id IN "
                       "(SELECT id FROM documents WHERE lower(title) LIKE ? ESCAPE '\\'))")
        params.extend([pattern, pattern])
    if query.document_id:
        clauses.append("e.document_id = ?")
        params.append(query.document_id)
    if dyad := getattr(query, "dyad", None):
        first, second = (str(code).strip().upper() for code in dyad)
        clauses.append(f"((e.actor1_country = ? AND {TARGET_COUNTRY} = ?) OR "
                       f"(e.actor1_country = ? AND {TARGET_COUNTRY} = ?))")
        params.extend([first, second, second, first])
    if getattr(query, "min_confidence", None) is not None:
        clauses.append("e.confidence >= ?")
        params.append(float(query.min_confidence))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def order_by(sort: str) -> str:
    if sort not in SORTS:
        raise EventwireError("E041", f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    return f"ORDER BY {SORTS[sort]}, {TIEBREAK}"


def _check_day(value: str, name: str) -> str:
    value = str(value).strip()
    if re.match(r"^\d{4}$", value):
        return f"{value}-01-01" if name == "since" else f"{value}-12-31"
    if re.match(r"^\d{4}-\d{2}$", value):
        return f"{value}-01" if name == "since" else f"{value}-31"  # string comparison: -31 is the month's end
    if not _DAY.match(value):
        raise EventwireError("E041", f"{name} must be YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")
    return value


def event_json(event: Event | dict) -> dict:
    return event if isinstance(event, dict) else to_dict(event)
