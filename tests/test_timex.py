"""The time stage: tagging, TIMEX3 normalisation against the document date, event dates."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import nlp, timex
from eventwire.records import Document


def times_of(text: str, when: date | None) -> dict[str, tuple[str, str | None, str | None]]:
    parsed = nlp.segment(Document(id="t", text=text, date=when))
    found = timex.find_times(parsed)
    for time in found:
        assert text[time.start:time.end] == time.text
    return {time.text: (time.type, time.value, time.mod) for time in found}


# --------------------------------------------------------------------------- tagging and values

WSJ_DAY = date(1989, 10, 26)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        # deictic days and weekdays in past-tense reporting (the most recent one on or before the DCT)
        ("The company said Friday that it would buy the unit.", "Friday", ("DATE", "1989-10-20", None)),
        ("Stocks fell sharply yesterday in heavy trading.", "yesterday", ("DATE", "1989-10-25", None)),
        ("The plan was announced Thursday in Tokyo.", "Thursday", ("DATE", "1989-10-26", None)),
        # future tense: the next one
        ("The board will meet on Saturday to vote on the offer.", "Saturday", ("DATE", "1989-10-28", None)),
        ("Mr. Smith will succeed Daniel P. Davison Feb. 1, the company said.", "Feb. 1", ("DATE", "1990-02-01", None)),
        # weeks, months, years relative to the DCT
        ("Shares rose 5% last week.", "last week", ("DATE", "1989-W42", None)),
        ("Sales rose 13% from last year's $1.55 billion.", "last year", ("DATE", "1988", None)),
        ("The company had weak results earlier this year.", "earlier this year", ("DATE", "1989", "START")),
        ("The merger was approved earlier this month.", "earlier this month", ("DATE", "1989-10", "START")),
        ("Analysts expect a recovery next year.", "next year", ("DATE", "1990", None)),
        ("The merger was completed in March.", "March", ("DATE", "1989-03", None)),
        ("It was acquired two weeks ago.", "two weeks ago", ("DATE", "1989-W41", None)),
        # quarters of results stories
        ("Third-quarter net income rose 8% to $33 million.", "Third-quarter", ("DATE", "1989-Q3", None)),
        ("The company posted a loss in the fourth quarter of 1988.", "the fourth quarter of 1988",
         ("DATE", "1988-Q4", None)),
        # absolute dates, decades, centuries, mods
        ("The acquisition was terminated on Sept. 27, 1989.", "Sept. 27, 1989", ("DATE", "1989-09-27", None)),
        ("Prices peaked in the late 1970s.", "the late 1970s", ("DATE", "197", "END")),
        ("It was the worst crash of the 20th century.", "the 20th century", ("DATE", "19", None)),
        ("Output was flat in mid-1988.", "mid-1988", ("DATE", "1988", "MID")),
        # durations and sets
        ("Sales for the first nine months rose 12%.", "the first nine months", ("DURATION", "P9M", None)),
        ("The strike lasted more than four hours.", "more than four hours", ("DURATION", "PT4H", "MORE_THAN")),
        ("It signed a five-year contract.", "five-year", ("DURATION", "P5Y", None)),
        ("The index is published daily.", "daily", ("SET", "P1D", None)),
        ("The club meets each Thursday.", "each Thursday", ("SET", "XXXX-WXX-4", None)),
        # fuzzy references
        ("The company is now in the candybar business.", "now", ("DATE", "PRESENT_REF", None)),
        ("Its stock has slumped recently.", "recently", ("DATE", "PAST_REF", None)),
        ("Profit rose in Q3 1989 after a weak first half.", "Q3 1989", ("DATE", "1989-Q3", None)),
        ("The offer expires around Nov. 1.", "around Nov. 1", ("DATE", "1989-11-01", "APPROX")),
        ("Profits fell for nearly a decade.", "nearly a decade", ("DURATION", "P10Y", "APPROX")),
        ("Sales fell during the year-earlier nine months.", "the year-earlier nine months", ("DURATION", "P9M", None)),
        ("Officials on Sunday issued a warning.", "Sunday", ("DATE", "1989-10-22", None)),
        ("Protesters planned a large demonstration on Saturday.", "Saturday", ("DATE", "1989-10-28", None)),
        # times of day
        ("The quake struck at 10:35 a.m. Friday.", "10:35 a.m. Friday", ("TIME", "1989-10-20T10:35", None)),
        ("The offer expired this morning.", "this morning", ("TIME", "1989-10-26TMO", None)),
    ],
)
def test_news_expressions_resolve_against_the_document_date(sentence, expression, expected):
    found = times_of(sentence, WSJ_DAY)
    assert found.get(expression) == expected, found


def test_anaphoric_expressions_follow_the_date_being_talked_about():
    text = ("The rebels attacked the town on March 3, 1998. The next day, troops arrived. "
            "Two days later the rebels withdrew. They had attacked the previous day as well.")
    found = times_of(text, date(1998, 4, 20))
    assert found["March 3, 1998"] == ("DATE", "1998-03-03", None)
    assert found["The next day"][1] == "1998-03-04"
    assert found["Two days later"][1] == "1998-03-06"
    assert found["the previous day"][1] == "1998-03-05"


def test_years_ranges_and_since():
    found = times_of("The group has operated in the region since 2000 and grew in 2009-2010.", date(2024, 1, 18))
    assert found["2000"] == ("DATE", "2000", None)
    assert found["2009"][1] == "2009" and found["2010"][1] == "2010"


def test_rates_and_names_are_not_times():
    found = times_of("The deal will save $500 million a year; the jet makes four flights a week. "
                     "He appeared on \"60 Minutes\" and in the March for Life, and drove Kopp's 1987 Chevrolet.",
                     date(1998, 10, 26))
    assert found == {}, found


def test_counts_and_ages_are_not_years_or_durations():
    found = times_of("About 2000 people marched, and a 6-year-old boy was hurt in the crush.", date(2024, 1, 18))
    assert "2000" not in found
    assert "6-year-old" not in found


def test_ambiguous_month_words_need_a_capital():
    found = times_of("The talks may resume, officials said, and may march on to a deal in May.", date(2024, 1, 18))
    assert list(found) == ["May"]
    assert found["May"] == ("DATE", "2024-05", None)


def test_without_a_document_date_absolute_values_stay_and_relative_ones_are_unresolved():
    found = times_of("Troops withdrew on Tuesday, weeks after the March 3, 1998 attack, and will return next week.",
                     None)
    assert found["Tuesday"] == ("DATE", "XXXX-WXX-2", None)
    assert found["March 3, 1998"][1] == "1998-03-03"
    assert found["next week"][1] == "XXXX-WXX"


def test_without_a_document_date_year_less_dates_take_the_stated_year():
    found = times_of("In 2010, gunmen attacked the town. On July 5, police arrived, and in September they left; "
                     "last year was calmer.", None)
    assert found["July 5"][1] == "2010-07-05"
    assert found["September"][1] == "2010-09"
    assert found["last year"][1] == "XXXX"  # relative to an unknown publication date


def test_weekday_on_the_publication_day_is_that_day():
    found = times_of("Demonstrators rallied in Islamabad on Thursday.", date(2024, 1, 18))
    assert found["Thursday"][1] == "2024-01-18"


def test_spans_follow_timeml_conventions():
    text = "In the last twenty four hours, the index fell; it rose about two years ago and for the past three months."
    found = times_of(text, date(1998, 1, 8))
    assert "the last twenty four hours" in found
    assert found["about two years ago"] == ("DATE", "1996", "APPROX")
    assert found["the past three months"] == ("DURATION", "P3M", None)


def test_values_module_spans():
    assert timex.span_of_value("2024-W03")[:2] == (date(2024, 1, 15), date(2024, 1, 21))
    assert timex.span_of_value("2013-Q1") == (date(2013, 1, 1), date(2013, 3, 31), "month")
    assert timex.span_of_value("2024-01-16")[2] == "day"
    assert timex.span_of_value("PAST_REF") == (None, None, None)


# --------------------------------------------------------------------------- the seed article


@pytest.mark.parametrize("with_parse", [False, True], ids=["text-only", "parsed"])
def test_seed_article_times(seed_article, shared_data, with_parse):
    import json

    expected = json.loads((shared_data / "seed" / "expected.json").read_text())["times"]
    parsed = nlp.segment(seed_article)
    if with_parse:
        nlp.parse([parsed])
    found = {}
    for time in timex.find_times(parsed):
        assert seed_article.text[time.start:time.end] == time.text
        found.setdefault(time.text, time)
    for text, value in expected.items():
        assert text in found, f"{text!r} not tagged"
        assert found[text].value == value, (text, found[text].value, value)
    assert found["early Thursday"].mod == "START"
    assert found["late Monday"].mod == "END"


# --------------------------------------------------------------------------- event dates


def _event(parsed, sentence_part: str, trigger: str):
    text = parsed.text
    sentence = next(s for s in parsed.sentences if sentence_part in s.text)
    start = text.index(trigger, sentence.start)
    times = timex.find_times(parsed)
    return timex.event_date(parsed, times, sentence.start, sentence.end, start, start + len(trigger))


def test_event_date_takes_the_date_of_its_own_clause(parse_text):
    parsed = parse_text(
        "Iran also staged airstrikes late Monday in Iraq and Syria over a suicide bombing that killed "
        "over 90 people in early January.",
        date(2024, 1, 18),
    )
    strikes = _event(parsed, "staged", "airstrikes")
    assert (strikes.value, strikes.mod, strikes.precision, strikes.source) == ("2024-01-15", "END", "day", "clause")
    assert strikes.time_precision == 1 and strikes.start == strikes.end == "2024-01-15"
    bombing = _event(parsed, "staged", "bombing")
    assert (bombing.value, bombing.precision, bombing.time_precision) == ("2024-01", "month", 3)
    assert (bombing.start, bombing.end) == ("2024-01-01", "2024-01-31")


def test_a_date_of_another_noun_does_not_govern(parse_text):
    parsed = parse_text("Pakistan already had withdrawn its ambassador over Tuesday's attack.", date(2024, 1, 18))
    withdrawn = _event(parsed, "withdrawn", "withdrawn")
    assert withdrawn.source == "publication" and withdrawn.value == "2024-01-18" and withdrawn.text is None
    attack = _event(parsed, "withdrawn", "attack")
    assert attack.value == "2024-01-16"


LIBYA_OFFER = ("Libya has offered to hand over to Great Britain two of its nationals suspected by the West of blowing "
               "up a Pan Am plane in 1988, a state-owned Egyptian newspaper said.")
SERBIAN_INQUIRY = ("Serbian military police have launched an investigation into alleged crimes committed by Croat "
                   "forces during the 1991-1995 Serbo-Croatian conflict, the newspaper said.")


@pytest.mark.parametrize("text, when, anchor, trigger, value, source", [
    (LIBYA_OFFER, date(1991, 11, 20), "offered", "offered", "1991-11-20", "publication"),  # 1988 dates the bombing
    (LIBYA_OFFER, date(1991, 11, 20), "offered", "blowing", "1988", "clause"),
    # a noun trigger: a clause of one of its participants does not date it, its own relative clause does
    (SERBIAN_INQUIRY, date(2005, 3, 2), "launched", "investigation", "2005-03-02", "publication"),
    ("A bombing that killed 90 people in early January was claimed by the group.", date(2024, 1, 18), "claimed",
     "bombing", "2024-01", "clause"),
])
def test_a_date_in_a_clause_the_trigger_only_embeds_dates_that_clause(parse_text, text, when, anchor, trigger, value,
                                                                       source):
    event_date = _event(parse_text(text, when), anchor, trigger)
    assert (event_date.value, event_date.source) == (value, source)


@pytest.mark.parametrize("text, trigger, value", [
    ("Activists rallied outside parliament against the 2019 citizenship law.", "rallied", "2020-05-09"),
    ("Police arrested two men over the 2015 bombing of the hotel.", "arrested", "2020-05-09"),
    ("Residents protested in Kigali demanding justice for the victims of the 1994 genocide.", "protested",
     "2020-05-09"),
    ("Coronel was killed in a 2010 shootout with the military.", "killed", "2010"),  # the killing's frame
])
def test_a_year_numbering_another_noun_dates_that_noun(parse_text, text, trigger, value):
    parsed = parse_text(text, date(2020, 5, 9))
    assert _event(parsed, trigger, trigger).value == value


def test_a_date_of_the_event_it_is_measured_against_does_not_date_it(parse_text):
    parsed = parse_text("The shooting of Homeland Security investigator Jaime Zapata on February 15, 2011, was the "
                        "most high-profile murder of a US agent in Mexico since the death of DEA agent Enrique "
                        "Camarena in 1985.", date(2012, 2, 1))
    murder = _event(parsed, "shooting", "murder")
    assert murder.value != "1985"  # 1985 dates Camarena's death
    assert _event(parsed, "shooting", "shooting").value == "2011-02-15"


def test_event_date_without_a_parse_uses_the_text(parse_text):
    parsed = parse_text("Gunmen killed five villagers on Saturday in the north.", date(2024, 3, 5))
    for sentence in parsed.sentences:
        sentence.doc = None
    event = _event(parsed, "Gunmen", "killed")
    assert (event.value, event.text, event.source) == ("2024-03-02", "Saturday", "clause")


def test_event_date_from_the_preceding_sentence_then_the_publication(parse_text):
    parsed = parse_text(
        "Fighting erupted in the city on Tuesday. Rebels seized the airport. \n\nAid groups appealed for calm.",
        date(2024, 3, 8),
    )
    seized = _event(parsed, "seized", "seized")
    assert (seized.value, seized.source) == ("2024-03-05", "context")
    appealed = _event(parsed, "Aid groups", "appealed")
    assert (appealed.value, appealed.source, appealed.precision) == ("2024-03-08", "publication", "day")


def test_event_date_is_none_without_any_date(parse_text):
    parsed = parse_text("Rebels seized the airport.", None)
    assert _event(parsed, "seized", "seized") is None


def test_a_future_date_does_not_carry_over_to_the_next_sentence():
    import eventwire

    # "due to expire in October" (after the article's date) says nothing of when the criticism happened
    record = eventwire.extract("The nuclear deal is due to expire in October, which means the window could soon "
                               "be closing. Iran's U.N. mission criticized the meeting, saying Washington seeks to "
                               "pressure Tehran.", date="2025-03-13")
    criticism = next(e for e in record.events if e.type == "ACCUSE")
    assert criticism.date.value == "2025-03-13" and criticism.date.source == "publication"


def test_a_when_clause_gives_the_main_clause_its_time(parse_text):
    parsed = parse_text("When the Colombian authorities bombed the rebel camp on March 1, they seized three laptops "
                        "and two hard disks.", date(2008, 3, 3))
    seized = _event(parsed, "seized", "seized")
    assert seized.value == "2008-03-01" and seized.source == "clause"
