"""The casualties stage: counts, kinds, qualifiers, tolls, and which event a count belongs to."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import casualties, nlp
from eventwire.casualties import CasualtyMention, assign_casualties, combine, find_casualties, find_in_text
from eventwire.records import Document, Event, EventDate, Evidence


def _killed(text: str):
    parsed = nlp.segment(Document(id="t", text=text))
    return combine(find_casualties(parsed), "killed", text)


def _kinds(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for mention in find_in_text(text):
        if not mention.cumulative and not mention.reference:
            out[mention.kind] = out.get(mention.kind, 0) + (mention.count.value or 0)
    return out


# --------------------------------------------------------------------------- numbers and qualifiers


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("The airstrike killed at least nine people in the market.", 9, "at_least"),
        ("Gunmen killed nine villagers overnight.", 9, "exact"),
        ("The clashes resulted in more than 20 pro-Houthi elements killed.", 20, "more_than"),
        ("A suicide bomber killed up to 30 worshippers at the mosque.", 30, "up_to"),
        ("Nearly 40 people died when the building was shelled.", 40, "about"),
        ("About 25 soldiers were killed in the ambush.", 25, "about"),
        ("Bandits killed two dozen farmers in Zamfara.", 24, "exact"),
        ("A dozen police officers were killed in the raid.", 12, "exact"),
        ("Dozens of civilians were killed in the shelling.", 12, "at_least"),
        ("Tens of protesters were killed by security forces.", 10, "at_least"),
        ("Hundreds of people were killed in the fighting.", 100, "at_least"),
        ("Scores of fighters were killed.", 20, "at_least"),
        ("Officials said 1.2 million people were killed.", 1_200_000, "exact"),
        ("Twenty-one soldiers died in the attack on the base.", 21, "exact"),
        ("Three hundred and five people were killed.", 305, "exact"),
        ("The army claimed to have killed several militants.", 10, "unknown"),
    ],
)
def test_numbers_words_and_qualifiers(text, value, qualifier):
    count = _killed(text)
    assert count is not None, text
    assert count.value == value
    assert count.qualifier == qualifier
    assert text[count.start:count.end] == count.text


def test_range_keeps_lower_value_and_both_bounds():
    count = _killed("The strike killed 10 to 15 civilians, residents said.")
    assert (count.value, count.low, count.high) == (10, 10, 15)
    count = _killed("Between 8 and 12 rebels were killed.")
    assert (count.value, count.low, count.high) == (8, 8, 12)


def test_count_text_covers_the_phrase():
    text = "Pakistan's air force launched strikes, an attack that killed at least nine people."
    count = _killed(text)
    assert count.text == "killed at least nine people"


def test_dates_and_measures_are_not_counts():
    assert _killed("On 30 April 2020, a man was shot dead in Kingston.").value == 1
    assert _killed("Rebels fired 20 shells at the town, 5 km from the border.") is None


# --------------------------------------------------------------------------- kinds


def test_killed_injured_missing_kidnapped_arrested_kept_apart():
    kinds = _kinds("Two soldiers were killed, 15 were wounded and three are missing after the attack.")
    assert kinds == {"killed": 2, "injured": 15, "missing": 3}
    kinds = _kinds("Gunmen abducted 12 students, and police later arrested five suspects.")
    assert kinds == {"kidnapped": 12, "arrested": 5}
    kinds = _kinds("Al Shabaab militants claimed to have killed two soldiers and injured five others.")
    assert kinds == {"killed": 2, "injured": 5}


def test_dead_on_every_side_add_up():
    text = "After a heavy fight, five militants and one soldier were killed."
    count = _killed(text)
    assert count.value == 6
    assert count.breakdown == {"militants": 5, "soldier": 1}
    mention = find_in_text(text)[0]
    assert mention.side == "mixed"
    text = "Police killed two attackers. One policeman was also killed in the exchange of fire."
    assert _killed(text).value == 3


def test_breakdown_sums_without_double_counting():
    text = "The dead included three women, four children and two men."
    count = _killed(text)
    assert count.value == 9
    assert count.breakdown == {"women": 3, "children": 4, "men": 2}
    # a total and its breakdown: the total only
    text = "A bomb killed 10 people, including 3 children, in the market."
    assert _killed(text).value == 10
    text = "At least 21 militants including 2 commanders and 4 soldiers were killed."
    assert _killed(text).value == 25


def test_singular_victims():
    assert _killed("Unknown gunmen shot and killed a civilian near the mosque.").value == 1
    assert _killed("Snipers opened fire on a farmer, killing him.").value == 1
    assert _killed("Shells killed a woman and her son in Tripoli.").value == 2
    assert _killed("A police officer was shot in the head and died.").value == 1
    assert _killed("The body of a man was found on the road with gunshot wounds.").value == 1
    assert _killed("A man was beaten to death by a mob.").value == 1


def test_re_mentions_are_not_counted_twice():
    text = ("Militants shot and killed a soldier near the post. The victim was heading home "
            "when the militants ambushed and killed him.")
    assert _killed(text).value == 1
    text = "Two policemen were killed in the attack. 2 fatalities."
    assert _killed(text).value == 2


# --------------------------------------------------------------------------- tolls, references, negation


def test_cumulative_tolls_are_flagged():
    for text in (
        "The war has killed 400,000 people since 2011.",
        "So far this year, 300 people have been killed in the province.",
        "The insurgency has killed more than 2,000 people over the past decade.",
    ):
        mentions = find_in_text(text)
        assert mentions and all(m.cumulative for m in mentions), text
        assert combine(mentions, "killed", text) is None


def test_references_to_other_events_are_not_fatalities():
    for text in (
        "Residents protested against the killing of a teenager by police.",
        "Dozens rallied in the capital to condemn the killing of a journalist last week.",
        "Inhabitants attacked police officers after two children were killed by gunmen.",
        "Gunmen attempted to kill a commander as he returned home.",
        "A resident died from coronavirus the previous day.",
    ):
        assert _killed(text) is None, text


def test_no_fatalities_is_zero():
    count = _killed("Regime forces shelled the town. Neither fatalities nor injuries were reported.")
    assert count is not None and count.value == 0
    assert combine(find_in_text("No one was hurt in the blast."), "injured").value == 0


def test_later_corrected_figure_wins():
    text = "Five people were killed in the blast on Monday. The death toll later rose to 12."
    assert _killed(text).value == 12


def test_conflicting_sources_keep_the_lower_figure():
    text = "Police said 5 people were killed, while other sources reported 8 deaths."
    count = _killed(text)
    assert (count.value, count.high) == (5, 8)
    text = "The government said 25 people were killed, but other sources reported at least 37 were killed."
    count = _killed(text)
    assert (count.value, count.high) == (25, 37)


def test_denied_report_is_not_the_conservative_figure():
    text = "Security forces fired live rounds and an elderly man was reportedly killed, although this was denied by the police."
    count = _killed(text)
    assert count is None or count.value == 0


def test_acled_coded_figure_wins():
    text = "Four soldiers were killed in the ambush. Fatalities coded as 0 (Taliban reported 4 fatalities)."
    assert _killed(text).value == 0


# --------------------------------------------------------------------------- documents and events


def _event(text: str, sentence_text: str, trigger: str, day: str | None, type_="ASSAULT",
           acled="Explosions/Remote violence", mentions=()):
    start = text.index(sentence_text)
    t_start = text.index(trigger, start)
    evidence = Evidence(sentence_text, start, start + len(sentence_text), trigger, t_start, t_start + len(trigger))
    extra = []
    for other_sentence, other_trigger in mentions:
        s = text.index(other_sentence)
        t = text.index(other_trigger, s)
        extra.append(Evidence(other_sentence, s, s + len(other_sentence), other_trigger, t, t + len(other_trigger)))
    when = EventDate(day, day, day, "day", None) if day else None
    return Event("e", type_, None, acled, None, None, None, when, None, None, None, evidence, None, 0.9, extra)


def test_find_casualties_on_unparsed_and_parsed_sentences(parse_text):
    text = "Gunmen killed three villagers on Sunday. Two others were wounded."
    segmented = nlp.segment(Document(id="t", text=text))
    unparsed = find_casualties(segmented)
    parsed = find_casualties(parse_text(text))
    assert [(m.kind, m.count.value, m.sentence) for m in unparsed] == [("killed", 3, 0), ("injured", 2, 1)]
    assert [(m.kind, m.count.value, m.sentence) for m in parsed] == [("killed", 3, 0), ("injured", 2, 1)]
    assert all(isinstance(m, CasualtyMention) for m in parsed)


def test_count_goes_to_the_event_whose_clause_holds_it(parse_text):
    text = ("Iran also staged airstrikes late Monday in Iraq and Syria over an Islamic State-claimed "
            "suicide bombing that killed over 90 people in early January.")
    parsed = parse_text(text, date(2024, 1, 18))
    sentence = parsed.sentences[0].text
    strikes = _event(text, sentence, "staged airstrikes", "2024-01-15")
    bombing = _event(text, sentence, "suicide bombing", "2024-01", acled="Explosions/Remote violence")
    assign_casualties(parsed, [strikes, bombing], find_casualties(parsed))
    assert strikes.fatalities is None
    assert (bombing.fatalities.value, bombing.fatalities.qualifier) == (90, "more_than")
    # the bombing not detected as an event: the airstrikes still do not take its toll
    strikes.fatalities = None
    assign_casualties(parsed, [strikes], find_casualties(parsed))
    assert strikes.fatalities is None


def test_nearest_trigger_when_events_share_a_sentence(parse_text):
    text = "Police arrested two men, and hours later a car bomb killed four soldiers near the checkpoint."
    parsed = parse_text(text)
    sentence = parsed.sentences[0].text
    arrest = _event(text, sentence, "arrested", None, type_="COERCE", acled="Strategic developments")
    bomb = _event(text, sentence, "car bomb", None)
    assign_casualties(parsed, [arrest, bomb], find_casualties(parsed))
    assert bomb.fatalities.value == 4
    assert arrest.fatalities is None


def test_non_violent_event_gets_no_referred_counts(parse_text):
    text = "China urged restraint on Thursday. The dead included three women and two men."
    parsed = parse_text(text, date(2024, 1, 18))
    request = _event(text, parsed.sentences[0].text, "urged", "2024-01-18", type_="REQUEST", acled=None)
    assign_casualties(parsed, [request], find_casualties(parsed))
    assert request.fatalities is None


def test_seed_article_counts_go_to_the_right_events(seed_article):
    parsed = nlp.segment(seed_article)
    nlp.parse([parsed])
    text = parsed.text

    def sentence_with(fragment: str) -> str:
        return next(s.text for s in parsed.sentences if fragment in s.text)

    pakistan = _event(text, sentence_with("launched retaliatory airstrikes"), "launched retaliatory airstrikes",
                      "2024-01-18", acled="Explosions/Remote violence",
                      mentions=[(sentence_with("The strikes in Sistan"), "strikes")])
    iran = _event(text, sentence_with("follow Iran's attack Tuesday"), "attack", "2024-01-16")
    summons = _event(text, sentence_with("summoned"), "summoned", "2024-01-18", type_="COERCE", acled=None)
    monday = _event(text, sentence_with("late Monday"), "staged airstrikes", "2024-01-15")
    bombing = _event(text, sentence_with("late Monday"), "suicide bombing", "2024-01")
    events = [pakistan, iran, summons, monday, bombing]
    assign_casualties(parsed, events, find_casualties(parsed))
    assert pakistan.fatalities.value == 9
    assert pakistan.fatalities.breakdown == {"women": 3, "children": 4, "men": 2}
    assert iran.fatalities.value == 2
    assert (bombing.fatalities.value, bombing.fatalities.qualifier) == (90, "more_than")
    assert monday.fatalities is None and summons.fatalities is None
    for event in events:
        if event.fatalities is not None:
            count = event.fatalities
            assert text[count.start:count.end] == count.text


# --------------------------------------------------------------------------- properties

_FILLER = st.sampled_from([
    "On Monday,", "In the north of the province,", "Officials said", "According to local media,", "Reportedly,", "",
])
_PHRASES = st.sampled_from([
    "gunmen killed {n} villagers", "{n} soldiers were killed", "the attack left {n} people dead",
    "{n} people were injured", "militants abducted {n} students", "police arrested {n} protesters",
    "{n} fighters died in the clashes", "the blast killed at least {n} people", "{n} fatalities",
])
_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_FILLER, _PHRASES, st.integers(min_value=1, max_value=5000), st.booleans()),
                min_size=1, max_size=4))
def test_offsets_always_match_and_values_round_trip(parts):
    sentences = []
    expected = []
    for filler, phrase, n, as_word in parts:
        number = _WORDS[n - 1] if as_word and n <= len(_WORDS) else f"{n:,}"
        body = phrase.format(n=number)
        sentence = f"{filler} {body}." if filler else f"{body[0].upper()}{body[1:]}."
        sentences.append(sentence)
        expected.append(n)
    text = " ".join(sentences)
    parsed = nlp.segment(Document(id="p", text=text))
    mentions = find_casualties(parsed)
    for mention in mentions:
        count = mention.count
        assert text[count.start:count.end] == count.text
        assert count.start <= mention.trigger_start < mention.trigger_end <= count.end
    assert sorted(m.count.value for m in mentions) == sorted(expected)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_arbitrary_text_never_breaks_offsets(text):
    # a sentence of its own: random words right before it may negate it ("NEVER killed 3 people")
    text = text + ". Gunmen killed 3 people, two were injured"
    padded = "x" * 7 + text
    mentions = find_in_text(text, offset=7, sentence=0)
    assert any(m.kind == "killed" and m.count.value == 3 for m in mentions)
    assert any(m.kind == "injured" and m.count.value == 2 for m in mentions)  # the 3 are not also injured
    for mention in mentions:
        assert padded[mention.count.start:mention.count.end] == mention.count.text
        assert mention.count.start <= mention.trigger_start < mention.trigger_end <= mention.count.end


def test_kinds_vocabulary_is_the_contract():
    assert casualties.KINDS == ("killed", "injured", "missing", "kidnapped", "arrested")
    assert all(re.fullmatch(r"[a-z]+", kind) for kind in casualties.KINDS)
