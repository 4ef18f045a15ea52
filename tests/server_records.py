"""Hand-made DocumentRecords for the server tests (API and browser): real-looking news sentences,
every field's offsets computed from the text so ``text[start:end]`` always holds."""

from __future__ import annotations

from eventwire.records import (
    Actor, Attribution, Count, DocumentRecord, Event, EventDate, Evidence, Place, Time,
)


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _actor(text, words, name, country, sector, inter):
    s, e = _at(text, words)
    return Actor(text=words, start=s, end=e, name=name, country=country, sector=sector, acled_inter=inter)


def _place(text, words, name, country, admin1, lat, lon, feature="city", precision=1, geonameid=None):
    s, e = _at(text, words)
    return Place(text=words, start=s, end=e, name=name, geonameid=geonameid, country=country, admin1=admin1,
                 lat=lat, lon=lon, feature=feature, geo_precision=precision)


def _count(text, words, value, qualifier="exact"):
    s, e = _at(text, words)
    return Count(value=value, low=value, high=None, qualifier=qualifier, text=words, start=s, end=e)


def _date(text, words, day):
    s, e = _at(text, words)
    return EventDate(value=day, start=day, end=day, precision="day", text=words, offset_start=s, offset_end=e,
                     source="sentence")


def _evidence(text, sentence, trigger):
    s, e = _at(text, sentence)
    ts, te = _at(text, trigger, s)
    return Evidence(text=sentence, start=s, end=e, trigger=trigger, trigger_start=ts, trigger_end=te)


def _event(doc_id, n, type_, mode, acled, sub, a1, a2, date, place, dead, hurt, evidence, attribution=None,
           confidence=0.8):
    return Event(event_id=f"{doc_id}-e{n}", type=type_, mode=mode, acled_event_type=acled, acled_sub_event_type=sub,
                 actor1=a1, actor2=a2, date=date, location=place, fatalities=dead, injured=hurt, evidence=evidence,
                 attribution=attribution, confidence=confidence)


def strike_record() -> DocumentRecord:
    text = ("Pakistan's air force struck suspected militant hideouts in Iran's Sistan and Baluchestan province "
            "early Thursday, killing at least nine people, an Iranian provincial official said. "
            "The strikes near the town of Saravan came two days after Iran hit targets inside Pakistan.\n\n"
            "Islamabad said on Thursday it respected Iran's sovereignty but would defend its territory.")
    s1 = text[:text.index(" The strikes")]
    evidence = _evidence(text, s1, "struck")
    official_s, official_e = _at(text, "an Iranian provincial official")
    strike = _event(
        "t-strike", 1, "ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike",
        _actor(text, "Pakistan's air force", "Pakistan Air Force", "PAK", "MIL", 8),
        _actor(text, "suspected militant hideouts", "Militants (Iran)", "IRN", "REB", 2),
        _date(text, "early Thursday", "2024-01-18"),
        _place(text, "Sistan and Baluchestan", "Sistan and Baluchestan", "IRN", "Sistan and Baluchestan", 27.37, 62.33,
               feature="admin1", precision=3),
        _count(text, "killing at least nine people", 9, "at_least"), None, evidence,
        Attribution(text="an Iranian provincial official", role="official", start=official_s, end=official_e),
        confidence=0.92,
    )
    s2 = "Islamabad said on Thursday it respected Iran's sovereignty but would defend its territory."
    statement = _event(
        "t-strike", 2, "THREATEN", None, None, None,
        _actor(text, "Islamabad", "Government of Pakistan", "PAK", "GOV", 1),
        Actor(text="Iran", start=text.index("Iran's sovereignty"), end=text.index("Iran's sovereignty") + 4,
              name="Iran", country="IRN", sector="GOV", acled_inter=1),
        EventDate(value="2024-01-18", start="2024-01-18", end="2024-01-18", precision="day", text="on Thursday",
                  offset_start=text.index("on Thursday"), offset_end=text.index("on Thursday") + 11),
        None, None, None, _evidence(text, s2, "would defend"), confidence=0.6,
    )
    places = [strike.location, _place(text, "Saravan", "Saravan", "IRN", "Sistan and Baluchestan", 27.37, 62.33)]
    ts, te = _at(text, "early Thursday")
    times = [Time(text="early Thursday", start=ts, end=te, type="DATE", value="2024-01-18", mod="START")]
    return DocumentRecord(id="t-strike", date="2024-01-18", language="en", events=[strike, statement], places=places,
                          times=times, errors=[], title="Pakistan strikes militants inside Iran",
                          url="https://example.org/strike", text=text)


def protest_record() -> DocumentRecord:
    text = ("Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, injuring 12 people, as "
            "demonstrators marched against new taxes.")
    sentence = text
    event = _event(
        "t-protest", 1, "PROTEST", "demonstrate", "Protests", "Protest with intervention",
        _actor(text, "protesters", "Protesters (Kenya)", "KEN", "PRO", 6),
        _actor(text, "Police", "Police Forces of Kenya", "KEN", "GOV", 1),
        _date(text, "on Tuesday", "2024-06-25"),
        _place(text, "Nairobi", "Nairobi", "KEN", "Nairobi", -1.283, 36.817),
        None, _count(text, "injuring 12 people", 12), _evidence(text, sentence, "fired tear gas"), confidence=0.85,
    )
    return DocumentRecord(id="t-protest", date="2024-06-25", language="en", events=[event], places=[event.location],
                          times=[], errors=[], title="Kenyan police tear-gas tax protesters", url=None, text=text)


def shelling_record() -> DocumentRecord:
    text = "Russian forces shelled residential areas of Kharkiv on Saturday, killing three civilians, the governor said."
    event = _event(
        "t-shelling", 1, "ASSAULT", "artillery", "Explosions/Remote violence", "Shelling/artillery/missile attack",
        _actor(text, "Russian forces", "Military Forces of Russia", "RUS", "MIL", 8),
        _actor(text, "civilians", "Civilians (Ukraine)", "UKR", "CVL", 7),
        _date(text, "on Saturday", "2024-02-10"),
        _place(text, "Kharkiv", "Kharkiv", "UKR", "Kharkiv", 49.98, 36.25),
        _count(text, "killing three civilians", 3), None, _evidence(text, text, "shelled"), confidence=0.9,
    )
    return DocumentRecord(id="t-shelling", date="2024-02-10", language="en", events=[event], places=[event.location],
                          times=[], errors=[], title="Shelling kills three in Kharkiv", url=None, text=text)


def sample_records() -> list[DocumentRecord]:
    return [strike_record(), protest_record(), shelling_record()]
