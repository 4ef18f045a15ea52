"""Resolution context and helpers shared by the handlers: tense, the date talked about, values.

A :class:`Context` travels through a document in reading order: it knows the document date
(DCT), the sentences (and their spaCy docs when parsed), and the last absolute date, day and
quarter talked about, against which anaphoric expressions resolve.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta

from eventwire.timex.lexicon import (
    AMBIGUOUS_MONTHS,
    MONTHS,
    QUANTITY_MODS,
    VAGUE_QUANTITIES,
    number_value,
    words,
)
from eventwire.timex.values import Point

_FUTURE_CUES = re.compile(
    r"\b(?:will|'ll|shall|won't|going\s+to|plans?\s+to|plann(?:ed|ing)|scheduled|expected\s+to|expects?\s+to|"
    r"is\s+to|are\s+to|to\s+be\s+held|set\s+to|due\s+to|intends?\s+to|upcoming|hopes?\s+to|aims?\s+to|"
    r"as\s+(?:soon|early)\s+as|may|might|should|effective|ahead\s+of)\b",
    re.I,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|ago|last|earlier|previously|been|brought|took|began|came|went|made|told|gave|fell|"
    r"rose|won|lost|paid|bought|sold|sent|met|left|held|led|struck|saw|became|got|ran|spoke|wrote|grew|knew|"
    r"thought|found|fought|shot|broke|drove|flew|threw|sank|fled|swore|stood|sought|taught|"
    r"(?!(?:scheduled|planned|expected|proposed|red|bed|hundred|\w*eed)\b)\w{3,}ed)\b|'d\b",
    re.I,
)
_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|added|stated)\b", re.I)


@dataclass(slots=True)
class Context:
    """What the handlers resolve against; updated as the document is read."""

    text: str
    dct: Date | None
    sentence_spans: list[tuple[int, int]]
    docs: dict[int, object] = field(default_factory=dict)  # sentence index -> spaCy doc
    ref: Point | None = None  # the last absolute date talked about
    ref_day: Point | None = None
    ref_quarter: Point | None = None
    stated_year: int | None = None  # the year of the last date stated in full ('in 2010', 'March 3, 2010')
    start: int = 0
    end: int = 0

    @property
    def dct_point(self) -> Point | None:
        return Point.of_day(self.dct) if self.dct else None

    def sentence_index(self) -> int | None:
        """Index of the sentence holding the current expression (binary search), or None."""
        i = bisect.bisect_right(self.sentence_spans, (self.start, float("inf"))) - 1
        if i >= 0 and self.sentence_spans[i][0] <= self.start < self.sentence_spans[i][1]:
            return i
        return None

    def sentence(self) -> tuple[int, int]:
        i = self.sentence_index()
        return self.sentence_spans[i] if i is not None else (0, len(self.text))

    def tense(self) -> str | None:
        """'future', 'past' or None: the tense of the clause holding the current expression.

        From the dependency parse when the sentence has one (the verb governing the
        expression and its auxiliaries), else from cue words around it.
        """
        parsed = self._parse_tense()
        if parsed is not None:
            return parsed
        s_start, s_end = self.sentence()
        before = self.text[max(s_start, self.start - 70):self.start]
        after = self.text[self.end:min(s_end, self.end + 50)]
        # clause boundaries: stop at the nearest ; or a quote (and a comma after, unless the date opens the clause)
        before = re.split(r"[;:\"“”]", before)[-1]
        opening = not before.strip() or re.fullmatch(r"\s*(?:\w+\s+){0,1}", before) is not None
        after = re.split(r"[;:\"“”]" if opening else r"[;:,\"“”]", after)[0]
        if re.search(r"\b(?:by|until|till|ahead\s+of(?:\s+the)?)\s+$", before, re.I) \
                and not re.search(r"\bhad\b", before + after, re.I):
            return "future"  # a deadline: 'by February', 'until Tuesday', 'ahead of the weekend'
        if re.match(r"\s*(?:\w+ly\s+)?(?:was|were|had|did)\b", after, re.I) or (
                re.match(r"\s*(?:\w+ly\s+)?\w+\b", after) and _PAST_CUES.match(after.lstrip())):
            return "past"  # the verb right after it is past: 'on Sunday issued a warning'
        future = list(_FUTURE_CUES.finditer(before))
        if future:
            between = before[future[-1].end():]
            lead = before[:future[-1].start()][-16:]
            cue = future[-1].group(0).lower()
            was_due = re.search(r"\b(?:was|were|had\s+been|had)\s+$", lead, re.I) and not cue.startswith("plann")
            was_due = was_due or (cue.startswith("plann") and not between.strip())  # 'as previously planned Saturday'
            if not _REPORTING.search(between) and not _PAST_CUES.search(between) and not was_due:
                return "future"
        if re.match(r"\s*(?:will|'ll|would|is\s+(?:expected|scheduled)|are\s+(?:expected|scheduled))\b", after, re.I):
            return "future"
        if _PAST_CUES.search(before) or _PAST_CUES.search(after) or _REPORTING.search(before):
            return "past"
        return None

    def _parse_tense(self) -> str | None:
        index = self.sentence_index()
        doc = self.docs.get(index) if index is not None else None
        if doc is None:
            return None
        offset = self.sentence_spans[index][0]
        tokens = [t for t in doc if t.idx < self.end - offset and t.idx + len(t.text) > self.start - offset]
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
        verb = head.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & {"will", "'ll", "shall", "wo"} or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
            return "future"
        if verb.tag_ == "VB" and "to" in words and verb.head.lemma_ in (
                "plan", "expect", "schedule", "intend", "hope", "aim", "want", "agree", "promise", "threaten",
                "vow", "set", "prepare", "seek", "decide"):
            return "future"
        return None  # past and present: the cue words decide (they also see 'planned a rally on Saturday')

    def note(self, point: Point | None) -> None:
        """Remember a resolved absolute date as the one being talked about."""
        if point is None:
            return
        self.ref = point
        if point.gran == "day":
            self.ref_day = point
        if point.gran == "quarter":
            self.ref_quarter = point


Result = tuple[str, "Point | str | None", "str | None"]  # (type, value, mod)
Handler = Callable[[re.Match, Context], "Result | None"]


# --------------------------------------------------------------------------- helpers


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _ok_month(word: str, match: re.Match, group: str, text: str) -> bool:
    """Ambiguous month words ('May', 'March', 'Jan') only count when capitalised."""
    bare = word.lower().rstrip(".")
    if bare in AMBIGUOUS_MONTHS and not word[0].isupper():
        return False
    if bare == "may" and word == "May":
        start = match.start(group)
        before = text[max(0, start - 2):start]
        if start == 0 or re.search(r"[.!?\"“]\s*$", text[max(0, start - 3):start]) or before == "":
            # sentence-initial "May" is usually the verb unless a day/year follows
            return bool(re.match(r"May\.?\s+\d", text[start:start + 8]))
    return True


def _year_value(text: str) -> int:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    if text.startswith("'"):
        short = int(text[1:])
        return 1900 + short if short > 30 else 2000 + short
    if text.startswith("two"):
        rest = re.sub(r"two\s+thousand\s*(?:and\s+)?", "", text)
        return 2000 + int(number_value(rest) or 0) if rest else 2000
    tail = re.sub(r"^nineteen[\s-]+", "", text)
    return 1900 + int(number_value(tail) or 0)


def _weekday_point(ctx: Context, weekday: int, relation: str | None) -> Point | None:
    """The day named by a weekday: relation 'last'/'next'/'this' or by tense (news convention)."""
    if ctx.dct is None:
        return None
    today = ctx.dct.isoweekday()
    if relation in ("next", "coming", "this_coming"):
        delta = (weekday - today) % 7 or 7
        if relation == "next" and delta < 3 and weekday > today:
            delta = delta  # 'next Friday' said on Wednesday: still this Friday in most news
        return Point.of_day(ctx.dct + timedelta(days=delta))
    if relation in ("last", "past", "this_past"):
        delta = (today - weekday) % 7 or 7
        return Point.of_day(ctx.dct - timedelta(days=delta))
    tense = ctx.tense()
    if tense == "future":
        return Point.of_day(ctx.dct + timedelta(days=(weekday - today) % 7))
    return Point.of_day(ctx.dct - timedelta(days=(today - weekday) % 7))


def _month_point(ctx: Context, month: int, relation: str | None = None) -> Point | None:
    if ctx.dct is None:
        return None
    year, current = ctx.dct.year, ctx.dct.month
    if relation == "last":
        return Point.of_month(year if month < current else year - 1, month)
    if relation == "next":
        return Point.of_month(year if month > current else year + 1, month)
    if relation == "this":
        return Point.of_month(year, month)
    tense = ctx.tense()
    if tense == "future":
        return Point.of_month(year if month >= current else year + 1, month)
    # the nearest such month, a future one costing more (much more in past-tense text)
    choices = [(year - 1, month), (year, month), (year + 1, month)]
    forward = 6.0 if tense == "past" else 2.5

    def cost(choice: tuple[int, int]) -> float:
        diff = (choice[0] * 12 + choice[1]) - (year * 12 + current)
        return diff * forward if diff > 0 else -diff

    best = min(choices, key=cost)
    return Point.of_month(*best)


def _quarter_point(ctx: Context, quarter: int, year: int | None = None) -> Point | None:
    if year is not None:
        return Point.of_quarter(year, quarter)
    if ctx.dct is None:
        return None
    current = (ctx.dct.month - 1) // 3 + 1
    if quarter > current and ctx.tense() != "future":
        return Point.of_quarter(ctx.dct.year - 1, quarter)
    return Point.of_quarter(ctx.dct.year, quarter)


def _unresolved(gran: str, weekday: int | None = None) -> str:
    return {
        "day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX",
        "weekday": f"XXXX-WXX-{weekday}", "decade": "XXX", "century": "XX", "weekend": "XXXX-WXX-WE",
    }.get(gran, "XXXX")


def _posmod(text: str | None) -> str | None:
    if not text:
        return None
    text = text.lower()
    if "mid" in text or "middle" in text:
        return "MID"
    if "early" in text or "begin" in text or "start" in text or "earlier" in text:
        return "START"
    if "late" in text or "end" in text or "close" in text or "later" in text:
        return "END"
    return None


def _qmod(text: str | None) -> str | None:
    if not text:
        return None
    return QUANTITY_MODS.get(re.sub(r"\s+", " ", text.lower().strip()))


_DURATION_UNIT = {"S": ("T", "S"), "MIN": ("T", "M"), "H": ("T", "H"), "D": ("", "D"), "W": ("", "W"),
                  "M": ("", "M"), "Y": ("", "Y"), "Q": ("", "Q"), "WE": ("", "WE"), "HY": ("", "M"),
                  "DE": ("", "DE"), "CE": ("", "CE"), "FN": ("", "W")}


def duration_value(amount: float | None, unit: str) -> str:
    """``P3D``, ``PT5H``, ``P20Y`` (decades and centuries in years), ``PXY`` when vague."""
    if unit == "DE":
        return f"P{_num(amount * 10)}Y" if amount is not None else "PXDE"
    if unit == "CE":
        return f"P{_num(amount * 100)}Y" if amount is not None else "PXCE"
    if unit == "FN":
        return f"P{_num(amount * 2)}W" if amount is not None else "PXW"
    if unit == "HY":
        return f"P{_num(amount * 6)}M" if amount is not None else "PXM"
    if unit == "WE":
        return f"P{_num(amount * 2)}D" if amount is not None else "PXWE"
    prefix, letter = _DURATION_UNIT[unit]
    if amount is None:
        return f"P{prefix}X{letter}"
    if amount != int(amount):
        whole = int(amount)
        smaller = {"Y": ("M", 12), "M": ("D", 30), "D": ("H", 24), "H": ("M", 60), "MIN": ("S", 60), "W": ("D", 7)}
        if unit in smaller:
            sub_letter, factor = smaller[unit]
            part = round((amount - whole) * factor)
            if unit in ("D",):
                return f"P{whole}DT{part}H" if whole else f"PT{part}H"
            if unit == "W":
                return f"P{whole * 7 + part}D"
            return f"P{prefix}{whole}{letter}{part}{sub_letter}" if whole else f"P{prefix}{part}{sub_letter}"
    return f"P{prefix}{_num(amount)}{letter}"


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _amount(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text in ("a couple of", "a couple", "couple of"):
        return 2
    if re.fullmatch(VAGUE_QUANTITIES, text):
        return None
    return number_value(text)

