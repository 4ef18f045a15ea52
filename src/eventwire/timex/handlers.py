"""Handlers: one per grammar pattern, turning a match into (type, TIMEX3 value, mod).

Each handler receives the regular-expression match and the reading :class:`Context`; it may
note the date it resolved as the one now being talked about. Returning None rejects the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta

from eventwire.timex.context import (
    Context,
    Result,
    _amount,
    _month_number,
    _month_point,
    _num,
    _ok_month,
    _posmod,
    _qmod,
    _quarter_point,
    _unresolved,
    _weekday_point,
    _year_value,
    duration_value,
)
from eventwire.timex.grammar import _DECADE_WORD, _MONTH
from eventwire.timex.lexicon import (
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
)
from eventwire.timex.values import Point

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
        ctx.stated_year = year
    elif ctx.dct is None and ctx.stated_year is not None and not m.groupdict().get("rel"):
        year = ctx.stated_year  # no publication date: the year the text last stated
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
    ctx.stated_year = year
    return "DATE", point, None


def h_month_year(m: re.Match, ctx: Context) -> Result | None:
    month_word = m.group("mon")
    if not _ok_month(month_word, m, "mon", ctx.text):
        return None
    month = _month_number(month_word)
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        year = _year_value(m.group("year"))
        ctx.stated_year = year
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
    if point is None and relation is None and ctx.stated_year is not None:
        point = Point.of_month(ctx.stated_year, month)  # no publication date: the year the text last stated
    if point is None:
        return "DATE", f"XXXX-{month:02d}", mod
    ctx.note(point)
    return "DATE", point, mod


def h_year(m: re.Match, ctx: Context) -> Result | None:
    year = _year_value(m.group("year"))
    mod = _posmod(m.group("pmod")) or _qmod(m.groupdict().get("qmod"))
    point = Point("year", year)
    ctx.stated_year = year
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
    inpart = (m.groupdict().get("inpart") or "").lower()
    if inpart:  # '4 in the morning', '8 in the evening'
        ampm = "am" if inpart == "morning" or (inpart == "night" and hour < 5) else "pm"
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
    if m.groupdict().get("what2"):  # 'twice a week'
        return "SET", duration_value(1, UNITS[m.group("what2").lower()]), None
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

