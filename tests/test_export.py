"""Exports (eventwire.export): ACLED CSV, PLOVER JSON Lines, GeoJSON and Parquet from a store."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from records_factory import sample_records

from eventwire.errors import EventwireError
from eventwire.export import (
    ACLED_COLUMNS, ACLED_EXTRA_COLUMNS, ACLED_ISO3, ACLED_REGION, acled_row, country_name, export,
    interaction_code, iso_numeric,
)
from eventwire.records import ACLED_EVENT_TYPE_OF_SUB, PLOVER_TYPES, event_from_dict, to_dict
from eventwire.store import EventQuery, open_store


@pytest.fixture(scope="module")
def store():
    with open_store(":memory:") as s:
        s.write(sample_records())
        yield s


def acled_rows(store, query=None, **options) -> tuple[list[str], list[dict]]:
    buffer = io.StringIO()
    n = export(store, "acled-csv", buffer, query, **options)
    reader = csv.DictReader(io.StringIO(buffer.getvalue()))
    rows = list(reader)
    assert n == len(rows)
    return reader.fieldnames, rows


# --------------------------------------------------------------------------- ACLED CSV


def test_acled_header_is_acleds(store):
    header, _ = acled_rows(store)
    assert tuple(header) == ACLED_COLUMNS
    header, _ = acled_rows(store, extras=True)
    assert tuple(header) == ACLED_COLUMNS + ACLED_EXTRA_COLUMNS


def test_acled_header_matches_a_real_acled_export(shared_data):
    with open(shared_data / "acled" / "acled_2020-05_dev.csv", encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == ACLED_COLUMNS


def test_acled_country_region_and_iso_spellings_match_acleds(shared_data):
    from_acled = {}
    with open(shared_data / "acled" / "acled_2020-05_dev.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            from_acled[row["iso3"]] = (row["country"], row["iso"], row["region"])
    iso_of = {acled: iso for iso, acled in ACLED_ISO3.items()}
    ours = {code: (country_name(iso_of.get(code, code)), str(iso_numeric(iso_of.get(code, code))),
                   ACLED_REGION.get(iso_of.get(code, code))) for code in from_acled}
    assert ours == from_acled


def test_acled_rows_spell_everything_as_acled_does(store):
    _, rows = acled_rows(store)
    by_location = {row["location"]: row for row in rows}
    assert set(by_location) == {"Saravan", "Panjgur", "Nairobi"}  # the uncoded ACCUSE/CONSULT are left out

    saravan = by_location["Saravan"]
    assert saravan["event_date"] == "18 January 2024" and saravan["year"] == "2024"
    assert saravan["time_precision"] == "1"
    assert (saravan["event_type"], saravan["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (saravan["actor1"], saravan["inter1"], saravan["actor2"], saravan["inter2"]) == (
        "Military Forces of Pakistan", "8", "", "0")
    assert saravan["interaction"] == "80"
    assert (saravan["country"], saravan["iso"], saravan["iso3"], saravan["region"]) == ("Iran", "364", "IRN",
                                                                                      "Middle East")
    assert saravan["admin1"] == "Sistan and Baluchestan"
    assert (saravan["latitude"], saravan["longitude"], saravan["geo_precision"]) == ("27.3709", "62.331", "1")
    assert saravan["fatalities"] == "9"
    assert saravan["source"] == "voanews.com"
    assert saravan["notes"].startswith("Pakistan said its military launched airstrikes")
    assert saravan["event_id_cnty"] == "IRN" + saravan["event_id_no_cnty"]

    panjgur = by_location["Panjgur"]
    assert (panjgur["actor2"], panjgur["inter2"], panjgur["interaction"]) == ("Civilians (Pakistan)", "7", "78")

    nairobi = by_location["Nairobi"]
    # Protesters are named generically by ACLED; state forces and protesters interact as 16.
    assert (nairobi["actor1"], nairobi["inter1"]) == ("Protesters (Kenya)", "6")
    assert (nairobi["actor2"], nairobi["inter2"], nairobi["interaction"]) == ("Police Forces of Kenya", "1", "16")
    assert nairobi["fatalities"] == "0"  # ACLED writes 0, never blank
    for row in rows:
        assert ACLED_EVENT_TYPE_OF_SUB[row["sub_event_type"]] == row["event_type"]


def test_acled_ids_are_stable_and_extras_lead_back_to_the_evidence(store):
    _, first = acled_rows(store, extras=True)
    _, second = acled_rows(store, extras=True)
    assert [r["event_id_cnty"] for r in first] == [r["event_id_cnty"] for r in second]
    by_id = {r["eventwire_event_id"]: r for r in first}
    nairobi = by_id["ev-protest-nairobi"]
    document = store.get_document(nairobi["eventwire_document_id"])
    start, end = int(nairobi["eventwire_evidence_start"]), int(nairobi["eventwire_evidence_end"])
    assert document["text"][start:end] == nairobi["notes"]
    assert nairobi["eventwire_plover_type"] == "PROTEST"


def test_acled_all_events_and_other_date_format(store):
    _, rows = acled_rows(store, all_events=True, date_format="%Y-%m-%d")
    assert len(rows) == 5
    talks = next(r for r in rows if r["location"] == "Islamabad")
    assert talks["event_type"] == "" and talks["event_date"] == "2024-01-29"
    # No acled_inter given: from the GOV sector, and Iran's state abroad is "External/Other forces" (8).
    assert (talks["inter1"], talks["inter2"], talks["interaction"]) == ("8", "1", "18")
    assert talks["source"] == "ap-talks"  # no URL: the document id


def test_interaction_codes_follow_acled():
    assert interaction_code(1, 3) == 13
    assert interaction_code(3, 1) == 13
    assert interaction_code(7, 2) == 27
    assert interaction_code(6, 0) == 60
    assert interaction_code(8, 8) == 88
    assert interaction_code(0, 0) == 0


def test_an_unnamed_side_is_named_as_acled_names_it():
    # "On Sunday, gunmen shot dead a shopkeeper in Celaya": no named perpetrator, the classifier read
    # an armed group (3) against a civilian (7) - ACLED's "Unidentified Armed Group (Mexico)"
    event = {"event_id": "x-1-2", "type": "ASSAULT", "acled_event_type": "Violence against civilians",
             "acled_sub_event_type": "Attack", "actor1": None, "actor2": None, "acled_inter1": 3, "acled_inter2": 7,
             "date": {"value": "2020-05-03", "precision": "day"},
             "location": {"name": "Celaya", "country": "MEX", "admin1": "Guanajuato", "lat": 20.52, "lon": -100.81},
             "evidence": {"text": "gunmen shot dead a shopkeeper in Celaya", "start": 0, "end": 40, "trigger": "shot"}}
    row = acled_row(event)
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Unidentified Armed Group (Mexico)", 3, "Civilians (Mexico)", 7)
    assert row["interaction"] == 37
    event["acled_inter1"] = 1  # unnamed state forces: left blank rather than guessed
    assert acled_row(event)["actor1"] == "" and acled_row(event)["inter1"] == 1


def test_query_limits_the_export(store):
    _, rows = acled_rows(store, EventQuery(country="PAK", limit=None))
    assert [r["location"] for r in rows] == ["Panjgur"]
    _, rows = acled_rows(store, EventQuery(limit=1, sort="-fatalities"))
    assert [r["location"] for r in rows] == ["Saravan"]


# --------------------------------------------------------------------------- PLOVER


def test_plover_jsonl_fields(store):
    buffer = io.StringIO()
    assert export(store, "plover-jsonl", buffer) == 5
    records = {r["id"]: r for r in map(json.loads, buffer.getvalue().splitlines())}
    assert all(r["event"] in PLOVER_TYPES for r in records.values())
    talks = records["ev-talks"]
    assert (talks["date"], talks["event"], talks["mode"]) == ("2024-01-29", "CONSULT", "visit")
    assert talks["source"] == [{"actorText": "Hossein Amir-Abdollahian", "code": "IRN", "sector": "GOV",
                                "name": "Hossein Amir-Abdollahian", "start": 24, "end": 48}]
    assert talks["target"][0]["code"] == "PAK"
    assert talks["eventLoc"]["name"] == "Islamabad" and talks["eventLoc"]["country code"] == "PK"
    assert talks["eventText"] == "met"
    assert records["ev-strike-saravan"]["dead"] == 9
    assert records["ev-protest-nairobi"]["injured"] == 12
    assert records["ev-accuse"]["target"] == [] and records["ev-accuse"]["eventLoc"] is None


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_is_a_valid_feature_collection_of_located_events(store, tmp_path):
    path = tmp_path / "events.geojson"
    assert export(store, "geojson", path) == 4  # ev-accuse has no location
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert (lon, lat) == (props["longitude"], props["latitude"])
        assert all(not isinstance(v, dict | list) for v in props.values())  # flat
    nairobi = next(f for f in collection["features"] if f["id"] == "ev-protest-nairobi")
    assert nairobi["geometry"]["coordinates"] == [36.81667, -1.28333]
    assert nairobi["properties"]["actor2_name"] == "Police Forces of Kenya"


def test_geojson_can_keep_unlocated_events(store):
    buffer = io.StringIO()
    assert export(store, "geojson", buffer, include_unlocated=True) == 5
    features = json.loads(buffer.getvalue())["features"]
    assert sum(f["geometry"] is None for f in features) == 1


def test_empty_geojson_is_still_valid():
    with open_store(":memory:") as empty:
        buffer = io.StringIO()
        assert export(empty, "geojson", buffer) == 0
        assert json.loads(buffer.getvalue()) == {"type": "FeatureCollection", "features": []}


# --------------------------------------------------------------------------- Parquet


def test_parquet_is_readable_and_keeps_the_full_event(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", path) == 5
    table = pq.read_table(path)
    assert table.num_rows == 5
    assert {"event_id", "type", "latitude", "fatalities", "evidence_start", "event_json"} <= set(table.column_names)
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert rows["ev-strike-saravan"]["fatalities"] == 9
    assert rows["ev-accuse"]["latitude"] is None
    originals = {e.event_id: e for r in sample_records() for e in r.events}
    for event_id, row in rows.items():
        assert event_from_dict(json.loads(row["event_json"])) == originals[event_id]


def test_parquet_to_a_binary_stream_not_a_text_one(store):
    buffer = io.BytesIO()
    assert export(store, "parquet", buffer, EventQuery(type="ASSAULT")) == 2
    assert pq.read_table(io.BytesIO(buffer.getvalue())).num_rows == 2
    with pytest.raises(EventwireError):
        export(store, "parquet", io.StringIO())


# --------------------------------------------------------------------------- outputs


def test_text_formats_write_to_binary_streams_and_paths(store, tmp_path):
    binary = io.BytesIO()
    assert export(store, "plover-jsonl", binary) == 5
    assert len(binary.getvalue().decode("utf-8").splitlines()) == 5
    path = tmp_path / "events.csv"
    assert export(store, "acled-csv", str(path)) == 3
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(ACLED_COLUMNS)


def test_unknown_format_is_an_error(store):
    with pytest.raises(EventwireError) as err:
        export(store, "xlsx", io.StringIO())
    assert err.value.code == "E040"


def test_round_trip_through_the_record_json(store):
    # What the store gives back to exports is the contract's Event JSON, field for field.
    events, _ = store.query_events(EventQuery(limit=None))
    originals = {e.event_id: to_dict(e) for r in sample_records() for e in r.events}
    for event in events:
        assert {k: v for k, v in event.items() if not k.startswith("document_")} == originals[event["event_id"]]
