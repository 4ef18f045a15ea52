"""The embedded default backend: one DuckDB file (or ``:memory:``).

DuckDB lets one process hold a file read-write (any number of threads inside it)
or many processes hold it read-only, not both. Opening a file another process
holds waits (retrying) up to ``timeout`` seconds, then fails with E040 naming the
holder. Bulk inserts go through Arrow tables, not row by row.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pyarrow as pa

from eventwire.errors import EventwireError
from eventwire.store import schema
from eventwire.store.base import _EVENT_COLUMNS, Store

_ARROW = {schema.TEXT: pa.string(), schema.INTEGER: pa.int64(), schema.REAL: pa.float64(), schema.JSON: pa.string()}


class DuckDBStore(Store):
    backend = "duckdb"
    TYPE_NAMES = {schema.TEXT: "VARCHAR", schema.INTEGER: "BIGINT", schema.REAL: "DOUBLE", schema.JSON: "JSON"}
    # DuckDB filters by zone maps; ART indexes only slow its bulk deletes and inserts down.
    CREATE_INDEXES = False
    # A page's events are fetched back by rowid (a scan filtered on document ids would read every
    # row's JSON: zone maps do not prune randomly spread ids). Rowids are stable while this store's
    # connection is held, and query_events holds it for both statements.
    ROW_KEY = "e.rowid"

    def _rows_for_keys(self, keys: list[tuple]) -> list[tuple]:
        if not keys:
            return []
        rowids = [int(key[0]) for key in keys]
        found = {row[-1]: tuple(row[:-1]) for row in self._all(
            f"SELECT {_EVENT_COLUMNS}, e.rowid FROM (SELECT unnest(?::BIGINT[]) AS r) k "
            "JOIN events e ON e.rowid = k.r JOIN documents d ON d.id = e.document_id", [rowids])}
        return [found[r] for r in rowids if r in found]

    def __init__(self, target: str, **options):
        if str(target) == ":memory:":
            options["hold"] = True  # a new connection would be a new, empty database
        super().__init__(target, **options)

    def _connect(self):
        target = str(self.target)
        if target != ":memory:":
            path = Path(target)
            if self.read_only and not path.exists():
                raise EventwireError("E040", f"no database at {path} (ingest something first)")
            if not self.read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + max(0.0, self.timeout)
        delay = 0.05
        while True:
            try:
                return duckdb.connect(target, read_only=self.read_only and target != ":memory:")
            except duckdb.IOException as exc:
                message = str(exc)
                if "lock" not in message.lower() or time.monotonic() >= deadline:
                    raise EventwireError(
                        "E040", f"cannot open {target}: {message.splitlines()[0]} (DuckDB allows one writing "
                                f"process at a time; stop the other one or use --db on another file)") from exc
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
            except duckdb.Error as exc:
                raise EventwireError("E040", f"cannot open {target}: {str(exc).splitlines()[0]}") from exc

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        spec = schema.TABLES[table]
        arrow = pa.table(
            {name: pa.array([row[i] for row in rows], type=_ARROW[kind]) for i, (name, kind) in enumerate(spec)})
        names = ", ".join(name for name, _ in spec)
        view = f"_eventwire_rows_{table}"
        self._con.register(view, arrow)
        try:
            self._con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
        finally:
            self._con.unregister(view)

    def _execute(self, sql: str, params: list | tuple = ()):
        con = self._connection()
        try:
            return con.execute(sql, list(params))
        except duckdb.Error as exc:
            raise EventwireError("E040", f"{self.target}: {str(exc).splitlines()[0]}") from exc
