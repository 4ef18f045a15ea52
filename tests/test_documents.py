"""Reading inputs: wire format, JSON Lines, plain text, directories, stdin-like streams, bad documents."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from eventwire.documents import content_id, read_path, read_stream
from eventwire.errors import EventwireError

WIRE = " date 2024-01-18 Police fired tear gas at protesters in Nairobi on Monday.\n\nTwo people were hurt."


def test_wire_header_is_not_part_of_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(WIRE, encoding="utf-8")
    [doc] = list(read_path(path))
    assert doc.date == date(2024, 1, 18)
    assert doc.text.startswith("Police fired tear gas")
    assert doc.id == "story"
    assert not doc.errors


def test_plain_text_has_no_date(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Gunmen killed three villagers in Zamfara state.", encoding="utf-8")
    [doc] = list(read_path(path))
    assert doc.date is None and doc.text.startswith("Gunmen")


def test_jsonl_fields_and_stable_ids(tmp_path):
    lines = [
        {"id": "a", "text": "Protesters marched in Lagos.", "date": "2020-05-01", "title": "T", "url": "http://x"},
        {"text": "Troops clashed with rebels near Goma.", "published": "2025-03-14 20:30:26Z"},
        {"text": "Troops clashed with rebels near Goma."},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = list(read_path(path))
    assert [d.id for d in docs][0] == "a"
    assert docs[0].date == date(2020, 5, 1) and docs[0].title == "T"
    assert docs[1].date == date(2025, 3, 14)
    assert docs[1].id == docs[2].id == content_id(lines[1]["text"])


def test_bad_documents_become_error_records(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": ""}\n{not json}\n{"title": "no text"}\n{"text": "ok", "date": "yesterday"}\n')
    docs = list(read_path(path))
    assert len(docs) == 4
    assert all(d.errors for d in docs)
    assert "empty" in docs[0].errors[0]
    assert "invalid JSON" in docs[1].errors[0]


def test_binary_and_invalid_utf8(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 attack".encode("latin-1"))
    docs = {d.id: d for d in read_path(tmp_path)}
    assert "binary" in docs["bin"].errors[0]
    assert "UTF-8" in docs["latin"].errors[0]


def test_enormous_document_rejected():
    [doc] = list(read_stream(io.BytesIO(b"x " * 2000), "<mem>", max_chars=1000))
    assert "too large" in doc.errors[0]


def test_directory_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story about a protest.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First story about a strike.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.id for d in read_path(tmp_path)] == ["1", "2"]


def test_stream_detects_jsonl():
    stream = io.BytesIO(b'{"id": "x", "text": "Rebels seized the town."}\n')
    [doc] = list(read_stream(stream, "<stdin>"))
    assert doc.id == "x"


def test_missing_path_is_a_command_error(tmp_path):
    with pytest.raises(EventwireError, match="E001"):
        list(read_path(tmp_path / "nope.txt"))
