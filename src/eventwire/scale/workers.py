"""``--workers N``: the pipeline in N local processes, models loaded once per process.

>>> from eventwire.scale.workers import run_parallel
>>> for record in run_parallel(documents, settings, workers=2):   # doctest: +SKIP
...     print(record.id, len(record.events))

The parent reads documents and hands out chunks of ``chunk_size`` documents; each
worker process loads the gazetteer, the classifier and spaCy once (on its first
chunk), runs :func:`eventwire.pipeline.run_batch` and sends the records back.
Records come out in input order, exactly as ``pipeline.run`` would give them; at
most ``2 * workers`` chunks are in flight, so memory stays bounded on any input.

Workers are started with ``spawn`` (no state inherited from the parent, safe with
the thread pools of onnxruntime and BLAS) and limited to one BLAS/OpenMP thread
each, so N workers use N cores.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from eventwire.errors import EventwireError
from eventwire.records import Document
from eventwire.settings import DEFAULT_SETTINGS, Settings

# One thread per process for the numeric libraries: N processes should use N cores.
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
              "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


# --------------------------------------------------------------------------- the task, shared with the Dask runner


@functools.lru_cache(maxsize=2)
def worker_models(settings: Settings):
    """The models of this process (loaded on first use, then reused by every chunk)."""
    from eventwire import nlp, pipeline

    models = pipeline.Models.load(settings)
    nlp.load_spacy()
    return models


def process_chunk(documents: list[Document], settings: Settings) -> tuple[list, dict[str, float]]:
    """Run the whole pipeline over a chunk in this process: (records, seconds per stage)."""
    from eventwire import pipeline

    started = time.perf_counter()
    models = worker_models(settings)
    timer = pipeline.StageTimer()
    timer.seconds["load"] += time.perf_counter() - started
    records = pipeline.run_batch(documents, settings, models, timer)
    return records, dict(timer.seconds)


class _Failure:
    """An EventwireError from a worker, in a form that always pickles (code, message)."""

    def __init__(self, code: str, message: str):
        self.code, self.message = code, message


def _limit_threads() -> None:
    for name in THREAD_ENV:
        os.environ.setdefault(name, "1")


def _init_worker() -> None:
    _limit_threads()


def _run_task(task: Callable, documents: list[Document], settings: Settings):
    try:
        return task(documents, settings)
    except EventwireError as exc:
        return _Failure(exc.code, exc.message)


# --------------------------------------------------------------------------- the runner


def run_parallel(
    documents: Iterable[Document],
    settings: Settings = DEFAULT_SETTINGS,
    workers: int = 2,
    *,
    chunk_size: int = 16,
    timer=None,
    start_method: str = "spawn",
    task: Callable = process_chunk,
) -> Iterator:
    """Records of ``documents`` computed by ``workers`` processes, in input order.

    ``timer`` (a :class:`~eventwire.pipeline.StageTimer`) receives the workers' seconds
    per stage, summed (CPU-side: with 2 workers they add up to about twice the wall time).
    ``task(chunk, settings) -> (records, seconds)`` is what each chunk runs
    (:func:`process_chunk`; any picklable top-level function with that signature).
    """
    if workers < 1:
        raise EventwireError("E060", f"--workers must be at least 1, not {workers}")
    if chunk_size < 1:
        raise EventwireError("E060", f"chunk size must be at least 1, not {chunk_size}")
    context = multiprocessing.get_context(start_method)
    in_flight: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
        try:
            for chunk in _chunks(documents, chunk_size):
                in_flight.append(pool.submit(_run_task, task, chunk, settings))
                while len(in_flight) >= 2 * workers:
                    yield from _collect(in_flight.popleft(), timer)
            while in_flight:
                yield from _collect(in_flight.popleft(), timer)
        except BrokenProcessPool as exc:
            raise EventwireError("E060", f"a worker process died ({exc}); try fewer --workers "
                                         "(each needs about 600 MB) or --workers 1") from exc
        finally:
            for future in in_flight:
                future.cancel()


def _collect(future: Future, timer) -> list:
    result = future.result()
    if isinstance(result, _Failure):
        raise EventwireError(result.code, result.message)
    records, seconds = result
    if timer is not None:
        for stage, value in seconds.items():
            timer.seconds[stage] += value
    return records


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
