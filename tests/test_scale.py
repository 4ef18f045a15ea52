"""Scale (eventwire.scale): the pre-filter, the two-tier parse, worker processes and the Dask runner.

Real articles come from the bundled examples (VOA stories in package data). Tests that
run the whole pipeline need the trained classifier heads; outside CI they skip while
the heads are not built yet (E021).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.records import Document, DocumentRecord, to_dict
from eventwire.scale import prefilter

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "examples" / "voa_stories.jsonl"


def example_documents(n: int, skip: int = 0) -> list[Document]:
    from eventwire.documents import read_path

    return list(read_path(EXAMPLES))[skip:skip + n]


@pytest.fixture(scope="module")
def models():
    from eventwire import api

    try:
        return api.load_models()
    except EventwireError as exc:
        if exc.code == "E021" and not os.environ.get("CI"):
            pytest.skip(f"needs the trained classifier heads ({exc})")
        raise


def as_json(records) -> list[str]:
    return [json.dumps(r if isinstance(r, dict) else to_dict(r), ensure_ascii=False, sort_keys=True) for r in records]


# --------------------------------------------------------------------------- the pre-filter


@pytest.mark.parametrize("text", [
    "Gunmen shot dead two police officers in Peshawar on Tuesday.",
    "The army shelled villages near the border overnight.",
    "Thousands of protesters rallied outside parliament.",
    "Rebels seized the town of Bunagana after heavy fighting.",
    "The violence has been marked by car-bombings against officials.",
    "Officials called for calm after the vote.",
    "The two ministers met in Islamabad.",
    "Three people died and a dozen were wounded.",
])
def test_prefilter_keeps_sentences_that_can_carry_an_event(text):
    assert prefilter.needs_parse(text)


@pytest.mark.parametrize("text", [
    "The weather was mild for the season.",
    "He called his mother every evening.",  # "call" is a trigger only with for/on/upon
    "The company's revenue grew 4 percent in 2023.",
    "She was born in a small village in the north.",
])
def test_prefilter_drops_sentences_that_cannot(text):
    assert not prefilter.needs_parse(text)


@pytest.mark.parametrize("text", [
    # "X said Y must ...": a demand, whatever the embedded verb is
    "Strong positions on the front line and strong diplomacy must work together, the president wrote.",
    "He says such records should be taken as seriously as written ones.",
    # a weekday's date depends on the clause's tense (last Sunday, or next)
    "The results are expected on Sunday.",
])
def test_prefilter_keeps_demands_and_tense_dependent_dates(text):
    assert not prefilter.can_carry_event(text) and prefilter.needs_parse(text)


def test_prefilter_misses_no_detected_event_in_real_articles():
    """Recall against full-parse detection: every sentence detect finds a mention in passes."""
    from eventwire import nlp
    from eventwire.events import detect

    parsed = [nlp.segment(d) for d in example_documents(6)]
    nlp.parse(parsed)
    kept = total = with_events = 0
    for document in parsed:
        for sentence in document.sentences:
            total += 1
            keep = prefilter.needs_parse(sentence.text)
            kept += keep
            if detect.find_mentions(document, sentence):
                with_events += 1
                assert keep, sentence.text
    assert with_events >= 20
    assert kept < 0.75 * total  # and it does filter


# --------------------------------------------------------------------------- the two-tier parse

# sentences without an event, so that a test text is longer than a short text (read whole)
_FILLER = " ".join(["The old hall by the water has been a hotel for more than a hundred years."] * 16)
_FILLER_SENTENCES = 16


def test_candidates_parse_the_opening_and_the_sentences_that_can_carry_an_event():
    from eventwire import nlp
    from eventwire.scale import fastpath

    text = ("The talks opened in Geneva on Monday. The venue was a hotel by the lake. "
            "It was built in 1901. The building, owned by a Swiss bank, has 40 rooms. "
            "Later that day, militants attacked a checkpoint near Kabul. " + _FILLER)
    parsed = nlp.segment(Document(id="t", text=text))
    counts = fastpath.parse([parsed])
    docs = [s.doc for s in parsed.sentences]
    assert counts == {"parsed": 4, "skipped": 1 + _FILLER_SENTENCES}
    assert all(d is not None and d.has_annotation("DEP") for d in docs[:3])  # the opening: always
    assert docs[3] is None
    assert [t.lemma_ for t in docs[4] if t.pos_ == "VERB"] == ["attack"]
    # the skipped sentence went through the entity recogniser alone: spans, no Doc
    skipped = parsed.sentences[3]
    assert skipped.entities is not None
    assert all(skipped.text[start:end] and label for start, end, label in skipped.entities)
    assert nlp.sentence_entities(skipped) == [(skipped.start + s, skipped.start + e, label)
                                              for s, e, label in skipped.entities]
    assert nlp.entity_checked(skipped) and all(s.entities is None for s in parsed.sentences[:3])


def test_short_texts_are_parsed_whole():
    from eventwire import nlp
    from eventwire.events.detect import SHORT_DOCUMENT
    from eventwire.scale import fastpath

    assert fastpath.SHORT_TEXT == SHORT_DOCUMENT
    parsed = nlp.segment(Document(id="t", text=(
        "The talks opened in Geneva on Monday. The venue was a hotel by the lake. It was built in 1901. "
        "The building, owned by a Swiss bank, has 40 rooms.")))
    assert fastpath.parse([parsed]) == {"parsed": 4, "skipped": 0}


def test_minimal_leaves_the_other_sentences_unread():
    from eventwire import nlp
    from eventwire.scale import fastpath

    parsed = nlp.segment(Document(id="t", text=(
        "The talks opened in Geneva on Monday. The venue was a hotel by the lake. It was built in 1901. "
        "The building, owned by a Swiss bank, has 40 rooms near Lausanne. " + _FILLER)))
    assert fastpath.parse([parsed], entities=False) == {"parsed": 3, "skipped": 1 + _FILLER_SENTENCES}
    assert parsed.sentences[3].doc is None and parsed.sentences[3].entities is None
    assert not nlp.entity_checked(parsed.sentences[3]) and nlp.sentence_entities(parsed.sentences[3]) == []


def test_candidates_find_the_same_places_as_parse_all():
    """The places stage reads only entity spans from a sentence without an event, so the entities-only
    tier gives exactly the places of a full parse (docs/evaluation.md: the geo figures are identical)."""
    from eventwire import nlp, places
    from eventwire.settings import DEFAULT_SETTINGS

    gazetteer = places.load_gazetteer(DEFAULT_SETTINGS)
    documents = example_documents(8)

    def found(mode: str):
        segmented = [nlp.segment(d) for d in documents]
        from eventwire.pipeline import parse_documents

        parse_documents(segmented, DEFAULT_SETTINGS.with_(parse=mode))
        return [[(p.start, p.end, p.text, p.country, p.lat, p.lon) for p in places.find_places(s, gazetteer)]
                for s in segmented]

    full, fast = found("all"), found("candidates")
    assert sum(map(len, full)) >= 40
    assert fast == full


def test_candidates_finds_nearly_the_same_events_as_parse_all(models):
    """The fast path loses no trigger sentence; what still moves is what unparsed context feeds
    (entity memory for "they", spaCy's vetoes of place names): a gate on how much moves."""
    from eventwire import pipeline
    from eventwire.settings import DEFAULT_SETTINGS

    documents = example_documents(6)
    full = list(pipeline.run([replace(d, errors=list(d.errors)) for d in documents],
                             DEFAULT_SETTINGS.with_(parse="all"), models))
    fast = list(pipeline.run(documents, DEFAULT_SETTINGS.with_(parse="candidates"), models))

    def events(record):
        return {(e.type, e.evidence.start, e.evidence.end) for e in record.events}

    def places(record):
        return {(p.start, p.end) for p in record.places}

    n_events = sum(len(events(r)) for r in full)
    assert n_events >= 10
    assert sum(len(events(a) & events(b)) for a, b in zip(full, fast)) >= 0.9 * n_events
    assert sum(len(places(a) & places(b)) for a, b in zip(full, fast)) >= 0.85 * sum(len(places(r)) for r in full)
    assert [r.events[0].type if r.events else None for r in fast] == [
        r.events[0].type if r.events else None for r in full]


# --------------------------------------------------------------------------- worker processes


def fake_task(documents, settings):
    """A stand-in for process_chunk (top level, so spawned workers can import it)."""
    if any(d.text == "boom" for d in documents):
        raise EventwireError("E021", "classifier heads missing (simulated)")
    records = [DocumentRecord(id=d.id, date=None, language="en", events=[], places=[], times=[],
                              errors=[], text=d.text.upper()) for d in documents]
    return records, {"fake": 0.5}


def test_workers_keep_input_order_and_sum_stage_times():
    from eventwire.pipeline import StageTimer
    from eventwire.scale.workers import run_parallel

    documents = [Document(id=f"d{i}", text=f"text {i}") for i in range(23)]
    timer = StageTimer()
    records = list(run_parallel(documents, workers=2, chunk_size=3, timer=timer, task=fake_task))
    assert [r.id for r in records] == [d.id for d in documents]
    assert records[5].text == "TEXT 5"
    assert timer.seconds["fake"] == pytest.approx(0.5 * 8)  # 8 chunks of at most 3


def test_worker_errors_come_back_as_eventwire_errors():
    from eventwire.scale.workers import run_parallel

    documents = [Document(id="a", text="fine"), Document(id="b", text="boom")]
    with pytest.raises(EventwireError) as err:
        list(run_parallel(documents, workers=2, chunk_size=1, task=fake_task))
    assert err.value.code == "E021"
    with pytest.raises(EventwireError):
        list(run_parallel(documents, workers=0))


def test_cli_workers_give_the_same_output_as_one_process(models, tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    source = tmp_path / "in.jsonl"
    source.write_text("".join(line for _, line in zip(range(4), EXAMPLES.open(encoding="utf-8"))), encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(main, ["extract", str(source), "-o", str(tmp_path / "one.jsonl"), "--no-text"])
    two = runner.invoke(main, ["extract", str(source), "-o", str(tmp_path / "two.jsonl"), "--no-text",
                               "--workers", "2", "--batch-size", "1"])
    assert one.exit_code == 0 and two.exit_code == 0, (one.output, two.output)
    first = (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(first) == 4
    assert (tmp_path / "two.jsonl").read_text(encoding="utf-8").splitlines() == first


# --------------------------------------------------------------------------- Dask


def test_dask_local_cluster_gives_the_same_records_as_one_process(models, tmp_path):
    from distributed import Client, LocalCluster

    from eventwire import pipeline
    from eventwire.scale.dask import run_dask

    documents = example_documents(5, skip=10)
    expected = as_json(pipeline.run([replace(d, errors=list(d.errors)) for d in documents],
                                    models=models))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        in_memory = as_json(run_dask(documents, client=client, partition_size=2))
        on_disk = as_json(run_dask(documents, client=client, partition_size=2, parquet_dir=tmp_path / "parts"))
    assert in_memory == expected
    assert on_disk == expected
    parts = sorted(p.name for p in (tmp_path / "parts").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]

    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "parts" / "part-00001.parquet")
    assert table.column_names == ["position", "id", "record"]
    assert table.column("position").to_pylist() == [2, 3]
    assert table.column("id").to_pylist() == [documents[2].id, documents[3].id]


def test_unreachable_dask_scheduler_is_a_clear_error():
    from eventwire.scale.dask import connect

    with pytest.raises(EventwireError) as err:
        connect("tcp://127.0.0.1:1", timeout=2)
    assert err.value.code == "E060" and "tcp://127.0.0.1:1" in err.value.message


def test_unknown_engine_is_an_error():
    from eventwire import scale

    with pytest.raises(EventwireError) as err:
        list(scale.run([], engine="spark"))
    assert err.value.code == "E060"
