"""Score the time stage on TimeML (``.tml``) files: TimeBank, AQUAINT, TempEval-3 style.

Each file's ``<TEXT>`` (tags stripped) is run through :func:`eventwire.timex.find_times`
with the document date taken from the ``<DCT>`` TIMEX3. Scores follow TempEval-3:

- relaxed span match: a system expression matches a gold one when their character
  spans overlap (each gold and each system expression is used at most once);
- value accuracy: the share of matched pairs whose ``value`` is identical;
- value F1 = relaxed F1 x value accuracy.

Figures are given overall and per TIMEX3 type: recall and value accuracy over the
gold expressions of the type, precision over the system's expressions of the type.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from eventwire.errors import EventwireError

__all__ = ["GoldTimex", "TimeMLDocument", "read_timeml", "iter_timeml_files", "evaluate_timeml", "format_report"]

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(slots=True)
class GoldTimex:
    text: str
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


@dataclass(slots=True)
class TimeMLDocument:
    id: str
    text: str
    date: Date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _dct_date(value: str | None) -> Date | None:
    if not value:
        return None
    match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not match:
        return None
    try:
        return Date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Read one TimeML file: the text of ``<TEXT>`` with its TIMEX3 spans, and the DCT date."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EventwireError("E301", f"cannot read TimeML file {path}: {exc}") from exc
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_date(timex.get("value"))
            break
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    text_element = root.find("TEXT")
    if text_element is None:
        raise EventwireError("E302", f"{path} has no <TEXT> element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
            timexes.append(GoldTimex("", start, length, element.get("type") or "DATE",
                                     element.get("value"), element.get("mod")))

    walk(text_element)
    text = "".join(pieces)
    for timex in timexes:  # texts filled once the whole text is known
        timex.text = text[timex.start:timex.end]
    return TimeMLDocument(doc_id, text, dct, timexes)


def iter_timeml_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every ``.tml`` file under the given files/directories, sorted per directory."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.tml") if p.is_file())
        elif path.is_file():
            yield path
        else:
            raise EventwireError("E303", f"no such file or directory: {path}")


def _match(gold: list[GoldTimex], system: list) -> list[tuple[GoldTimex, object]]:
    """Pair overlapping spans one to one, greedily by largest overlap."""
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_gold, used_system, pairs = set(), set(), []
    for _, i, j in candidates:
        if i in used_gold or j in used_system:
            continue
        used_gold.add(i)
        used_system.add(j)
        pairs.append((gold[i], system[j]))
    return pairs


def _scores(n_gold: int, n_system: int, n_matched: int, n_value: int, n_matched_system: int) -> dict:
    """Precision over the system's expressions (of the type), recall and value accuracy over the gold's."""
    precision = n_matched_system / n_system if n_system else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = n_value / n_matched if n_matched else 0.0
    return {
        "gold": n_gold, "system": n_system, "matched": n_matched, "value_correct": n_value,
        "precision": precision, "recall": recall, "f1": f1,
        "value_accuracy": accuracy, "value_f1": f1 * accuracy,
    }


def evaluate_timeml(paths: Iterable[str | Path], *, errors: list | None = None, settings=None) -> dict:
    """Run the tagger over TimeML files and score it; returns overall and per-type figures.

    Each document is segmented and parsed as the pipeline does (``settings.parse``; the tagger reads
    the parse for the tense of a clause), unless ``settings`` is ``False``: the tagger on raw text.

    ``errors``, when given, receives one dict per miss (span or value) for analysis.
    """
    from eventwire import nlp, timex
    from eventwire.pipeline import parse_documents
    from eventwire.records import Document
    from eventwire.settings import DEFAULT_SETTINGS

    # per key: gold, system, matched (by gold type), value ok (by gold type), matched (by system type)
    counts = {key: [0, 0, 0, 0, 0] for key in ("ALL", *TYPES)}
    n_docs = 0
    for path in iter_timeml_files(paths):
        doc = read_timeml(path)
        n_docs += 1
        parsed = nlp.segment(Document(id=doc.id, text=doc.text, date=doc.date))
        if settings is not False:
            parse_documents([parsed], settings or DEFAULT_SETTINGS)
        found = timex.find_times(parsed)
        for g in doc.timexes:
            counts["ALL"][0] += 1
            counts.setdefault(g.type, [0, 0, 0, 0, 0])[0] += 1
        for s in found:
            counts["ALL"][1] += 1
            counts.setdefault(s.type, [0, 0, 0, 0, 0])[1] += 1
        pairs = _match(doc.timexes, found)
        for g, s in pairs:
            ok = g.value == s.value
            for key in ("ALL", g.type):
                counts[key][2] += 1
                counts[key][3] += ok
            counts["ALL"][4] += 1
            counts.setdefault(s.type, [0, 0, 0, 0, 0])[4] += 1
            if not ok and errors is not None:
                errors.append({"doc": doc.id, "kind": "value", "gold": g.text, "gold_value": g.value,
                               "system": s.text, "system_value": s.value, "dct": str(doc.date),
                               "context": doc.text[max(0, g.start - 60):g.end + 40].replace("\n", " ")})
        if errors is not None:
            matched_gold = {id(g) for g, _ in pairs}
            matched_system = {id(s) for _, s in pairs}
            for g in doc.timexes:
                if id(g) not in matched_gold:
                    errors.append({"doc": doc.id, "kind": "missed", "gold": g.text, "gold_value": g.value,
                                   "context": doc.text[max(0, g.start - 60):g.end + 40].replace("\n", " ")})
            for s in found:
                if id(s) not in matched_system:
                    errors.append({"doc": doc.id, "kind": "spurious", "system": s.text, "system_value": s.value,
                                   "context": doc.text[max(0, s.start - 60):s.end + 40].replace("\n", " ")})
    if not n_docs:
        raise EventwireError("E304", "no .tml files found")
    result = {"documents": n_docs}
    for key, (n_gold, n_system, n_matched, n_value, n_matched_system) in counts.items():
        result[key] = _scores(n_gold, n_system, n_matched, n_value, n_matched_system)
    return result


def format_report(result: dict) -> str:
    """A readable table of :func:`evaluate_timeml`'s figures."""
    lines = [
        f"TimeML evaluation over {result['documents']} documents (relaxed span match, TempEval-3 style)",
        f"{'type':<9}{'gold':>6}{'system':>8}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}{'val.acc':>9}{'val.F1':>8}",
    ]
    for key in ("ALL", *TYPES):
        row = result.get(key)
        if not row:
            continue
        lines.append(
            f"{key:<9}{row['gold']:>6}{row['system']:>8}{row['matched']:>7}{row['precision']:>8.3f}"
            f"{row['recall']:>8.3f}{row['f1']:>8.3f}{row['value_accuracy']:>9.3f}{row['value_f1']:>8.3f}"
        )
    return "\n".join(lines)
