"""The one Python API under the CLI, the HTTP server and the Dask runner.

>>> import eventwire
>>> record = eventwire.extract("Police fired tear gas at protesters in Nairobi on Monday.", date="2024-03-05")
>>> record.events[0].type
'PROTEST'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date as Date
from pathlib import Path

from eventwire import pipeline
from eventwire.documents import content_id, document_from_text, parse_date, read_inputs
from eventwire.records import Document, DocumentRecord
from eventwire.settings import DEFAULT_SETTINGS, Settings

Models = pipeline.Models


def load_models(settings: Settings = DEFAULT_SETTINGS) -> pipeline.Models:
    """Load the gazetteer and classifier once; pass the result to many calls."""
    return pipeline.Models.load(settings)


def extract(
    text: str,
    date: str | Date | None = None,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    models: pipeline.Models | None = None,
) -> DocumentRecord:
    """Events, places and times of one article. ``date`` is its publication date (YYYY-MM-DD)."""
    document = Document(id=doc_id or content_id(text), text=text, date=parse_date(date), title=title, url=url)
    if not text.strip():
        document.errors.append("E003: empty document (no text)")
    return pipeline.run_batch([document], settings, models)[0]


def extract_many(
    documents: Iterable[Document],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    models: pipeline.Models | None = None,
    batch_size: int = 32,
    timer: pipeline.StageTimer | None = None,
) -> Iterator[DocumentRecord]:
    """Stream one record per document, in input order."""
    yield from pipeline.run(documents, settings, models, batch_size=batch_size, timer=timer)


def read(paths: Sequence[str | Path], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Document]:
    """Documents from paths (files, directories, ``-``) in any accepted input format."""
    return read_inputs(paths, settings.max_chars)


def ingest(
    documents: Iterable[Document],
    db: str | Path,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    models: pipeline.Models | None = None,
    batch_size: int = 32,
    on_record=None,
    merge: bool = True,
) -> int:
    """Extract and store documents (re-ingesting a document replaces it). Returns documents stored.

    ``merge``: then update the cross-article canonical events (:func:`eventwire.merge.update_store`,
    incremental: only what this run stored is merged). The store is opened per write
    (``hold=False``), so a server reading the same DuckDB file keeps answering between batches."""
    from eventwire.store import open_store

    written = 0
    with open_store(db, hold=False) as store:
        batch: list[DocumentRecord] = []
        for record in extract_many(documents, settings=settings, models=models, batch_size=batch_size):
            if on_record:
                on_record(record)
            batch.append(record)
            if len(batch) >= 256:
                written += store.write(batch)
                batch = []
        if batch:
            written += store.write(batch)
        if merge:
            from eventwire.merge import update_store

            update_store(store)
    return written


__all__ = ["extract", "extract_many", "ingest", "load_models", "read", "document_from_text", "Models"]
