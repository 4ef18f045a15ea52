"""Dyads (eventwire.dyads): directed interactions, intensity, retaliation, downgrades, appeals, timeline."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from records_factory import sample_records

from eventwire import dyads
from eventwire.store import open_store

SEED = "../shared/data/seed/pakistan_iran_strikes_2024-01-18.txt"
IRN_MIL = {"name": "Military Forces of Iran", "country": "IRN", "sector": "MIL"}
IRN_GOV = {"name": "Government of Iran", "country": "IRN", "sector": "GOV"}
PAK_MIL = {"name": "Military Forces of Pakistan", "country": "PAK", "sector": "MIL"}
PAK_GOV = {"name": "Government of Pakistan", "country": "PAK", "sector": "GOV"}
CHN_GOV = {"name": "Government of China", "country": "CHN", "sector": "GOV"}
BLA = {"name": "Baluch Liberation Army", "country": None, "sector": "REB", "acled_inter": 2}
MILITANTS = {"name": "militants", "country": None, "sector": "REB"}
IN_PAK = {"name": "Panjgur", "country": "PAK"}
IN_IRN = {"name": "Saravan", "country": "IRN"}


def ev(event_id, type_, day, text, actor1, actor2=None, where=None, dead=None, doc="seed"):
    return {"event_id": event_id, "type": type_, "mode": None, "actor1": actor1, "actor2": actor2,
            "date": {"value": day, "start": day, "end": day, "precision": "day"}, "location": where,
            "fatalities": {"value": dead} if dead is not None else None,
            "evidence": {"text": text, "start": 0, "end": len(text)}, "document_id": doc}


# The seed article's story, as the pipeline codes it (sentences quoted from the article).
SPIRAL = [
    ev("pak-strikes", "ASSAULT", "2024-01-18", "Pakistan's air force launched retaliatory airstrikes in Iran early "
       "Thursday allegedly targeting militant hideouts, an attack that killed at least nine people.",
       PAK_MIL, MILITANTS, IN_IRN, 9),
    ev("irn-attack", "ASSAULT", "2024-01-16", "The strikes in Sistan and Baluchestan province follow Iran's attack "
       "Tuesday on Pakistani soil that killed two children in the southwestern Baluchistan province.",
       IRN_MIL, None, IN_PAK, 2),
    ev("irn-summons", "ACCUSE", "2024-01-18", "Iran summoned Pakistan's charge d'affaires in the country.",
       IRN_GOV, PAK_GOV),
    ev("pak-ambassador", "SANCTION", "2024-01-17", "Pakistan already had withdrawn its ambassador over Tuesday's "
       "attack.", PAK_GOV, IRN_GOV),
    ev("bla-threat", "THREATEN", "2024-01-18", "We will avenge it and we announce war on the state of Pakistan.",
       BLA, PAK_GOV),
    ev("chn-appeal", "REQUEST", "2024-01-18", "China, a crucial partner in both countries, urged restraint.",
       CHN_GOV),
]


def pair(result, a, b):
    return next(d for d in result if d["pair"] == sorted([a, b]))


def test_intensity_scale_is_ordered_from_cooperation_to_conflict():
    assert dyads.INTENSITY["AID"] > dyads.INTENSITY["CONSULT"] > 0 > dyads.INTENSITY["ACCUSE"]
    assert dyads.INTENSITY["ACCUSE"] > dyads.INTENSITY["THREATEN"] > dyads.INTENSITY["ASSAULT"]
    assert set(dyads.INTENSITY) == set(__import__("eventwire.records", fromlist=["x"]).PLOVER_TYPES)
    assert dyads.intensity({"type": "ASSAULT", "fatalities": {"value": 9}}) == -10.0
    assert dyads.intensity({"type": "ASSAULT"}) == -9.0


def test_actor_keys_countries_and_named_groups():
    assert dyads.actor_key(PAK_MIL) == "PAK"
    assert dyads.actor_key(BLA) == "Baluch Liberation Army"
    assert dyads.actor_key(MILITANTS) is None  # a generic group is nobody in particular
    assert dyads.actor_key({"name": "16 terrorists", "sector": "REB"}) is None
    assert dyads.actor_key({"name": "unidentified gunmen", "sector": "MIL_NONSTATE"}) is None
    assert dyads.actor_key({"name": "3R rebels", "sector": "REB"}) == "3R rebels"
    assert dyads.actor_key({"name": "Civilians", "country": "PAK", "sector": "CVL"}) == "PAK"


def test_the_spiral_between_iran_and_pakistan():
    result = dyads.dyads(SPIRAL, actors=["IRN", "PAK"])
    assert len(result) == 1
    steps = result[0]["interactions"]
    by_id = {s["event_id"]: s for s in steps}
    assert [s["event_id"] for s in steps][:2] == ["irn-attack", "pak-ambassador"]
    # Iran's Tuesday attack on Pakistani soil is an interaction with Pakistan (its territory).
    assert by_id["irn-attack"]["direction"] == "IRN->PAK" and by_id["irn-attack"]["target_from"] == "territory"
    strike = by_id["pak-strikes"]
    assert strike["direction"] == "PAK->IRN" and "retaliation" in strike["roles"]
    assert strike["retaliation_for"] == "irn-attack" and strike["retaliation_gap_days"] == 2
    assert strike["retaliation_cue"] is True
    assert "diplomatic_downgrade" in by_id["pak-ambassador"]["roles"]
    assert by_id["pak-ambassador"]["in_response_to"] == "irn-attack"
    assert "diplomatic_downgrade" in by_id["irn-summons"]["roles"]
    assert "third_party_appeal" in by_id["chn-appeal"]["roles"]
    episode = result[0]["episodes"][0]
    assert episode["start"] == "2024-01-16" and episode["retaliations"] == 1
    assert episode["diplomatic_downgrades"] == 2 and episode["third_party_appeals"] == 1
    summary = result[0]["summary"]
    assert summary["PAK->IRN"]["fatalities"] == 9 and summary["IRN->PAK"]["by_type"] == {"ACCUSE": 1, "ASSAULT": 1}


def test_no_retaliation_without_a_prior_act_or_outside_the_window():
    late = [dict(SPIRAL[1]), dict(SPIRAL[0])]
    late[1] = dict(late[1], date={"value": "2024-02-20", "start": "2024-02-20", "end": "2024-02-20",
                                  "precision": "day"})
    steps = dyads.dyads(late, actors=["IRN", "PAK"])[0]["interactions"]
    assert all("retaliation" not in s["roles"] for s in steps)
    one_sided = dyads.dyads([SPIRAL[0]], actors=["IRN", "PAK"])[0]["interactions"]
    assert one_sided[0]["roles"] == []


def test_group_pairs_and_single_actor_filter():
    result = dyads.dyads(SPIRAL, actors=["PAK"])
    keys = [tuple(d["pair"]) for d in result]
    assert ("Baluch Liberation Army", "PAK") in keys and ("IRN", "PAK") in keys
    threat = pair(result, "Baluch Liberation Army", "PAK")["interactions"][0]
    assert threat["roles"] == ["threat"] and threat["intensity"] == -6.0


def test_timeline_rows_csv_and_json():
    result = dyads.dyads(SPIRAL, actors=["IRN", "PAK"])
    rows = list(csv.DictReader(io.StringIO(dyads.write_timeline(result, "csv"))))
    assert rows[0]["date"] == "2024-01-16" and rows[0]["direction"] == "a->b" and rows[0]["types"] == "ASSAULT"
    thursday = [r for r in rows if r["date"] == "2024-01-18"]
    assert {r["direction"] for r in thursday} == {"a->b", "b->a", "third_party"}
    assert sum(int(r["retaliations"]) for r in rows) == 1
    as_json = json.loads(dyads.write_timeline(result, "json"))
    assert [r["date"] for r in as_json] == [r["date"] for r in rows]


def test_cli_dyads_over_a_store(tmp_path):
    from eventwire.cli import main

    db = tmp_path / "d.duckdb"
    with open_store(db) as store:
        store.write(sample_records())
    out = tmp_path / "t.csv"
    result = CliRunner().invoke(main, ["dyads", "--db", str(db), "--actors", "IRN,PAK", "--format", "json",
                                       "--raw", "--timeline", str(out)])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.output)["pairs"]
    assert pairs[0]["pair"] == ["IRN", "PAK"]
    directions = {s["event_id"]: s for s in pairs[0]["interactions"]}
    assert "retaliation" in directions["ev-strike-saravan"]["roles"]  # two days after Iran's strike on Panjgur
    assert out.read_text().startswith("actor_a,actor_b,date")


def test_api_interactions_route():
    from fastapi.testclient import TestClient

    from eventwire.server.app import create_app

    with open_store(":memory:") as store:
        store.write(sample_records())
        client = TestClient(create_app(store))
        body = client.get("/api/dyads/interactions", params={"actors": "IRN,PAK", "window": 3}).json()
    assert body["merged"] is True and body["pairs"][0]["pair"] == ["IRN", "PAK"]
    roles = [step["roles"] for step in body["pairs"][0]["interactions"]]
    assert ["retaliation"] in roles
