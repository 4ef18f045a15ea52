"""The temporal tagger: a compiled regular grammar over raw text, then resolution in reading order.

Tagging: every pattern of :data:`PATTERNS` is run over the text; overlapping
candidates are settled longest-first. Resolution: the kept expressions are
normalised in document order by their pattern's handler, against

- the document date (DCT) for deictic expressions (``yesterday``, ``last week``,
  a bare weekday, ``a year ago``), with the tense of the surrounding words
  deciding between the previous and the next occurrence;
- the date being talked about (the last resolved date before the expression)
  for anaphoric ones (``the previous day``, ``two days later``, ``a year earlier``,
  ``the quarter``).

Without a document date, absolute expressions keep their values and relative
ones get TimeML's unresolved forms (``XXXX-WXX-2``, ``XXXX-XX-XX``, ``PAST_REF``).
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
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    QUANTITY_MODS,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    number_value,
    words,
)
from eventwire.timex.values import Point

# --------------------------------------------------------------------------- grammar pieces

_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
         r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?)(?![\w-])"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_ORDWORD = words([w for w in ORDINALS if w not in ("last", "final")] +
                 ["twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth",
                  "twenty-sixth", "twenty-seventh", "twenty-eighth", "twenty-ninth", "thirty-first"])
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)"
_NUMWORD = words([w for w in NUMBER_WORDS if w not in ("a", "an", "single", "half", "couple")])
_NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{_NUMWORD}(?:[\s-]+(?:and\s+)?{_NUMWORD})*|an?|(?:a\s+)?couple\s+of|a\s+half|one\s+and\s+a\s+half)"
_UNIT = words(UNITS)
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_SEASON = words(SEASONS)
_QMOD = words(QUANTITY_MODS)
_POSMOD = r"(?:early|late|earlier|later|mid-?|the\s+middle\s+of|the\s+(?:beginning|start|end|close)\s+of|(?:the\s+)?(?:early|late|mid)\s+part\s+of)"
_FIRST_HALF = r"(?:the\s+)?(?:first|second|last|latter)\s+half\s+of"
_SPOKEN_YEAR = r"(?:nineteen[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
_DECADE_WORD = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
_TZ = r"(?:\s+(?:a\.m\.|p\.m\.)?\s*(?:EST|EDT|CST|CDT|PST|PDT|MST|MDT|GMT|UTC|local\s+time|\(\d{4}\s+GMT\)))?"

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
class Found:
    """A tagged, normalised expression (offsets into the document text)."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None
    point: Point | None = None
    rule: str = ""  # the grammar pattern that found it


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


# --------------------------------------------------------------------------- handlers


def h_full_date(m: re.Match, ctx: Context) -> Result | None:
    month_word = m.group("mon")
    if not _ok_month(month_word, m, "mon", ctx.text):
        return None
    month = _month_number(month_word)
    day_text = m.group("day")
    day = int(re.sub(r"\D", "", day_text)) if day_text[0].isdigit() else ORDINALS.get(day_text.lower()) or \
        _compound_ordinal(day_text)
    if not day:
        return None
    if m.group("year"):
        year = _year_value(m.group("year"))
    elif ctx.dct is not None and m.groupdict().get("rel"):
        rel = m.group("rel").lower()
        year = ctx.dct.year
        try:
            this_year = Date(year, month, day)
        except ValueError:
            return None
        if ("last" in rel or "past" in rel) and this_year >= ctx.dct:
            year -= 1
        elif ("next" in rel or "coming" in rel) and this_year <= ctx.dct:
            year += 1
    elif ctx.dct is not None:
        year = _day_year(ctx, month, day)
    else:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    try:
        Date(year, month, day)
    except ValueError:
        return None
    point = Point("day", year, month, day)
    ctx.note(point)
    return "DATE", point, _posmod(m.groupdict().get("pmod")) or _qmod(m.groupdict().get("qmod"))


def _day_year(ctx: Context, month: int, day: int) -> int:
    """The year of a month-day without one: the nearest such day, shifted by a clear tense."""
    tense = ctx.tense()
    best, best_cost = ctx.dct.year, None
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            diff = (Date(year, month, day) - ctx.dct).days
        except ValueError:
            continue
        if tense == "future" and diff < -3:
            continue
        cost = diff * 1.5 if diff > 0 else -diff
        if tense == "past" and diff > 0:
            cost = diff * 3
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def _compound_ordinal(text: str) -> int | None:
    parts = re.split(r"[\s-]+", text.lower())
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in ORDINALS:
        return int(NUMBER_WORDS[parts[0]] + ORDINALS[parts[1]])
    return None


def h_numeric_date(m: re.Match, ctx: Context) -> Result | None:
    year, month, day = (int(m.group(k)) for k in ("y", "m", "d"))
    try:
        Date(year, month, day)
    except ValueError:
        return None
    point = Point("day", year, month, day)
    ctx.note(point)
    return "DATE", point, None


def h_month_year(m: re.Match, ctx: Context) -> Result | None:
    month_word = m.group("mon")
    if not _ok_month(month_word, m, "mon", ctx.text):
        return None
    month = _month_number(month_word)
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        year = _year_value(m.group("year"))
    elif ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", _posmod(m.group("pmod"))
    elif rel.startswith("last"):
        year = ctx.dct.year - 1
    elif rel.startswith("next"):
        year = ctx.dct.year + 1
    else:
        year = ctx.dct.year
    point = Point.of_month(year, month)
    ctx.note(point)
    return "DATE", point, _posmod(m.group("pmod"))


def h_month(m: re.Match, ctx: Context) -> Result | None:
    month_word = m.group("mon")
    if not _ok_month(month_word, m, "mon", ctx.text):
        return None
    if month_word.lower().rstrip(".") in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                                           "nov", "dec") and not m.group("rel") and not m.group("pmod"):
        return None  # bare abbreviations are too often something else
    month = _month_number(month_word)
    rel = (m.group("rel") or "").lower().split()
    relation = rel[-1] if rel else None
    if relation in ("past",):
        relation = "last"
    if relation == "coming":
        relation = "next"
    mod = _posmod(m.group("pmod"))
    point = _month_point(ctx, month, relation)
    if point is None:
        return "DATE", f"XXXX-{month:02d}", mod
    ctx.note(point)
    return "DATE", point, mod


def h_year(m: re.Match, ctx: Context) -> Result | None:
    year = _year_value(m.group("year"))
    mod = _posmod(m.group("pmod")) or _qmod(m.groupdict().get("qmod"))
    point = Point("year", year)
    if m.groupdict().get("half"):
        half_text = m.group("half").lower()
        point = Point("half", year, 1 if "first" in half_text else 2)
    ctx.note(point)
    return "DATE", point, mod


def h_year_end(m: re.Match, ctx: Context) -> Result | None:
    """The short second year of a range: '2009-10' -> 2010."""
    century = int(ctx.text[m.start() - 5:m.start() - 3])
    first = int(ctx.text[m.start() - 5:m.start() - 1])
    year = century * 100 + int(m.group("yy"))
    if year <= first:
        return None
    return "DATE", Point("year", year), None


def h_decade(m: re.Match, ctx: Context) -> Result | None:
    text = m.group("dec").lower()
    digits = re.search(r"(\d{2,4})0'?s", text)
    if digits:
        raw = digits.group(1)
        if len(raw) == 3:
            decade = int(raw) * 10
        else:  # '80s or 80s
            short = int(raw[-1]) * 10
            decade = 1900 + short if short > 20 else 2000 + short
    else:
        word = re.search(_DECADE_WORD, text).group(0)
        tens = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                "eighties": 80, "nineties": 90}[word]
        decade = (2000 if tens <= 20 and "nineteen" not in text and ctx.dct and ctx.dct.year >= 2020 else 1900) + tens
    mod = _posmod(m.group("pmod"))
    if m.groupdict().get("half"):
        mod = "START" if "first" in m.group("half").lower() else "END"
    return "DATE", Point("decade", decade), mod


def h_century(m: re.Match, ctx: Context) -> Result | None:
    text = m.group("cent").lower()
    mod = _posmod(m.group("pmod"))
    if text in ("this", "the current"):
        if ctx.dct is None:
            return "DATE", "XX", mod
        return "DATE", Point("century", ctx.dct.year // 100 * 100), mod
    if text == "last":
        if ctx.dct is None:
            return "DATE", "XX", mod
        return "DATE", Point("century", (ctx.dct.year // 100 - 1) * 100), mod
    number = int(re.sub(r"\D", "", text)) if text[0].isdigit() else ORDINALS.get(text) or _compound_ordinal(text)
    if not number:
        return None
    return "DATE", Point("century", (number - 1) * 100), mod


def h_weekday(m: re.Match, ctx: Context) -> Result | None:
    weekday = WEEKDAYS[m.group("wd").lower()]
    rel = re.sub(r"\s+", "_", (m.group("rel") or "").lower().replace("the ", "")) or None
    part = m.group("part")
    mod = _posmod(m.group("pmod"))
    if rel in ("previous", "preceding", "following", "next_") and ctx.ref_day is not None:
        base = ctx.ref_day.as_date()
        if rel == "following":
            point = Point.of_day(base + timedelta(days=(weekday - base.isoweekday()) % 7 or 7))
        else:
            point = Point.of_day(base - timedelta(days=(base.isoweekday() - weekday) % 7 or 7))
    else:
        if rel in ("previous", "preceding"):
            rel = "last"
        elif rel == "following":
            rel = "next"
        point = _weekday_point(ctx, weekday, rel)
    clock = PARTS_OF_DAY.get(part.lower()) if part else ""
    if point is None:
        return ("TIME" if clock else "DATE"), _unresolved("weekday", weekday) + (clock or ""), mod
    ctx.note(point)
    return ("TIME" if clock else "DATE"), point.with_clock(clock or ""), mod


_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def h_deictic(m: re.Match, ctx: Context) -> Result | None:
    word = m.group("deic").lower()
    mod = _posmod(m.group("pmod"))
    part = (m.group("part") or "").lower()
    clock = PARTS_OF_DAY.get(part, "")
    if word == "tonight":
        clock = "TNI"
    if ctx.dct is None:
        return ("TIME" if clock else "DATE"), ("PRESENT_REF" if word == "today" and not clock else "XXXX-XX-XX" + clock), mod
    offset = _DEICTIC[word]
    if m.group("daybefore"):
        offset += -1 if "before" in m.group("daybefore").lower() else 1
    point = Point.of_day(ctx.dct + timedelta(days=offset))
    ctx.note(point)
    return ("TIME" if clock else "DATE"), point.with_clock(clock), mod


def h_part_of_day(m: re.Match, ctx: Context) -> Result | None:
    """'this morning', 'last night', 'this afternoon'."""
    rel = m.group("rel").lower()
    clock = PARTS_OF_DAY[m.group("part").lower()]
    mod = _posmod(m.group("pmod"))
    if ctx.dct is None:
        return "TIME", "XXXX-XX-XX" + clock, mod
    day = ctx.dct - timedelta(days=1) if rel == "last" and clock == "TNI" else ctx.dct
    if rel == "last" and clock != "TNI":
        day = ctx.dct - timedelta(days=1)
    return "TIME", Point.of_day(day).with_clock(clock), mod


def h_clock(m: re.Match, ctx: Context) -> Result | None:
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if hour > 24 or minute > 59:
        return None
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    mod = _qmod(m.group("qmod"))
    day = _day_of(m, ctx)
    if day is None:
        return "TIME", "XXXX-XX-XX" + clock, mod
    return "TIME", day.with_clock(clock), mod


def h_noon(m: re.Match, ctx: Context) -> Result | None:
    clock = PARTS_OF_DAY[m.group("noon").lower()]
    day = _day_of(m, ctx)
    if day is None:
        return "TIME", "XXXX-XX-XX" + clock, None
    return "TIME", day.with_clock(clock), None


def _day_of(m: re.Match, ctx: Context) -> Point | None:
    """The day a clock time is on: its own weekday/deictic/date words, else the day talked about."""
    groups = m.groupdict()
    if groups.get("wd"):
        return _weekday_point(ctx, WEEKDAYS[groups["wd"].lower()], None)
    if groups.get("deic") and ctx.dct is not None:
        return Point.of_day(ctx.dct + timedelta(days=_DEICTIC[groups["deic"].lower()]))
    if groups.get("mon") and groups.get("day") and ctx.dct is not None:
        month = _month_number(groups["mon"])
        day = int(re.sub(r"\D", "", groups["day"]))
        year = _month_point(ctx, month).year
        try:
            return Point("day", year, month, day)
        except ValueError:
            return None
    return ctx.ref_day or ctx.dct_point


def h_relative_unit(m: re.Match, ctx: Context) -> Result | None:
    """'last week', 'this month', 'next year', 'the previous day', 'the following year', 'that day'."""
    rel = re.sub(r"\s+", " ", m.group("rel").lower()).replace("the ", "").replace("that same", "same").strip()
    unit = m.group("unit").lower()
    mod = _posmod(m.group("pmod"))
    if unit in SEASONS:
        return _season(ctx, SEASONS[unit], rel, mod)
    if unit in ("decade", "century") and rel in ("past", "last"):
        return "DURATION", "P10Y" if unit == "decade" else "P100Y", mod  # 'the past decade': the last ten years
    gran = {"day": "day", "week": "week", "weekend": "weekend", "month": "month", "year": "year",
            "quarter": "quarter", "decade": "decade", "century": "century"}[unit]
    anaphoric = rel in ("previous", "preceding", "following", "next", "same", "that", "prior", "subsequent")
    if rel == "next" and gran != "day":
        anaphoric = False
    if anaphoric:
        base = ctx.ref_day if gran in ("day", "week", "weekend") else ctx.ref
        base = base or ctx.dct_point
    else:
        base = ctx.dct_point
    if base is None:
        if rel in ("this", "current", "same", "that") and gran != "day":
            return "DATE", _unresolved(gran), mod
        return "DATE", _unresolved(gran), mod
    if gran == "quarter" and base.gran != "quarter":
        base = ctx.ref_quarter if anaphoric and ctx.ref_quarter else base.coarsen("quarter")
    elif gran != base.gran:
        if gran == "weekend":
            day = base.as_date()
            if day is not None and rel in ("", "this", "the") and ctx.tense() != "future" and day.isoweekday() < 6:
                day -= timedelta(days=7)  # 'over the weekend' said on a weekday: the one just past
            base = Point.of_weekend(day) if day else base
        else:
            base = base.coarsen(gran)
    step = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "next": 1, "following": 1,
            "coming": 1, "subsequent": 1}.get(rel, 0)
    if gran == "year" and rel == "last" and ctx.ref_quarter is not None and _quarter_talk(ctx, same_sentence=True) \
            and re.match(r"['’]s\s+(?:\w+\s+)?(?:quarter|period)|\W*$", ctx.text[ctx.end:ctx.end + 25]) is None \
            and re.search(r"\b(?:compared|from|against|versus|with)\b[^.]{0,60}$", ctx.text[max(0, ctx.start - 60):ctx.start]):
        # 'up from $3 million last year' in a quarterly report: the same quarter a year before
        return "DATE", _reported_quarter(ctx).shift(-4, "quarter"), mod
    if gran == "weekend" and step:
        point = base.shift(step, "week")
    else:
        point = base.shift(step, "quarter" if gran == "quarter" else ("day" if gran == "day" else gran))
    if point is None:
        return "DATE", _unresolved(gran), mod
    if gran in ("day",):
        ctx.note(point)
    return "DATE", point, mod


def _season(ctx: Context, season: str, rel: str, mod: str | None, year: int | None = None) -> Result:
    if year is not None:
        return "DATE", Point("season", year, season=season), mod
    if ctx.dct is None:
        return "DATE", f"XXXX-{season}", mod
    month = ctx.dct.month
    current = "WI" if month in (12, 1, 2) else "SP" if month <= 5 else "SU" if month <= 8 else "FA"
    order = ["WI", "SP", "SU", "FA"]
    year = ctx.dct.year
    if rel in ("last", "past", "this past"):
        if order.index(season) >= order.index(current):
            year -= 1
    elif rel in ("next", "coming", "this coming"):
        if order.index(season) <= order.index(current):
            year += 1
    elif rel not in ("this",) and ctx.tense() == "past" and order.index(season) > order.index(current):
        year -= 1
    return "DATE", Point("season", year, season=season), mod


def h_season(m: re.Match, ctx: Context) -> Result | None:
    word = m.group("season").lower()
    if word in ("fall", "spring") and not (m.group("rel") or m.group("year") or m.group("pmod")
                                            or m.group(0).lower().startswith("the")):
        return None
    season = SEASONS[word]
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower()).strip()
    year = _year_value(m.group("year")) if m.group("year") else None
    return _season(ctx, season, rel, _posmod(m.group("pmod")), year)


def h_this_period(m: re.Match, ctx: Context) -> Result | None:
    """'earlier this month', 'later this year', 'earlier in the week', 'later that day'."""
    unit = m.group("unit").lower()
    which = m.group("which").lower()
    mod = _posmod(m.group("pmod"))
    base = ctx.ref_day if "that" in which and ctx.ref_day else ctx.dct_point
    if "that" in which and unit != "day" and ctx.ref is not None:
        base = ctx.ref
    if base is None:
        return "DATE", _unresolved(unit), mod
    if unit == "day":
        return "DATE", base if base.gran == "day" else base, mod
    return "DATE", base.coarsen(unit), mod


def h_ago(m: re.Match, ctx: Context) -> Result | None:
    """'two days ago', 'a year earlier', 'three weeks later', 'a decade ago'."""
    amount = _amount(m.group("num"))
    unit = UNITS.get(m.group("unit").lower())
    direction = m.group("dir").lower()
    mod = _qmod(m.group("qmod"))
    gran = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century", "Q": "quarter",
            "H": "hour", "MIN": "hour", "S": "hour", "WE": "week", "FN": "week", "HY": "month"}[unit]
    if gran == "hour":
        return "DURATION", duration_value(amount, unit), mod
    sign = 1 if direction in ("later", "after", "from now", "hence", "on") else -1
    deictic = direction in ("ago", "from now", "hence", "back")
    base = ctx.dct_point if deictic else (ctx.ref_day if gran in ("day", "week") else ctx.ref) or ctx.dct_point
    if base is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    if amount is None or amount != int(amount):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    count = int(amount) * sign
    if gran == "year" and ctx.ref_quarter is not None and base.gran == "quarter":
        return "DATE", base.shift(count * 4, "quarter"), mod
    if gran == "year" and ctx.ref_quarter is not None and amount == 1 and _quarter_talk(ctx):
        point = _reported_quarter(ctx).shift(count * 4, "quarter")
        return "DATE", point, mod
    if gran in ("decade", "century"):
        shifted = base.coarsen("year").shift(count * (10 if gran == "decade" else 100), "year")
        return "DATE", shifted, mod
    if gran == "quarter":
        base_q = base if base.gran == "quarter" else base.coarsen("quarter")
        return "DATE", base_q.shift(count, "quarter"), mod
    if base.gran != "day" and gran in ("day", "week"):
        base = ctx.dct_point
    if gran == "day":
        point = base.shift(count, "day")
    elif gran == "week":
        point = base.coarsen("day").shift(count, "week") if base.gran == "day" else base.shift(count, "week")
    elif gran == "month":
        point = base.coarsen("month").shift(count, "month") if base.gran == "day" else base.shift(count, "month")
    else:
        point = base.shift(count, "year") if base.gran != "day" else Point("year", base.year + count)
        if point is not None and point.gran not in ("year", "quarter", "month", "season", "half"):
            point = Point("year", point.year)
        if point is not None and point.gran != "quarter" and point.gran != "year":
            point = Point("year", point.year)
    if point is None:  # the date talked about is too coarse ('in 2015 ... two months later')
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    if gran == "day":
        ctx.note(point)
    return "DATE", point, mod


def _quarter_talk(ctx: Context, same_sentence: bool = False) -> bool:
    s_start, s_end = ctx.sentence()
    previous = s_start if same_sentence else max([start for start, _ in ctx.sentence_spans if start < s_start] or [s_start])
    nearby = ctx.text[previous:s_end].lower()
    return bool(re.search(r"quarter|period|three months", nearby))


def h_duration(m: re.Match, ctx: Context) -> Result | None:
    num = m.group("num")
    unit = UNITS.get(m.group("unit").lower())
    if unit is None:
        return None
    amount = _amount(num) if num else None
    if num and amount is None and not re.fullmatch(VAGUE_QUANTITIES, re.sub(r"\s+", " ", num.lower())):
        return None
    mod = _qmod(m.groupdict().get("qmod"))
    if num and re.fullmatch(r"1[5-9]\d\d|20\d\d", num.strip()) and not m.group("unit").lower().endswith("s"):
        return None  # 'the 1988 quarter'
    lowered = re.sub(r"\s+", " ", (num or "").lower())
    whole = m.group(0)[m.end("qmod") - m.start() if m.group("qmod") else 0:].strip().lower()
    if re.match(r"\s+(?:old|of\s+age)\b", ctx.text[ctx.end:ctx.end + 10]) and unit == "Y":
        return None  # an age
    if unit == "Q" and not re.match(r"(?:the\s+)?(?:past|last|next|first|coming|previous|final|following|latest|remaining)\b", whole) \
            and "consecutive" not in whole and "straight" not in whole \
            and not re.match(r"(?:several|few|recent|many|some)\b", whole):
        return None  # 'three-quarters', 'a quarter of'
    if unit == "S" and lowered in ("a", "an"):
        return None  # 'a second time'
    if lowered in ("a", "an") and not m.group("qmod") and re.search(
            r"(?:\d[\d,.]*(?:\s+(?:million|billion|thousand|percent|cents?))?|\$|%|\bper|"
            r"\b(?!(?:was|has|this|does|its|his|hers|ours|yours|always|perhaps|less|across|unless)\b)[a-z]{2,}s)\s+$",
            ctx.text[max(0, m.start("num") - 30):m.start("num")]):
        return None  # a rate of an amount ('$1.76 a year', 'four flights a week'): a measure, untagged in TimeBank
    if lowered == "recent":
        return "DATE", "PAST_REF" if unit in ("Y", "DE", "D", "CE") else duration_value(None, unit), mod
    if lowered == "coming":
        return "DATE", "FUTURE_REF", mod
    if m.group(0).lower().rstrip().endswith("and a half") and amount is not None:
        amount += 0.5
    if unit == "Q" and amount is not None:
        return "DURATION", f"P{_num(amount * 3)}M", mod
    return "DURATION", duration_value(amount, unit), mod


def h_adj_duration(m: re.Match, ctx: Context) -> Result | None:
    """'five-year', '16-hour', '8-month-old', 'decades-long'."""
    unit = UNITS.get(m.group("unit").lower())
    if unit is None:
        return None
    if m.group(0).lower().endswith("-old") and unit == "Y":
        return None  # an age: '6-year-old'
    amount = _amount(m.group("num")) if m.group("num") else None
    return "DURATION", duration_value(amount, unit), None


def h_plural_unit(m: re.Match, ctx: Context) -> Result | None:
    """Bare plural units after a preposition: 'for years', 'within weeks'."""
    unit = UNITS.get(m.group("unit").lower())
    return "DURATION", duration_value(None, unit), None


def h_quarter(m: re.Match, ctx: Context) -> Result | None:
    word = (m.group("ord") or "").lower().replace("-", " ")
    year = None
    if m.group("year") or m.group("year2"):
        year = _year_value(m.group("year") or m.group("year2"))
    ylead = (m.group("ylead") or "").lower()
    if "last" in ylead and ctx.dct:
        year = ctx.dct.year - 1
    elif "next" in ylead and ctx.dct:
        year = ctx.dct.year + 1
    elif "this" in ylead and ctx.dct:
        year = ctx.dct.year
    is_half = m.group("q").lower().startswith("half")
    ordinals = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
    number = ordinals.get(word.split()[-1] if word else "")
    shift_back = "year earlier" in word or "year ago" in word or "prior year" in word
    if is_half:
        if number is None or number > 2:
            return None
        if year is None:
            if ctx.dct is None:
                return "DATE", f"XXXX-H{number}", None
            year = ctx.dct.year if (number == 1 or ctx.dct.month > 6 or ctx.tense() == "future") else ctx.dct.year - 1
        point = Point("half", year, number)
        ctx.note(point)
        return "DATE", point, None
    if number is not None:
        point = _quarter_point(ctx, number, year)
        if point is None:
            return "DATE", f"XXXX-Q{number}", None
        if shift_back:
            point = point.shift(-4, "quarter")
        else:
            ctx.note(point)
        return "DATE", point, None
    # 'the quarter', 'the latest quarter', 'the year-earlier quarter', 'the current quarter'
    if ctx.dct is None and ctx.ref_quarter is None:
        return "DATE", "XXXX-QX", None
    if "current" in word or "this" in word:
        point = Point.of_day(ctx.dct).coarsen("quarter") if ctx.dct else ctx.ref_quarter
    elif "next" in word or "coming" in word:
        base = ctx.dct_point.coarsen("quarter") if ctx.dct else ctx.ref_quarter
        point = base.shift(1, "quarter")
    elif "that" in word and ctx.ref_quarter is not None:
        point = ctx.ref_quarter
    else:
        point = _reported_quarter(ctx)
    if "previous" in word or "prior" in word or "last" in word and "latest" not in word:
        point = point.shift(-1, "quarter")
    if year is not None:
        point = Point.of_quarter(year, point.number)
    if shift_back:
        point = point.shift(-4, "quarter")
    elif point is not None:
        ctx.note(point)
    return "DATE", point, None


def h_year_earlier(m: re.Match, ctx: Context) -> Result | None:
    """'year-earlier', 'year-ago', 'the year-ago period': the period talked about, a year before."""
    if m.groupdict().get("months"):
        return "DURATION", duration_value(_amount(m.group("months")), "M"), None  # 'the year-earlier nine months'
    period = re.search(r"period|quarter|months", m.group(0), re.I)
    base = _reported_quarter(ctx)
    if base is not None and (period or ctx.ref_quarter is not None):
        return "DATE", base.shift(-4, "quarter"), None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    return "DATE", Point("year", ctx.dct.year - 1), None


def _reported_quarter(ctx: Context) -> Point | None:
    """The quarter a results story reports on: the last one completed before the document date."""
    if ctx.dct is not None:
        return ctx.dct_point.coarsen("quarter").shift(-1, "quarter")
    return ctx.ref_quarter


def h_the_year(m: re.Match, ctx: Context) -> Result | None:
    """'the year', 'the fiscal year', 'the full year': a one-year period ('... ended June 30') or this year."""
    if re.match(r"\s+(?:ended|ending|that\s+ended|through|to\s+(?:date|June|March|Sept|Dec))", ctx.text[ctx.end:ctx.end + 20]):
        return "DURATION", "P1Y", None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    year = ctx.dct.year - (1 if "latest" in m.group(0).lower() or "last" in m.group(0).lower() else 0)
    return "DATE", Point("year", year), None


def h_period_end(m: re.Match, ctx: Context) -> Result | None:
    """'year-end', 'year's end', 'the end of the year', 'the end of the month': the current one, mod END."""
    unit = (m.group("unit") or m.group("u2") or m.group("u3")).lower()
    mod = "APPROX" if m.group("qmod") else "END"
    if ctx.dct is None:
        return "DATE", _unresolved(unit), mod
    return "DATE", ctx.dct_point.coarsen(unit), mod


def h_quarter_abbr(m: re.Match, ctx: Context) -> Result | None:
    """'Q3', 'Q3 2023', "Q1'24", 'H1 2024'."""
    number = int(m.group("n"))
    half = m.group("q").upper() == "H"
    if half and number > 2:
        return None
    year = m.group("year") or m.group("year2")
    if year:
        year = int(year)
    elif m.group("yy"):
        year = 2000 + int(m.group("yy"))
    if half:
        if year is None:
            if ctx.dct is None:
                return "DATE", f"XXXX-H{number}", None
            year = ctx.dct.year
        return "DATE", Point("half", year, number), None
    point = _quarter_point(ctx, number, year)
    if point is None:
        return "DATE", f"XXXX-Q{number}", None
    ctx.note(point)
    return "DATE", point, None


def h_year_period(m: re.Match, ctx: Context) -> Result | None:
    """'the 1988 period' in a results story: the reported quarter of that year (else the year)."""
    year = int(m.group("year"))
    reported = _reported_quarter(ctx)
    if ctx.ref_quarter is not None and reported is not None:
        return "DATE", Point.of_quarter(year, reported.number), None
    return "DATE", Point("year", year), None


def h_latest_period(m: re.Match, ctx: Context) -> Result | None:
    point = _reported_quarter(ctx)
    return "DATE", point if point is not None else "XXXX-QX", None


def h_next_part(m: re.Match, ctx: Context) -> Result | None:
    """'the next morning', 'the following evening': a part of the day after the one talked about."""
    clock = PARTS_OF_DAY[m.group("part").lower()]
    base = ctx.ref_day or ctx.dct_point
    if base is None:
        return "TIME", "XXXX-XX-XX" + clock, None
    step = {"next": 1, "following": 1, "previous": -1, "same": 0}[m.group("rel").lower()]
    point = base.shift(step, "day") if step else base
    ctx.note(point)
    return "TIME", point.with_clock(clock), None


def h_part_mod(m: re.Match, ctx: Context) -> Result | None:
    """'mid-afternoon yesterday', 'late evening': a part of the day (given, talked about, or today)."""
    clock = PARTS_OF_DAY[m.group("part").lower()]
    mod = _posmod(m.group("pmod"))
    day = _day_of(m, ctx)
    if day is None:
        return "TIME", "XXXX-XX-XX" + clock, mod
    return "TIME", day.with_clock(clock), mod


def h_day_range_end(m: re.Match, ctx: Context) -> Result | None:
    """The second day of 'April 24 and 25' / 'April 24-25': same month as the date just before."""
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if not re.search(rf"{_MONTH}\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?$", before, re.I):
        return None
    previous = ctx.ref_day
    day = int(m.group("day"))
    if previous is None or previous.gran != "day" or day <= previous.day:
        return None
    try:
        point = Point("day", previous.year, previous.number, day)
        point.as_date()
        Date(previous.year, previous.number, day)
    except ValueError:
        return None
    return "DATE", point, None


def h_fiscal(m: re.Match, ctx: Context) -> Result | None:
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        return "DATE", Point("year", _year_value(m.group("year"))), None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    year = ctx.dct.year + (-1 if "last" in rel or "previous" in rel else 1 if "next" in rel else 0)
    return "DATE", Point("year", year), None


_FUZZY = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "today": "PRESENT_REF", "the time being": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "earlier": "PAST_REF", "once": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    "a later date": "FUTURE_REF", "shortly": "FUTURE_REF", "the coming": "FUTURE_REF", "coming": "FUTURE_REF",
    "the next": "FUTURE_REF", "recent": "PAST_REF", "past": "PAST_REF", "the last": "PAST_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
}


def h_fuzzy(m: re.Match, ctx: Context) -> Result | None:
    word = re.sub(r"\s+", " ", m.group("fz").lower())
    ahead = re.fullmatch(r"the (days|weeks|months|years) ahead", word)
    if ahead:
        return "DURATION", duration_value(None, UNITS[ahead.group(1)]), None
    value = _FUZZY.get(word)
    if value is None:
        first = word.split()[0]
        value = {"recent": "PAST_REF", "past": "PAST_REF", "coming": "FUTURE_REF", "future": "FUTURE_REF",
                 "next": "FUTURE_REF", "the": "PAST_REF"}.get(first, "PAST_REF")
        if word.startswith("the coming") or word.startswith("the next") or word.startswith("the future"):
            value = "FUTURE_REF"
    return "DATE", value, None


_SET_UNIT = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
             "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W", "annual": "P1Y"}


def h_set(m: re.Match, ctx: Context) -> Result | None:
    word = re.sub(r"\s+", " ", m.group("set").lower())
    if word in _SET_UNIT:
        return "SET", _SET_UNIT[word], None
    what = m.group("what").lower() if m.groupdict().get("what") else ""
    what = what.rstrip("s") if what.endswith("days") and what[:-1] in WEEKDAYS else what
    if what in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[what]}", None
    if what.rstrip(".") in MONTHS:
        return "SET", f"XXXX-{MONTHS[what.rstrip('.')]:02d}", None
    if what in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XX{PARTS_OF_DAY[what]}", None
    if what in SEASONS:
        return "SET", f"XXXX-{SEASONS[what]}", None
    unit = UNITS.get(what)
    if unit is None:
        return None
    every = 2 if "other" in word else 1
    return "SET", duration_value(every, unit), None


def h_weekday_plural(m: re.Match, ctx: Context) -> Result | None:
    weekday = WEEKDAYS[m.group("wd").lower()]
    part = m.group("part")
    clock = PARTS_OF_DAY.get(part.lower().rstrip("s"), "") if part else ""
    return "SET", f"XXXX-WXX-{weekday}{clock}", None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> Date:
    first = Date(year, month, 1)
    if n > 0:
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = Date(year, month + 1, 1) - timedelta(days=1) if month < 12 else Date(year, 12, 31)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(year: int) -> Date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return Date(year, month, day)


_HOLIDAYS: dict[str, Callable[[int], Date]] = {
    "christmas": lambda y: Date(y, 12, 25), "christmas day": lambda y: Date(y, 12, 25),
    "christmas eve": lambda y: Date(y, 12, 24), "new year's day": lambda y: Date(y, 1, 1),
    "new year's eve": lambda y: Date(y, 12, 31), "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4), "halloween": lambda y: Date(y, 10, 31),
    "independence day": lambda y: Date(y, 7, 4), "labor day": lambda y: _nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 1, -1), "easter": _easter, "easter sunday": _easter,
    "valentine's day": lambda y: Date(y, 2, 14), "veterans day": lambda y: Date(y, 11, 11),
    "boxing day": lambda y: Date(y, 12, 26), "may day": lambda y: Date(y, 5, 1),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + timedelta(days=1),
}


def h_holiday(m: re.Match, ctx: Context) -> Result | None:
    name = re.sub(r"\s+", " ", m.group("hol").lower()).replace("’", "'")
    rule = _HOLIDAYS.get(name)
    if rule is None:
        return None
    if m.group("year"):
        year = _year_value(m.group("year"))
    elif ctx.dct is None:
        return "DATE", "XXXX-" + rule(2001).strftime("%m-%d"), None
    else:
        year = ctx.dct.year
        rel = (m.group("rel") or "").lower()
        day = rule(year)
        if rel == "last" or (not rel and ctx.tense() == "past"):
            if day > ctx.dct:
                year -= 1
        elif rel == "next" or ctx.tense() == "future":
            if day < ctx.dct:
                year += 1
    point = Point.of_day(rule(year))
    ctx.note(point)
    return "DATE", point, None


# --------------------------------------------------------------------------- patterns

_B = r"(?<![\w$£€#/.-])"  # left boundary: not inside a word, a number, an amount
_E = r"(?![\w%-]|\.\d|,\d)"  # right boundary

_PMOD = rf"(?:(?P<pmod>{_POSMOD})[\s-]*)?"
_QMODG = rf"(?:(?P<qmod>{_QMOD})\s+(?!the\b|this\b|that\b|its\b|their\b))?"
_NOT_COUNT = r"(?!\s+(?:people|persons|troops|soldiers|men|women|children|civilians|members|workers|employees|" \
             r"shares|tons|tonnes|feet|foot|meters|metres|miles|km|kilometres|kilometers|dollars|cars|jobs|votes|" \
             r"homes|houses|copies|barrels|units|acres|pounds|students|seats|rounds|points|times|of\s+(?:them|the|its|their)))"

PATTERNS: list[tuple[str, str, Handler]] = [
    ("full_date",
     rf"{_B}(?:(?P<qmod>around|about|approximately|roughly)\s+)?{_PMOD}(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?:(?:{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<day>{_DAYNUM}|{_ORDWORD}|twenty[\s-]\w+|thirty[\s-]first)(?:,?\s+(?P<year>{_YEAR}|{_SPOKEN_YEAR}))?{_E}",
     h_full_date),
    ("full_date_dmy",
     rf"{_B}{_PMOD}(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAYNUM})(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?{_E}",
     h_full_date),
    ("iso_date", rf"{_B}(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d){_E}", h_numeric_date),
    ("us_date", rf"{_B}(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d){_E}", h_numeric_date),
    ("month_year",
     rf"{_B}{_PMOD}(?P<mon>{_MONTH})(?:(?:\s+of|,)?\s+(?P<year>{_YEAR}|{_SPOKEN_YEAR})|\s+(?P<rel>(?:this|last|next)\s+year|of\s+(?:this|last|next)\s+year)){_E}",
     h_month_year),
    ("month",
     rf"{_B}{_PMOD}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming)\s+)?(?P<mon>{_MONTH}){_E}",
     h_month),
    ("year",
     rf"(?:{_B}|(?<=\d{{4}}[-–]))(?<!\d[-–]\d{{4}}[-–]){_PMOD}{_QMODG}(?:(?P<half>{_FIRST_HALF})\s+)?(?:(?:the\s+)?(?:calendar\s+|fiscal\s+)?year\s+)?(?P<year>{_YEAR}|'\d\d(?!s)|{_SPOKEN_YEAR})(?:{_E}|(?=[-–](?:1[5-9]|20)?\d\d(?![\d-]))){_NOT_COUNT}",
     h_year),
    ("year_range_end", rf"(?<=(?:1[5-9]|20)\d\d[-–])(?P<yy>\d\d)(?![\d%-]|\.\d|,\d)", h_year_end),
    ("decade",
     rf"{_B}(?:(?P<half>{_FIRST_HALF})\s+)?(?:the\s+)?{_PMOD}(?P<dec>(?:1[5-9]|20)\d0'?s|'\d0s|(?:nineteen[\s-]+)?{_DECADE_WORD}){_E}",
     h_decade),
    ("century",
     rf"{_B}(?:the\s+)?{_PMOD}(?P<cent>\d{{1,2}}(?:st|nd|rd|th)|{_ORDWORD}|twenty-first|this|last|the\s+current)[\s-]+century{_E}",
     h_century),
    ("weekday",
     rf"{_B}{_PMOD}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past|the\s+previous|the\s+preceding|the\s+following)\s+)?(?P<wd>{_WEEKDAY})(?!s)(?:'s)??(?:\s+(?P<part>{_PART}))?{_E}",
     h_weekday),
    ("weekday_plural",
     rf"{_B}(?P<wd>{_WEEKDAY})s(?:\s+(?P<part>mornings|afternoons|evenings|nights))?{_E}",
     h_weekday_plural),
    ("deictic",
     rf"{_B}{_PMOD}(?:(?P<daybefore>the\s+day\s+(?:before|after))\s+)?(?P<deic>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{_PART}))?{_E}",
     h_deictic),
    ("part_of_day",
     rf"{_B}{_PMOD}(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|evening|night){_E}",
     h_part_of_day),
    ("clock",
     rf"{_B}{_QMODG}(?P<hour>[012]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b|o'clock)(?:{_TZ})(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WEEKDAY})|(?P<deic>today|yesterday|tomorrow)|(?P<mon>{_MONTH})\s+(?P<day>{_DAYNUM})))?{_E}",
     h_clock),
    ("clock_24",
     rf"{_B}{_QMODG}(?P<hour>[012]?\d):(?P<minute>[0-5]\d)(?P<ampm>)\s*(?:{_TZ})?(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WEEKDAY})|(?P<deic>today|yesterday|tomorrow)))?{_E}",
     h_clock),
    ("noon",
     rf"{_B}(?P<noon>noon|midnight|midday)(?:\s+(?:on\s+)?(?:(?P<wd>{_WEEKDAY})|(?P<deic>today|yesterday|tomorrow)))?{_E}",
     h_noon),
    ("relative_unit",
     rf"{_B}{_PMOD}(?P<rel>last|this|next|the\s+past|past|the\s+last|the\s+coming|coming|the\s+next|the\s+previous|the\s+preceding|the\s+following|the\s+current|current|(?:that|the)\s+same|that|the\s+prior|the\s+subsequent)\s+(?P<unit>day|week|weekend|month|year|quarter|decade|century|{_SEASON}){_E}",
     h_relative_unit),
    ("the_weekend", rf"{_B}{_PMOD}(?P<rel>the)\s+(?P<unit>weekend){_E}", h_relative_unit),
    ("season",
     rf"{_B}(?:the\s+)?{_PMOD}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming)\s+)?(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<year>{_YEAR}|{_SPOKEN_YEAR}))?{_E}",
     h_season),
    ("this_period",
     rf"{_B}(?P<pmod>earlier|later|early|late)\s+(?P<which>this|that|in\s+the|in\s+this|in\s+that|the\s+same)\s+(?P<unit>day|week|month|year){_E}",
     h_this_period),
    ("ago",
     rf"{_B}{_QMODG}(?P<num>{_NUMBER}|{VAGUE_QUANTITIES})[\s-]+(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence|back){_E}",
     h_ago),
    ("duration",
     rf"{_B}{_QMODG}(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final|following|latest|same|remaining|ensuing|initial|additional|further)\s+)?(?P<num>{_NUMBER}|{VAGUE_QUANTITIES})[\s-]+(?:(?:more|additional|further|full|straight|consecutive|long)\s+)?(?P<unit>{_UNIT}){_E}(?:\s+and\s+a\s+half)?",
     h_duration),
    ("adj_duration",
     rf"{_B}(?P<num>\d+(?:\.\d+)?|{_NUMWORD}(?:-{_NUMWORD})?|several|multi)?-(?P<unit>second|minute|hour|day|night|week|month|year|decade|century)(?:-old|-long)?{_E}",
     h_adj_duration),
    ("plural_adj", rf"{_B}(?P<num>)(?P<unit>decades|years|months|weeks|days|hours)-long{_E}", h_adj_duration),
    ("plural_unit",
     rf"\b(?:for|in|within|over|after|lasting|than|took|take|takes|spent|spend)\s+(?P<core>(?P<unit>hours|days|weeks|months|years|decades|centuries)){_E}",
     h_plural_unit),
    ("quarter",
     rf"{_B}(?:(?:the|its|a|their|his|her)\s+)?(?P<ylead>(?:this|last|next)\s+year's\s+)?(?:(?P<year>{_YEAR})\s+)?(?:(?:comparable|corresponding|flat|fiscal|fiscal-?)\s*)?(?P<ord>(?:(?:comparable\s+)?year[\s-](?:earlier|ago)|prior[\s-]year)(?:\s+(?:first|second|third|fourth))?|first|second|third|fourth|1st|2nd|3rd|4th|latest|current|past|previous|prior|last|this|next|coming|same|final)?[\s-]*(?:fiscal[\s-]+)?(?P<q>quarter|half)(?!s|ly)(?:\s+of\s+(?:fiscal\s+)?(?P<year2>{_YEAR}))?{_E}",
     h_quarter),
    ("year_earlier",
     rf"{_B}(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[\s-](?:earlier|ago)|prior[\s-]year)(?:\s+(?:period|level|results|figures|(?:first\s+)?(?P<months>six|nine|three|\d+)\s+months))?{_E}",
     h_year_earlier),
    ("same_period",
     rf"{_B}the\s+(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year|of\s+last\s+year|the\s+previous\s+year){_E}",
     h_year_earlier),
    ("fiscal",
     rf"{_B}(?:(?:the\s+)?(?P<rel>current|last|previous|next|this)\s+)?fiscal(?:\s+year)?\s+(?P<year>{_YEAR}){_E}",
     h_fiscal),
    ("fiscal_rel", rf"{_B}(?:the\s+)?(?P<rel>current|last|previous|next|this)\s+fiscal\s+year(?P<year>){_E}", h_fiscal),
    ("the_year",
     rf"{_B}the\s+(?:full\s+|fiscal\s+|full\s+fiscal\s+|latest\s+fiscal\s+|current\s+fiscal\s+|entire\s+|whole\s+)?year(?!\s+(?:before|after|earlier|ago|later|\d))(?!['’]s|-){_E}",
     h_the_year),
    ("period_end",
     rf"{_B}(?:(?P<qmod>around|about)\s+)?(?:(?P<unit>year)[\s-]end|(?P<u2>year)['’]s\s+end|the\s+end\s+of\s+the\s+(?P<u3>year|month|week))(?!s){_E}",
     h_period_end),
    ("latest_period", rf"{_B}the\s+latest\s+period{_E}", h_latest_period),
    ("quarter_abbr",
     rf"(?<![\w-])(?P<q>[QH])(?P<n>[1-4])(?:\s*(?:of\s+)?(?P<year>{_YEAR})|\s*['’](?P<yy>\d\d)|\s*/\s*(?P<year2>{_YEAR}))?(?![\w-])",
     h_quarter_abbr),
    ("year_period", rf"{_B}the\s+(?P<year>{_YEAR})\s+period{_E}", h_year_period),
    ("next_part",
     rf"{_B}the\s+(?P<rel>next|following|previous|same)\s+(?P<part>morning|afternoon|evening|night){_E}",
     h_next_part),
    ("part_of_day_mod",
     rf"{_B}(?P<pmod>early|late|mid-?|the\s+middle\s+of\s+the)\s*(?P<part>morning|afternoon|evening)"
     rf"(?:\s+(?:(?P<deic>yesterday|today|tomorrow)|(?P<wd>{_WEEKDAY})))?{_E}",
     h_part_mod),
    ("day_range_end",
     rf"(?<=\d)(?:\s*[-–]\s*|\s+(?:and|to|through)\s+)(?P<core>(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)(?![\d%:.,]\d|\s*(?:percent|%|a\.m|p\.m|[ap]m\b|o'clock|people|of\b|and\b|times|years|months|days|weeks|hours))",
     h_day_range_end),
    ("fuzzy",
     rf"{_B}(?P<fz>now|right\s+now|currently|at\s+present|nowadays|these\s+days|the\s+time\s+being|"
     rf"recently|lately|(?:the|in\s+the)\s+past(?!\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|week|month|year|decade|day|quarter|century))|"
     rf"the\s+(?:near\s+|distant\s+)?future|a\s+later\s+date|the\s+(?:near|short)\s+term|"
     rf"the\s+(?:days|weeks|months|years)\s+ahead|"
     rf"(?:recent|coming|future|past)\s+(?:years|months|weeks|days|decades|quarters)|"
     rf"the\s+(?:coming|next|past|last)\s+(?:few|several)\s+(?:years|months|weeks|days|decades)|"
     rf"current(?=\s+(?!account|accounts|affairs|events|flows?|rate|of|and|or\b)[a-z]+)){_E}",
     h_fuzzy),
    ("set",
     rf"{_B}(?P<set>daily|weekly|monthly|yearly|hourly|nightly|biweekly|"
     rf"(?:every|each|per)\s+(?:other\s+)?(?P<what>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|{_WEEKDAY}|"
     rf"morning|afternoon|evening|january|february|march|april|may|june|july|august|september|october|november|december|{_SEASON})|"
     rf"(?:once|twice|\w+\s+times)\s+a\s+(?P<what2>day|week|month|year)){_E}",
     h_set),
    ("holiday",
     rf"{_B}(?:(?P<rel>last|this|next)\s+)?(?P<hol>christmas(?:\s+(?:day|eve))?|new\s+year['’]s\s+(?:day|eve)|thanksgiving(?:\s+day)?|halloween|"
     rf"independence\s+day|labor\s+day|memorial\s+day|election\s+day|easter(?:\s+sunday)?|valentine['’]s\s+day|veterans\s+day|boxing\s+day)(?:\s+(?P<year>{_YEAR}))?{_E}",
     h_holiday),
]


def _fix_set(m: re.Match, ctx: Context) -> Result | None:
    if m.groupdict().get("what2"):
        unit = UNITS[m.group("what2").lower()]
        return "SET", duration_value(1, unit), None
    return h_set(m, ctx)


PATTERNS = [(name, regex, _fix_set if name == "set" else handler) for name, regex, handler in PATTERNS]
COMPILED = [(name, re.compile(regex, re.I), handler) for name, regex, handler in PATTERNS]
_PRIORITY = {name: i for i, (name, _, _) in enumerate(PATTERNS)}


# Every pattern holds one of these words or shapes (its "anchor"); a pattern only runs on windows
# around the anchors of its kinds, which keeps tagging fast (most of a news text holds no time).
_ANCHOR_WORDS: dict[str, str] = {}
for _kind, _words in {
    "mon": "january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec",
    "wd": " ".join(f"{d} {d}s" for d in WEEKDAYS),
    "deic": "today yesterday tomorrow tonight",
    "part": "morning afternoon evening overnight noon midnight midday night",
    "season": "spring summer fall autumn winter",
    "unit": "year years month months week weeks weekend weekends day days nights hour hours minute minutes "
            "second seconds decade decades century centuries fortnight quarter quarters half semester period term",
    "fuzzy": "now current currently recent recently lately nowadays present past future time later ahead",
    "set": "daily weekly monthly yearly annually hourly nightly biweekly every each per once twice times",
    "hol": "christmas thanksgiving easter halloween election valentine independence labor memorial veterans boxing",
    "fiscal": "fiscal",
    "num": "nineteen thousand twenties thirties forties fifties sixties seventies eighties nineties",
    "qabbr": "q h",
}.items():
    for _word in _words.split():
        _ANCHOR_WORDS[_word] = _kind
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_CLOCK_AFTER = re.compile(r"(?:[:.]\d\d|\s*[ap]\.?\s?m\b|\s*o'clock|/\d)", re.I)


def _anchor_kind(text: str, m: re.Match) -> str | None:
    token = m.group()
    if token[0].isalpha():
        return _ANCHOR_WORDS.get(token.lower())
    if len(token) == 4 and 1500 <= int(token) <= 2099:
        return "digits"
    if len(token) <= 2 and (_CLOCK_AFTER.match(text, m.end()) or text[m.start() - 1:m.start()] == "'"):
        return "digits"
    return None
# which anchor kinds each pattern needs (one of them)
_KINDS = {
    "full_date": "mon", "full_date_dmy": "mon", "iso_date": "digits", "us_date": "digits", "month_year": "mon",
    "month": "mon", "year": "digits num", "year_range_end": "digits", "decade": "digits num", "century": "unit",
    "weekday": "wd", "weekday_plural": "wd", "deictic": "deic", "part_of_day": "part", "clock": "digits",
    "clock_24": "digits", "noon": "part", "relative_unit": "unit season", "the_weekend": "unit", "season": "season",
    "this_period": "unit", "ago": "unit", "duration": "unit", "adj_duration": "unit", "plural_adj": "unit",
    "plural_unit": "unit", "quarter": "unit", "year_earlier": "unit", "same_period": "unit", "fiscal": "fiscal",
    "fiscal_rel": "fiscal", "the_year": "unit", "period_end": "unit", "latest_period": "unit", "next_part": "part",
    "part_of_day_mod": "part", "day_range_end": "mon", "year_period": "digits", "quarter_abbr": "qabbr", "fuzzy": "fuzzy unit", "set": "set unit", "holiday": "hol unit",
}
_BEFORE, _AFTER = 60, 60


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per anchor kind, merged windows of text around its anchors, widened to whitespace."""
    raw: dict[str, list[tuple[int, int]]] = {}
    length = len(text)
    for m in _TOKEN.finditer(text):
        kind = _anchor_kind(text, m)
        if kind is None:
            continue
        lo, hi = max(0, m.start() - _BEFORE), min(length, m.end() + _AFTER)
        spans = raw.setdefault(kind, [])
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return raw


def _widen(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def candidates(text: str) -> list[tuple[int, int, str, re.Match]]:
    """All pattern matches, overlaps settled longest first (then earliest, then pattern order)."""
    found = []
    windows = _windows(text)
    cache: dict[str, list[tuple[int, int]]] = {}
    for name, regex, _ in COMPILED:
        kinds = _KINDS[name]
        if kinds not in cache:
            cache[kinds] = _widen(text, [span for kind in kinds.split() for span in windows.get(kind, ())])
        for m in (m for lo, hi in cache[kinds] for m in regex.finditer(text, lo, hi)):
            start, end = m.span("core") if "core" in regex.groupindex else m.span()
            if end > start and _plausible(name, m, text):
                found.append((start, end, name, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], _PRIORITY[c[2]]))
    taken: list[tuple[int, int]] = []
    kept = []
    for start, end, name, m in found:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        kept.append((start, end, name, m))
    kept.sort(key=lambda c: c[0])
    return kept


def _plausible(name: str, m: re.Match, text: str) -> bool:
    """Cheap checks made before overlaps are settled, so a bad long match cannot hide a good short one."""
    month = m.groupdict().get("mon")
    if month and not _ok_month(month, m, "mon", text):
        return False
    if name == "month" and month.lower().rstrip(".") in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                                                          "sept", "oct", "nov", "dec") \
            and not m.group("rel") and not m.group("pmod"):
        return False
    if name == "relative_unit" and m.group("unit")[0].isupper() and m.group("rel")[0].isupper() \
            and re.search(r"[\w,'’\"“]\s*$", text[max(0, m.start() - 3):m.start()]):
        return False  # a title in mid-sentence: ABC's "This Week"
    if name == "deictic" and m.group("deic")[0] == "T" and not m.group("pmod") \
            and re.search(r"[A-Z][\w.]*\s+$", text[max(0, m.start() - 20):m.start()]) \
            and not re.search(r"[.!?\"“]\s+$|^\s*$", text[max(0, m.start() - 3):m.start()]):
        return False  # a name in mid-sentence: 'VOA Today'
    if name == "deictic" and re.match(r"['’]s\s+(?:world|youth|society|generation|children|families|"
                                      r"standards|economy|terms|personal)\b", text[m.end():m.end() + 20]):
        return False  # generic 'today's world', 'today's personal computers'
    if name == "year" and not m.group("pmod") and not m.groupdict().get("qmod") and not m.group("half") \
            and re.fullmatch(r"\d{4}", m.group(0)):
        before = text[max(0, m.start() - 25):m.start()]
        after = text[m.end():m.end() + 25]
        word = re.search(r"([A-Za-z][\w.-]*)\s+$", before)
        initial = word is not None and re.search(r"(?:^|[.!?\"“]\s+|\n\s*)$", before[:word.start()]) is not None
        if word and word.group(1)[0].isupper() and not initial and word.group(1).lower().rstrip(".") not in MONTHS \
                and word.group(1).lower() not in ("in", "since", "by", "of", "for", "until", "from", "before", "after",
                                                  "during", "through", "fiscal", "calendar", "late", "early", "mid",
                                                  "summer", "spring", "fall", "autumn", "winter", "christmas", "and",
                                                  "or", "to", "between", "about", "around", "year", "the"):
            return False  # part of a name: 'Orion 1980'
        if re.search(r"['’]s\s+$", before) and re.match(r"\s+[A-Z]", after):
            return False  # a model year: 'Kopp's 1987 Chevrolet'
    if name == "month" and not m.group("rel") and not m.group("pmod") \
            and re.match(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z](?!\d)", text[m.end():m.end() + 12]):
        return False  # an event's name: 'the March for Life', 'the March of the Combatant Mothers'
    if name == "duration" and m.group("unit")[0].isupper() and m.group("num") and m.group("num")[0].isdigit():
        return False  # a title: '60 Minutes'
    if name == "noon" and re.search(r"\bhigh\s+$", text[max(0, m.start() - 5):m.start()], re.I):
        return False  # 'High Noon'
    if name == "duration" and re.fullmatch(r"(?:1[5-9]|20)\d\d", (m.group("num") or "").strip()) \
            and not m.group("unit").lower().endswith("s"):
        return False  # 'the 1988 quarter' is a quarter, not 1988 of them
    return True


_HANDLERS = {name: handler for name, _, handler in PATTERNS}


def tag(text: str, dct: Date | None, sentence_spans: list[tuple[int, int]], docs: dict | None = None) -> list[Found]:
    """Tag and normalise every temporal expression of ``text`` (document date ``dct`` or None)."""
    ctx = Context(text, dct, sentence_spans, docs or {})
    results: list[Found] = []
    pending = candidates(text)
    for start, end, name, m in pending:
        ctx.start, ctx.end = start, end
        try:
            result = _HANDLERS[name](m, ctx)
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
            result = None
        if result is None:
            # a rejected long match may hide a shorter valid one (e.g. 'May' the verb + a year)
            continue
        kind, value, mod = result
        if value is None:
            continue  # nothing sensible to say about it
        point = value if isinstance(value, Point) else None
        text_value = str(value) if value is not None else None
        start, end = _trim(text, start, end)
        anchor = dct.isoformat() if dct and point is not None and name not in _ABSOLUTE else None
        results.append(Found(start, end, kind, text_value, mod, anchor, point, name))
    return results


_ABSOLUTE = {"full_date", "full_date_dmy", "iso_date", "us_date", "month_year", "year", "decade", "century", "fiscal"}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end
