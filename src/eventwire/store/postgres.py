"""The team backend: one PostgreSQL database that many processes read and write at once.

>>> from eventwire.store import open_store
>>> with open_store("postgresql://eventwire@db.example.org:5432/events") as store:   # doctest: +SKIP
...     store.write(records)

Same tables, same SQL and same results as the DuckDB backend (``store/schema.py``);
this module only adds what PostgreSQL does differently:

- rows are bulk-loaded with ``COPY ... FROM STDIN`` (psycopg 3), not row by row;
- concurrent writers are safe: each write takes a transaction-scoped advisory
  lock per document id (in a fixed order, so writers never deadlock), so two
  processes re-ingesting the same document serialise instead of duplicating it;
  creating the schema takes one advisory lock so processes starting together
  do not race on ``CREATE TABLE``;
- ``?`` placeholders become psycopg's ``%s``; JSON columns are ``json`` (kept
  verbatim, key order included), which psycopg decodes on the way out;
- the target is any libpq URL; a schema other than ``public`` is chosen the
  libpq way, ``?options=-csearch_path%3Dmyschema``.

Orderings on text (document ids as the last tie-break) follow the database's
collation: create it with ``LC_COLLATE 'C'`` for exactly DuckDB's (codepoint) order.
"""

from __future__ import annotations

import hashlib
import re

import psycopg

from eventwire.errors import EventwireError
from eventwire.store import schema
from eventwire.store.base import Store

# Advisory lock keys: one for schema creation, then one per document id (see _lock_ids).
_SCHEMA_LOCK = 0x6576656E74776972  # "eventwir"
_PLACEHOLDER = re.compile(r"\?")


def _id_key(document_id: str) -> int:
    """A signed 64-bit advisory-lock key for a document id (same on every client)."""
    return int.from_bytes(hashlib.blake2b(document_id.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def redact(target: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", target)


class PostgresStore(Store):
    backend = "postgresql"
    TYPE_NAMES = {schema.TEXT: "TEXT", schema.INTEGER: "BIGINT", schema.REAL: "DOUBLE PRECISION",
                  schema.JSON: "JSON"}
    CREATE_INDEXES = True

    # ------------------------------------------------------------------ connection
    def _connect(self):
        try:
            con = psycopg.connect(self.target, autocommit=True, connect_timeout=max(1, int(round(self.timeout))),
                                  application_name="eventwire")
        except psycopg.Error as exc:
            raise EventwireError("E040", f"cannot connect to {redact(self.target)}: "
                                         f"{_first_line(exc)}") from exc
        if self.read_only:
            con.execute("SET default_transaction_read_only = on")
            if con.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
                con.close()
                raise EventwireError("E040", f"no eventwire store at {redact(self.target)} (ingest something first)")
        return con

    def _lock_schema(self) -> None:
        # One process creates the tables; the others wait here, then find them.
        self._execute("SELECT pg_advisory_xact_lock(?)", [_SCHEMA_LOCK])

    def _shown_target(self) -> str:
        return redact(self.target)

    # ------------------------------------------------------------------ hooks
    def _sql(self, sql: str) -> str:
        # psycopg's placeholders are %s; a literal % must be doubled. The shared SQL has no
        # '?' inside string literals (LIKE patterns travel as parameters).
        return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))

    def _begin(self) -> None:
        self._con.execute("BEGIN")

    def _commit(self) -> None:
        self._con.execute("COMMIT")

    def _rollback(self) -> None:
        if self._con is not None and not self._con.closed:
            self._con.execute("ROLLBACK")

    def _execute(self, sql: str, params: list | tuple = ()):
        if self._con is None:
            raise EventwireError("E040", f"{redact(self.target)}: the store is closed")
        try:
            return self._con.execute(self._sql(sql), list(params))
        except psycopg.Error as exc:
            raise EventwireError("E040", f"{redact(self.target)}: {_first_line(exc)}") from exc

    def _delete(self, ids: list[str]) -> None:
        self._lock_ids(ids)
        super()._delete(ids)

    def _lock_ids(self, ids: list[str]) -> None:
        """Serialise writers per document id until this transaction ends (sorted: no deadlocks)."""
        keys = sorted({_id_key(i) for i in ids})
        try:
            with self._con.cursor() as cursor:
                cursor.executemany("SELECT pg_advisory_xact_lock(%s)", [(k,) for k in keys])
        except psycopg.Error as exc:
            raise EventwireError("E040", f"{redact(self.target)}: {_first_line(exc)}") from exc

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        names = ", ".join(schema.columns(table))
        try:
            with self._con.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise EventwireError("E040", f"{redact(self.target)}: bulk load into {table} failed: "
                                         f"{_first_line(exc)}") from exc

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {redact(self.target)}{' read-only' if self.read_only else ''}>"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
