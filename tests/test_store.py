"""The store (eventwire.store): upsert, round trip, every query filter, aggregates, files and locks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from records_factory import protest_record, sample_records, strikes_record

from eventwire.errors import EventwireError
from eventwire.records import Actor, DocumentRecord, Event, EventDate, Evidence, Place, to_dict
from eventwire.store import EventQuery, open_store


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        s.write(sample_records())
        yield s


def ids(store, **filters) -> list[str]:
    events, total = store.query_events(EventQuery(limit=None, sort="date", **filters))
    assert total == len(events)
    return [e["event_id"] for e in events]


# --------------------------------------------------------------------------- writing


def test_write_counts_documents_and_rows(store):
    stats = store.stats()
    assert (stats["documents"], stats["events"], stats["places"], stats["times"]) == (4, 5, 6, 4)
    assert stats["actors"] == 8  # actor1 of all five events, actor2 of three
    assert stats["documents_with_errors"] == 1
    assert stats["fatalities"] == 11
    assert stats["events_by_type"] == {"ASSAULT": 2, "ACCUSE": 1, "CONSULT": 1, "PROTEST": 1}
    assert (stats["first_event_date"], stats["last_event_date"]) == ("2024-01-16", "2024-06-25")


def test_rewriting_a_document_replaces_it_never_duplicates(store):
    assert store.write(sample_records()) == 4
    assert store.write([strikes_record()]) == 1
    stats = store.stats()
    assert (stats["documents"], stats["events"], stats["places"], stats["actors"]) == (4, 5, 6, 8)

    changed = strikes_record()
    changed.events = changed.events[:1]
    changed.events[0].fatalities.value = 10
    store.write([changed])
    assert ids(store, document_id="voa-strikes") == ["ev-strike-saravan"]
    assert store.get_event("ev-strike-saravan")["fatalities"]["value"] == 10
    assert store.stats()["events"] == 3


def test_same_id_twice_in_one_batch_keeps_the_last():
    first, second = strikes_record(), strikes_record()
    second.events = []
    with open_store(":memory:") as s:
        assert s.write([first, second]) == 1
        assert s.stats()["events"] == 0


def test_write_is_all_or_nothing_across_chunks(store):
    changed = strikes_record()
    changed.events = []
    broken = protest_record()
    broken.id = ""
    with pytest.raises(EventwireError):
        store.write([changed, broken], chunk=1)
    assert store.get_document("voa-strikes")["events"] != []  # the first chunk was rolled back
    assert store.stats()["events"] == 5
    assert store.write([changed, strikes_record(), protest_record()], chunk=1) == 2  # the last version wins
    assert store.stats()["events"] == 5


def test_values_no_database_accepts_are_made_storable(store):
    record = protest_record()
    record.id = "odd-values"
    record.events[0].confidence = float("nan")
    record.places[0].lat = float("inf")
    record.text = record.text.replace("Police", "Polic\ud800")  # a lone surrogate from a JSON escape
    assert store.write([record]) == 1
    stored = store.get_document("odd-values")
    assert stored["events"][0]["confidence"] is None and stored["places"][0]["lat"] is None
    assert stored["text"].startswith("Polic?") and len(stored["text"]) == len(record.text)


def test_write_accepts_record_json(store):
    data = to_dict(protest_record())
    data["id"] = "copy-of-nairobi"
    assert store.write([data]) == 1
    assert store.get_document("copy-of-nairobi")["events"][0]["type"] == "PROTEST"


def test_round_trip_records_store_records(store):
    expected = sorted(sample_records(), key=lambda r: r.id)
    assert list(store.iter_records(batch=2)) == expected


def test_get_document_is_the_record_json(store):
    assert store.get_document("voa-strikes") == to_dict(strikes_record())
    assert store.get_document("no-such-doc") is None


def test_delete_document(store):
    assert store.delete_document("voa-strikes") is True
    assert store.delete_document("voa-strikes") is False
    stats = store.stats()
    assert (stats["documents"], stats["events"], stats["places"], stats["actors"]) == (3, 2, 2, 4)
    assert store.get_event("ev-strike-saravan") is None


# --------------------------------------------------------------------------- querying


def test_query_returns_contract_json_plus_document_fields(store):
    events, total = store.query_events(EventQuery(type="PROTEST"))
    assert total == 1
    event = events[0]
    expected = to_dict(protest_record().events[0])
    assert {k: v for k, v in event.items() if not k.startswith("document_")} == expected
    assert event["document_id"] == "reuters-nairobi"
    assert event["document_title"] == "Kenyan police tear-gas finance bill protesters"
    assert event["document_date"] == "2024-06-26"


def test_filter_dates(store):
    assert ids(store, since="2024-01-18") == ["ev-strike-saravan", "ev-accuse", "ev-talks", "ev-protest-nairobi"]
    assert ids(store, until="2024-01-17") == ["ev-strike-panjgur"]
    assert ids(store, since="2024-01-17", until="2024-01-29") == ["ev-strike-saravan", "ev-accuse", "ev-talks"]
    assert ids(store, since="2024-06") == ["ev-protest-nairobi"]
    assert ids(store, until="2024") == ids(store)
    with pytest.raises(EventwireError) as err:
        store.query_events(EventQuery(since="last week"))
    assert err.value.code == "E041"


def test_filter_location_country_and_admin1(store):
    assert ids(store, country="IRN") == ["ev-strike-saravan"]
    assert ids(store, country="pak") == ["ev-strike-panjgur", "ev-talks"]
    assert ids(store, country="IRN,KEN") == ["ev-strike-saravan", "ev-protest-nairobi"]
    assert ids(store, admin1="balochistan") == ["ev-strike-panjgur"]


def test_filter_actor_country(store):
    assert ids(store, actor_country="IRN") == ["ev-strike-panjgur", "ev-accuse", "ev-talks"]
    assert ids(store, actor_country="KEN") == ["ev-protest-nairobi"]


def test_filter_types(store):
    assert ids(store, type="ASSAULT") == ["ev-strike-panjgur", "ev-strike-saravan"]
    assert ids(store, type="assault,consult") == ["ev-strike-panjgur", "ev-strike-saravan", "ev-talks"]
    assert ids(store, acled_event_type="Explosions/Remote violence") == ["ev-strike-panjgur", "ev-strike-saravan"]
    assert ids(store, acled_sub_event_type="Air/drone strike") == ["ev-strike-saravan"]
    assert ids(store, acled_sub_event_type="Protest with intervention") == ["ev-protest-nairobi"]


def test_filter_actor_substring(store):
    assert ids(store, actor="police") == ["ev-protest-nairobi"]
    assert ids(store, actor="Jilani") == ["ev-talks"]
    assert ids(store, actor="pakistan") == ["ev-strike-saravan"]
    assert ids(store, actor="100%") == []  # LIKE wildcards in the input are literal


def test_filter_bbox(store):
    iran_pakistan = (60.0, 24.0, 75.0, 35.0)
    assert ids(store, bbox=iran_pakistan) == ["ev-strike-panjgur", "ev-strike-saravan", "ev-talks"]
    assert ids(store, bbox=(30.0, -5.0, 40.0, 5.0)) == ["ev-protest-nairobi"]
    # West > east crosses the antimeridian: everything from 170E eastwards round to 37E.
    assert ids(store, bbox=(170.0, -5.0, 37.0, 5.0)) == ["ev-protest-nairobi"]


def test_filter_free_text_over_evidence_and_title(store):
    assert ids(store, text="tear gas") == ["ev-protest-nairobi"]
    assert ids(store, text="de-escalate") == ["ev-talks"]  # in the evidence
    assert ids(store, text="strikes militants") == ["ev-strike-panjgur", "ev-strike-saravan", "ev-accuse"]  # title


def test_filter_document_and_confidence(store):
    assert ids(store, document_id="ap-talks") == ["ev-talks"]
    assert ids(store, min_confidence=0.8) == ["ev-strike-saravan", "ev-protest-nairobi"]


def test_filter_dyad_either_direction(store):
    # Iran's strike on Pakistani civilians, the Iranian minister meeting the Pakistani one, both ways round,
    # and Pakistan's strike in Saravan (Iran) that names no target actor: its location is the other side.
    assert ids(store, dyad=("PAK", "IRN")) == ["ev-strike-panjgur", "ev-strike-saravan", "ev-talks"]
    assert ids(store, dyad=("irn", "pak")) == ["ev-strike-panjgur", "ev-strike-saravan", "ev-talks"]
    assert ids(store, dyad=("KEN", "IRN")) == []
    # Iran's condemnation has neither a target actor nor a location: no pair.
    assert "ev-accuse" not in ids(store, dyad=("IRN", "IRN"))


def test_limit_offset_and_total(store):
    page1, total = store.query_events(EventQuery(limit=2, offset=0, sort="date"))
    page2, _ = store.query_events(EventQuery(limit=2, offset=2, sort="date"))
    page3, _ = store.query_events(EventQuery(limit=2, offset=4, sort="date"))
    assert total == 5
    assert [e["event_id"] for e in page1 + page2 + page3] == ids(store)
    assert len(page3) == 1


def test_sorts(store):
    assert ids(store)[0] == "ev-strike-panjgur"
    newest, _ = store.query_events(EventQuery(sort="-date"))
    assert newest[0]["event_id"] == "ev-protest-nairobi"
    deadliest, _ = store.query_events(EventQuery(sort="-fatalities"))
    assert [e["event_id"] for e in deadliest[:2]] == ["ev-strike-saravan", "ev-strike-panjgur"]
    least_sure, _ = store.query_events(EventQuery(sort="confidence"))
    assert least_sure[0]["event_id"] == "ev-accuse"
    most_sure, _ = store.query_events(EventQuery(sort="-confidence"))
    assert most_sure[0]["event_id"] == "ev-strike-saravan"
    with pytest.raises(EventwireError):
        store.query_events(EventQuery(sort="actor"))


@pytest.mark.parametrize("sort", ["date", "-date", "fatalities", "-fatalities", "confidence", "-confidence"])
@pytest.mark.parametrize("filters", [{}, {"type": "ASSAULT"}, {"text": "pakistan"}, {"actor_country": "IRN"}])
def test_pages_equal_the_full_sorted_list(store, sort, filters):
    # query_events pages on keys then fetches the JSON; iter_events sorts the full rows: same events, same order.
    full = list(store.iter_events(EventQuery(limit=None, sort=sort, **filters)))
    for limit, offset in ((1, 0), (2, 1), (3, 2), (10, 0), (2, 9), (0, 0)):
        page, total = store.query_events(EventQuery(limit=limit, offset=offset, sort=sort, **filters))
        assert page == full[offset:offset + limit]
        assert total == len(full)


def test_iter_events_streams_everything_matching(store):
    streamed = [e["event_id"] for e in store.iter_events(EventQuery(limit=None, sort="date"), batch=2)]
    assert streamed == ids(store)
    assert [e["event_id"] for e in store.iter_events(EventQuery(type="ASSAULT", limit=1, sort="date"))] == [
        "ev-strike-panjgur"]


def test_query_from_params():
    query = EventQuery.from_params({"country": "IRN", "bbox": "60,24,75,35", "limit": "5", "offset": "10",
                                    "since": "", "page": "3", "min_confidence": "0.5", "dyad": "IRN,PAK"})
    assert query == EventQuery(country="IRN", bbox=(60.0, 24.0, 75.0, 35.0), limit=5, offset=10, min_confidence=0.5,
                               dyad=("IRN", "PAK"))
    with pytest.raises(EventwireError):
        EventQuery.from_params({"bbox": "1,2,3"})


def test_get_event(store):
    event = store.get_event("ev-talks")
    assert event["type"] == "CONSULT" and event["document_id"] == "ap-talks"
    assert event["actor2"]["name"] == "Jalil Abbas Jilani"
    assert store.get_event("nope") is None


# --------------------------------------------------------------------------- aggregates


def test_list_documents(store):
    documents, total = store.list_documents(limit=10)
    assert total == 4
    by_id = {d["id"]: d for d in documents}
    assert by_id["voa-strikes"]["n_events"] == 3
    assert by_id["voa-strikes"]["url"] == "https://www.voanews.com/a/7446523.html"
    assert by_id["empty-doc"]["errors"] == ["E003: empty document (no text)"]
    assert len(store.list_documents(limit=1, offset=3)[0]) == 1


def test_list_places_counts_mentions_and_events(store):
    places = {p["name"]: p for p in store.list_places()}
    assert set(places) == {"Saravan", "Sistan and Baluchestan", "Panjgur", "Balochistan", "Nairobi", "Islamabad"}
    assert places["Saravan"]["mentions"] == 1 and places["Saravan"]["events"] == 1
    assert places["Saravan"]["fatalities"] == 9
    assert places["Balochistan"]["events"] == 0
    kenya = store.list_places(EventQuery(country="KEN"))
    assert [p["name"] for p in kenya] == ["Nairobi"]


def test_timeline(store):
    days = store.timeline(EventQuery(), "day")
    assert [d["period"] for d in days] == ["2024-01-16", "2024-01-18", "2024-01-29", "2024-06-25"]
    assert days[1] == {"period": "2024-01-18", "events": 2, "fatalities": 9, "by_type": {"ASSAULT": 1, "ACCUSE": 1}}
    weeks = store.timeline(EventQuery(), "week")
    assert weeks[0] == {"period": "2024-01-15", "events": 3, "fatalities": 11,
                        "by_type": {"ASSAULT": 2, "ACCUSE": 1}}
    months = store.timeline(EventQuery(type="ASSAULT"), "month")
    assert months == [{"period": "2024-01", "events": 2, "fatalities": 11, "by_type": {"ASSAULT": 2}}]
    with pytest.raises(EventwireError):
        store.timeline(EventQuery(), "fortnight")


def test_dyads(store):
    dyads = store.dyads(EventQuery())
    pairs = {(d["actor1"]["name"], d["actor2"]["name"]): d for d in dyads}
    assert set(pairs) == {("Iran", "Civilians"), ("Protesters", "Police Forces of Kenya"),
                          ("Hossein Amir-Abdollahian", "Jalil Abbas Jilani")}
    assert pairs[("Iran", "Civilians")]["by_type"] == {"ASSAULT": 1}
    assert pairs[("Iran", "Civilians")]["actor1"]["country"] == "IRN"
    with_unary = store.dyads(EventQuery(), include_unary=True)
    assert len(with_unary) == 5
    assert store.dyads(EventQuery(country="KEN"))[0]["actor2"]["sector"] == "GOV"


def test_dyads_limit_keeps_the_pairs_with_most_events(store):
    store.write([talks_record_copy("ap-talks-2"), talks_record_copy("ap-talks-3")])
    every = store.dyads(EventQuery())
    assert every[0]["actor1"]["name"] == "Hossein Amir-Abdollahian" and every[0]["events"] == 3
    for limit in (1, 2, 3, 10):
        assert store.dyads(EventQuery(), limit=limit) == every[:limit]
    assert store.dyads(EventQuery(), include_unary=True, limit=2) == store.dyads(EventQuery(), include_unary=True)[:2]


def test_country_pairs(store):
    pairs = store.country_pairs(EventQuery())
    # Iran -> Pakistani civilians, the two ministers, Pakistan's strike in Saravan (no target actor: its
    # location, Iran, is the other side); Kenyan protesters and police. Iran's condemnation has no second side.
    assert [(p["pair"], p["events"]) for p in pairs] == [("IRN-PAK", 3), ("KEN-KEN", 1)]
    assert pairs[0]["countries"] == ["IRN", "PAK"] and pairs[0]["by_type"] == {"ASSAULT": 2, "CONSULT": 1}
    assert pairs[0]["fatalities"] == 11 and (pairs[0]["first_date"], pairs[0]["last_date"]) == ("2024-01-16", "2024-01-29")
    # a pair's events are what the dyad filter finds
    assert store.query_events(EventQuery(dyad=("PAK", "IRN")))[1] == 3
    assert store.country_pairs(EventQuery(), limit=1) == pairs[:1]
    assert store.country_pairs(EventQuery(type="PROTEST")) == [pairs[1]]
    assert store.country_pairs(EventQuery(dyad=("IRN", "PAK"))) == [pairs[0]]


def talks_record_copy(new_id: str) -> DocumentRecord:
    from records_factory import talks_record

    record = talks_record()
    record.id = new_id
    for i, event in enumerate(record.events):
        event.event_id = f"{new_id}-e{i}"
    return record


# --------------------------------------------------------------------------- files, modes, locks


def test_file_store_persists_and_read_only_refuses_writes(tmp_path):
    path = tmp_path / "sub" / "events.duckdb"
    with open_store(path) as s:
        s.write(sample_records())
    with open_store(path, read_only=True) as s:
        assert s.stats()["events"] == 5
        assert list(s.iter_records()) == sorted(sample_records(), key=lambda r: r.id)
        with pytest.raises(EventwireError) as err:
            s.write([strikes_record()])
        assert err.value.code == "E040"


def test_read_only_missing_file_is_an_error(tmp_path):
    with pytest.raises(EventwireError) as err:
        open_store(tmp_path / "missing.duckdb", read_only=True)
    assert err.value.code == "E040"


def test_read_only_on_a_foreign_database_is_a_clear_error(tmp_path):
    import duckdb

    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(EventwireError) as err:
        open_store(path, read_only=True)
    assert "not an eventwire store" in err.value.message


def test_unknown_target_scheme_is_an_error():
    with pytest.raises(EventwireError) as err:
        open_store("mysql://localhost/eventwire")
    assert err.value.code == "E040" and "postgresql://" in err.value.message


def test_second_writing_process_gets_a_clear_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from eventwire.store import open_store
            store = open_store({str(path)!r})
            print("ready", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        with pytest.raises(EventwireError) as err:
            open_store(path, timeout=0.5)
        assert err.value.code == "E040" and "one writing process" in err.value.message
        assert time.monotonic() - started >= 0.4  # it retried before giving up
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=20)
    with open_store(path, timeout=5) as s:  # free again once the holder is gone
        assert s.write([strikes_record()]) == 1


def test_a_store_that_does_not_hold_its_connection_lets_other_processes_write(tmp_path):
    path = tmp_path / "shared.duckdb"
    with open_store(path, hold=False) as server:
        server.write([strikes_record()])
        other = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(f"""
                import sys
                sys.path.insert(0, {str(Path(__file__).parent)!r})
                from records_factory import protest_record
                from eventwire.store import open_store
                with open_store({str(path)!r}, timeout=5) as store:
                    print(store.write([protest_record()]))
            """)],
            capture_output=True, text=True, timeout=60,
        )
        assert other.returncode == 0, other.stderr
        assert server.stats()["documents"] == 2  # sees the other process's write
        assert [e["event_id"] for e in server.iter_events(EventQuery(limit=None, type="PROTEST"))] == [
            "ev-protest-nairobi"]


def test_a_lingering_connection_is_reused_then_closed_for_other_writers(tmp_path):
    path = tmp_path / "shared.duckdb"
    with open_store(path, hold=False, linger=0.3) as server:
        server.write([strikes_record()])
        con = server._con
        assert con is not None and server.stats()["documents"] == 1
        assert server._con is con  # a burst of calls shares the connection
        other = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(f"""
                import sys
                sys.path.insert(0, {str(Path(__file__).parent)!r})
                from records_factory import protest_record
                from eventwire.store import open_store
                with open_store({str(path)!r}, timeout=20) as store:
                    print(store.write([protest_record()]))
            """)],
            capture_output=True, text=True, timeout=60,
        )
        assert other.returncode == 0, other.stderr  # the writer got in once the connection was idle
        assert server._con is None
        assert server.stats()["documents"] == 2


def test_a_closed_store_says_so():
    store = open_store(":memory:")
    store.close()
    with pytest.raises(EventwireError) as err:
        store.stats()
    assert "closed" in err.value.message


# --------------------------------------------------------------------------- property: any record round-trips

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_maybe_int = st.none() | st.integers(-10**12, 10**12)


@st.composite
def _records(draw):
    body = draw(_text)
    events = []
    for i in range(draw(st.integers(0, 3))):
        place = draw(st.none() | st.builds(
            Place, text=_text, start=st.integers(0, 99), end=st.integers(0, 99), name=st.none() | _text,
            geonameid=_maybe_int, country=st.none() | st.sampled_from(["IRN", "PAK", "KEN"]), admin1=st.none() | _text,
            lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180), feature=st.none() | _text,
            geo_precision=st.none() | st.integers(1, 3)))
        events.append(Event(
            event_id=f"e{i}-{draw(_text)}", type=draw(st.sampled_from(["ASSAULT", "PROTEST", "CONSULT"])),
            mode=draw(st.none() | _text), acled_event_type=draw(st.none() | _text), acled_sub_event_type=None,
            actor1=draw(st.none() | st.builds(Actor, text=_text, start=st.integers(0, 99), end=st.integers(0, 99),
                                              name=_text, country=st.none() | _text, sector=st.none() | _text,
                                              acled_inter=st.none() | st.integers(1, 8))),
            actor2=None,
            date=draw(st.none() | st.builds(EventDate, value=st.none() | _text, start=st.none() | _text,
                                            end=st.none() | _text, precision=_text, text=st.none() | _text)),
            location=place, fatalities=None, injured=None,
            evidence=Evidence(draw(_text), 0, draw(st.integers(0, 99)), draw(_text)), attribution=None,
            confidence=draw(st.floats(0, 1)),
            scores=draw(st.none() | st.dictionaries(_text, st.floats(0, 1), max_size=3))))
    return DocumentRecord(id=draw(st.text(min_size=1, max_size=20)), date=draw(st.none() | _text), language="en",
                          events=events, places=[], times=[], errors=draw(st.lists(_text, max_size=2)),
                          title=draw(st.none() | _text), url=None, text=body)


@settings(max_examples=25, deadline=None)
@given(records=st.lists(_records(), max_size=4))
def test_any_records_round_trip(records):
    with open_store(":memory:") as s:
        s.write(records)
        latest = {r.id: r for r in records}  # a repeated id keeps its last version
        assert list(s.iter_records()) == sorted(latest.values(), key=lambda r: r.id)
        assert s.query_events(EventQuery(limit=None))[1] == sum(len(r.events) for r in latest.values())
