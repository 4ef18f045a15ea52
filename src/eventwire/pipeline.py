"""The pipeline: documents -> segmented and parsed -> stages -> DocumentRecord.

Each stage is a plain function over a :class:`~eventwire.nlp.ParsedDocument`:

====================  ===========================================================
``timex``             ``find_times(parsed) -> list[Time]``
``places``            ``find_places(parsed, gazetteer) -> list[Place]``
``casualties``        ``find_casualties(parsed) -> list[CasualtyMention]``
``events``            ``find_events(parsed, context) -> list[Event]``: detection,
                      classification, actors; dates, location and counts from the
                      other stages' records (``timex.event_date``,
                      ``places.event_location``, ``casualties.assign_casualties``)
====================  ===========================================================
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from eventwire import casualties, nlp, places, timex
from eventwire.events import detect
from eventwire.records import Document, DocumentRecord
from eventwire.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class StageTimer:
    """Seconds spent per stage, summed over the documents of a run (for benchmarks)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


@dataclass(slots=True)
class Models:
    """The models a pipeline run uses, loaded once per process and passed in."""

    gazetteer: object
    classifier: object

    @classmethod
    def load(cls, settings: Settings = DEFAULT_SETTINGS) -> Models:
        from eventwire.events.classify import load_classifier

        return cls(gazetteer=places.load_gazetteer(settings), classifier=load_classifier(settings))


def run_batch(
    documents: Sequence[Document],
    settings: Settings = DEFAULT_SETTINGS,
    models: Models | None = None,
    timer: StageTimer | None = None,
) -> list[DocumentRecord]:
    """Run every stage over a batch of documents; one record per document, in order."""
    models = models or Models.load(settings)
    timer = timer or StageTimer()
    started = time.perf_counter()
    good = [d for d in documents if not d.errors]
    segmented = [nlp.segment(d) for d in good]
    started = timer.add("segment", started)
    parse_documents(segmented, settings)
    started = timer.add("parse", started)
    records: dict[int, DocumentRecord] = {}
    for parsed in segmented:
        try:
            records[id(parsed.document)] = _run_stages(parsed, settings, models, timer)
        except Exception as exc:  # one bad document must not stop the batch
            log.exception("document %s failed", parsed.document.id)
            parsed.document.errors.append(f"E099: processing failed: {type(exc).__name__}: {exc}")
    return [records.get(id(d)) or _error_record(d, settings) for d in documents]


def parse_documents(segmented: Sequence[nlp.ParsedDocument], settings: Settings = DEFAULT_SETTINGS) -> None:
    """Parse a batch's sentences as ``settings.parse`` says: every one (``all``), or the fast path's
    candidates with entities elsewhere (``candidates``) or without (``minimal``)."""
    if settings.parse in ("candidates", "minimal"):  # the fast paths (eventwire.scale.fastpath)
        from eventwire.scale import fastpath

        fastpath.parse(segmented, batch_size=settings.batch_size, entities=settings.parse == "candidates")
    else:
        nlp.parse(segmented, batch_size=settings.batch_size)


def _run_stages(parsed: nlp.ParsedDocument, settings: Settings, models: Models, timer: StageTimer) -> DocumentRecord:
    started = time.perf_counter()
    times = timex.find_times(parsed)
    started = timer.add("timex", started)
    found_places = places.find_places(parsed, models.gazetteer)
    started = timer.add("places", started)
    mentions = casualties.find_casualties(parsed)
    started = timer.add("casualties", started)
    context = detect.EventContext(
        times=times, places=found_places, casualties=mentions, classifier=models.classifier, settings=settings
    )
    events = detect.find_events(parsed, context)
    timer.add("events", started)
    document = parsed.document
    return DocumentRecord(
        id=document.id,
        date=document.date.isoformat() if document.date else None,
        language="en",
        events=events,
        places=found_places,
        times=times,
        errors=list(document.errors),
        title=document.title,
        url=document.url,
        text=document.text if settings.include_text else None,
    )


def _error_record(document: Document, settings: Settings) -> DocumentRecord:
    return DocumentRecord(
        id=document.id,
        date=document.date.isoformat() if document.date else None,
        language="en",
        events=[],
        places=[],
        times=[],
        errors=list(document.errors) or ["E099: processing failed"],
        title=document.title,
        url=document.url,
        text=document.text if settings.include_text else None,
    )


def run(
    documents: Iterable[Document],
    settings: Settings = DEFAULT_SETTINGS,
    models: Models | None = None,
    batch_size: int = 32,
    timer: StageTimer | None = None,
) -> Iterator[DocumentRecord]:
    """Stream records for a stream of documents, batch by batch, in input order."""
    models = models or Models.load(settings)
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from run_batch(batch, settings, models, timer)
            batch = []
    if batch:
        yield from run_batch(batch, settings, models, timer)
