"""The PostgreSQL store (eventwire.store.postgres) against a real server.

Every test of tests/test_store.py that takes the ``store`` fixture runs again here on
PostgreSQL (the same API must give the same answers), plus what only PostgreSQL has:
COPY bulk loads, concurrent writing processes, per-URL schemas.

The server is ``EVENTWIRE_PG_URL`` (default postgresql://postgres@127.0.0.1:55432/postgres,
what ``make services`` starts). Each run creates its own database (dropped at the end) and
each test its own schema. Without a server the tests skip, except under CI (env CI set),
where a missing server is a failure.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import textwrap
import uuid
from urllib.parse import quote

import pytest
import test_store
from records_factory import protest_record, sample_records, strikes_record

from eventwire.errors import EventwireError
from eventwire.records import to_dict
from eventwire.store import EventQuery, open_store

pytestmark = pytest.mark.postgres

PG_URL = os.environ.get("EVENTWIRE_PG_URL", "postgresql://postgres@127.0.0.1:55432/postgres")


def _with_path(url: str, schema_name: str) -> str:
    options = quote(f"-csearch_path={schema_name}")
    return f"{url}{'&' if '?' in url else '?'}options={options}"


def _with_database(url: str, database: str) -> str:
    base, _, query = url.partition("?")
    head, _, _ = base.rpartition("/")
    return f"{head}/{database}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def pg_database():
    """A fresh database for this test run on the server (dropped afterwards); its URL."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        message = f"no PostgreSQL server at {PG_URL} ({str(exc).strip().splitlines()[0]}); run `make services`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"eventwire_test_{uuid.uuid4().hex[:12]}"
    # LC_COLLATE 'C': codepoint order for text, exactly DuckDB's (see store/postgres.py).
    admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'")
    try:
        yield _with_database(PG_URL, name)
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture()
def pg_url(pg_database):
    """A URL whose search_path is a new, empty schema of the test run's database."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_database, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
    return _with_path(pg_database, name)


@pytest.fixture()
def store(pg_url):
    with open_store(pg_url) as s:
        s.write(sample_records())
        yield s


# --------------------------------------------------------------------------- the DuckDB store's tests, here

def _store_tests():
    for name, func in vars(test_store).items():
        if name.startswith("test_") and callable(func) and list(inspect.signature(func).parameters) == ["store"]:
            yield name, func


for _name, _func in _store_tests():
    globals()[_name] = _func  # collected here, so they get this module's ``store`` fixture
ids = test_store.ids


def test_the_shared_store_tests_are_all_here():
    assert len(list(_store_tests())) >= 20


# --------------------------------------------------------------------------- PostgreSQL specifics


def test_open_store_dispatches_postgresql_urls(pg_url):
    from eventwire.store.postgres import PostgresStore

    with open_store(pg_url) as s:
        assert isinstance(s, PostgresStore)
        assert s.stats()["backend"] == "postgresql"
    with open_store(pg_url.replace("postgresql://", "postgres://")) as s:
        assert isinstance(s, PostgresStore)


def test_same_id_twice_in_one_batch_keeps_the_last(pg_url):
    first, second = strikes_record(), strikes_record()
    second.events = []
    with open_store(pg_url) as s:
        assert s.write([first, second]) == 1
        assert s.stats()["events"] == 0


def test_answers_equal_the_duckdb_store(store):
    with open_store(":memory:") as duck:
        duck.write(sample_records())
        for query in (EventQuery(limit=None), EventQuery(country="PAK,IRN", sort="-fatalities"),
                      EventQuery(actor="iran", since="2024-01", limit=2, offset=1),
                      EventQuery(text="protest", min_confidence=0.1)):
            ours, theirs = store.query_events(query), duck.query_events(query)
            assert ours == theirs
            # json columns keep the contract's key order (jsonb would not)
            assert [list(e) for e in ours[0]] == [list(e) for e in theirs[0]]
        assert store.list_places() == duck.list_places()
        assert store.timeline(EventQuery(), "week") == duck.timeline(EventQuery(), "week")
        assert store.dyads(EventQuery(), include_unary=True) == duck.dyads(EventQuery(), include_unary=True)
        skip = {"backend", "target", "last_ingested_at"}
        assert ({k: v for k, v in store.stats().items() if k not in skip}
                == {k: v for k, v in duck.stats().items() if k not in skip})


def test_bulk_load_of_many_documents(pg_url):
    records = []
    for i in range(400):
        record = protest_record()
        record.id = f"bulk-{i:04d}"
        record.events[0].event_id = f"ev-bulk-{i:04d}"
        records.append(record)
    with open_store(pg_url) as s:
        assert s.write(records) == 400
        stats = s.stats()
        assert (stats["documents"], stats["events"]) == (400, 400)
        assert s.get_document("bulk-0399") == to_dict(records[-1])


def test_text_with_copy_special_characters_survives(pg_url):
    record = protest_record()
    record.id = "tabs\tand\\backslashes\nnewlines"
    record.title = "Quote \" tab \t backslash \\ percent % question ? N\\A \\N"
    with open_store(pg_url) as s:
        s.write([record])
        assert s.get_document(record.id) == to_dict(record)
        events, total = s.query_events(EventQuery(text="percent % question ?"))
        assert total == 1 and events[0]["document_title"] == record.title


def test_concurrent_writing_processes_never_duplicate(pg_url):
    # Three processes start together on an empty schema (racing to create it), then each
    # re-ingests the same documents many times: every write is one transaction per batch,
    # serialised per document id, so the store ends with exactly one copy of each.
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(test_store.__file__.rsplit('/', 1)[0])!r})
        from records_factory import sample_records
        from eventwire.store import open_store
        sys.stdin.readline()
        with open_store({pg_url!r}) as store:
            for _ in range(15):
                store.write(sample_records())
                store.write(sample_records()[1:3])
        print("done", flush=True)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    try:
        results = [p.communicate("go\n", timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for (out, err), p in zip(results, procs):
        assert p.returncode == 0, err
        assert out.strip() == "done"
    with open_store(pg_url, read_only=True) as s:
        stats = s.stats()
        assert (stats["documents"], stats["events"], stats["actors"], stats["places"], stats["times"]) == (4, 5, 8, 6, 4)


def test_read_only_store(pg_url):
    with pytest.raises(EventwireError) as err:
        open_store(pg_url, read_only=True)  # nothing ingested in this schema yet
    assert err.value.code == "E040" and "ingest something first" in err.value.message
    with open_store(pg_url) as s:
        s.write(sample_records())
    with open_store(pg_url, read_only=True) as s:
        assert s.stats()["events"] == 5
        with pytest.raises(EventwireError) as err:
            s.write([strikes_record()])
        assert err.value.code == "E040"


def test_schema_version_mismatch_is_a_clear_error(pg_url):
    with open_store(pg_url) as s:
        s._execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(EventwireError) as err:
        open_store(pg_url)
    assert err.value.code == "E040" and "schema version 999" in err.value.message


def test_unreachable_server_is_a_one_line_error_without_password():
    with pytest.raises(EventwireError) as err:
        open_store("postgresql://someone:s3cret@127.0.0.1:1/nothing", timeout=2)
    assert err.value.code == "E040"
    assert "s3cret" not in str(err.value) and "\n" not in err.value.message


def test_cli_reads_a_postgresql_store(store, pg_url):
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["events", "--db", pg_url, "--country", "PAK", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("{")]
    assert len(lines) == 2


def test_store_that_does_not_hold_its_connection(pg_url):
    with open_store(pg_url, hold=False) as s:
        s.write(sample_records())
        assert s._con is None  # closed between calls
        assert s.stats()["events"] == 5
        assert len(list(s.iter_records(batch=2))) == 4


def test_ingest_merges_pipeline_records_into_postgres(pg_url):
    from pathlib import Path

    from eventwire import api, scale

    try:
        api.load_models()
    except EventwireError as exc:
        if exc.code == "E021" and not os.environ.get("CI"):
            pytest.skip(f"needs the trained classifier heads ({exc})")
        raise
    examples = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "examples" / "voa_stories.jsonl"
    documents = list(api.read([examples]))[:3]
    assert scale.ingest(documents, pg_url, batch_size=2) == 3
    expected = [to_dict(r) for r in api.extract_many(list(api.read([examples]))[:3])]
    with open_store(pg_url, read_only=True) as s:
        stored = {r.id: to_dict(r) for r in s.iter_records()}
    assert [stored[r["id"]] for r in expected] == expected
