"""Storage: documents, events, actors, places and times in a database you can query and export.

>>> from eventwire.store import open_store, EventQuery
>>> with open_store("events.duckdb") as store:                      # doctest: +SKIP
...     store.write(records)                                         # upsert by document id
...     events, total = store.query_events(EventQuery(country="IRN", type="ASSAULT", since="2024-01-01"))

``open_store(path)`` opens (creating it if needed) a DuckDB file, the embedded default;
``":memory:"`` gives a throwaway one; a ``postgresql://`` URL opens the PostgreSQL backend.
Schema and SQL live in ``store/schema.py``, shared by every backend; see docs/decisions.md
(D-store-*).
"""

from __future__ import annotations

import os

from eventwire.errors import EventwireError
from eventwire.store.base import EventQuery, Store

__all__ = ["open_store", "EventQuery", "Store"]


def open_store(target: str | os.PathLike, *, read_only: bool = False, timeout: float = 10.0,
               hold: bool = True, linger: float = 0.0) -> Store:
    """Open a store: a file path (DuckDB) or a ``postgresql://`` URL.

    ``timeout``: seconds to wait for another process holding a DuckDB file before E040.
    ``hold=False`` opens the connection per call and closes it after, so long-lived users
    (a server) let other processes (``eventwire ingest``) write between their calls;
    ``linger`` (seconds, with ``hold=False``) keeps it open that long after the last call, so
    a burst of calls (a dashboard's requests) opens it once.
    """
    target_str = os.fspath(target)
    if target_str.startswith(("postgresql://", "postgres://")):
        try:
            from eventwire.store.postgres import PostgresStore
        except ModuleNotFoundError as exc:
            if exc.name not in ("eventwire.store.postgres", "psycopg"):
                raise
            raise EventwireError("E040", f"the PostgreSQL backend is not available ({exc.name} missing); "
                                         "use a DuckDB file path") from None
        return PostgresStore(target_str, read_only=read_only, timeout=timeout, hold=hold, linger=linger)
    if "://" in target_str:
        raise EventwireError("E040", f"unknown store target {target_str!r}: give a file path or postgresql:// URL")
    from eventwire.store.duckdb import DuckDBStore

    return DuckDBStore(target_str, read_only=read_only, timeout=timeout, hold=hold, linger=linger)
