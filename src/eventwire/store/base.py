"""The Store: everything but the driver. A backend subclass supplies a connection and a few hooks.

Hooks a backend implements (see ``duckdb.py``): ``_connect()`` returning a DB-API
connection, ``TYPE_NAMES`` (logical -> SQL type), and optionally ``_insert_rows``
(bulk insert), ``_sql`` (placeholder rewrite), ``_load_json`` (driver-decoded
JSON), ``_begin``/``_commit``/``_rollback``. ``duckdb.py`` and ``postgres.py`` are the two.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date as Date
from datetime import timedelta
from typing import Any

from eventwire.errors import EventwireError
from eventwire.records import DocumentRecord, Place, Time, event_from_dict
from eventwire.store import schema


@dataclass
class EventQuery:
    """Filters shared by the CLI, the HTTP API and exports. ``None`` means "any".

    ``country``: ISO3 of the event's location; ``actor_country``: ISO3 of actor1 or actor2.
    ``country``/``actor_country``/``type`` accept a comma-separated list. ``since``/``until``
    are inclusive days (YYYY-MM-DD; YYYY-MM and YYYY also work) on the event's date.
    ``actor``/``text`` are case-insensitive substrings (actor names and spans; evidence and
    document title). ``bbox`` is (west, south, east, north) in degrees. ``dyad`` (ISO3, ISO3):
    events between these two countries, either way round: actor1's country is one, and actor2's
    (or, when the event names no actor2, its location's) is the other. ``limit=None``: all.
    """

    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor_country: str | None = None
    admin1: str | None = None
    type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    document_id: str | None = None
    limit: int | None = 100
    offset: int = 0
    sort: str = "-date"
    min_confidence: float | None = None
    dyad: tuple[str, str] | None = None  # (ISO3, ISO3): actor1 and actor2 (or location) countries, either way

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> EventQuery:
        """Build from string parameters (a URL query, CLI options); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in params.items():
            if key not in known or value is None or value == "":
                continue
            if key == "bbox" and isinstance(value, str):
                parts = [p for p in value.split(",") if p.strip()]
                if len(parts) != 4:
                    raise EventwireError("E041", f"bbox must be west,south,east,north, not {value!r}")
                value = tuple(float(p) for p in parts)
            elif key in ("limit", "offset"):
                value = int(value)
            elif key == "dyad" and isinstance(value, str):
                parts = [p.strip() for p in value.split(",") if p.strip()]
                if len(parts) != 2:
                    raise EventwireError("E041", f"dyad must be two ISO3 codes 'IRN,PAK', not {value!r}")
                value = (parts[0], parts[1])
            elif key == "min_confidence":
                value = float(value)
            values[key] = value
        return cls(**values)


_DOC_COLUMNS = "id, title, url, date, language, text, errors, extra"
_EVENT_COLUMNS = "e.data, e.document_id, d.title, d.date, d.url, d.language"


class Store:
    """Documents and their events, places and times, stored for querying and export.

    One DuckDB file accepts one writing *process* at a time (any number of threads in it):
    a second process that opens it waits up to ``timeout`` seconds, then fails with E040.
    With ``hold=False`` the connection is opened per call and closed after it, so a
    long-lived process (a server) lets others write in between; ``linger`` seconds keep it
    open after the last call, so a burst of calls shares one connection (and its cache). Thread-safe: calls on one
    Store are serialised.
    """

    backend = "abstract"
    TYPE_NAMES: dict[str, str] = {}
    CREATE_INDEXES = True
    ROW_KEY = "e.document_id, e.ordinal"  # what identifies an event row for late materialisation

    def __init__(self, target: str, *, read_only: bool = False, timeout: float = 10.0, hold: bool = True,
                 linger: float = 0.0):
        self.target = target
        self.read_only = read_only
        self.timeout = timeout
        self.hold = hold
        self.linger = max(0.0, float(linger))
        self._lock = threading.RLock()
        self._con = None
        self._users = 0
        self._closed = False
        self._idle_since = 0.0
        self._closer: threading.Timer | None = None
        with self._session():
            if read_only:
                self._check_schema()
            else:
                self._create_schema()

    # ------------------------------------------------------------------ backend hooks
    def _connect(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    def _load_json(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str | bytes) else value

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        if rows:
            self._con.executemany(self._sql(schema.insert_sql(table)), rows)

    def _begin(self) -> None:
        self._con.execute("BEGIN TRANSACTION")

    def _commit(self) -> None:
        self._con.execute("COMMIT")

    def _rollback(self) -> None:
        self._con.execute("ROLLBACK")

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _session(self):
        """A connection for the duration of one call (or one iteration): the held one, or, when the
        store does not hold its connection (``hold=False``), one opened now and closed after."""
        with self._lock:
            if self._closed:
                raise EventwireError("E040", f"{self.target}: the store is closed")
            if self._con is None:
                self._con = self._connect()
            self._users += 1
        try:
            yield self._con
        finally:
            with self._lock:
                self._users -= 1
                if not self.hold and self._users == 0 and self._con is not None:
                    if self.linger:
                        self._idle_since = time.monotonic()
                        self._arm_closer(self.linger)
                    else:
                        self._con.close()
                        self._con = None

    def _arm_closer(self, delay: float) -> None:
        if self._closer is None:
            self._closer = threading.Timer(delay, self._close_if_idle)
            self._closer.daemon = True
            self._closer.start()

    def _close_if_idle(self) -> None:
        """The ``linger`` timer: close the connection once no call has used it for ``linger`` seconds."""
        with self._lock:
            self._closer = None
            if self._users or self._con is None:
                return
            idle = time.monotonic() - self._idle_since
            if idle + 0.001 < self.linger:
                self._arm_closer(self.linger - idle)
                return
            self._con.close()
            self._con = None

    @contextmanager
    def _using(self):
        """A connection and the lock: one call's statements run alone on it."""
        with self._session(), self._lock:
            yield

    def session(self):
        """A block of calls on one connection, run alone (other threads' calls wait)::

            with store.session():
                ...  # several reads that must see one state, or a read-then-write

        A store that does not hold its connection (``hold=False``) opens it for the block
        and closes it after, so other processes may write again."""
        return self._using()

    def _connection(self):
        """The open connection; opened here for a caller outside any session (``hold=False`` stores
        then close it when the next call ends)."""
        if self._con is None:
            with self._lock:
                if self._closed:
                    raise EventwireError("E040", f"{self.target}: the store is closed")
                if self._con is None:
                    self._con = self._connect()
        return self._con

    def _execute(self, sql: str, params: list | tuple = ()):
        return self._connection().execute(self._sql(sql), list(params))

    def _all(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        return self._execute(sql, params).fetchall()

    def _one(self, sql: str, params: list | tuple = ()) -> tuple | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def _transaction(self):
        with self._using():
            self._begin()
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self._commit()

    def _lock_schema(self) -> None:
        """Hook: keep concurrent processes from creating the tables twice (a no-op where one writer is all)."""

    def _shown_target(self) -> str:
        """Hook: the store's target as error messages show it (without secrets)."""
        return str(self.target)

    def _create_schema(self) -> None:
        with self._transaction():
            self._lock_schema()
            for statement in schema.ddl(self.TYPE_NAMES, indexes=self.CREATE_INDEXES):
                self._execute(statement)
            row = self._one("SELECT value FROM meta WHERE key = ?", ["schema_version"])
            if row is None:
                self._execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                              ["schema_version", str(schema.SCHEMA_VERSION)])
            elif int(row[0]) != schema.SCHEMA_VERSION:
                raise EventwireError("E040", f"{self._shown_target()}: schema version {row[0]}, this eventwire "
                                             f"reads {schema.SCHEMA_VERSION}; re-ingest into a new database")

    def _check_schema(self) -> None:
        with self._using():
            try:
                row = self._one("SELECT value FROM meta WHERE key = ?", ["schema_version"])
            except Exception as exc:  # no meta table: some other database
                raise EventwireError("E040", f"{self.target} is not an eventwire store") from exc
        if row is None or int(row[0]) != schema.SCHEMA_VERSION:
            raise EventwireError("E040", f"{self.target}: schema version {row[0] if row else '?'}, this eventwire "
                                         f"reads {schema.SCHEMA_VERSION}; re-ingest into a new database")

    def _check_writable(self) -> None:
        if self.read_only:
            raise EventwireError("E040", f"{self.target} is open read-only")

    # ------------------------------------------------------------------ writing
    def write(self, records: Iterable[DocumentRecord | dict], *, chunk: int = 500) -> int:
        """Store records, replacing any stored document with the same id; returns documents written.

        All of one call's records go in one transaction (all or nothing), inserted in bulk
        ``chunk`` documents at a time; a document id repeated in ``records`` keeps its last version.
        """
        self._check_writable()
        written: set[str] = set()
        stamp = schema.now()
        with self._transaction():
            batch: dict[str, DocumentRecord | dict] = {}
            for record in records:
                batch[record["id"] if isinstance(record, dict) else record.id] = record
                if len(batch) >= chunk:
                    self._write_batch(batch, stamp)
                    written.update(batch)
                    batch = {}
            if batch:
                self._write_batch(batch, stamp)
                written.update(batch)
        return len(written)

    def _write_batch(self, batch: dict[str, DocumentRecord | dict], stamp: str) -> None:
        rows = schema.Rows()
        for record in batch.values():
            rows.add(record, stamp)
        self._delete(list(batch))
        for table, table_rows in rows.tables().items():
            self._insert_rows(table, table_rows)

    def _delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            for table in schema.CHILD_TABLES:
                self._execute(f"DELETE FROM {table} WHERE document_id IN ({marks})", chunk)
            self._execute(f"DELETE FROM documents WHERE id IN ({marks})", chunk)

    def delete_document(self, document_id: str) -> bool:
        """Remove a document and everything extracted from it; False when it was not stored."""
        self._check_writable()
        with self._transaction():
            found = self._one("SELECT count(*) FROM documents WHERE id = ?", [document_id])[0] > 0
            if found:
                self._delete([document_id])
        return found

    # ------------------------------------------------------------------ events
    def query_events(self, query: EventQuery | None = None) -> tuple[list[dict], int]:
        """Events matching ``query`` (the contract's Event JSON plus ``document_id``, ``document_title``,
        ``document_date``, ``document_url``, ``document_language``) and how many match in all
        (before limit/offset)."""
        query = query or EventQuery()
        clause, params = schema.where(query)
        order = schema.order_by(query.sort)
        page, page_params = self._page(query)
        source = schema.events_from(clause)
        # Late materialisation: filter, sort and page on the flat columns, then read the event JSON
        # of the page's rows only (sorting rows that carry their JSON is what costs). A filtered
        # query counts its matches in the same pass (count(*) OVER ()); a page past the end counts apart.
        with self._using():
            total = None
            if clause:
                keyed = self._all(f"SELECT {self.ROW_KEY}, count(*) OVER () FROM {source} {clause} {order} {page}",
                                  params + page_params)
                keys = [row[:-1] for row in keyed]
                total = keyed[0][-1] if keyed else None
            else:
                keys = self._all(f"SELECT {self.ROW_KEY} FROM {source} {order} {page}", page_params)
            if total is None:
                total = self._one(f"SELECT count(*) FROM {source} {clause}", params)[0]
            rows = self._rows_for_keys(keys)
        return [self._event_out(*row) for row in rows], int(total)

    def _rows_for_keys(self, keys: list[tuple]) -> list[tuple]:
        """``_EVENT_COLUMNS`` rows of the events whose ``ROW_KEY`` values are ``keys``, in that order.

        The default reads every event of the keys' documents (the ``document_id`` index) and keeps
        the wanted ones; a backend with a cheaper row address (DuckDB's ``rowid``) overrides it."""
        if not keys:
            return []
        wanted = {(doc_id, int(ordinal)) for doc_id, ordinal in keys}
        doc_ids = sorted({doc_id for doc_id, _ in keys})
        found: dict[tuple[str, int], tuple] = {}
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            for *row, ordinal in self._all(
                    f"SELECT {_EVENT_COLUMNS}, e.ordinal FROM {schema.EVENTS_FROM} "
                    f"WHERE e.document_id IN ({marks}) AND d.id IN ({marks})", chunk + chunk):
                key = (row[1], int(ordinal))
                if key in wanted:
                    found[key] = tuple(row)
        return [found[(doc_id, int(ordinal))] for doc_id, ordinal in keys if (doc_id, int(ordinal)) in found]

    def iter_events(self, query: EventQuery | None = None, batch: int = 1000) -> Iterator[dict]:
        """Every event matching ``query`` in its sort order, streamed (``limit=None``: no limit).

        Reads through its own cursor, so other calls on this store may run in between."""
        query = query or EventQuery(limit=None)
        clause, params = schema.where(query)
        page, page_params = self._page(query)
        with self._session() as con:
            yield from self._stream(con, query, clause, params, page, page_params, batch)

    def _stream(self, con, query, clause, params, page, page_params, batch) -> Iterator[dict]:
        with self._lock:
            cursor = con.cursor()
        try:
            with self._lock:
                cursor.execute(self._sql(f"SELECT {_EVENT_COLUMNS} FROM {schema.EVENTS_FROM} {clause} "
                                         f"{schema.order_by(query.sort)} {page}"), params + page_params)
            while True:
                with self._lock:
                    rows = cursor.fetchmany(batch)
                if not rows:
                    return
                for row in rows:
                    yield self._event_out(*row)
        finally:
            cursor.close()

    @staticmethod
    def _page(query: EventQuery) -> tuple[str, list]:
        offset = max(0, int(query.offset or 0))
        if query.limit is not None:
            return "LIMIT ? OFFSET ?", [max(0, int(query.limit)), offset]
        return ("OFFSET ?", [offset]) if offset else ("", [])

    def _event_out(self, data: Any, document_id: str, title: str | None, date: str | None,
                   url: str | None = None, language: str | None = None) -> dict:
        event = self._load_json(data)
        event["document_id"] = document_id
        event["document_title"] = title
        event["document_date"] = date
        event["document_url"] = url
        event["document_language"] = language
        return event

    def get_event(self, event_id: str) -> dict | None:
        with self._using():
            row = self._one(
                f"SELECT {_EVENT_COLUMNS} FROM {schema.EVENTS_FROM} "
                f"WHERE e.event_id = ? ORDER BY {schema.TIEBREAK} LIMIT 1", [event_id])
        return self._event_out(*row) if row else None

    # ------------------------------------------------------------------ documents
    def get_document(self, document_id: str) -> dict | None:
        """The DocumentRecord JSON (with text, events, places, times) of a stored document."""
        records = list(self._records_for_ids([document_id]))
        if not records:
            return None
        from eventwire.records import to_dict

        return to_dict(records[0])

    def list_documents(self, limit: int | None = 100, offset: int = 0) -> tuple[list[dict], int]:
        """Stored documents (newest ingested first): id, title, date, url, n_events, ... and the total."""
        page, page_params = ("LIMIT ? OFFSET ?", [int(limit), int(offset)]) if limit is not None else ("", [])
        with self._using():
            total = self._one("SELECT count(*) FROM documents")[0]
            rows = self._all(
                "SELECT id, title, date, url, language, n_events, n_places, n_times, errors, ingested_at "
                f"FROM documents ORDER BY ingested_at DESC, id ASC {page}", page_params)
        keys = ("id", "title", "date", "url", "language", "n_events", "n_places", "n_times", "errors", "ingested_at")
        out = []
        for row in rows:
            item = dict(zip(keys, row))
            item["errors"] = self._load_json(item["errors"]) or []
            out.append(item)
        return out, int(total)

    def iter_records(self, batch: int = 200) -> Iterator[DocumentRecord]:
        """Every stored document back as a DocumentRecord, in id order, streamed in batches."""
        with self._session():
            yield from self._iter_records(batch)

    def _iter_records(self, batch: int) -> Iterator[DocumentRecord]:
        last: str | None = None
        while True:
            with self._lock:
                if last is None:
                    ids = [r[0] for r in self._all("SELECT id FROM documents ORDER BY id LIMIT ?", [batch])]
                else:
                    ids = [r[0] for r in self._all(
                        "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", [last, batch])]
            if not ids:
                return
            yield from self._records_for_ids(ids)
            last = ids[-1]

    def _records_for_ids(self, ids: list[str]) -> Iterator[DocumentRecord]:
        marks = ", ".join("?" for _ in ids)
        with self._using():
            docs = self._all(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id", ids)
            children = {
                table: self._all(
                    f"SELECT document_id, data FROM {table} WHERE document_id IN ({marks}) "
                    "ORDER BY document_id, ordinal", ids)
                for table in ("events", "places", "times")
            }
        grouped: dict[str, dict[str, list]] = {doc[0]: {"events": [], "places": [], "times": []} for doc in docs}
        for table, rows in children.items():
            for document_id, data in rows:
                grouped[document_id][table].append(self._load_json(data))
        for doc_id, title, url, date, language, text, errors, _extra in docs:
            parts = grouped[doc_id]
            yield DocumentRecord(
                id=doc_id, date=date, language=language or "en",
                events=[event_from_dict(e) for e in parts["events"]],
                places=[_from_fields(Place, p) for p in parts["places"]],
                times=[_from_fields(Time, t) for t in parts["times"]],
                errors=list(self._load_json(errors) or []),
                title=title, url=url, text=text,
            )

    # ------------------------------------------------------------------ aggregates
    def list_places(self, query: EventQuery | None = None) -> list[dict]:
        """Distinct places: mentions (and documents mentioning them) and events located there.

        With a query, mentions count only in documents that have a matching event, and
        events only the matching ones. Sorted by events, then mentions (most first).
        """
        doc_filter, doc_params = "", []
        ev_clause, ev_params = "", []
        if query is not None:
            ev_clause, ev_params = schema.where(query)
            doc_filter = f"WHERE p.document_id IN (SELECT e.document_id FROM {schema.events_from(ev_clause)} {ev_clause})"
            doc_params = list(ev_params)
        with self._using():
            mentions = self._all(
                "SELECT p.name, p.country, p.admin1, p.geonameid, p.lat, p.lon, p.feature, "
                "count(*), count(DISTINCT p.document_id) "
                f"FROM places p {doc_filter} "
                "GROUP BY p.name, p.country, p.admin1, p.geonameid, p.lat, p.lon, p.feature", doc_params)
            events = self._all(
                "SELECT e.location_name, e.location_country, e.location_admin1, e.location_geonameid, "
                "e.location_lat, e.location_lon, e.location_feature, count(*), sum(e.fatalities) "
                f"FROM {schema.events_from(ev_clause)} "
                + (f"{ev_clause} AND " if ev_clause else "WHERE ")
                + "e.location_name IS NOT NULL "
                "GROUP BY e.location_name, e.location_country, e.location_admin1, e.location_geonameid, "
                "e.location_lat, e.location_lon, e.location_feature", ev_params)
        places: dict[tuple, dict] = {}

        def entry(name, country, admin1, geonameid, lat, lon, feature) -> dict:
            key = ("g", geonameid) if geonameid is not None else ("n", name, country, lat, lon)
            if key not in places:
                places[key] = {"name": name, "country": country, "admin1": admin1, "geonameid": geonameid,
                               "lat": lat, "lon": lon, "feature": feature, "mentions": 0, "documents": 0,
                               "events": 0, "fatalities": 0}
            return places[key]

        for *place, n, n_docs in mentions:
            item = entry(*place)
            item["mentions"] += int(n)
            item["documents"] += int(n_docs)
        for *place, n, deaths in events:
            item = entry(*place)
            item["events"] += int(n)
            item["fatalities"] += int(deaths or 0)
        return sorted(places.values(), key=lambda p: (-p["events"], -p["mentions"], p["name"] or ""))

    def timeline(self, query: EventQuery | None = None, interval: str = "day") -> list[dict]:
        """Events and fatalities per period: ``[{'period', 'events', 'fatalities', 'by_type'}]``, oldest first.

        ``interval``: day (period ``2024-01-18``), week (the Monday, ``2024-01-15``), month
        (``2024-01``) or year (``2024``). Undated events are left out; limit/offset ignored.
        """
        if interval not in ("day", "week", "month", "year"):
            raise EventwireError("E041", f"interval must be day, week, month or year, not {interval!r}")
        clause, params = schema.where(query or EventQuery())
        with self._using():
            rows = self._all(
                f"SELECT e.event_date, e.type, count(*), sum(e.fatalities) FROM {schema.events_from(clause)} "
                + (f"{clause} AND " if clause else "WHERE ")
                + "e.event_date IS NOT NULL GROUP BY e.event_date, e.type", params)
        buckets: dict[str, dict] = {}
        for day, type_, n, deaths in rows:
            period = _period(day, interval)
            item = buckets.setdefault(period, {"period": period, "events": 0, "fatalities": 0, "by_type": {}})
            item["events"] += int(n)
            item["fatalities"] += int(deaths or 0)
            item["by_type"][type_] = item["by_type"].get(type_, 0) + int(n)
        return [buckets[k] for k in sorted(buckets)]

    def dyads(self, query: EventQuery | None = None, *, include_unary: bool = False,
              limit: int | None = None) -> list[dict]:
        """Who did what to whom: actor1 -> actor2 pairs with event counts by PLOVER type.

        Actors are keyed by (name, country); ``sector``/``acled_inter`` are one value seen for
        them. Events without actor2 are left out unless ``include_unary``. Most events first;
        ``limit``: only that many pairs (chosen in SQL, so a store with 100,000 distinct pairs
        does not build them all).
        """
        clause, params = schema.where(query or EventQuery())
        if not include_unary:
            clause = (f"{clause} AND " if clause else "WHERE ") + "e.actor2_name IS NOT NULL"
        clause = (f"{clause} AND " if clause else "WHERE ") + "e.actor1_name IS NOT NULL"
        source = schema.events_from(clause)
        pair = "e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country"
        top, top_params = "", []
        if limit is not None:
            # The pairs with most events (ties by names, then countries), then their rows only.
            top = (f"JOIN (SELECT {pair}, count(*) AS n FROM {source} {clause} GROUP BY {pair} "
                   "ORDER BY n DESC, e.actor1_name, COALESCE(e.actor2_name, ''), "
                   "COALESCE(e.actor1_country, ''), COALESCE(e.actor2_country, '') LIMIT ?) t "
                   "ON t.actor1_name = e.actor1_name AND t.actor1_country IS NOT DISTINCT FROM e.actor1_country "
                   "AND t.actor2_name IS NOT DISTINCT FROM e.actor2_name "
                   "AND t.actor2_country IS NOT DISTINCT FROM e.actor2_country ")
            top_params = params + [max(0, int(limit))]
        with self._using():
            rows = self._all(
                "SELECT e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country, e.type, count(*), "
                "sum(e.fatalities), min(e.event_date), max(e.event_date), min(e.actor1_sector), "
                "min(e.actor2_sector), min(e.actor1_inter), min(e.actor2_inter) "
                f"FROM {source} {top}{clause} "
                "GROUP BY e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country, e.type",
                top_params + params)
        pairs: dict[tuple, dict] = {}
        for a1, c1, a2, c2, type_, n, deaths, first, last, s1, s2, i1, i2 in rows:
            key = (a1, c1, a2, c2)
            if key not in pairs:
                pairs[key] = {
                    "actor1": {"name": a1, "country": c1, "sector": s1, "acled_inter": i1},
                    "actor2": {"name": a2, "country": c2, "sector": s2, "acled_inter": i2} if a2 else None,
                    "events": 0, "fatalities": 0, "by_type": {}, "first_date": first, "last_date": last,
                }
            item = pairs[key]
            item["events"] += int(n)
            item["fatalities"] += int(deaths or 0)
            item["by_type"][type_] = item["by_type"].get(type_, 0) + int(n)
            # the smallest value over all the pair's rows, whatever order the rows came in
            for role, sector, inter in (("actor1", s1, i1), ("actor2", s2, i2)):
                if item[role] is not None:
                    item[role]["sector"] = _least(item[role]["sector"], sector)
                    item[role]["acled_inter"] = _least(item[role]["acled_inter"], inter)
            _widen_dates(item, first, last)
        _order_by_type(pairs.values())
        return sorted(pairs.values(), key=lambda p: (-p["events"], p["actor1"]["name"] or "",
                                                      (p["actor2"] or {}).get("name") or "",
                                                      p["actor1"]["country"] or "",
                                                      (p["actor2"] or {}).get("country") or ""))

    def country_pairs(self, query: EventQuery | None = None, *, limit: int | None = None) -> list[dict]:
        """Unordered pairs of countries (``IRN-PAK``) and the events between them: counts by PLOVER
        type, fatalities, first and last day; most events first.

        An event's two countries are those of the ``dyad`` filter: actor1's, and actor2's or, when
        no actor2 is named, the location's; so a pair's ``events`` is what ``EventQuery(dyad=...)``
        finds. Grouped in SQL, whatever the number of distinct actors.
        """
        clause, params = schema.where(query or EventQuery())
        target = schema.TARGET_COUNTRY
        clause = (f"{clause} AND " if clause else "WHERE ") + f"e.actor1_country IS NOT NULL AND {target} IS NOT NULL"
        low, high = f"least(e.actor1_country, {target})", f"greatest(e.actor1_country, {target})"
        with self._using():
            rows = self._all(
                f"SELECT {low}, {high}, e.type, count(*), sum(e.fatalities), min(e.event_date), max(e.event_date) "
                f"FROM {schema.events_from(clause)} {clause} GROUP BY {low}, {high}, e.type", params)
        pairs: dict[tuple[str, str], dict] = {}
        for first_country, second_country, type_, n, deaths, first, last in rows:
            key = (first_country, second_country)
            item = pairs.setdefault(key, {"pair": "-".join(key), "countries": list(key), "events": 0,
                                          "fatalities": 0, "by_type": {}, "first_date": None, "last_date": None})
            item["events"] += int(n)
            item["fatalities"] += int(deaths or 0)
            item["by_type"][type_] = item["by_type"].get(type_, 0) + int(n)
            _widen_dates(item, first, last)
        _order_by_type(pairs.values())
        out = sorted(pairs.values(), key=lambda p: (-p["events"], p["pair"]))
        return out if limit is None else out[:max(0, int(limit))]

    def stats(self) -> dict:
        """Counts and ranges for a quick overview of the store."""
        with self._using():
            counts = {table: int(self._one(f"SELECT count(*) FROM {table}")[0])
                      for table in ("documents", "events", "actors", "places", "times")}
            first, last, deaths = self._one("SELECT min(event_date), max(event_date), sum(fatalities) FROM events")
            by_type = dict(self._all("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type"))
            by_acled = dict(self._all(
                "SELECT acled_event_type, count(*) FROM events WHERE acled_event_type IS NOT NULL "
                "GROUP BY acled_event_type ORDER BY count(*) DESC, acled_event_type"))
            countries = dict(self._all(
                "SELECT location_country, count(*) FROM events WHERE location_country IS NOT NULL "
                "GROUP BY location_country ORDER BY count(*) DESC, location_country LIMIT 20"))
            with_errors = int(self._one("SELECT count(*) FROM documents WHERE n_errors > 0")[0])
            last_ingest = self._one("SELECT max(ingested_at) FROM documents")[0]
        return {
            "backend": self.backend, "target": str(self.target), "schema_version": schema.SCHEMA_VERSION,
            **counts, "documents_with_errors": with_errors,
            "first_event_date": first, "last_event_date": last, "fatalities": int(deaths or 0),
            "events_by_type": {k: int(v) for k, v in by_type.items()},
            "events_by_acled_type": {k: int(v) for k, v in by_acled.items()},
            "top_countries": {k: int(v) for k, v in countries.items()},
            "last_ingested_at": last_ingest,
        }

    # ------------------------------------------------------------------ lifetime
    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._closer is not None:
                self._closer.cancel()
                self._closer = None
            if self._con is not None:
                self._con.close()
                self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target!s}{' read-only' if self.read_only else ''}>"


def _widen_dates(item: dict, first: str | None, last: str | None) -> None:
    """Stretch an aggregate's first_date/last_date (ISO strings) to cover [first, last]."""
    if first and (item["first_date"] is None or first < item["first_date"]):
        item["first_date"] = first
    if last and (item["last_date"] is None or last > item["last_date"]):
        item["last_date"] = last


def _order_by_type(items) -> None:
    """Each aggregate's ``by_type`` counts, most frequent first (ties by name), whatever the row order."""
    for item in items:
        item["by_type"] = dict(sorted(item["by_type"].items(), key=lambda kv: (-kv[1], kv[0] or "")))


def _least(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else min(a, b)


def _from_fields(cls: type, data: dict) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def _period(day: str, interval: str) -> str:
    if interval == "day":
        return day
    if interval == "month":
        return day[:7]
    if interval == "year":
        return day[:4]
    d = Date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()
