"""Running the pipeline at scale: N local processes, or a Dask cluster. Same records, same order.

>>> from eventwire import api, scale
>>> documents = api.read(["articles.jsonl"])
>>> for record in scale.run(documents, workers=2):                       # doctest: +SKIP
...     ...
>>> scale.ingest(documents, "postgresql://db/events", engine="dask",
...              scheduler="tcp://10.0.0.5:8786")                         # doctest: +SKIP

``engine="local"`` with ``workers=1`` is exactly :func:`eventwire.pipeline.run`;
``workers=N`` uses :mod:`eventwire.scale.workers`; ``engine="dask"`` uses
:mod:`eventwire.scale.dask` (a LocalCluster of ``workers`` processes unless a
``scheduler`` address is given). Every path runs :func:`eventwire.pipeline.run_batch`
with models loaded once per process, so the records do not depend on the engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.records import Document
from eventwire.settings import DEFAULT_SETTINGS, Settings

ENGINES = ("local", "dask")


def run(
    documents: Iterable[Document],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    client=None,
    batch_size: int = 32,
    models=None,
    timer=None,
    parquet_dir: str | os.PathLike | None = None,
    as_dicts: bool = False,
) -> Iterator:
    """One record per document, in input order, on the chosen engine.

    ``batch_size``: documents per batch (one process), per chunk (workers) or per partition
    (Dask). ``models`` is used only in-process (``workers=1``, local engine). ``client``: an open
    ``distributed.Client`` (from a KubeCluster, SLURMCluster, ...) to run on, kept open.
    """
    if scheduler or client is not None:
        engine = "dask"
    if engine not in ENGINES:
        raise EventwireError("E060", f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "dask":
        from eventwire.scale.dask import run_dask

        yield from run_dask(documents, settings, scheduler=scheduler, client=client,
                            workers=workers if workers > 1 else None,
                            partition_size=batch_size, parquet_dir=parquet_dir, timer=timer, as_dicts=as_dicts)
        return
    if workers > 1:
        from eventwire.scale.workers import run_parallel

        stream = run_parallel(documents, settings, workers, chunk_size=batch_size, timer=timer)
    else:
        from eventwire import pipeline

        stream = pipeline.run(documents, settings, models, batch_size=batch_size, timer=timer)
    if as_dicts:
        from eventwire.records import to_dict

        stream = (to_dict(record) for record in stream)
    yield from stream


def ingest(
    documents: Iterable[Document],
    db: str | Path,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    on_record: Callable | None = None,
    write_every: int = 256,
    **engine,
) -> int:
    """Extract ``documents`` on an engine (see :func:`run`) and merge the records into the store ``db``.

    Writes every ``write_every`` records in one transaction (re-ingesting replaces). Returns documents stored.
    """
    from eventwire.store import open_store

    written = 0
    with open_store(db) as store:
        batch: list = []
        for record in run(documents, settings, as_dicts=True, **engine):
            if on_record:
                on_record(record)
            batch.append(record)
            if len(batch) >= write_every:
                written += store.write(batch)
                batch = []
        if batch:
            written += store.write(batch)
    return written


__all__ = ["run", "ingest", "ENGINES"]
