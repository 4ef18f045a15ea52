"""The PLOVER evaluator: gold normalisation, metrics on hand-made records, and a small slice of the real file."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from eventwire.evaluate.plover import (
    best_event,
    evaluate_plover,
    gold_mode,
    gold_sector,
    gold_type,
    heads_status,
    iso3_country,
    read_gold,
    score,
)
from eventwire.records import Actor, DocumentRecord, Event, Evidence


def _actor(text: str, country: str | None, sector: str | None) -> Actor:
    return Actor(text, 0, len(text), text, country, sector, None)


def _event(kind: str, mode: str | None = None, actor1: Actor | None = None, actor2: Actor | None = None) -> Event:
    return Event("e-" + kind, kind, mode, None, None, actor1, actor2, None, None, None, None,
                 Evidence("x", 0, 1, "x"), None, 0.8)


def _record(doc_id: str, events: list[Event]) -> DocumentRecord:
    return DocumentRecord(doc_id, None, "en", events, [], [], [])


def test_gold_normalisation():
    assert gold_type("DEMAND") == "REQUEST"
    assert gold_type("FIGHT") == "ASSAULT"
    assert gold_type("DISAPPROVE") == "ACCUSE"
    assert gold_type("AGREE") == "AGREE"
    assert gold_type("DOCUMENT") is None
    assert gold_mode("demo-org") == "demo"
    assert gold_mode("") is None
    assert gold_mode("heavy-weapons") == "heavy-weapons"
    assert iso3_country("SRB") == "SRB"
    assert iso3_country("IGO") is None  # an organisation, not a country
    assert iso3_country("JAP") is None  # CAMEO-style misspelling in the gold: not ISO 3166
    assert gold_sector({"code": "IGO"}) == "IGO"
    assert gold_sector({"code": "LBR", "sector": "COP"}) == "MIL"
    assert gold_sector({"code": "SRB", "sector": "CVLalb"}) == "CVL"
    assert gold_sector({"code": "NGA", "sector": "ELIibo"}) is None  # elites: no eventwire counterpart
    assert gold_sector(None) is None


def test_read_gold_skips_and_deduplicates(tmp_path):
    records = [
        {"id": "D-1", "event": "DOCUMENT", "eventText": "documentation"},
        {"id": "X-1", "date": "2000-01-01", "event": "DEMAND", "mode": "", "text": "Iran urged Iraq to withdraw.",
         "source": [{"actorText": "Iran", "code": "IRN"}], "target": ""},
        {"id": "X-1", "date": "2000-01-02", "event": "FIGHT", "mode": "heavy-weapons",
         "text": "Troops shelled the town.", "source": [{"actorText": "Troops", "code": "SRB", "sector": "MIL"}]},
        {"id": "X-2", "event": "AGREE", "text": ""},
    ]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    gold = read_gold(path)
    assert [g["id"] for g in gold] == ["X-1", "X-1#2"]
    assert [g["type"] for g in gold] == ["REQUEST", "ASSAULT"]
    assert gold[0]["target"] is None and gold[0]["source"]["code"] == "IRN"
    assert gold[0]["mode"] is None and gold[1]["mode"] == "heavy-weapons"


def test_score_on_hand_made_records():
    gold = [
        {"id": "a", "type": "REQUEST", "mode": None, "source": {"actorText": "Iran", "code": "IRN"},
         "target": {"actorText": "Iraq", "code": "IRQ"}},
        {"id": "b", "type": "AGREE", "mode": None, "source": {"actorText": "APEC", "code": "IGO"}, "target": None},
        {"id": "c", "type": "ASSAULT", "mode": "aerial",
         "source": {"actorText": "Israeli jets", "code": "ISR", "sector": "MIL"},
         "target": {"actorText": "Lebanese villages", "code": "LBN", "sector": "CVL"}},
        {"id": "d", "type": "PROTEST", "mode": "demo", "source": {"actorText": "students", "code": "SRB", "sector": "CVL"},
         "target": None},
    ]
    records = [
        # the gold type is the second event: found, not first; actors taken from that event
        _record("a", [_event("ACCUSE", actor1=_actor("Iraq", "IRQ", "GOV")),
                      _event("REQUEST", actor1=_actor("Iran", "IRN", "GOV"), actor2=_actor("Iraq", "IRQ", "GOV"))]),
        _record("b", []),  # nothing detected
        _record("c", [_event("ASSAULT", "aerial", _actor("Israeli jets", "ISR", "MIL"), _actor("villages", "LBN", "CVL"))]),
        # wrong type; actors swapped
        _record("d", [_event("COERCE", None, _actor("police", "SYR", "MIL"), _actor("students", "SRB", "PRO"))]),
    ]
    assert best_event(records[0], "REQUEST").type == "REQUEST"
    assert best_event(records[3], "PROTEST").type == "COERCE"  # no event of the type: events[0]
    assert best_event(records[1], "AGREE") is None
    report = score(gold, records)
    assert report["records"] == 4
    assert report["detection_rate"] == 0.75
    assert report["type"]["found_accuracy"] == 0.5
    assert report["type"]["first_accuracy"] == 0.25
    confusions = {(row["gold"], row["events0"]): row["count"] for row in report["type"]["confusions"]}
    assert confusions == {("AGREE", "NONE"): 1, ("PROTEST", "COERCE"): 1}
    per_type = {row["type"]: row for row in report["type"]["per_type"]}
    assert per_type["REQUEST"]["found"] == 1.0 and per_type["REQUEST"]["first"] == 0.0
    # modes: c right, d's type was not found
    assert report["mode"]["n"] == 2 and report["mode"]["accuracy"] == 0.5
    assert report["mode"]["accuracy_when_type_found"] == 1.0
    a1 = report["actor1_vs_source"]
    assert a1["country_n"] == 3  # IGO is not a country
    assert a1["country_accuracy"] == round(2 / 3, 4)
    assert a1["country_in_either_actor"] == 1.0  # d's gold source country is eventwire's actor2
    assert a1["country_accuracy_when_type_found"] == 1.0
    assert a1["sector_n"] == 2 and a1["sector_agreement"] == 0.5  # c MIL=MIL; d CVL vs MIL
    a2 = report["actor2_vs_target"]
    assert a2["country_n"] == 2 and a2["country_accuracy"] == 1.0


def test_score_rejects_misaligned_inputs():
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError):
        score([{"id": "a", "type": "AGREE"}], [])


def test_heads_status_flags_in_sample(tmp_path):
    from eventwire.events.train import _sha256

    path = tmp_path / "PLOVER_GSR_CAMEO.txt"
    path.write_text("[]", encoding="utf-8")
    assert heads_status(path, None).startswith("no classifier")
    trained = SimpleNamespace(meta={"trained_on": {"plover": {"name": "other.json", "sha256": _sha256(path)}}})
    assert "in-sample" in heads_status(path, trained)
    unrelated = SimpleNamespace(meta={"trained_on": {"acled": {"name": "a.csv"}}})
    assert heads_status(path, unrelated) == "installed heads (not trained on PLOVER)"


@pytest.fixture(scope="module")
def plover_slice(shared_data, tmp_path_factory):
    """Four ASSAULT/FIGHT and four PROTEST records of the real gold file, as a small file of its own."""
    source = shared_data / "plover" / "PLOVER_GSR_CAMEO.txt"
    if not source.exists():
        pytest.skip(f"needs {source}")
    records = json.loads(source.read_text(encoding="utf-8"))
    picked = [r for r in records if r.get("event") in ("ASSAULT", "FIGHT")][:4]
    picked += [r for r in records if r.get("event") == "PROTEST"][:4]
    path = tmp_path_factory.mktemp("plover") / "slice.json"
    path.write_text(json.dumps(picked), encoding="utf-8")
    return path


def test_evaluator_on_a_slice_of_the_gold(plover_slice, tmp_path):
    saved = tmp_path / "records.jsonl"
    rows: list = []
    report = evaluate_plover(plover_slice, classifier=False, save_records=saved, errors=rows)
    assert report["measured"].startswith("no classifier")
    assert report["records"] == 8 and len(rows) == 8
    # violent events and protests are the lexicon's strong side: most of them are found
    assert report["detection_rate"] >= 0.75
    assert report["type"]["found_accuracy"] >= 0.5
    assert report["actor1_vs_source"]["country_n"] >= 6
    assert {row["gold_type"] for row in rows} == {"ASSAULT", "PROTEST"}
    # re-scoring saved records gives the same figures without running the pipeline
    again = evaluate_plover(plover_slice, records_path=saved)
    assert {k: v for k, v in again.items() if k != "measured"} == {k: v for k, v in report.items() if k != "measured"}


def test_cli_evaluate_plover(plover_slice, tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(main, ["evaluate", "plover", str(plover_slice), "--no-classifier", "--limit", "3",
                                       "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "detection_rate:" in result.output and "actor1_vs_source:" in result.output
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 3


def test_protester_role_sector_agrees_with_gold_civilians_only():
    gold = [{"id": "p", "type": "PROTEST", "mode": None, "target": None,
             "source": {"actorText": "Thousands of Iraqi Kurds", "code": "IRQ", "sector": "CVL"}},
            {"id": "q", "type": "PROTEST", "mode": None, "target": None,
             "source": {"actorText": "opposition parties in Nepal", "code": "NPL", "sector": "OPP"}}]
    records = [_record("p", [_event("PROTEST", "demo", _actor("Thousands of Iraqi Kurds", "IRQ", "PRO"))]),
               _record("q", [_event("PROTEST", "demo", _actor("Seven opposition parties", None, "PRO"))])]
    a1 = score(gold, records)["actor1_vs_source"]
    assert a1["sector_n"] == 2 and a1["sector_agreement"] == 0.5  # CVL ~ PRO; POL (party) is lost as PRO
    assert a1["country_accuracy"] == 0.5 and a1["country_missing"] == 1
