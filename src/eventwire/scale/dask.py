"""``--engine dask`` / ``--dask tcp://SCHEDULER:8786``: the pipeline on a Dask distributed cluster.

>>> from eventwire.scale.dask import run_dask
>>> for record in run_dask(documents, settings, scheduler="tcp://10.0.0.5:8786"):   # doctest: +SKIP
...     print(record.id)

The client (where ``eventwire`` runs) reads the documents and submits them in
partitions of ``partition_size`` documents. Each task runs on a worker: the
worker loads the models once (the first task it runs; :func:`warm` loads them up
front on every worker) and turns its partition into one Parquet table, one row
per document (``position`` in the input, ``id``, ``record`` = the contract's
DocumentRecord JSON). The client takes the partitions back in input order and
streams the records on (to JSON Lines, or merged into the store by ``ingest``),
so the output is the same, line for line, as a single-process run.

Where the Parquet partitions travel: by default through Dask itself (each task
returns its Parquet file's bytes, nothing to share). With ``parquet_dir`` the
workers write ``part-00000.parquet``, ... there and the client reads them back;
it must be a directory every worker and the client see (a shared filesystem on
HPC, or an ``s3://``/``gs://``/``hdfs://`` URI pyarrow can open), and the
partitions stay there as a dataset. See docs/scale.md for deploying the cluster
(Kubernetes, SLURM/PBS) with Dask's own deployers.

Without ``scheduler`` a :class:`distributed.LocalCluster` is started on this
machine (one single-threaded worker process per core by default) and closed at
the end.
"""

from __future__ import annotations

import io
import json
import logging
import os
import uuid
from collections import deque
from collections.abc import Iterable, Iterator

from eventwire.errors import EventwireError
from eventwire.records import Document, record_from_dict, to_dict
from eventwire.scale.workers import _chunks, _Failure, _run_task, process_chunk, worker_models
from eventwire.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger(__name__)

PARQUET_COLUMNS = ("position", "id", "record")


# --------------------------------------------------------------------------- on the workers


def process_partition(documents: list[Document], settings: Settings, number: int, first: int,
                      parquet_dir: str | None = None):
    """A worker's task: the records of one partition as a Parquet file (bytes, or a path in ``parquet_dir``).

    Returns ``(bytes_or_path, n_documents, seconds_per_stage)`` or a failure the client re-raises.
    """
    result = _run_task(process_chunk, documents, settings)
    if isinstance(result, _Failure):
        return result
    records, seconds = result
    table = _to_table(records, first)
    if parquet_dir:
        path = _join(parquet_dir, f"part-{number:05d}.parquet")
        _write_parquet(table, path)
        return path, len(records), seconds
    sink = io.BytesIO()
    _write_parquet(table, sink)
    return sink.getvalue(), len(records), seconds


def warm(settings: Settings) -> str:
    """Load the models on this worker now (run on every worker with ``client.run``)."""
    try:
        worker_models(settings)
    except EventwireError as exc:
        return f"{exc.code}: {exc.message}"
    return "ok"


def _to_table(records: list, first: int):
    import pyarrow as pa

    return pa.table({
        "position": pa.array(range(first, first + len(records)), type=pa.int64()),
        "id": pa.array([r.id for r in records], type=pa.string()),
        "record": pa.array([json.dumps(to_dict(r), ensure_ascii=False) for r in records], type=pa.string()),
    })


def _write_parquet(table, where) -> None:
    import pyarrow.parquet as pq

    if isinstance(where, str) and "://" in where:
        from pyarrow import fs

        filesystem, path = fs.FileSystem.from_uri(where)
        pq.write_table(table, path, filesystem=filesystem, compression="zstd")
    else:
        if isinstance(where, str):
            os.makedirs(os.path.dirname(where) or ".", exist_ok=True)
        pq.write_table(table, where, compression="zstd")


def _read_parquet(where):
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(where, bytes):
        return pq.read_table(pa.BufferReader(where))
    if "://" in where:
        from pyarrow import fs

        filesystem, path = fs.FileSystem.from_uri(where)
        return pq.read_table(path, filesystem=filesystem)
    return pq.read_table(where)


def _join(directory: str, name: str) -> str:
    return directory.rstrip("/") + "/" + name if "://" in directory else os.path.join(directory, name)


# --------------------------------------------------------------------------- on the client


def connect(scheduler: str | None = None, *, workers: int | None = None, processes: bool = True,
            timeout: float = 20.0):
    """A ``distributed.Client`` on ``scheduler``, or on a new LocalCluster; returns (client, cluster or None)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency of eventwire
        raise EventwireError("E060", f"Dask is not installed ({exc}); pip install 'dask[distributed]'") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError) as exc:
            raise EventwireError("E060", f"no Dask scheduler answers at {scheduler} ({exc})") from exc
    n = workers or os.cpu_count() or 1
    if not log.isEnabledFor(logging.INFO):  # a cluster started here reports through eventwire's -v, not its own INFO
        for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.core"):
            logging.getLogger(name).setLevel(logging.WARNING)
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def run_dask(
    documents: Iterable[Document],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    scheduler: str | None = None,
    client=None,
    workers: int | None = None,
    processes: bool = True,
    partition_size: int = 32,
    parquet_dir: str | os.PathLike | None = None,
    timer=None,
    as_dicts: bool = False,
) -> Iterator:
    """Records of ``documents`` computed on a Dask cluster, in input order.

    ``client``: an existing ``distributed.Client`` (kept open); else ``scheduler`` (an address
    such as ``tcp://10.0.0.5:8786``); else a LocalCluster of ``workers`` processes (threads
    when ``processes=False``) started here. ``as_dicts``: yield the record JSON (dicts) instead
    of :class:`~eventwire.records.DocumentRecord` (what ``ingest`` stores). ``timer`` receives
    the workers' seconds per stage, summed.
    """
    if partition_size < 1:
        raise EventwireError("E060", f"partition size must be at least 1, not {partition_size}")
    cluster = None
    own_client = client is None
    if own_client:
        client, cluster = connect(scheduler, workers=workers, processes=processes)
    directory = os.fspath(parquet_dir) if parquet_dir is not None else None
    try:
        warmed = client.run(warm, settings)
        problems = {v for v in warmed.values() if v != "ok"}
        if problems:
            code, _, message = sorted(problems)[0].partition(": ")
            raise EventwireError(code, message)
        slots = max(1, sum(client.nthreads().values()))
        in_flight: deque = deque()
        position, run_id = 0, uuid.uuid4().hex[:8]
        for number, chunk in enumerate(_chunks(documents, partition_size)):
            in_flight.append(client.submit(process_partition, chunk, settings, number, position, directory,
                                           pure=False, key=f"eventwire-{run_id}-{number:05d}"))
            position += len(chunk)
            while len(in_flight) >= 2 * slots:
                yield from _collect(in_flight.popleft(), timer, as_dicts)
        while in_flight:
            yield from _collect(in_flight.popleft(), timer, as_dicts)
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()


def _collect(future, timer, as_dicts: bool) -> Iterator:
    try:
        result = future.result()
    except EventwireError:
        raise
    except Exception as exc:
        raise EventwireError("E060", f"a Dask task failed: {type(exc).__name__}: {exc}") from exc
    finally:
        future.release()
    if isinstance(result, _Failure):
        raise EventwireError(result.code, result.message)
    data, _count, seconds = result
    if timer is not None:
        for stage, value in seconds.items():
            timer.seconds[stage] += value
    table = _read_parquet(data)
    for text in table.column("record").to_pylist():
        record = json.loads(text)
        yield record if as_dicts else record_from_dict(record)
