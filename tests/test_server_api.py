"""The HTTP API (eventwire.server.app) through FastAPI's TestClient, on a DuckDB store of hand-made records."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from eventwire.records import DocumentRecord
from eventwire.server.app import MAX_BODY_BYTES, create_app
from eventwire.server.evidence import highlights
from eventwire.store import open_store
from server_records import protest_record, sample_records

KEY = "test-key-123"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One store for the module: tests that must change it use ``fresh_client``."""
    with open_store(tmp_path_factory.mktemp("api") / "events.duckdb") as store:
        store.write(sample_records())
        yield store


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store, api_key=KEY))


@pytest.fixture()
def fresh_client(tmp_path):
    with open_store(tmp_path / "events.duckdb") as store:
        store.write(sample_records())
        yield TestClient(create_app(store, api_key=KEY))


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["event_id"] for event in response.json()["events"]]


# ------------------------------------------------------------------ events


def test_events_default_order_and_totals(client):
    body = client.get("/api/events").json()
    assert body["total"] == 4
    assert [e["event_id"] for e in body["events"]][:2] == ["t-protest-e1", "t-shelling-e1"]
    first = body["events"][0]
    assert first["document_id"] == "t-protest" and first["document_title"].startswith("Kenyan police")
    assert first["actor1"]["country"] == "KEN" and first["injured"]["value"] == 12


def test_events_pagination_and_sorting(client):
    assert _ids(client.get("/api/events?limit=1&offset=1")) == ["t-shelling-e1"]
    assert client.get("/api/events?limit=1&offset=1").json()["total"] == 4
    assert _ids(client.get("/api/events?sort=-fatalities&limit=2")) == ["t-strike-e1", "t-shelling-e1"]
    assert _ids(client.get("/api/events?sort=date&limit=1")) in (["t-strike-e1"], ["t-strike-e2"])


@pytest.mark.parametrize(("query", "expected"), [
    ("since=2024-02-01", {"t-protest-e1", "t-shelling-e1"}),
    ("since=2024-01-01&until=2024-01-31", {"t-strike-e1", "t-strike-e2"}),
    ("country=irn", {"t-strike-e1"}),
    ("admin1=Kharkiv", {"t-shelling-e1"}),
    ("type=ASSAULT", {"t-strike-e1", "t-shelling-e1"}),
    ("acled_event_type=Protests", {"t-protest-e1"}),
    ("acled_sub_event_type=Air/drone strike", {"t-strike-e1"}),
    ("actor=air force", {"t-strike-e1"}),
    ("actor_country=RUS", {"t-shelling-e1"}),
    ("bbox=60,20,70,30", {"t-strike-e1"}),
    ("bbox=30,-5,40,55", {"t-protest-e1", "t-shelling-e1"}),
    ("q=tear gas", {"t-protest-e1"}),
    ("document_id=t-strike", {"t-strike-e1", "t-strike-e2"}),
    ("actor1_country=IRN&actor2_country=PAK", {"t-strike-e1", "t-strike-e2"}),
    ("type=ASSAULT&country=KEN", set()),
])
def test_event_filters(client, query, expected):
    response = client.get(f"/api/events?{query}")
    assert set(_ids(response)) == expected
    assert response.json()["total"] == len(expected)


def test_one_event_with_document_and_highlighted_evidence(client):
    body = client.get("/api/events/t-strike-e1").json()
    text = body["document"]["text"]
    assert body["event"]["type"] == "ASSAULT"
    assert body["document"]["title"] == "Pakistan strikes militants inside Iran"
    marks = {h["field"]: h for h in body["highlights"]}
    assert set(marks) == {"evidence", "trigger", "actor1", "actor2", "location", "date", "fatalities", "attribution"}
    for mark in body["highlights"]:
        assert text[mark["start"]:mark["end"]] == mark["text"]
    assert marks["fatalities"]["text"] == "killing at least nine people"
    assert marks["date"]["text"] == "early Thursday"
    assert marks["trigger"]["text"] == "struck"
    assert [e["event_id"] for e in body["document"]["events"]] == ["t-strike-e1", "t-strike-e2"]


def test_highlights_drop_spans_that_do_not_match_the_text():
    record = protest_record()
    event = json.loads(json.dumps(_event_json(record)))
    event["actor1"]["start"] += 3  # offsets no longer point at "protesters"
    fields = {h["field"] for h in highlights(event, record.text)}
    assert "actor1" not in fields and "actor2" in fields and "evidence" in fields


def _event_json(record: DocumentRecord) -> dict:
    from eventwire.records import to_dict

    return to_dict(record.events[0])


def test_unknown_event_and_document_are_404(client):
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404


# ------------------------------------------------------------------ documents, places, aggregates


def test_documents(client):
    body = client.get("/api/documents?limit=2").json()
    assert body["total"] == 3 and len(body["documents"]) == 2
    record = client.get("/api/documents/t-strike").json()
    assert len(record["events"]) == 2 and record["text"].startswith("Pakistan's air force")
    assert {p["name"] for p in record["places"]} == {"Sistan and Baluchestan", "Saravan"}


def test_places_timeline_dyads_stats(client):
    places = client.get("/api/places?country=UKR").json()["places"]
    assert [p["name"] for p in places if p["events"]] == ["Kharkiv"]
    month = client.get("/api/timeline?interval=month").json()
    assert month["buckets"] == [
        {"period": "2024-01", "events": 2, "fatalities": 9, "by_type": {"ASSAULT": 1, "THREATEN": 1}},
        {"period": "2024-02", "events": 1, "fatalities": 3, "by_type": {"ASSAULT": 1}},
        {"period": "2024-06", "events": 1, "fatalities": 0, "by_type": {"PROTEST": 1}},
    ]
    pair = client.get("/api/timeline?interval=month&actor1_country=PAK&actor2_country=IRN").json()
    assert [(b["period"], b["events"], b["fatalities"]) for b in pair["buckets"]] == [("2024-01", 2, 9)]
    dyads = client.get("/api/dyads").json()
    top = dyads["pairs"][0]
    assert top["pair"] == "IRN-PAK" and top["events"] == 2 and top["fatalities"] == 9
    assert top["first_date"] == top["last_date"] == "2024-01-18"
    assert {p["pair"] for p in dyads["pairs"]} == {"IRN-PAK", "KEN-KEN", "RUS-UKR"}
    stats = client.get("/api/stats").json()
    assert stats["events"] == 4 and stats["documents"] == 3 and stats["fatalities"] == 12


def test_geojson_and_csv_downloads(client):
    response = client.get("/api/events.geojson?type=ASSAULT")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert {f["id"] for f in features} == {"t-strike-e1", "t-shelling-e1"}
    strike = next(f for f in features if f["id"] == "t-strike-e1")
    assert strike["geometry"] == {"type": "Point", "coordinates": [62.33, 27.37]}
    assert strike["properties"]["fatalities"] == 9
    response = client.get("/api/events.csv?country=KEN")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1 and rows[0]["actor1"] == "Protesters (Kenya)" and rows[0]["injured"] == "12"


def test_openapi_description_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/events.geojson", "/api/events.csv", "/api/documents",
                 "/api/places", "/api/timeline", "/api/dyads", "/api/ingest"):
        assert path in paths
    assert "bbox" in {p["name"] for p in paths["/api/events"]["get"]["parameters"]}


def test_dashboard_and_its_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert client.get("/static/app.js").status_code == 200
    outlines = client.get("/api/outlines").json()
    assert outlines["type"] == "FeatureCollection"
    if outlines["available"]:
        iran = [f for f in outlines["features"] if f["properties"]["iso3"] == "IRN"]
        assert iran and iran[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


# ------------------------------------------------------------------ bad requests: 4xx, never 500


@pytest.mark.parametrize("query", [
    "since=2024-13-45", "since=2024-03-01&until=2024-01-01", "bbox=1,2,3", "bbox=a,b,c,d", "bbox=0,10,5,-10",
    "limit=100000", "limit=-1", "offset=x", "sort=title", "type=BOMBING", "country=Iran", "interval=hour",
])
def test_malformed_queries_are_422(client, query):
    path = "/api/timeline" if query.startswith("interval") else "/api/events"
    response = client.get(f"{path}?{query}")
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def _unchanged(client, before):
    assert client.get("/api/stats").json()["events"] == before["events"]
    assert client.get("/api/stats").json()["documents"] == before["documents"]


def test_ingest_needs_the_key(client):
    before = client.get("/api/stats").json()
    payload = {"documents": [{"id": "x", "text": "Troops clashed with rebels near Goma on Monday."}]}
    missing = client.post("/api/ingest", json=payload)
    assert missing.status_code == 401 and "API key" in missing.json()["detail"]
    assert client.post("/api/ingest", json=payload, headers={"X-API-Key": "wrong"}).status_code == 401
    assert client.post("/api/ingest", json=payload, headers={"Authorization": "Bearer wrong"}).status_code == 401
    _unchanged(client, before)


def test_ingest_disabled_without_a_key(store):
    client = TestClient(create_app(store))
    response = client.post("/api/ingest", json={"documents": [{"text": "x"}]}, headers={"X-API-Key": "anything"})
    assert response.status_code == 403 and "--api-key" in response.json()["detail"]


@pytest.mark.parametrize(("body", "content_type", "status"), [
    (b"{not json", "application/json", 400),
    (b"", "application/json", 422),
    (b'{"documents": []}', "application/json", 422),
    (b'{"documents": [{"id": "a", "title": "no text"}]}', "application/json", 422),
    (b'{"documents": [{"id": "a", "text": "ok text"}, {"id": "b", "text": "   "}]}', "application/json", 422),
    (b'{"documents": [{"id": "a", "text": "fine", "date": "yesterday"}]}', "application/json", 422),
    (b"\xff\xfe\x00binary", "application/octet-stream", 422),
])
def test_malformed_ingest_is_refused_whole(client, body, content_type, status):
    before = client.get("/api/stats").json()
    response = client.post("/api/ingest", content=body, headers={"X-API-Key": KEY, "Content-Type": content_type})
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    _unchanged(client, before)


def test_oversized_ingest_is_413(client):
    before = client.get("/api/stats").json()
    big = json.dumps({"documents": [{"text": "a" * (MAX_BODY_BYTES + 10)}]}).encode()
    response = client.post("/api/ingest", content=big, headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert response.status_code == 413 and "limit" in response.json()["detail"]
    # no Content-Length (chunked): counted while reading
    chunks = (b"x" * (1024 * 1024) for _ in range(11))
    response = client.post("/api/ingest", content=chunks, headers={"X-API-Key": KEY, "Content-Type": "text/plain"})
    assert response.status_code == 413
    _unchanged(client, before)


def test_ingest_runs_the_pipeline_and_stores(fresh_client, monkeypatch):
    """The endpoint's wiring (models loaded once, records written); the pipeline itself is tested elsewhere."""
    client = fresh_client
    from eventwire import api

    seen = []

    def fake_extract_many(documents, *, settings=None, models=None, **_):
        for document in documents:
            seen.append((document.id, document.date.isoformat() if document.date else None, models))
            record = protest_record()
            record.id, record.title, record.text = document.id, document.title, document.text
            for event in record.events:
                event.event_id = f"{document.id}-e1"
            yield record

    loads = []
    monkeypatch.setattr(api, "extract_many", fake_extract_many)
    monkeypatch.setattr(api, "load_models", lambda settings=None: loads.append(1) or "MODELS")
    text = protest_record().text
    payload = {"documents": [{"id": "new-1", "text": text, "date": "2024-06-25", "title": "one"}]}
    response = client.post("/api/ingest", json=payload, headers={"X-API-Key": KEY})
    assert response.status_code == 201, response.text
    assert response.json() == {"documents": 1, "events": 1, "ids": ["new-1"], "errors": {}}
    assert seen == [("new-1", "2024-06-25", "MODELS")]
    assert client.get("/api/events/new-1-e1").json()["document"]["title"] == "one"
    # JSON Lines and a wire-format article work too; models are loaded once
    jsonl = json.dumps({"id": "new-2", "text": text}) + "\n"
    assert client.post("/api/ingest", content=jsonl, headers={"X-API-Key": KEY, "Content-Type": "application/x-ndjson"}).status_code == 201
    wire = " date 2024-06-26 " + text
    response = client.post("/api/ingest", content=wire.encode(), headers={"Authorization": f"Bearer {KEY}", "Content-Type": "text/plain"})
    assert response.status_code == 201 and seen[-1][1] == "2024-06-26"
    assert loads == [1]
    assert client.get("/api/stats").json()["documents"] == 6


def test_serve_command_binds_loopback_by_default():
    import inspect

    from eventwire.server.app import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_ingest_without_installed_models_is_503_and_stores_nothing(client, monkeypatch):
    from eventwire import api
    from eventwire.errors import EventwireError

    def missing(settings=None):
        raise EventwireError("E021", "classifier heads missing")

    monkeypatch.setattr(api, "load_models", missing)
    before = client.get("/api/stats").json()
    response = client.post("/api/ingest", json={"documents": [{"text": "Rebels attacked a convoy near Goma."}]},
                           headers={"X-API-Key": KEY})
    assert response.status_code == 503 and "E021" in response.json()["detail"]
    _unchanged(client, before)


NASTY = ["", " ", "%", "_", "'", "\"", "\\", "%00", "a" * 600, "1e309", "-1", "NaN", "2024-02-30", "IR", "🙂",
         "DROP TABLE events;", "2024", "2024-01", ",,,,", "180,90,-180,-90"]
PARAMS = ["since", "until", "country", "actor_country", "admin1", "type", "acled_event_type", "acled_sub_event_type",
          "actor", "actor1_country", "actor2_country", "bbox", "q", "document_id", "limit", "offset", "sort"]


def test_no_query_value_makes_a_500(store):
    client = TestClient(create_app(store), raise_server_exceptions=False)
    for name in PARAMS:
        for value in NASTY:
            response = client.get("/api/events", params={name: value})
            assert response.status_code < 500, (name, value, response.text)
    # the other routes share the same filters: a few of the values through each
    for path in ("/api/events.csv", "/api/events.geojson", "/api/timeline", "/api/dyads", "/api/places"):
        for name, value in [("since", "2024-02-30"), ("bbox", ",,,,"), ("q", "%"), ("actor", "'"), ("country", "IR"),
                            ("limit", "1e309"), ("actor2_country", "🙂"), ("type", "DROP TABLE events;")]:
            response = client.get(path, params={name: value})
            assert response.status_code < 500, (path, name, value, response.text)
    for value in NASTY[1:]:
        assert client.get(f"/api/events/{value}").status_code < 500
        assert client.get(f"/api/documents/{value}").status_code < 500


def test_api_docs_page_is_local(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text
    assert "cdn" not in page.text.lower()
    assert client.get("/vendor/swagger-ui/other.js").status_code == 422


def test_topojson_decoding_of_quantized_arcs():
    from eventwire.server.outlines import topojson_to_geojson

    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],  # delta-encoded
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "364", "properties": {"name": "Iran"}},
            {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "id": "586", "properties": {"name": "Pakistan"}},
        ]}},
    }
    features = topojson_to_geojson(topology)["features"]
    square = [(10.0, 20.0), (11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0)]
    assert features[0]["properties"] == {"name": "Iran", "iso3": "IRN"}
    assert features[0]["geometry"] == {"type": "Polygon", "coordinates": [square]}
    assert features[1]["properties"]["iso3"] == "PAK"
    assert features[1]["geometry"]["coordinates"] == [[square[::-1]]]


def test_ingest_with_the_real_pipeline(fresh_client):
    text = ("Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, injuring 12 people, "
            "witnesses said.")
    response = fresh_client.post("/api/ingest", headers={"X-API-Key": KEY},
                                 json={"documents": [{"id": "live-1", "text": text, "date": "2024-06-25"}]})
    if response.status_code == 503:
        pytest.skip(f"the pipeline's models are not installed here: {response.json()['detail']}")
    assert response.status_code == 201, response.text
    assert response.json()["documents"] == 1 and response.json()["events"] >= 1
    events = fresh_client.get("/api/events?document_id=live-1").json()["events"]
    assert events
    for event in events:
        body = fresh_client.get(f"/api/events/{event['event_id']}").json()
        assert body["document"]["text"] == text
        assert any(mark["field"] == "evidence" for mark in body["highlights"])
        for mark in body["highlights"]:
            assert text[mark["start"]:mark["end"]] == mark["text"]


def _iran_strike_record(day: str | None = None) -> DocumentRecord:
    """Iran's missiles on Pakistani soil, no target actor named (``day``: its date and the article's)."""
    record = protest_record()
    text = "Iranian missiles struck a village in Pakistan's Balochistan province on Tuesday, killing two children."
    event = record.events[0]
    record.id, record.text, record.title = "t-iran-strike", text, "Iran strikes Pakistan"
    event.event_id, event.type, event.actor2 = "t-iran-strike-e1", "ASSAULT", None
    event.actor1.text, event.actor1.start, event.actor1.end = "Iranian missiles", 0, 16
    event.actor1.name, event.actor1.country = "Military Forces of Iran", "IRN"
    event.actor1.sector, event.actor1.acled_inter = "MIL", 8
    start = text.index("Balochistan")
    event.location.text, event.location.start, event.location.end = "Balochistan", start, start + 11
    event.location.name, event.location.country = "Balochistan", "PAK"
    event.evidence.text, event.evidence.start, event.evidence.end = text, 0, len(text)
    event.date.text, event.date.offset_start = "on Tuesday", text.index("on Tuesday")
    event.date.offset_end = event.date.offset_start + 10
    event.injured, event.evidence.trigger_start, event.evidence.trigger_end = None, 17, 23
    if day:
        record.date = event.date.value = event.date.start = event.date.end = day
    return record


def test_a_strike_on_the_other_country_with_no_target_actor_belongs_to_the_pair(fresh_client):
    fresh_client.app.state.store.write([_iran_strike_record()])
    ids = _ids(fresh_client.get("/api/events?actor1_country=PAK&actor2_country=IRN&sort=date"))
    assert sorted(ids) == ["t-iran-strike-e1", "t-strike-e1", "t-strike-e2"]
    assert _ids(fresh_client.get("/api/events?actor1_country=IRN&actor2_country=KEN")) == []


def test_pair_interactions_mark_a_retaliation_and_name_the_article_events(fresh_client):
    # Iran strikes Pakistani soil on 16 January; Pakistan strikes Iranian soil on the 18th: a retaliation.
    fresh_client.app.state.store.write([_iran_strike_record("2024-01-16")])
    body = fresh_client.get("/api/dyads/interactions?actors=IRN,PAK&since=2024-01-01").json()
    assert body["merged"] is True  # a writable store is merged first
    [pair] = body["pairs"]
    steps = {step["source_event_ids"][0]: step for step in pair["interactions"]}
    assert set(steps) == {"t-iran-strike-e1", "t-strike-e1", "t-strike-e2"}
    assert steps["t-iran-strike-e1"]["direction"] == "IRN->PAK" and steps["t-iran-strike-e1"]["roles"] == []
    answer = steps["t-strike-e1"]
    assert answer["roles"] == ["retaliation"] and answer["retaliation_gap_days"] == 2
    assert answer["retaliation_for"] == steps["t-iran-strike-e1"]["event_id"]
    assert steps["t-strike-e2"]["roles"] == ["threat"]
    assert fresh_client.get("/api/dyads/interactions?actors=IRN,PAK&until=2024-01-17").json()["pairs"][0][
        "summary"]["IRN->PAK"]["events"] == 1


# ------------------------------------------------------------------ sharing the file with `eventwire ingest`


def test_eventwire_ingest_runs_while_the_server_has_the_store_open(tmp_path):
    path = tmp_path / "events.duckdb"
    with open_store(path) as store:
        store.write(sample_records())
    article = tmp_path / "strike.txt"
    article.write_text("Pakistan's military launched airstrikes on militant hideouts in Iran's Sistan and "
                       "Baluchestan province early Thursday, killing nine people, officials said.\n", encoding="utf-8")
    with TestClient(create_app(path)) as client:  # the server opens the file itself (read-only, hold=False)
        assert client.get("/api/documents").json()["total"] == 3
        ingest = subprocess.run(
            [sys.executable, "-c", "from eventwire.cli import main; main()", "ingest", str(article),
             "--db", str(path), "--no-progress"],
            capture_output=True, text=True, timeout=300)
        assert ingest.returncode == 0, ingest.stderr
        assert "stored 1 documents" in ingest.stderr
        assert client.get("/api/documents").json()["total"] == 4  # the server sees what ingest stored
        interactions = client.get("/api/dyads/interactions").json()
        assert interactions["merged"] is True  # ingest merged the canonical events at its end
