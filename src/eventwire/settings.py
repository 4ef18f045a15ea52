"""One settings object, passed explicitly (no module globals beyond cached models)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

PACKAGE_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Settings:
    # Parsing: "all" parses every sentence; "candidates" fully parses only the sentences the
    # cheap pre-filter says can carry an event (and each document's first ones) and runs the
    # entity recogniser alone on the others; "minimal" leaves the others unread by spaCy.
    parse: str = "all"
    batch_size: int = 64
    # Documents larger than this many characters are rejected with an error record.
    max_chars: int = 2_000_000
    # Minimum classifier confidence for an event to be reported.
    min_event_confidence: float = 0.35
    # Files a user can add to extend the built-in dictionaries.
    actor_dictionary: Path | None = None
    # Where built artefacts live (gazetteer, classifier heads); package data by default.
    data_dir: Path = PACKAGE_DATA
    cache_dir: Path = field(default_factory=lambda: Path.home() / ".cache" / "eventwire")
    include_text: bool = True

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


DEFAULT_SETTINGS = Settings()
