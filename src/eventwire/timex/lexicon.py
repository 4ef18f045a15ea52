"""Words of the temporal grammar: months, weekdays, numbers, units, parts of day, modifiers."""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Month words that are also common English words: only taken when capitalised.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "jul", "dec", "sep", "oct", "nov", "aug", "apr", "feb"}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}

UNITS = {
    "second": "S", "seconds": "S", "minute": "MIN", "minutes": "MIN", "hour": "H", "hours": "H",
    "day": "D", "days": "D", "night": "D", "nights": "D", "week": "W", "weeks": "W", "weekend": "WE",
    "weekends": "WE", "fortnight": "FN", "month": "M", "months": "M", "quarter": "Q", "quarters": "Q",
    "year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE",
    "semester": "HY",
}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "a": 1, "an": 1, "single": 1, "dozen": 12, "half": 0.5, "couple": 2,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "last": -1, "final": -1,
}
VAGUE_QUANTITIES = r"(?:several|a\s+few|few|some|many|a\s+couple\s+of|a\s+number\s+of|numerous|the\s+next\s+few|recent)"

PARTS_OF_DAY = {
    "morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI",
    "tonight": "TNI", "noon": "T12:00", "midday": "T12:00", "midnight": "T24:00", "dawn": "TMO",
    "daybreak": "TMO", "dusk": "TEV", "nightfall": "TEV", "sunrise": "TMO", "sunset": "TEV",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Modifier words before an expression -> TIMEX3 mod.
POSITION_MODS = {
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID", "middle": "MID",
    "beginning": "START", "start": "START", "end": "END", "close": "END", "dawn": "START",
}
QUANTITY_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "no less than": "EQUAL_OR_MORE", "just over": "MORE_THAN", "just under": "LESS_THAN",
    "well over": "MORE_THAN", "some more than": "MORE_THAN",
}


def words(options) -> str:
    """A regex alternation of the given words, longest first, spaces as ``\\s+``."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(options, key=len, reverse=True)) + ")"


def number_value(text: str) -> float | None:
    """The value of a written number: ``3``, ``2 1/2``, ``twenty-four``, ``a``, ``two hundred``."""
    text = text.lower().replace(",", "").strip()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", text)
    if match:
        value = float(match.group(1))
        if match.group(2):
            value += int(match.group(2)) / int(match.group(3))
        return value
    total, current = 0.0, 0.0
    parts = re.split(r"[\s-]+", text)
    if parts and parts[0] == "a" and len(parts) > 1:
        parts = parts[1:]
        if parts and parts[0] not in ("hundred", "thousand", "dozen", "half", "couple"):
            return None
        if parts and parts[0] in ("hundred", "thousand", "dozen"):
            current = 1
    for part in parts:
        if part in ("and", "of"):
            continue
        if part not in NUMBER_WORDS:
            return None
        value = NUMBER_WORDS[part]
        if value in (100, 1000, 12) and part != "twelve":
            current = (current or 1) * value
            if value == 1000:
                total, current = total + current, 0.0
        elif value == 0.5 and part == "half":
            current = current + 0.5 if current else 0.5
        else:
            current += value
    return total + current
