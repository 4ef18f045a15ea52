"""Shared fixtures: the ../shared data (skipped with a reason when absent) and small parsed documents."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared")) / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of ../shared/data; tests that need it skip when it is absent (users without ../shared)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the project's shared data at {SHARED_DATA} (absent on this machine)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_article(shared_data: Path):
    from eventwire.documents import read_path

    return next(iter(read_path(shared_data / "seed" / "pakistan_iran_strikes_2024-01-18.txt")))


@pytest.fixture()
def parse_text():
    """Build a fully parsed document from a real sentence or two: parse_text(text, date)."""
    from eventwire import nlp
    from eventwire.records import Document

    def _parse(text: str, when: date | None = None, doc_id: str = "t"):
        parsed = nlp.segment(Document(id=doc_id, text=text, date=when))
        nlp.parse([parsed])
        return parsed

    return _parse


def lexicon_mentions(parsed, remember_entities: bool = True) -> list:
    """Detection's mentions of every sentence with their arguments filled (lexicon only, no classifier),
    sentence by sentence as ``find_events`` does, the entity memory carried along."""
    from eventwire.events import detect
    from eventwire.settings import DEFAULT_SETTINGS

    context = detect.EventContext(times=[], places=[], casualties=[], classifier=None, settings=DEFAULT_SETTINGS)
    memory = detect.EntityMemory()
    found = []
    for sentence in parsed.sentences:
        mentions = detect.find_mentions(parsed, sentence)
        for mention in mentions:
            detect._fill_arguments(parsed, mention, context, memory, None)
            memory.remember(sentence.index, mention.actor1)
        if remember_entities:
            detect._remember_entities(sentence, memory, context)
        found.extend(mentions)
    return found

