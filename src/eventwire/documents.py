"""Reading inputs into :class:`~eventwire.records.Document` records.

Accepted (see ``../shared/docs/output-schema.md``): JSON Lines (one document per
line; only ``text`` is required), plain-text articles in the wire format (an
optional leading `` date YYYY-MM-DD `` header, not part of ``text``), plain
``.txt`` files, directories (every ``.txt``/``.jsonl`` inside, recursively, in
sorted order) and ``-`` for standard input. A bad document (empty, binary,
invalid UTF-8, enormous, unparseable JSON) becomes a ``Document`` carrying an
error, so one bad input never stops a batch; an unreadable *path* raises
:class:`~eventwire.errors.EventwireError` (the command itself failed).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import EventwireError
from eventwire.records import Document

DEFAULT_MAX_CHARS = 2_000_000
INPUT_SUFFIXES = (".txt", ".jsonl")  # what a directory contributes
_WIRE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def content_id(text: str) -> str:
    """A stable id from content: the same text always gets the same id."""
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_date(value: object) -> Date | None:
    """``YYYY-MM-DD`` (optionally followed by a time, as in ``2025-03-14 20:30:26Z``) or None."""
    if value is None or value == "":
        return None
    if isinstance(value, Date):
        return value if not isinstance(value, datetime) else value.date()
    match = _DATE_PREFIX.match(str(value).strip())
    if not match:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
    return Date(int(match[1]), int(match[2]), int(match[3]))


def _checked(document: Document, max_chars: int) -> Document:
    text = document.text
    if not text.strip():
        document.errors.append("E003: empty document (no text)")
    elif len(text) > max_chars:
        document.errors.append(f"E003: document too large ({len(text):,} characters; limit {max_chars:,})")
    elif "\x00" in text:
        document.errors.append("E003: binary content (NUL bytes), not text")
    return document


def _decode(raw: bytes, source: str) -> tuple[str | None, str | None]:
    if b"\x00" in raw[:8192]:
        return None, f"E003: {source} looks binary (NUL bytes), not text"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, f"E003: {source} is not valid UTF-8 (byte {exc.start})"


def document_from_text(text: str, doc_id: str | None = None, source: str | None = None,
                       max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """A wire-format or plain article: a leading `` date YYYY-MM-DD `` header becomes ``date``."""
    when = None
    match = _WIRE_HEADER.match(text)
    if match:
        try:
            when = parse_date(match.group(1))
            text = text[match.end():]
        except ValueError:
            when = None
    return _checked(Document(id=doc_id or content_id(text), text=text, date=when, source=source), max_chars)


def document_from_json(obj: object, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """One JSON Lines object: ``text`` required; ``id``, ``date`` (or ``published``), ``title``, ``url`` optional."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return Document(id=content_id(json.dumps(obj, sort_keys=True, default=str)), text="", source=source,
                        errors=[f"E002: {source}: a JSON Lines record needs a string field 'text'"])
    text = obj["text"]
    doc_id = obj.get("id")
    document = Document(
        id=str(doc_id) if doc_id not in (None, "") else content_id(text),
        text=text,
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        source=source,
    )
    raw_date = obj.get("date", obj.get("published"))
    try:
        document.date = parse_date(raw_date)
    except ValueError:
        document.errors.append(f"E002: {source}: bad date {raw_date!r} (want YYYY-MM-DD)")
    return _checked(document, max_chars)


def read_jsonl(stream: Iterable[bytes | str], source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    for number, line in enumerate(stream, 1):
        where = f"{source}:{number}"
        if isinstance(line, bytes):
            decoded, error = _decode(line, where)
            if error:
                yield Document(id=content_id(repr(line[:200])), text="", source=where, errors=[error])
                continue
            line = decoded
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Document(id=content_id(line), text="", source=where, errors=[f"E002: {where}: invalid JSON ({exc.msg})"])
            continue
        yield document_from_json(obj, where, max_chars)


def _looks_like_jsonl(head: bytes) -> bool:
    return head.lstrip()[:1] == b"{"


def read_stream(stream: BinaryIO, source: str, max_chars: int = DEFAULT_MAX_CHARS, doc_id: str | None = None) -> Iterator[Document]:
    """Read JSON Lines or one text article from a binary stream (used for stdin and uploads)."""
    raw = stream.read()
    if _looks_like_jsonl(raw[:64]):
        yield from read_jsonl(io.BytesIO(raw), source, max_chars)
        return
    text, error = _decode(raw, source)
    if error:
        yield Document(id=doc_id or content_id(repr(raw[:200])), text="", source=source, errors=[error])
        return
    yield document_from_text(text, doc_id, source, max_chars)


def read_path(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    """Every document in a path: a file, a directory (recursively) or ``-`` (stdin)."""
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>", max_chars)
        return
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
        for file in files:
            yield from read_path(file, max_chars)
        return
    if not path.exists():
        raise EventwireError("E001", f"no such file or directory: {path}")
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise EventwireError("E001", f"cannot read {path}: {exc.strerror}") from exc
    with handle:
        if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or _looks_like_jsonl(handle.peek(64)[:64]):
            yield from read_jsonl(handle, str(path), max_chars)
        else:
            yield from read_stream(handle, str(path), max_chars, doc_id=path.stem)


def read_inputs(paths: Iterable[str | Path], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    for path in paths:
        yield from read_path(path, max_chars)
