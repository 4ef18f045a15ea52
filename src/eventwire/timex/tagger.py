"""The temporal tagger: a compiled regular grammar over raw text, then resolution in reading order.

Tagging: every pattern of :data:`PATTERNS` (pieces in :mod:`eventwire.timex.grammar`) runs over
windows of the text around its anchor words; overlapping candidates are settled longest-first.
Resolution: the kept expressions are normalised in document order by their pattern's handler
(:mod:`eventwire.timex.handlers`), against

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

import re
from dataclasses import dataclass
from datetime import date as Date

from eventwire.timex.context import Context, Handler, _ok_month
from eventwire.timex.grammar import (
    _B,
    _DAYNUM,
    _DECADE_WORD,
    _E,
    _FIRST_HALF,
    _KINDS,
    _MONTH,
    _NOT_COUNT,
    _NUMBER,
    _NUMWORD,
    _ORDWORD,
    _PART,
    _PMOD,
    _QMODG,
    _SEASON,
    _SPOKEN_YEAR,
    _TZ,
    _UNIT,
    _WEEKDAY,
    _YEAR,
    _widen,
    _windows,
)
from eventwire.timex.handlers import (
    h_adj_duration,
    h_ago,
    h_century,
    h_clock,
    h_day_range_end,
    h_decade,
    h_deictic,
    h_duration,
    h_fiscal,
    h_full_date,
    h_fuzzy,
    h_holiday,
    h_latest_period,
    h_month,
    h_month_year,
    h_next_part,
    h_noon,
    h_numeric_date,
    h_part_mod,
    h_part_of_day,
    h_period_end,
    h_plural_unit,
    h_quarter,
    h_quarter_abbr,
    h_relative_unit,
    h_season,
    h_set,
    h_the_year,
    h_this_period,
    h_weekday,
    h_weekday_plural,
    h_year,
    h_year_earlier,
    h_year_end,
    h_year_period,
)
from eventwire.timex.lexicon import MONTHS, VAGUE_QUANTITIES
from eventwire.timex.values import Point


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
     rf"(?:{_B}|(?<=\d{{4}}[-–]))(?<!\d[-–]\d{{4}}[-–]){_PMOD}(?:(?P<qmod>around|about|approximately|roughly|circa)\s+)?(?:(?P<half>{_FIRST_HALF})\s+)?(?:(?:the\s+)?(?:calendar\s+|fiscal\s+)?year\s+)?(?P<year>{_YEAR}|'\d\d(?!s)|{_SPOKEN_YEAR})(?:{_E}|(?=[-–](?:1[5-9]|20)?\d\d(?![\d-]))){_NOT_COUNT}",
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
    ("clock_part",
     rf"{_B}{_QMODG}(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?(?P<ampm>)\s+in\s+the\s+(?P<inpart>morning|afternoon|evening|night){_E}",
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
     rf"recently|lately|the\s+past(?!\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|week|month|year|decade|day|quarter|century))|"
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


COMPILED = [(name, re.compile(regex, re.I), handler) for name, regex, handler in PATTERNS]
_PRIORITY = {name: i for i, (name, _, _) in enumerate(PATTERNS)}


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
    taken = bytearray(len(text))  # characters already inside a kept candidate
    kept = []
    for start, end, name, m in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
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
