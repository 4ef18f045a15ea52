"""The pieces of the temporal grammar (regular expressions) and the anchors that keep it fast.

Every pattern of :mod:`eventwire.timex.tagger` is built from these pieces. Each pattern holds
at least one anchor word or shape (a month, a weekday, a unit, a four-digit year ...); one
dictionary pass over the words finds the anchors, and each pattern then runs only on windows
of text around the anchors of its kinds.
"""

from __future__ import annotations

import re

from eventwire.timex.lexicon import (
    NUMBER_WORDS,
    ORDINALS,
    QUANTITY_MODS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    words,
)

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


# --------------------------------------------------------------------------- boundaries and modifiers

_B = r"(?<![\w$£€#/.-])"  # left boundary: not inside a word, a number, an amount
_E = r"(?![\w%-]|\.\d|,\d)"  # right boundary

_PMOD = rf"(?:(?P<pmod>{_POSMOD})[\s-]*)?"
_QMODG = rf"(?:(?P<qmod>{_QMOD})\s+(?!the\b|this\b|that\b|its\b|their\b))?"
_NOT_COUNT = r"(?!\s+(?:people|persons|troops|soldiers|men|women|children|civilians|members|workers|employees|" \
             r"shares|tons|tonnes|feet|foot|meters|metres|miles|km|kilometres|kilometers|dollars|cars|jobs|votes|" \
             r"homes|houses|copies|barrels|units|acres|pounds|students|seats|rounds|points|times|of\s+(?:them|the|its|their)))"


# --------------------------------------------------------------------------- anchors

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
    "clock_24": "digits", "clock_part": "part", "noon": "part", "relative_unit": "unit season", "the_weekend": "unit", "season": "season",
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

