"""Small, realistic DocumentRecords built by hand (no spaCy): shared by test_store and test_export.

Offsets are computed from the text, so ``text[start:end] == span`` holds for every span.
"""

from __future__ import annotations

from eventwire.records import (
    Actor, Attribution, Count, DocumentRecord, Event, EventDate, Evidence, Place, Time,
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def actor(text, needle, name, country, sector, inter, role="subject") -> Actor:
    start, end = _span(text, needle)
    return Actor(needle, start, end, name, country, sector, inter, role)


def place(text, needle, name, geonameid, country, admin1, lat, lon, feature, precision, after=0) -> Place:
    start, end = _span(text, needle, after)
    return Place(needle, start, end, name, geonameid, country, admin1, lat, lon, feature, precision)


def count(text, needle, value, qualifier="exact", breakdown=None) -> Count:
    start, end = _span(text, needle)
    return Count(value, value, None, qualifier, needle, start, end, breakdown)


def evidence(text, sentence, trigger) -> Evidence:
    start, end = _span(text, sentence)
    t_start, t_end = _span(text, trigger, start)
    return Evidence(sentence, start, end, trigger, t_start, t_end)


def day(value, text=None, precision="day", time_precision=1) -> EventDate:
    return EventDate(value, value, value, precision, text, None, time_precision, source="sentence")


STRIKES = (
    "Pakistan said its military launched airstrikes on militant hideouts in Iran's Sistan and Baluchestan "
    "province early Thursday, killing nine people, including four children, in the village of Saravan. "
    "The strikes came two days after Iran struck targets in Panjgur in Pakistan's Balochistan province, "
    "killing two children. Iranian officials condemned the Pakistani attack."
)
PROTEST = (
    "Police fired tear gas at hundreds of protesters in Nairobi on Tuesday as demonstrators marched against "
    "a proposed finance bill. At least 12 people were injured, the Kenya Red Cross said."
)
TALKS = (
    "Iran's foreign minister Hossein Amir-Abdollahian met his Pakistani counterpart Jalil Abbas Jilani in "
    "Islamabad on January 29 and agreed to de-escalate tensions after the cross-border strikes."
)


def strikes_record() -> DocumentRecord:
    t = STRIKES
    saravan = place(t, "Saravan", "Saravan", 1159713, "IRN", "Sistan and Baluchestan", 27.37089, 62.33096, "city", 1)
    sistan = place(t, "Sistan and Baluchestan", "Sistan and Baluchestan", 1159456, "IRN",
                   "Sistan and Baluchestan", 28.0, 60.0, "admin1", 3)
    panjgur = place(t, "Panjgur", "Panjgur", 1168197, "PAK", "Balochistan", 26.96456, 64.09459, "city", 1)
    balochistan = place(t, "Balochistan", "Balochistan", 1183606, "PAK", "Balochistan", 28.5, 65.0, "admin1", 3,
                        after=t.index("Panjgur"))
    s1 = t[:t.index("Saravan.") + len("Saravan.")]
    s2_start = t.index("The strikes came")
    s2 = t[s2_start:t.index("children.", s2_start) + len("children.")]
    pakistan = actor(t, "its military", "Military Forces of Pakistan", "PAK", "MIL", 8)
    iran = actor(t, "Iran struck", "Iran", "IRN", "MIL", 8)
    iran.end = iran.start + len("Iran")
    iran.text = "Iran"
    children = actor(t, "two children", "Civilians", "PAK", "CVL", 7, role="object")
    events = [
        Event("ev-strike-saravan", "ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike",
              pakistan, None, day("2024-01-18", "early Thursday"), saravan,
              count(t, "killing nine people", 9, breakdown={"children": 4}), None,
              evidence(t, s1, "launched airstrikes"), Attribution("Pakistan", None, 0, 8), 0.91),
        Event("ev-strike-panjgur", "ASSAULT", None, "Explosions/Remote violence",
              "Shelling/artillery/missile attack", iran, children, day("2024-01-16", "two days after"), panjgur,
              count(t, "killing two children", 2), None, evidence(t, s2, "struck"), None, 0.74),
        Event("ev-accuse", "ACCUSE", None, None, None,
              actor(t, "Iranian officials", "Government of Iran", "IRN", "GOV", 1), None,
              day("2024-01-18", None), None, None, None,
              evidence(t, "Iranian officials condemned the Pakistani attack.", "condemned"), None, 0.55),
    ]
    times = [Time("early Thursday", *_span(t, "early Thursday"), "DATE", "2024-01-18", "START", "2024-01-18", 0),
             Time("two days", *_span(t, "two days"), "DURATION", "P2D", None, None, 1)]
    return DocumentRecord("voa-strikes", "2024-01-18", "en", events, [sistan, saravan, panjgur, balochistan], times,
                          [], title="Pakistan strikes militants inside Iran",
                          url="https://www.voanews.com/a/7446523.html", text=t)


def protest_record() -> DocumentRecord:
    t = PROTEST
    nairobi = place(t, "Nairobi", "Nairobi", 184745, "KEN", "Nairobi Area", -1.28333, 36.81667, "city", 1)
    events = [
        Event("ev-protest-nairobi", "PROTEST", "demonstrate", "Protests", "Protest with intervention",
              actor(t, "demonstrators", "Protesters", "KEN", "PRO", 6),
              actor(t, "Police", "Police Forces of Kenya", "KEN", "GOV", 1, role="agent"),
              day("2024-06-25", "Tuesday"), nairobi, None, count(t, "At least 12 people", 12, "at_least"),
              evidence(t, t[:t.index("bill.") + len("bill.")], "fired tear gas"),
              Attribution("the Kenya Red Cross", None, *_span(t, "the Kenya Red Cross")), 0.83),
    ]
    return DocumentRecord("reuters-nairobi", "2024-06-26", "en", events, [nairobi],
                          [Time("Tuesday", *_span(t, "Tuesday"), "DATE", "2024-06-25", None, "2024-06-26", 0)], [],
                          title="Kenyan police tear-gas finance bill protesters", url="https://example.org/nairobi",
                          text=t)


def talks_record() -> DocumentRecord:
    t = TALKS
    islamabad = place(t, "Islamabad", "Islamabad", 1176615, "PAK", "Islamabad", 33.72148, 73.04329, "city", 1)
    events = [
        Event("ev-talks", "CONSULT", "visit", None, None,
              actor(t, "Hossein Amir-Abdollahian", "Hossein Amir-Abdollahian", "IRN", "GOV", None),
              actor(t, "Jalil Abbas Jilani", "Jalil Abbas Jilani", "PAK", "GOV", None, role="object"),
              day("2024-01-29", "January 29"), islamabad, None, None, evidence(t, t, "met"), None, 0.66),
    ]
    return DocumentRecord("ap-talks", "2024-01-29", "en", events, [islamabad],
                          [Time("January 29", *_span(t, "January 29"), "DATE", "2024-01-29", None, "2024-01-29", 0)],
                          [], title="Iran and Pakistan agree to de-escalate", url=None, text=t)


def failed_record() -> DocumentRecord:
    return DocumentRecord("empty-doc", None, "en", [], [], [], ["E003: empty document (no text)"], text="")


def sample_records() -> list[DocumentRecord]:
    return [strikes_record(), protest_record(), talks_record(), failed_record()]
