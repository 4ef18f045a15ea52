"""Casualty counts: who was killed, injured, missing, kidnapped or arrested, and how many.

Two steps, as the pipeline calls them:

- :func:`find_casualties` reads every sentence and returns :class:`CasualtyMention`
  records: the kind (``killed``/``injured``/``missing``/``kidnapped``/``arrested``),
  a :class:`~eventwire.records.Count` whose offsets cover the phrase
  (``"killed at least nine people"``), the trigger word, the victims, and flags for
  cumulative tolls ("since 2011", "so far"), references to other events ("protest
  against the killing of ...") and subsets ("among the dead were ...").
- :func:`assign_casualties` gives each event the mentions that belong to it and
  folds them into ``event.fatalities`` / ``event.injured`` with :func:`combine`.

Numbers follow ACLED's conventions (``docs/conventions.md``): "at least nine" is 9,
"tens" 10, "dozens" 12, "hundreds" 100, "several"/"a number of" 10 (ACLED's figure for
an unknown plural), ranges keep the lower bound in ``value``. The extractor is
rule-based over a light tokenisation of the sentence text, so it works on sentences
the fast path did not parse; when a spaCy doc is present it is used to find the noun a
"... that killed" clause belongs to (``CasualtyMention.anchor_*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date

from eventwire.records import Count

__all__ = [
    "CasualtyMention",
    "find_casualties",
    "find_in_text",
    "assign_casualties",
    "combine",
    "KINDS",
]

KINDS = ("killed", "injured", "missing", "kidnapped", "arrested")


@dataclass(slots=True)
class CasualtyMention:
    """One casualty figure in one sentence: ``count`` covers the phrase, ``trigger_*`` the killed/injured word."""

    kind: str  # killed | injured | missing | kidnapped | arrested
    count: Count
    sentence: int  # index into ParsedDocument.sentences
    trigger_start: int
    trigger_end: int
    cumulative: bool = False  # a historical or running toll ("since 2011", "so far")
    victim: str | None = None  # the victim phrase ("pro-Houthi elements")
    side: str | None = None  # civilians | security_forces | armed_group | mixed | None
    reference: bool = False  # about another, earlier event ("protest over the killing of ...")
    subset: bool = False  # part of a figure given elsewhere ("among the dead were ...")
    role: str = "report"  # report | total (a toll, "N fatalities") | coded (ACLED "coded as N") | anaphoric
    attributed: bool = False  # the sentence gives a source ("police said", "according to")
    denied: bool = False  # the sentence goes on to deny it ("although this was denied by the police")
    conflict: bool = False  # another source's figure for the same victims ("but other sources reported 37")
    anchor_start: int | None = None  # the noun a "... that killed" clause hangs on (spaCy doc)
    anchor_end: int | None = None
    anchor_foreign: bool = False  # the anchor is the object of "over"/"after"/"following": another event


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(r"\d+(?:-[A-Za-z]+)+|\d[\d,.]*\d|\d|[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z0-9]+)*|[^\sA-Za-z\d]")


@dataclass(slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str, offset: int) -> list[_Tok]:
    return [_Tok(m.group(), m.group().lower(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


# --------------------------------------------------------------------------- numbers

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals, coded as ACLED does: the most conservative reading.
_VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
# An unknown plural number: ACLED codes 10 ("several", "many", "a number of").
_UNKNOWN_PLURAL = {"several", "many", "multiple", "numerous", "various"}
_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("at", "least"), "at_least"), (("a", "minimum", "of"), "at_least"), (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"), (("not", "less", "than"), "at_least"),
    (("more", "than"), "more_than"), (("over",), "more_than"), (("upwards", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"), (("well", "over"), "more_than"),
    (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("at", "most"), "up_to"),
    (("no", "more", "than"), "up_to"), (("fewer", "than"), "up_to"), (("less", "than"), "up_to"),
    (("about",), "about"), (("around",), "about"), (("roughly",), "about"), (("approximately",), "about"),
    (("nearly",), "about"), (("almost",), "about"), (("close", "to"), "about"), (("some",), "about"),
    (("an", "estimated"), "about"), (("estimated",), "about"), (("approx",), "about"), (("circa",), "about"),
    (("a", "total", "of"), "exact"), (("a", "further"), "exact"), (("another",), "exact"),
    (("an", "additional"), "exact"), (("additional",), "exact"), (("further",), "exact"),
]
# The same, by first word (list order kept): _parse_number tries only those that can match. (speed)
_QUALIFIERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _name in _QUALIFIERS:
    _QUALIFIERS_BY_FIRST.setdefault(_words[0], []).append((_words, _name))
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


@dataclass(slots=True)
class _Number:
    value: int
    low: int | None
    high: int | None
    qualifier: str
    start: int  # token index of the first token (qualifier included)
    end: int  # token index after the last token
    additive: bool = False  # "another", "a further": adds to an earlier figure


def _word_number(tokens: list[_Tok], i: int) -> tuple[int, int] | None:
    """A cardinal written in words or digits at token ``i``: (value, next index)."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if _DIGITS.fullmatch(tok.text):
        if re.fullmatch(r"\d{4}", tok.text) and 1900 <= int(tok.text) <= 2100:
            return None  # a year
        number = float(tok.text.replace(",", ""))
        j = i + 1
        if j < len(tokens) and tokens[j].low in _SCALES:
            number *= _SCALES[tokens[j].low]
            j += 1
        if number != int(number):
            return None
        return int(number), j
    total, current, j, seen = 0, 0, i, False
    while j < len(tokens):
        word = tokens[j].low
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
            current += _TENS[parts[0]] + _UNITS[parts[1]]
        elif word in _UNITS and word != "no":
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES and seen:
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        elif word == "a" and not seen and j + 1 < len(tokens) and tokens[j + 1].low in _SCALES:
            current = 1
        elif word == "and" and seen and j + 1 < len(tokens) and (tokens[j + 1].low in _UNITS or tokens[j + 1].low in _TENS) \
                and j > 0 and tokens[j - 1].low in _SCALES:
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def parse_number(tokens: list[_Tok], i: int) -> _Number | None:
    """The (qualified) number phrase starting at token ``i``, or None."""
    number = _parse_number(tokens, i)
    if number is None:
        return None
    vague = tokens[number.end - 1].low in _VAGUE or tokens[number.end - 1].low in _UNKNOWN_PLURAL or \
        tokens[number.end - 1].low in ("number", "few", "couple", "handful")
    if vague and number.end < len(tokens) and tokens[number.end].low == "of":
        number.end += 1  # "dozens of", "a number of": the "of" belongs to the number
    # dates and measures: "30 April", "May 3", "9 pm", "5 km", "20 percent"
    after = tokens[number.end].low if number.end < len(tokens) else ""
    before = tokens[number.start - 1].low if number.start > 0 else ""
    if before == "." and number.start > 1:
        before = tokens[number.start - 2].low  # "Feb. 7"
    if after in _MONTHS or before in _MONTHS or after in _MEASURES or after in ("%", ":", "/"):
        return None
    return number


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"}
_MEASURES = {
    "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "metres", "meters", "metre", "meter", "m",
    "miles", "mile", "hours", "hour", "hrs", "minutes", "minute", "seconds", "days", "day", "weeks", "week",
    "months", "month", "years", "year", "decades", "pm", "am", "p", "a", "percent", "per", "kg", "tons", "tonnes",
    "dollars", "usd", "euros", "pesos", "rupees", "times", "shots", "rounds", "bullets", "shells", "rockets",
    "missiles", "mortars", "mortar", "vehicles", "houses", "homes", "cars", "trucks", "buildings", "projectiles",
    "airstrikes", "strikes", "raids", "attacks", "explosions", "bombs", "mines", "drones", "grenades", "th", "st",
    "nd", "rd", "mm", "o'clock", "gunshot", "gunshots", "wounds", "stab", "occasions", "locations", "villages",
    "districts", "provinces", "events", "incidents", "sheep", "cattle", "cows", "goats", "camels", "heads",
}


def _parse_number(tokens: list[_Tok], i: int) -> _Number | None:
    start = i
    qualifier, additive = "exact", False
    for words, name in _QUALIFIERS_BY_FIRST.get(tokens[i].low, ()) if i < len(tokens) else ():
        if all(i + k < len(tokens) and tokens[i + k].low == w for k, w in enumerate(words)):
            qualifier, i = name, i + len(words)
            additive = words[0] in {"another", "a", "an", "additional", "further"} and words != ("a", "total", "of") \
                and words != ("a", "minimum", "of") and words != ("an", "estimated")
            break
    if i >= len(tokens):
        return None
    word = tokens[i].low
    if word == "between":
        first = _word_number(tokens, i + 1)
        if first and first[1] < len(tokens) and tokens[first[1]].low in ("and", "to", "-", "–"):
            second = _word_number(tokens, first[1] + 1)
            if second:
                return _Number(first[0], first[0], second[0], "exact" if qualifier == "exact" else qualifier,
                               start, second[1], additive)
        return None
    # "a dozen", "two dozen", "half a dozen", "dozens", "a few", "several" ...
    if word == "half" and i + 2 < len(tokens) and tokens[i + 1].low == "a" and tokens[i + 2].low == "dozen":
        return _Number(6, 6, None, qualifier, start, i + 3, additive)
    if word in ("a", "one") and i + 1 < len(tokens) and tokens[i + 1].low == "dozen":
        return _Number(12, 12, None, qualifier, start, i + 2, additive)
    if word in ("tens", "hundreds", "thousands") and i + 2 < len(tokens) and tokens[i + 1].low == "of" \
            and tokens[i + 2].low in ("thousands", "millions"):
        value = _VAGUE[word] * _VAGUE[tokens[i + 2].low]
        return _Number(value, value, None, "at_least", start, i + 3, additive)
    if word in _VAGUE:
        j = i + 1
        return _Number(_VAGUE[word], _VAGUE[word], None, "at_least", start, j, additive)
    if word in _UNKNOWN_PLURAL:
        return _Number(10, None, None, "unknown", start, i + 1, additive)
    if word in ("a", "an") and i + 1 < len(tokens):
        nxt = tokens[i + 1].low
        if nxt in ("number", "few", "couple", "handful") or (nxt in ("unknown", "unspecified", "undisclosed",
                                                                          "undetermined") and i + 2 < len(tokens)
                                                                 and tokens[i + 2].low == "number"):
            j = i + 2 if nxt != "unknown" and nxt not in ("unspecified", "undisclosed", "undetermined") else i + 3
            if nxt == "couple":
                return _Number(2, 2, None, "about", start, j, additive)
            if nxt in ("few", "handful"):
                return _Number(3, 3, None, "about", start, j, additive)
            return _Number(10, None, None, "unknown", start, j, additive)
    if word in ("unknown", "unspecified", "undisclosed", "undetermined") and i + 1 < len(tokens) \
            and tokens[i + 1].low == "number":
        return _Number(10, None, None, "unknown", start, i + 2, additive)
    cardinal = _word_number(tokens, i)
    if cardinal is None:
        return None
    value, j = cardinal
    if j < len(tokens) and tokens[j].low == "dozen":
        value, j = value * 12, j + 1
    # ranges: "10-15", "10 to 15", "10 or 15"
    if j + 1 < len(tokens) and tokens[j].low in ("-", "–", "to", "or"):
        second = _word_number(tokens, j + 1)
        if second and second[0] > value and (tokens[j].low != "to" or qualifier == "exact"):
            return _Number(value, value, second[0], qualifier if qualifier != "exact" else "exact", start, second[1],
                           additive)
    low = value if qualifier in ("exact", "at_least", "more_than") else None
    high = value if qualifier == "up_to" else None
    if qualifier == "exact":
        low = value
    return _Number(value, low, high, qualifier, start, j, additive)


# --------------------------------------------------------------------------- vocabulary

_KILL_ACTIVE = {
    "kill", "kills", "killed", "killing", "murder", "murders", "murdered", "murdering", "execute", "executes",
    "executed", "executing", "assassinate", "assassinates", "assassinated", "assassinating", "massacre",
    "massacres", "massacred", "massacring", "slaughter", "slaughtered", "slaughtering", "slew", "slay",
    "behead", "beheaded", "beheading", "lynch", "lynched", "lynching",
}
_KILL_PASSIVE = {
    "killed", "killled", "dead", "died", "die", "dies", "dying", "murdered", "executed", "assassinated", "massacred",
    "slaughtered", "slain", "beheaded", "lynched", "perished", "perish", "drowned", "decapitated",
}
_TO_DEATH_VERBS = {
    "shot", "shoot", "shoots", "shooting", "beat", "beaten", "beating", "stabbed", "stab", "stabbing", "hacked",
    "hacking", "burned", "burnt", "burning", "stoned", "stoning", "tortured", "torturing", "clubbed", "strangled",
    "bludgeoned", "lynched", "crushed", "trampled", "hanged", "choked", "starved", "macheted", "flogged",
}
_INJURE_ACTIVE = {"injure", "injures", "injured", "injuring", "wound", "wounds", "wounded", "wounding", "hurt",
                  "hurting", "maim", "maimed", "maiming"}
_INJURE_PASSIVE = {"injured", "wounded", "hurt", "maimed", "hospitalised", "hospitalized"}
_KIDNAP_ACTIVE = {"kidnap", "kidnaps", "kidnapped", "kidnapping", "abduct", "abducts", "abducted", "abducting"}
_KIDNAP_PASSIVE = {"kidnapped", "abducted"}
_ARREST_ACTIVE = {"arrest", "arrests", "arrested", "arresting", "detain", "detains", "detained", "detaining",
                  "apprehend", "apprehended", "apprehending"}
_ARREST_PASSIVE = {"arrested", "detained", "apprehended"}
_MISSING_PASSIVE = {"missing"}

_ACTIVE = [(_KILL_ACTIVE, "killed"), (_INJURE_ACTIVE, "injured"), (_KIDNAP_ACTIVE, "kidnapped"),
           (_ARREST_ACTIVE, "arrested")]
_PASSIVE = [(_KILL_PASSIVE, "killed"), (_INJURE_PASSIVE, "injured"), (_KIDNAP_PASSIVE, "kidnapped"),
            (_ARREST_PASSIVE, "arrested"), (_MISSING_PASSIVE, "missing")]
_KIND_VERBS = _KILL_ACTIVE | _INJURE_ACTIVE | _KIDNAP_ACTIVE | _ARREST_ACTIVE
_ALL_TRIGGERS = (_KILL_ACTIVE | _KILL_PASSIVE | _INJURE_ACTIVE | _INJURE_PASSIVE | _KIDNAP_ACTIVE | _ARREST_ACTIVE
                 | _MISSING_PASSIVE | _TO_DEATH_VERBS | {"fatalities", "fatality", "deaths", "death", "casualties",
                                                         "injuries", "bodies", "body"})
_NOMINAL_KILL = {"death", "deaths", "killing", "killings", "murder", "murders", "execution", "executions",
                 "assassination", "beheading", "lynching"}
_NOUN_KIND = {
    "fatalities": "killed", "fatality": "killed", "deaths": "killed", "death": "killed", "dead": "killed",
    "killed": "killed", "bodies": "killed", "corpses": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured", "injury": "injured", "hurt": "injured",
    "missing": "missing", "kidnapped": "kidnapped", "abducted": "kidnapped", "hostages": "kidnapped",
    "arrests": "arrested", "arrested": "arrested", "detained": "arrested", "arrestees": "arrested",
}
_AUX = {"either", "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "got", "get", "gets", "will",
        "would", "may", "might", "later", "also", "reportedly", "allegedly", "all", "both", "subsequently",
        "immediately", "instantly", "eventually", "ultimately", "apparently", "reported", "confirmed", "feared",
        "believed", "said", "to", "thought", "presumed", "left", "found", "then", "now", "since", "already"}
# Words that end a victim phrase.
_STOP = {
    "and", "or", "but", "in", "on", "at", "by", "from", "to", "into", "during", "when", "while", "after", "before",
    "who", "that", "which", "whom", "whose", "as", "near", "with", "for", "including", "among", "amid", "following",
    "since", "until", "than", "were", "was", "is", "are", "be", "been", "being", "has", "have", "had", "the",
    "this", "these", "those", "there", "they", "he", "she", "it", "we", "i", "you", "not", "no", "if", "because",
    "where", "across", "inside", "outside", "over", "under", "along", "against", "through", "about", "around",
    "per", "via", "so", "said", "says", "reportedly", "allegedly", "also", "then", "later", "each", "both",
} | _ALL_TRIGGERS
_SINGULAR_PEOPLE = {
    "man", "woman", "child", "boy", "girl", "baby", "victim", "suspect", "soldier", "officer", "policeman",
    "civilian", "driver", "farmer", "resident", "villager", "student", "teacher", "leader", "commander",
    "journalist", "worker", "guard", "militant", "fighter", "attacker", "assailant", "gunman", "bystander",
    "passenger", "teenager", "youth", "person", "individual", "agent", "official", "trader", "herder", "owner",
    "head", "chief", "member", "cadre", "deputy", "mayor", "governor", "councilor", "councillor", "chairman",
    "chairperson", "sarpanch", "activist", "lawyer", "judge", "doctor", "nurse", "priest", "imam", "pastor",
    "reporter", "policewoman", "constable", "sergeant", "lieutenant", "captain", "colonel", "general", "detainee",
    "prisoner", "inmate", "elder", "chieftain", "kid", "husband", "wife", "son", "daughter", "brother", "sister",
    "father", "mother", "uncle", "nephew", "cousin", "businessman", "shopkeeper", "merchant", "vendor", "pedestrian",
    "motorist", "rider", "hunter", "fisherman", "miner", "pilot", "sniper", "bomber", "militiaman", "gendarme",
    "other",
}
_VERBS = {
    "broke", "broken", "took", "opened", "fired", "attacked", "targeted", "clashed", "stormed", "raided", "entered",
    "exploded", "detonated", "hit", "struck", "launched", "carried", "ambushed", "abducted", "stole", "set",
    "seized", "arrived", "approached", "tried", "attempted", "began", "started", "erupted", "occurred", "happened",
    "went", "came", "got", "fell", "ran", "drove", "fled", "escaped", "returned", "responded", "used", "threw",
    "blocked", "staged", "protested", "gathered", "marched", "demanded", "refused", "intercepted", "stopped",
    "pursued", "chased", "caught", "planted", "dumped", "captured", "found", "reported", "claimed", "left",
    "suffered", "sustained", "received", "lost", "say", "said", "told", "shot", "stabbed", "beat", "beaten",
    "surrounded", "engaged", "exchanged", "repulsed", "repelled", "thwarted", "killed", "belonged", "belonging",
    "belongs", "lived", "living", "worked", "working", "travelling", "traveling", "riding", "driving", "walking",
    "sitting", "standing", "heading", "trying", "attempting", "fighting", "guarding", "patrolling", "manning",
}
_ATTEMPT = {"attempted", "attempt", "attempts", "attempting", "tried", "try", "trying", "threatened", "threaten",
            "threatening", "threatens", "plotted", "planned", "failed", "vowed", "would", "could", "will", "might",
            "may", "can", "cannot", "not", "never", "allegedly"}
_PRONOUN_ONE = {"him", "her", "himself", "herself"}
_NON_VICTIM_SINGULAR = {
    "lot", "number", "total", "few", "couple", "handful", "series", "string", "wave", "spate", "group", "family",
    "crowd", "dozen", "score", "range", "majority", "minority", "part", "third", "half", "quarter", "result",
    "way", "day", "week", "month", "year", "time", "case", "share", "bid", "move", "blow", "record", "plan",
    "vehicle", "car", "truck", "house", "building", "bomb", "shell", "mine", "drone", "rocket", "missile",
    "shoot-out", "shootout", "attack", "clash", "fight", "explosion", "blast", "firefight", "ambush", "operation",
    "incident", "raid", "strike", "airstrike", "ied", "grenade", "landmine", "device", "checkpoint", "patrol",
    "convoy", "fire", "gunfight", "confrontation", "skirmish", "dispute", "argument", "protest", "demonstration",
    "mob", "riot", "brawl", "engine", "chance", "risk", "plot", "deal", "law", "bill", "order", "decision",
    "livestock", "cattle", "cow", "cows", "goat", "goats", "sheep", "camel", "camels", "animals", "animal", "lamb",
    "dog", "dogs", "donkey", "donkeys", "chickens", "horse", "horses", "pig", "pigs", "elephant", "elephants",
    "lion", "lions", "birds", "fish", "ox", "oxen", "bull", "bulls", "calves", "mosquitoes", "locusts",
    "shark", "sharks", "whale", "whales", "rhino", "rhinos", "rhinoceros", "dolphins", "turtles", "wildlife",
    "gorillas", "tigers", "wolves", "deer", "poultry", "hens", "bees",
}
_IRREGULAR_PLURALS = {"people", "men", "women", "children", "police", "personnel", "troops", "staff", "youth",
                      "folk", "cattle", "militia", "gentry", "kin", "clergy", "crew", "sheep"}
_SIDES = {
    "civilians": {"civilian", "civilians", "people", "person", "persons", "man", "men", "woman", "women", "child",
                  "children", "boy", "boys", "girl", "girls", "baby", "babies", "resident", "residents", "villager",
                  "villagers", "farmer", "farmers", "student", "students", "worker", "workers", "passenger",
                  "passengers", "family", "son", "daughter", "wife", "husband", "brother", "sister", "mother",
                  "father", "teenager", "teenagers", "youths", "youth", "infant", "infants", "relatives", "journalist",
                  "journalists", "pilgrims", "migrants", "refugees", "protesters", "demonstrators", "herders"},
    "security_forces": {"soldier", "soldiers", "troops", "servicemen", "serviceman", "police", "policeman",
                        "policemen", "policemen", "officer", "officers", "guards", "guard", "personnel", "gendarmes",
                        "gendarme", "marines", "sailors", "pilots", "militiamen", "commandos", "security"},
    "armed_group": {"militant", "militants", "fighter", "fighters", "rebel", "rebels", "insurgent", "insurgents",
                    "attacker", "attackers", "assailant", "assailants", "gunman", "gunmen", "terrorist",
                    "terrorists", "jihadist", "jihadists", "bandit", "bandits", "elements", "bomber", "bombers",
                    "combatants", "suspects", "suspect", "hitmen", "hitman", "gangsters", "criminals"},
}

_CUMULATIVE = re.compile(
    r"\bsince\s+(?:19|20)\d\d\b|\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset)\b|\bsince\s+(?:the\s+)?"
    r"(?:war|conflict|insurgency|uprising|invasion|crisis|fighting)\b|\bso\s+far\b|\bto\s+date\b|"
    r"\b(?:this|last|a|per|each|every)\s+year\b|\bannually\b|\byear\s+to\s+date\b|\bsince\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b|\b(?:past|last)\s+(?:\w+\s+)?(?:years|decades|months)\b|\bin\s+recent\s+(?:years|months)\b|"
    r"\b(?:war|conflict|insurgency|violence|fighting|crisis|pandemic|epidemic|outbreak|campaign|uprising|"
    r"civil\s+war)\s+(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left)\b|\bover\s+the\s+(?:years|decades)\b|"
    r"\bdeath\s+toll\s+(?:from|in|of)\s+the\s+(?:war|conflict|pandemic|insurgency)\b|\bin\s+total\s+since\b|"
    r"\bcumulative\b|\bthroughout\s+the\s+(?:war|conflict|year)\b|\bsince\s+(?:last|early|late|mid)\b",
    re.I,
)
# Said of another event: protests over a killing, trials, anniversaries, revenge.
_PROTEST_WORDS = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies|ying)|march(?:ed|es|ing)?|condemn\w*|denounc\w*|mourn\w*|"
    r"commemorat\w*|anniversary|justice|funeral|vigil|outrage\w*|sit-in|blocked|gathered)\b"
    r"(?P<between>[^.;]{0,160})$",
    re.I,
)
_LEGAL_BEFORE = re.compile(
    r"\b(?:accused|suspected|suspects?|charged|arrested|detained|convicted|sentenced|wanted|jailed|tried|blamed|"
    r"responsible|involved|implicated|confessed|investigat\w+|probe|prosecut\w+)\s+(?:of|with|for|in|into|over)\s+"
    r"(?:the\s+|a\s+|an\s+|having\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_NOMINAL_CAUSE = re.compile(
    r"\b(?:after|following|over|against|for|avenge|revenge|retaliation\s+for|in\s+response\s+to|anniversary\s+of|"
    r"memory\s+of|because\s+of|about|relation\s+to|connection\s+(?:to|with)|report|wake\s+of)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def _is_reference(before: str, nominal: bool) -> bool:
    """Is a casualty phrase preceded by words that make it another event (a protest's cause, a trial)?"""
    if _LEGAL_BEFORE.search(before):
        return True
    if nominal and _NOMINAL_CAUSE.search(before):
        return True
    protest = _PROTEST_WORDS.search(before)
    if protest and (nominal or re.search(r"\b(?:against|over|for|after|following|demanding|denouncing|condemning|"
                                         r"about|because)\b", protest.group("between"), re.I)):
        return True
    return False


_NEGATION = re.compile(
    r"\b(?:no|zero|0|neither|nor|without|not\s+any|none)\b(?:\s+\w+){0,3}?\s+(?:fatalities|fatality|deaths|"
    r"casualties|injuries|injured|killed|dead|one\s+(?:was|were)\s+(?:killed|hurt|injured|wounded)|"
    r"people\s+(?:were\s+)?(?:reported\s+)?(?:killed|injured|hurt|wounded))\b"
    r"|\bno(?:\s+\w+){0,2}\s+(?:were|was)\s+(?:reported\s+)?(?:killed|injured|hurt|wounded)\b"
    r"|\bno\s+one\s+(?:was\s+)?(?:killed|hurt|injured|wounded|died)\b",
    re.I,
)
_ATTRIBUTION = re.compile(r"\b(?:said|says|according\s+to|reported|reports|claimed|claims|told|announced|confirmed|"
                          r"stated|sources?|quoted|cited)\b", re.I)
_CONFLICT = re.compile(
    r"(?:\b(?:other|another|different|some|conflicting|separate|later|unconfirmed)\s+(?:\w+\s+)?(?:sources?|reports?|"
    r"accounts?|estimates?|figures?)\b|\b(?:but|while|whereas|however)\b[^.;]{0,60}\b(?:said|say|says|reported|report|"
    r"put|claimed|claim|claims|according)\b)[^.;]*$",
    re.I,
)
# "... attacked police after two children were killed": the killing is an earlier event
_EARLIER_CLAUSE = re.compile(
    r"\b(?:after|following|in\s+response\s+to|in\s+retaliation\s+for|to\s+avenge|in\s+the\s+wake\s+of)\s+"
    r"(?:(?!\b(?:and\s+then)\b)[^.;,])*$",
    re.I,
)
_NATURAL_DEATH = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:from|of|due\s+to)\s+(?:the\s+|a\s+)?(?:coronavirus|covid|covid-19|illness|disease|"
    r"natural\s+causes|heart|cancer|hunger|starvation|malaria|cholera|complications|old\s+age|an?\s+illness)",
    re.I,
)
_NOT_VIOLENCE = re.compile(r"\b(?:coronavirus|covid(?:-19)?|virus|disease|illness|pandemic|fentanyl|overdoses?|"
                           r"cholera|ebola|malaria|flu|influenza|measles|heat|traffic|road|car|cancer)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|disputed|refuted|unconfirmed|not\s+(?:been\s+)?(?:independently\s+)?confirmed|"
                     r"could\s+not\s+be\s+(?:independently\s+)?(?:confirmed|verified))\b", re.I)


def _side_of(words: list[str]) -> str | None:
    """The side of the victims: civilians, security_forces, armed_group, mixed (several), or None."""
    sides = {side for word in words for side, vocabulary in _SIDES.items() if word in vocabulary}
    if len(sides) > 1:
        return "mixed"
    return next(iter(sides), None)


# --------------------------------------------------------------------------- victim lists


@dataclass(slots=True)
class _Item:
    value: int
    number: _Number | None
    start: int  # token indices
    end: int
    head: str | None


def _victim_item(tokens: list[_Tok], i: int, require_number: bool) -> _Item | None:
    """One victim phrase: "three women", "2 local policemen", "a civilian", "him", "two of them"."""
    if i >= len(tokens):
        return None
    low = tokens[i].low
    if low in _PRONOUN_ONE and not (low == "her" and i + 1 < len(tokens) and _is_word(tokens[i + 1])):
        return None if require_number else _Item(1, None, i, i + 1, None)
    if low == "both" and (i + 1 >= len(tokens) or tokens[i + 1].low in _STOP or not tokens[i + 1].text.isalpha()):
        return _Item(2, None, i, i + 1, None)
    if low == "one" and i + 2 < len(tokens) and tokens[i + 1].low == "of":
        # "one of 14 people killed", "one of the 14 victims": the figure is the group's
        inner = i + 3 if tokens[i + 2].low == "the" else i + 2
        group = parse_number(tokens, inner) if inner < len(tokens) else None
        if group is not None:
            item = _victim_item(tokens, inner, require_number=True)
            if item is not None:
                return _Item(item.value, item.number, i, item.end, item.head)
    number = parse_number(tokens, i)
    singular = False
    if number is None:
        if low in ("a", "an", "one", "his", "her", "their", "its", "another"):
            singular, j = True, i + 1
        elif low == "the" and not require_number and i + 1 < len(tokens) and tokens[i + 1].low not in ("a", "an"):
            singular, j = True, i + 1
        else:
            return None
    else:
        j = number.end
    if j < len(tokens) and tokens[j].low == "of" and j + 1 < len(tokens) and tokens[j + 1].low in ("them", "whom", "those"):
        if number is None and low != "one":
            return None
        return _Item(number.value if number else 1, number, i, j + 2, None)
    if j + 1 < len(tokens) and tokens[j].low == "of" and tokens[j + 1].low in ("the", "these", "his", "her", "their") \
            and (number is not None or low == "one"):
        # "one of the injured men", "two of the victims"
        k = j + 2
        words = []
        while k < len(tokens) and len(words) < 4 and _is_word(tokens[k]) and tokens[k].low not in _AUX \
                and (tokens[k].low not in _STOP or (tokens[k].low in _INJURE_PASSIVE | {"dead", "killed", "kidnapped"}
                                                    and k + 1 < len(tokens) and _is_word(tokens[k + 1])
                                                    and tokens[k + 1].low not in _AUX | _STOP)):
            words.append(tokens[k].low)
            k += 1
        if words:
            return _Item(number.value if number else 1, number, i, k, words[-1])
        return None
    # modifiers and the head noun
    words: list[str] = []
    k = j
    while k < len(tokens) and len(words) < 6:
        tok = tokens[k]
        if tok.low == "of" and not words:
            break
        if tok.text == "(" and (words or number is not None):
            close = next((m for m in range(k + 1, min(k + 20, len(tokens))) if tokens[m].text == ")"), None)
            if close is not None:
                k = close + 1
                continue
        if not (tok.text[0].isalpha() or tok.text[0].isdigit()) or (tok.low in _STOP and not _is_acronym(tok)) \
                or tok.low in _VERBS:
            break
        if tok.low == "of" and words and k + 1 < len(tokens):
            # "members of the regime's Air Force Intelligence": the head is the word before "of"
            noun = words[-1]
            m = k + 1
            extra = []
            while m < len(tokens) and len(extra) < 6 and tokens[m].text[0].isalnum() and (
                    tokens[m].low in ("the", "a", "an") or _is_word(tokens[m])) and tokens[m].low not in _VERBS:
                extra.append(tokens[m].low)
                m += 1
            while extra and extra[-1] in ("the", "a", "an"):
                extra.pop()
                m -= 1
            if extra:
                k = m
                words.append(noun)  # keep the head noun last
                continue
            break
        if parse_number(tokens, k) is not None and words == [] and number is not None:
            break
        words.append(tok.low)
        k += 1
    head = words[-1] if words else None
    if singular:
        if low in ("a", "an") and i + 3 < len(tokens) and tokens[i + 1].low == "family" and tokens[i + 2].low == "of":
            family = parse_number(tokens, i + 3)  # "a family of three"
            if family is not None:
                return _Item(family.value, family, i, family.end, "family")
        if head is None or head in _NON_VICTIM_SINGULAR or head in _MEASURES:
            return None
        if head in _IRREGULAR_PLURALS and low not in ("a", "an", "one"):
            return None
        if low in ("his", "her", "their", "its") and head not in _SINGULAR_PEOPLE:
            return None  # "his release", "her health": not a victim
        if low == "the" and not (head in _SINGULAR_PEOPLE or (words and words[0] in _SINGULAR_PEOPLE)):
            return None
        if head.endswith("s") and not head.endswith("ss") and head not in ("bus",):
            return None
        return _Item(1, None, i, k, head)
    if head in _NON_VICTIM_SINGULAR or head in _MEASURES or head in _MONTHS:
        return None
    return _Item(number.value, number, i, k, head)


def _is_word(tok: _Tok) -> bool:
    return tok.text[0].isalpha() and (tok.low not in _STOP or _is_acronym(tok))


def _is_acronym(tok: _Tok) -> bool:
    return len(tok.text) > 1 and tok.text.isupper()


def _victim_list(tokens: list[_Tok], i: int, require_number: bool, subject: bool = False) -> list[_Item]:
    """Coordinated victims: "three women, four children and two men"."""
    items: list[_Item] = []
    first = _victim_item(tokens, i, require_number)
    if first is None:
        return items
    items.append(first)
    k = first.end
    while k < len(tokens):
        # "21 militants including 2 commanders and 4 soldiers": the included victims are a subset
        inc = k + 1 if tokens[k].low in (",", "(") and k + 1 < len(tokens) else k
        if tokens[inc].low in ("including", "among", "incl"):
            sub = _victim_list(tokens, inc + 1, require_number=False)
            if sub:
                k = sub[-1].end
                if k < len(tokens) and tokens[k].text == ")":
                    k += 1
                items[-1].end = k
                if k < len(tokens) and tokens[k].text == "," and k + 1 < len(tokens) and \
                        tokens[k + 1].low in _AUX | _KILL_PASSIVE | _INJURE_PASSIVE:
                    k += 1
                if k < len(tokens) and tokens[k].low in (",", "and", "as", "plus"):
                    continue
                break
            m = inc + 1
            while m < len(tokens) and m - inc < 8 and tokens[m].low not in _AUX and tokens[m].text not in ",.;" \
                    and tokens[m].low not in _ALL_TRIGGERS:
                m += 1
            if m < len(tokens) and tokens[m].low in _AUX and m > inc + 1:
                items[-1].end = m
            break
        sep = k
        if tokens[sep].low == "," and sep + 1 < len(tokens) and tokens[sep + 1].low in ("and", "as", "plus"):
            sep += 1
        if tokens[sep].low in (",", "and", "plus", "as") and sep + 1 < len(tokens):
            nxt = sep + 1
            if tokens[sep].low == "as" and nxt < len(tokens) and tokens[nxt].low == "well" and nxt + 1 < len(tokens) \
                    and tokens[nxt + 1].low == "as":
                nxt += 2
            elif tokens[sep].low == "as":
                break
            item = _victim_item(tokens, nxt, require_number=True)
            if item is None and tokens[nxt].low in ("a", "an", "one", "his", "her", "their"):
                item = _victim_item(tokens, nxt, require_number=False)
            if item is None and subject and tokens[sep].low == "and":
                m = nxt
                while m < len(tokens) and m - nxt < 4 and _is_word(tokens[m]) and tokens[m].low not in _VERBS:
                    m += 1
                if m > nxt and m < len(tokens) and tokens[m].low in _AUX | _KILL_PASSIVE | _INJURE_PASSIVE:
                    items[-1].end = m  # "5 JTF and Kamuku militiamen were killed": one group
                    items[-1].head = tokens[m - 1].low
                    k = m
                break
            if item is None or (item.number is None and item.head is None):
                break
            # the second item must not be the subject of a new clause ("and 5 were injured")
            after = item.end
            if not subject and after < len(tokens) and tokens[after].low in ("were", "was", "are", "is", "have",
                                                                             "had", "has", "died"):
                break
            items.append(item)
            k = item.end
            continue
        break
    return items


def _items_count(items: list[_Item], tokens: list[_Tok], text: str, base: int, start_tok: int, end_tok: int) -> Count:
    total = sum(item.value for item in items)
    quals = [item.number.qualifier for item in items if item.number is not None]
    qualifier = "exact"
    for name in ("unknown", "about", "up_to", "more_than", "at_least"):
        if name in quals:
            qualifier = name
    if len(items) == 1 and items[0].number is not None:
        number = items[0].number
        low, high = number.low, number.high
    else:
        low = total if qualifier in ("exact", "at_least", "more_than") else None
        high = None
        if any(item.number is not None and item.number.high is not None for item in items):
            high = sum((item.number.high if item.number is not None and item.number.high is not None else item.value)
                       for item in items)
    breakdown = None
    if len(items) > 1 and all(item.head for item in items):
        breakdown = {}
        for item in items:
            breakdown[item.head] = breakdown.get(item.head, 0) + item.value
    start, end = tokens[start_tok].start, tokens[end_tok - 1].end
    return Count(total, low, high, qualifier, text[start - base:end - base], start, end, breakdown)


# --------------------------------------------------------------------------- matching


def find_casualties(parsed) -> list[CasualtyMention]:
    """Every casualty mention of a :class:`~eventwire.nlp.ParsedDocument`, in text order."""
    mentions: list[CasualtyMention] = []
    year = parsed.date.year if parsed.date is not None else None
    for sentence in parsed.sentences:
        found = find_in_text(sentence.text, sentence.start, sentence.index)
        if year is not None:
            _mark_past_years(sentence.text, sentence.start, found, year)
        if found and sentence.doc is not None:
            _add_anchors(sentence, found)
        mentions.extend(found)
    _mark_anaphora(mentions)
    return mentions


def find_in_text(text: str, offset: int = 0, sentence: int = 0) -> list[CasualtyMention]:
    """Casualty mentions of one sentence ``text`` starting at document offset ``offset``."""
    matcher = _Matcher(text, offset, sentence)
    matcher.run()
    found = matcher.found
    _set_context(text, offset, found)
    found.sort(key=lambda m: (m.count.start, m.kind))
    return found


def _clause_length(tokens: list[_Tok]) -> int:
    """Tokens up to the first full stop: "1 killed." is a short summary statement."""
    return next((k for k, tok in enumerate(tokens) if tok.text in ".;"), len(tokens))


_BODY_VERBS = re.compile(r"\b(?:found|discovered|recovered|dumped|located|retrieved|washed|lying|abandoned|dug|"
                         r"mutilated|dismembered)\b", re.I)
_BODY_MODIFIERS = {"a", "the", "dead", "partially", "burnt", "burned", "decomposed", "charred", "mutilated",
                   "lifeless", "human", "severed", "his", "her", "their", "man's", "woman's"}
_LEFT_VERBS = {"left", "leaving", "leave", "leaves"}
_LIVES_VERBS = {"claimed", "claiming", "claim", "claims", "cost", "costing"}


class _Matcher:
    """The patterns of one sentence, tried token by token; each ``add`` claims its tokens for its kind."""

    def __init__(self, text: str, offset: int, sentence: int):
        self.text, self.offset, self.sentence = text, offset, sentence
        self.tokens = _tokens(text, offset)
        self.n = len(self.tokens)
        self.found: list[CasualtyMention] = []
        self.used: set[tuple[str, int]] = set()  # (kind, token index) already covered

    # ----------------------------------------------------------------- plumbing

    def low(self, k: int) -> str:
        return self.tokens[k].low if 0 <= k < self.n else ""

    def skip_aux(self, k: int, limit: int = 99) -> int:
        steps = 0
        while k < self.n and self.tokens[k].low in _AUX and steps < limit:
            k += 1
            steps += 1
        return k

    def add(self, kind: str, items: list[_Item], first: int, last: int, trigger: int, role: str = "report",
            subset: bool = False, victims: bool = True) -> None:
        """Record a mention over tokens ``first:last`` unless a mention of that kind already holds one of them."""
        if any((kind, t) in self.used for t in range(first, last)):
            return
        for t in range(first, last):
            self.used.add((kind, t))
        count = _items_count(items, self.tokens, self.text, self.offset, first, last)
        trig = self.tokens[trigger]
        victim, heads = None, []
        if victims and items:
            s, e = self.tokens[items[0].start].start, self.tokens[items[-1].end - 1].end
            victim = self.text[s - self.offset:e - self.offset]
            heads = [item.head for item in items if item.head]
        self.found.append(CasualtyMention(kind, count, self.sentence, trig.start, trig.end, victim=victim,
                                          side=_side_of(heads), role=role, subset=subset))

    def run(self) -> None:
        if not any(tok.low in _GATE for tok in self.tokens):
            return  # no casualty word at all: most sentences of an article
        for i in range(self.n):
            self.verb_first(i)
            self.fatally(i)
            self.to_death(i)
            self.lives_of(i)
            self.left(i)
            if self.pronoun_subject(i) or self.definite_subject(i):
                continue
            if i > 0 and self.low(i - 1) in ("no", "not", "none", "nor"):
                continue
            self.number_first(i)
        for i in range(self.n):
            self.toll(i)
            self.fatality_range(i)
            self.the_dead_were(i)
            self.coded(i)
            self.nominal(i)
            self.body(i)
        self.negations()

    # ----------------------------------------------------------------- verb first

    def verb_first(self, i: int) -> None:
        """ "killed at least nine people", "killing a woman and her son", "abducted 12 students" """
        tokens, low = self.tokens, self.low(i)
        for vocabulary, kind in _ACTIVE:
            if low not in vocabulary:
                continue
            if i > 0 and self.low(i - 1) == "to" and not low.endswith(("ed", "ing")):
                return  # "attempted to kill", "threatened to kill": no one was
            if self.low(i - 1) in _ATTEMPT:
                return
            j = i + 1
            if self.low(j) in ("off", "up") and self.low(j + 1) != "to":
                j += 1
            if low.endswith("ed") and self.low(j) == "and" and self.low(j + 1).endswith("ed") \
                    and self.low(j + 1) not in _ALL_TRIGGERS:
                j += 2  # "killed and mutilated a man"
            if self.low(i - 1) in ("and", "or") and self.low(i - 2) in _KIND_VERBS and \
                    self.low(i - 2) not in vocabulary:
                return  # "killed and injured 1,000": one figure for two kinds
            items = _victim_list(tokens, j, require_number=False)
            if not items:
                continue
            if not low.endswith("ing") and self.low(i - 1) in ("was", "were", "been", "being") and kind != "killed":
                continue
            self.add(kind, items, i, items[-1].end, i)
            return

    def fatally(self, i: int) -> None:
        """ "fatally shot the leader", "fatally wounded a man" """
        if self.low(i) == "fatally" and self.low(i + 1) in _TO_DEATH_VERBS | _INJURE_ACTIVE:
            items = _victim_list(self.tokens, i + 2, require_number=False)
            if items:
                self.add("killed", items, i, items[-1].end, i + 1)

    def to_death(self, i: int) -> None:
        """ "shot two men to death", "shot dead two soldiers", "beat a man to death" """
        if self.low(i) not in _TO_DEATH_VERBS:
            return
        if self.low(i + 1) == "dead":
            items = _victim_list(self.tokens, i + 2, require_number=False)
            if items:
                self.add("killed", items, i, items[-1].end, i)
            return
        items = _victim_list(self.tokens, i + 1, require_number=False)
        if items:
            end = items[-1].end
            if self.low(end) == "to" and self.low(end + 1) == "death":
                self.add("killed", items, i, end + 2, i)
            elif self.low(end) == "dead":
                self.add("killed", items, i, end + 1, i)

    def lives_of(self, i: int) -> None:
        """ "claimed the lives of 12 people" """
        if self.low(i) in _LIVES_VERBS and self.low(i + 1) == "the" and self.low(i + 2) in ("lives", "life") \
                and self.low(i + 3) == "of":
            items = _victim_list(self.tokens, i + 4, require_number=False)
            if items:
                self.add("killed", items, i, items[-1].end, i)

    def left(self, i: int) -> None:
        """ "left 5 dead", "leaving the driver dead", "left 3 dead and 5 injured" """
        if self.low(i) not in _LEFT_VERBS:
            return
        first = i + 2 if self.low(i + 1) == "the" and parse_number(self.tokens, i + 2) else i + 1
        items = _victim_list(self.tokens, first, require_number=False)
        if not items or self.low(items[-1].end) not in _NOUN_KIND:
            return
        end = items[-1].end
        self.add(_NOUN_KIND[self.low(end)], items, i, end + 1, end)
        k = end + 1
        if self.low(k) == "and":
            more = _victim_list(self.tokens, k + 1, require_number=True)
            if more and self.low(more[-1].end) in _NOUN_KIND:
                e2 = more[-1].end
                self.add(_NOUN_KIND[self.low(e2)], more, k + 1, e2 + 1, e2)

    # ----------------------------------------------------------------- subject first

    def pronoun_subject(self, i: int) -> bool:
        """ "he died as a result of the torture" """
        if self.low(i) not in ("he", "she") or i + 1 >= self.n:
            return False
        k = self.skip_aux(i + 1)
        if self.low(k) in ("died", "succumbed", "perished") or (
                self.low(k) in ("killed", "murdered") and self.low(k - 1) in ("was", "been")):
            item = _Item(1, None, i, i + 1, None)
            self.add("killed", [item], i, k + 1, k)
            return True
        return False

    def definite_subject(self, i: int) -> bool:
        """ "The man died", "the NDS district head and his bodyguard were killed" """
        if self.low(i) != "the" or i + 2 >= self.n or (i and self.low(i - 1) not in (".", ",", ";", "and")):
            return False
        group = _victim_list(self.tokens, i, require_number=False, subject=True)
        if len(group) > 1 and all(g.number is None for g in group):
            k = self.skip_aux(group[-1].end)
            if self.low(k) in ("died", "killed", "murdered", "dead"):
                self.add("killed", group, i, k + 1, k)
                return True
        item = _victim_item(self.tokens, i, require_number=False) if self.low(i + 1) not in ("a", "an") else None
        if item is not None and item.number is None and item.head and not item.head.endswith("s") \
                and item.head in _SINGULAR_PEOPLE:
            k = self.skip_aux(item.end)
            if self.low(k) in ("died", "killed", "dies", "murdered", "succumbed", "perished"):
                self.add("killed", [_Item(1, None, i, item.end, item.head)], i, k + 1, k)
                return True
        return False

    def number_first(self, i: int) -> None:
        """ "2 local policemen were killed", "three people died", "9 dead", "2 fatalities" """
        tokens, low = self.tokens, self.low(i)
        singular_start = low in ("a", "an", "one", "his", "her", "both")
        if i > 0 and (self.low(i - 1) == "the" or tokens[i - 1].text[0].isdigit()):
            return
        if not singular_start and parse_number(tokens, i) is None:
            return
        if any(t == i for _, t in self.used):
            return  # "killed 3 people, two were injured": the 3 are the killed, not the first of the injured
        items = _victim_list(tokens, i, require_number=not singular_start, subject=True)
        if not items:
            return
        end = items[-1].end
        last = items[-1]
        if last.head in _NOUN_KIND and len(items) == 1 and last.number is not None:
            role = "total" if last.head in ("fatalities", "fatality", "deaths", "death", "dead") else "report"
            self.add(_NOUN_KIND[last.head], items, i, end, end - 1, role, victims=False)
            return
        if self.low(end) in _NOUN_FORMS:
            self.noun_form(i, items, end)
            return
        self.passive(i, items, end)

    def noun_form(self, i: int, items: list[_Item], k: int) -> None:
        """ "9 militants killed in airstrike" (a headline), "three soldiers dead", not "9 militants killed 3" """
        number_next = parse_number(self.tokens, k + 1)
        object_follows = (number_next is not None and self.low(number_next.end) not in _NOUN_KIND) or \
            self.low(k + 1) in ("a", "an", "the", "his", "her", "their", "him", "them")
        if self.low(k) in ("killed", "injured", "wounded") and object_follows:
            return
        role = "total" if self.low(k) in ("fatalities", "fatality", "deaths") or self.is_summary(i, items) else "report"
        self.add(_NOUN_KIND[self.low(k)], items, i, k + 1, k, role)

    def is_summary(self, i: int, items: list[_Item]) -> bool:
        """A short sentence that is only a figure ("1 killed.", "3 dead, 5 injured."): the note's total."""
        return items[0].head is None and i == 0 and _clause_length(self.tokens) <= 8

    def passive(self, i: int, items: list[_Item], end: int) -> None:
        """The verb after a subject list: "were killed", "died", "lost their lives", "went missing"."""
        k = self.verb_position(end, len(items))
        if k >= self.n:
            return
        kind, k, stop = self.passive_trigger(k)
        if kind is None:
            return
        word = self.low(k)
        # an active verb ("two gunmen killed a man") is not a passive report
        aux_used = any(self.low(t) in ("was", "were", "is", "are", "been", "be", "being", "got", "get")
                       for t in range(end, k))
        if word in _ACTIVE_OR_PASSIVE and not aux_used and (
                parse_number(self.tokens, k + 1) is not None or self.low(k + 1) in _OBJECT_STARTS):
            return
        if self.low(k + 1) == "or" or (self.low(k + 1) == "," and self.low(k + 3) == "or"):
            return  # "killed, injured or captured": no figure per kind
        if word == "or":
            return
        role = "total" if self.is_summary(i, items) else "report"
        self.add(kind, items, i, stop, k, role)
        # "was detained and later found killed"
        m = stop
        if self.low(m) == "and":
            m += 1
            while m < self.n and self.low(m) in _AUX | {"later", "then", "subsequently", "found"}:
                m += 1
            if kind != "killed" and self.low(m) in ("killed", "dead", "died", "murdered", "executed"):
                self.add("killed", items, i, m + 1, m)

    def verb_position(self, k: int, n_items: int) -> int:
        """Past a parenthesis, a place ("a man from Saqba died") and auxiliaries to the verb."""
        tokens, n = self.tokens, self.n
        if self.low(k) == "(":
            close = next((m for m in range(k + 1, min(k + 14, n)) if tokens[m].text == ")"), None)
            if close is not None:
                k = close + 1
        if self.low(k) in ("from", "in", "at", "near", "inside", "aboard", "on") and n_items == 1:
            m = k + 1
            while m < n and m - k < 14 and (tokens[m].text[0].isupper() or tokens[m].text[0].isdigit()
                                           or tokens[m].low in ("the", "of", "a", "in", "near", "at", "(", ")")
                                           or (_is_word(tokens[m]) and tokens[m].low not in _VERBS)):
                m += 1
            if self.low(m) in _AUX | _KILL_PASSIVE | _INJURE_PASSIVE:
                k = m
        if self.low(k) == ",":
            k += 1
        return self.skip_aux(k, limit=4)

    def passive_trigger(self, k: int) -> tuple[str | None, int, int]:
        """(kind, trigger index, end index) of the verb phrase at ``k``."""
        word = self.low(k)
        if word in _TO_DEATH_VERBS or (word.endswith("ed") and word not in _KILL_PASSIVE):
            # "was shot and died", "was stoned and stabbed to death", "was shot in the head and died"
            for m in range(k + 1, min(k + 8, self.n - 1)):
                if self.tokens[m].text in ",;.":
                    break
                if self.low(m) == "and" and self.low(m + 1) in _AND_THEN_DIED:
                    k, word = m + 1, self.low(m + 1)
                    break
        nxt, nxt2 = self.low(k + 1), self.low(k + 2)
        if word in ("lost", "losing", "lose") and nxt in ("their", "his", "her") and nxt2 in ("lives", "life"):
            return "killed", k, k + 3
        if word in ("fatally", "mortally") and k + 1 < self.n and self.tokens[k + 1].text.isalpha():
            return "killed", k, k + 2
        if word in _TO_DEATH_VERBS and nxt == "dead":
            return "killed", k, k + 2
        if word in _TO_DEATH_VERBS and nxt == "to" and nxt2 == "death":
            return "killed", k, k + 3
        if word == "succumbed":
            return "killed", k, k + 1
        if word in ("went", "gone", "remain", "remained", "remains") and nxt == "missing":
            return "missing", k, k + 2
        if word in ("taken", "held", "taking") and nxt in ("hostage", "captive"):
            return "kidnapped", k, k + 2
        if word == "taken" and nxt == "into" and nxt2 == "custody":
            return "arrested", k, k + 3
        for vocabulary, name in _PASSIVE:
            if word in vocabulary:
                return name, k, k + 1
        return None, k, k + 1

    # ----------------------------------------------------------------- nouns and notes

    def toll(self, i: int) -> None:
        """ "the death toll rose to 12", "a toll of 30" """
        if self.low(i) != "toll":
            return
        k, steps = i + 1, 0
        while k < self.n and steps < 6 and parse_number(self.tokens, k) is None and self.tokens[k].text not in ".;":
            k += 1
            steps += 1
        number = parse_number(self.tokens, k) if k < self.n and steps < 6 else None
        if number is None or number.qualifier == "unknown":
            return
        start = i - 1 if self.low(i - 1) in ("death", "casualty", "injury") else i
        kind = "injured" if self.low(i - 1) == "injury" else "killed"
        end = number.end + (1 if self.low(number.end) in ("people", "persons", "dead") else 0)
        self.add(kind, [_Item(number.value, number, k, number.end, None)], start, end, i, "total", victims=False)

    def fatality_range(self, i: int) -> None:
        """ "reports on fatalities range from 2 to 4", "fatalities ranging between 5 and 8" """
        if self.low(i) not in ("fatalities", "deaths"):
            return
        k = next((m for m in range(i + 1, min(i + 5, self.n - 1)) if self.low(m) in ("from", "between")
                  and self.low(m - 1) in _RANGE_WORDS), None)
        if k is None:
            return
        number = parse_number(self.tokens, k + 1 if self.low(k) == "from" else k)
        if number is not None:
            self.add("killed", [_Item(number.value, number, k, number.end, None)], i, number.end, i, "total",
                     victims=False)

    def the_dead_were(self, i: int) -> None:
        """ "the dead included three women, four children and two men"; "among the dead were ..." is a part """
        if self.low(i) not in ("dead", "victims", "fatalities", "killed", "deceased") or self.low(i - 1) != "the" \
                or i == 0 or self.low(i + 1) not in _INCLUDE_VERBS:
            return
        items = _victim_list(self.tokens, i + 2, require_number=True)
        if items:
            among = self.low(i - 2) == "among" and i > 1
            role = "report" if among or self.low(i + 1) == "was" else "total"
            self.add("killed", items, i - 1, items[-1].end, i, role, subset=among)

    def coded(self, i: int) -> None:
        """ACLED notes: "Fatalities coded as 3", "Unknown fatalities coded as 10": the coder's figure."""
        tokens = self.tokens
        if self.low(i) != "coded" or self.low(i + 1) not in ("as", "at", "to") or i + 2 >= self.n \
                or not _DIGITS.fullmatch(tokens[i + 2].text):
            return
        window = [t.low for t in tokens[max(0, i - 8):i]]
        if not any(w in ("fatalities", "fatality", "deaths") for w in window):
            return
        value = int(tokens[i + 2].text.replace(",", ""))
        start = max(0, i - 8)
        while tokens[start].low not in ("fatalities", "fatality", "deaths", "unknown", "unclear", "several", "dozens",
                                        "total"):
            start += 1
        while start > 0 and start > i - 10 and tokens[start - 1].text[0].isalpha() \
                and tokens[start - 1].low not in _STOP:
            start -= 1
        s, e = tokens[start].start, tokens[i + 2].end
        count = Count(value, value, None, "exact", self.text[s - self.offset:e - self.offset], s, e)
        self.found[:] = [m for m in self.found if not (m.kind == "killed" and s <= m.count.start < e)]
        self.found.append(CasualtyMention("killed", count, self.sentence, tokens[i].start, tokens[i].end,
                                          role="coded"))

    def nominal(self, i: int) -> None:
        """ "the death of a bystander", "the killing of 1 militant and injuring of 3 others", "his death" """
        low = self.low(i)
        if low not in _NOMINAL_KILL | {"injuring", "wounding", "injury"} or i + 1 >= self.n:
            return
        kind = "injured" if low in ("injuring", "wounding", "injury") else "killed"
        if self.low(i + 1) == "of":
            items = _victim_list(self.tokens, i + 2, require_number=False)
            if items:
                self.add(kind, items, i, items[-1].end, i)
        elif self.low(i - 1) in ("his", "her") and i > 0 and low in ("death", "murder", "killing", "execution"):
            self.add(kind, [_Item(1, None, i - 1, i + 1, None)], i - 1, i + 1, i)

    def body(self, i: int) -> None:
        """ "the body of a man was found", "a dead body was found", "his body was found" (a re-mention) """
        tokens, low = self.tokens, self.low(i)
        if low not in ("body", "corpse", "remains", "head"):
            return
        if low == "head" and self.low(i - 1) not in ("human", "severed"):
            return
        if low == "remains" and self.low(i - 1) not in ("human", "the"):
            return
        tok = tokens[i]
        local = tok.start - self.offset
        if not _BODY_VERBS.search(self.text[max(0, local - 40):tok.end - self.offset + 120]):
            return
        s = i
        while s > 0 and tokens[s - 1].low in _BODY_MODIFIERS:
            s -= 1
        e = i + 1
        head = low
        if self.low(e) == "of":
            items = _victim_list(tokens, e + 1, require_number=False)
            if items:
                e, head = items[-1].end, items[0].head
        role = "anaphoric" if tokens[s].low in ("his", "her", "their") else "report"
        self.add("killed", [_Item(1, None, s, e, head)], s, e, i, role)

    def negations(self) -> None:
        """ "no fatalities were reported", "neither injuries nor fatalities", "no one was hurt": a count of 0."""
        text, offset = self.text, self.offset
        for match in _NEGATION.finditer(text):
            phrase = match.group(0).lower()
            kinds = []
            if re.search(r"fatalit|death|killed|dead|died|casualt", phrase):
                kinds.append("killed")
            if re.search(r"injur|hurt|wound|casualt", phrase):
                kinds.append("injured")
            tail = text[match.end():match.end() + 40].lower()  # "neither injuries nor fatalities"
            if re.match(r"\s*(?:or|nor|and/or|and)\s+(?:any\s+)?(?:fatalities|deaths|killed|dead)", tail):
                kinds.append("killed")
            if re.match(r"\s*(?:or|nor|and/or|and)\s+(?:any\s+)?(?:injuries|injured|wounded)", tail):
                kinds.append("injured")
            s, e = offset + match.start(), offset + match.end()
            for kind in dict.fromkeys(kinds):
                if any(m.kind == kind and m.count.start <= s < m.count.end for m in self.found):
                    continue
                self.found.append(CasualtyMention(kind, Count(0, 0, None, "exact", match.group(0), s, e),
                                                  self.sentence, s, e))


_GATE = (_ALL_TRIGGERS | set(_NOUN_KIND) | _NOMINAL_KILL | _TO_DEATH_VERBS | _KILL_PASSIVE | _INJURE_PASSIVE
         | _KIDNAP_PASSIVE | _ARREST_PASSIVE | _MISSING_PASSIVE | {"toll", "lives", "life", "corpse", "corpses", "remains",
                                                                  "head", "coded", "fatally", "mortally", "succumbed",
                                                                  "hostage", "hostages", "captive", "custody",
                                                                  "dies", "injuring", "wounding", "injury"})
_NOUN_FORMS = {"dead", "killed", "injured", "wounded", "missing", "fatalities", "fatality", "deaths", "death",
               "injuries", "bodies"}
_ACTIVE_OR_PASSIVE = {"killed", "injured", "wounded", "kidnapped", "abducted", "arrested", "detained", "murdered",
                      "executed", "beheaded", "hurt"}
_OBJECT_STARTS = {"a", "an", "the", "his", "her", "their", "him", "them", "its", "one", "two", "several"}
_AND_THEN_DIED = {"died", "killed", "dies", "injured", "wounded"} | _TO_DEATH_VERBS
_RANGE_WORDS = {"range", "ranges", "ranged", "ranging", "vary", "varies", "varying", "from", "between"}
_INCLUDE_VERBS = {"included", "include", "includes", "were", "are", "comprised", "was", "numbered", "number"}


def _set_context(text: str, offset: int, found: list[CasualtyMention]) -> None:
    """Flags that need the words around a mention: cumulative, reference to another event, attribution."""
    for mention in found:
        local_start = mention.count.start - offset
        local_end = mention.count.end - offset
        # the clause around the mention (up to the neighbouring semicolons)
        left = text[:local_start]
        right = text[local_end:]
        clause_left = left[max(left.rfind(";"), 0):]
        clause_right = right.split(";")[0]
        window = clause_left[-120:] + text[local_start:local_end] + clause_right[:100]
        mention.cumulative = bool(_CUMULATIVE.search(window))
        before = clause_left[-90:]
        trigger_word = text[mention.trigger_start - offset:mention.trigger_end - offset].lower()
        nominal = re.search(r"\b(?:the|a|an|his|her|their)\s+(?:\w+\s+){0,2}$", text[:mention.trigger_start - offset]) \
            and trigger_word in ("killing", "death", "deaths", "murder", "killings", "execution", "lynching")
        if _is_reference(before, bool(nominal)) or _EARLIER_CLAUSE.search(before) or \
                (nominal and re.search(r"\baccident", before, re.I)):
            mention.reference = True
        if _NATURAL_DEATH.match(clause_right) or _NOT_VIOLENCE.search(mention.count.text):
            mention.reference = True
        mention.denied = bool(_DENIED.search(clause_right[:120]))
        if re.search(r"\bamong\s+(?:the\s+|them\s+|those\s+)?(?:\w+\s+){0,2}$", left[-40:], re.I) or \
                re.search(r"\bincluding\s+$", left[-20:], re.I):
            mention.subset = True
        mention.attributed = bool(_ATTRIBUTION.search(text))
        mention.conflict = bool(_CONFLICT.search(clause_left[-120:]))


_BARE_YEAR = re.compile(r"(?<![\w-])((?:19|20)\d\d)(?![\w-])")
_MONTH_BEFORE = re.compile(r"(?:january|february|march|april|may|june|july|august|september|october|november|"
                           r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?,?\s*(?:\d{1,2},?\s*)?$", re.I)


def _mark_past_years(text: str, offset: int, found: list[CasualtyMention], year: int) -> None:
    """A bare year before the publication year next to a toll ("the 2019 attack killed 50") makes it historical."""
    for mention in found:
        local = mention.count.start - offset
        window_start = max(0, local - 80)
        window = text[window_start:mention.count.end - offset + 40]
        for match in _BARE_YEAR.finditer(window):
            if int(match.group(1)) >= year:
                continue
            if _MONTH_BEFORE.search(text[:window_start + match.start()]):
                continue  # "30 December 2019": a full date, judged by the time stage
            mention.cumulative = True


def _mark_anaphora(mentions: list[CasualtyMention]) -> None:
    """A later mention of victims already counted ("the two soldiers died", "the victim died") is anaphoric."""
    seen: dict[str, bool] = {}
    for mention in mentions:
        victim = (mention.victim or "").lower()
        if mention.role == "report" and seen.get(mention.kind) and (
            re.match(r"(?:the|both|these|those|his|her|their|him|them|he|she)\b", victim)
            or re.search(r"\bvictims?\b", victim)
        ):
            mention.role = "anaphoric"
        if mention.count.value:
            seen[mention.kind] = True


_FOREIGN_PREPOSITIONS = {"over", "after", "following", "for", "since", "before", "against", "despite", "like", "than"}


def _add_anchors(sentence, found: list[CasualtyMention]) -> None:
    """With a parse: the noun a relative clause "... that killed N" hangs on (``bombing`` in "a bombing that killed")."""
    doc = sentence.doc
    for mention in found:
        rel = mention.trigger_start - sentence.start
        token = next((t for t in doc if t.idx == rel), None)
        if token is None:
            continue
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            anchor = token.head
            mention.anchor_start, mention.anchor_end = sentence.offsets(anchor)
            mention.anchor_foreign = anchor.dep_ == "pobj" and anchor.head.lower_ in _FOREIGN_PREPOSITIONS
        elif token.dep_ == "ROOT" or token.dep_ in ("ccomp", "advcl", "conj", "xcomp"):
            subject = next((c for c in token.children if c.dep_ in ("nsubj",) and c.pos_ == "NOUN"), None)
            if subject is not None:
                mention.anchor_start, mention.anchor_end = sentence.offsets(subject)


# --------------------------------------------------------------------------- combining


def combine(mentions: list[CasualtyMention], kind: str = "killed", text: str | None = None) -> Count | None:
    """Fold the mentions of one event into one :class:`Count` (None when none reports a figure).

    ACLED-coded figures ("coded as 3") win; a later toll or total ("N fatalities",
    "the death toll rose to 12", "the dead included ...") replaces what came before
    unless the sentence contrasts sources ("while police said ..."), in which case the
    lower figure stays in ``value`` and the higher goes to ``high``; other mentions of
    different victims add up; anaphoric re-mentions, subsets, cumulative tolls and
    references to other events are left out.
    """
    usable = [m for m in mentions if m.kind == kind and not m.cumulative and not m.reference and not m.subset]
    if not usable:
        return None
    coded = [m for m in usable if m.role == "coded"]
    if coded:
        return coded[-1].count
    current: list[CasualtyMention] = []
    conflict_high: int | None = None
    for mention in usable:
        if mention.denied:  # reported but denied: not the conservative figure, but a possible higher one
            prior = _sum(current, text)
            conflict_high = max(conflict_high or 0, (prior.value or 0 if prior else 0) + (mention.count.value or 0))
            continue
        if mention.conflict and current and mention.role != "anaphoric":
            prior = _sum(current, text)
            value = mention.count.value or 0
            if prior is not None and prior.value is not None and value != prior.value:
                if value < prior.value:
                    conflict_high = max(conflict_high or 0, prior.value)
                    current = [mention]
                else:
                    conflict_high = max(conflict_high or 0, value)
                continue
        if mention.role == "total":
            prior = _sum(current, text)
            if prior is not None and prior.value and mention.attributed and current and current[-1].attributed \
                    and mention.count.value != prior.value and _contrast(mention, text):
                if mention.count.value is not None and mention.count.value > (prior.value or 0):
                    conflict_high = max(conflict_high or 0, mention.count.value)
                    continue
                conflict_high = max(conflict_high or 0, prior.value or 0)
            current = [mention]
        elif mention.role == "anaphoric" and any(m.count.value for m in current):
            continue
        else:
            # the same victims reported twice in one sentence are counted once
            if any(m.sentence == mention.sentence and m.count.start == mention.count.start for m in current):
                continue
            current.append(mention)
    result = _sum(current, text)
    if result is not None and conflict_high is not None and conflict_high > (result.value or 0):
        result.high = conflict_high
    return result


def _contrast(mention: CasualtyMention, text: str | None) -> bool:
    if text is None:
        return False
    window = text[max(0, mention.count.start - 160):mention.count.end + 40]
    return bool(re.search(r"\b(?:while|whereas|but|however|other\s+(?:reports|sources)|another\s+source|conflicting|"
                          r"contradict\w*|differ\w*|disputed?)\b", window, re.I))


def _sum(current: list[CasualtyMention], text: str | None) -> Count | None:
    if not current:
        return None
    if len(current) == 1:
        c = current[0].count
        return Count(c.value, c.low, c.high, c.qualifier, c.text, c.start, c.end,
                     dict(c.breakdown) if c.breakdown else None)
    total = sum(m.count.value or 0 for m in current)
    qualifiers = [m.count.qualifier for m in current if m.count.value]
    qualifier = "exact"
    for name in ("unknown", "about", "up_to", "more_than", "at_least"):
        if name in qualifiers:
            qualifier = name
    start = min(m.count.start for m in current)
    end = max(m.count.end for m in current)
    if text is not None:
        span = text[start:end]
    else:  # no document text at hand: keep the largest single mention's span
        biggest = max(current, key=lambda m: m.count.value or 0).count
        start, end, span = biggest.start, biggest.end, biggest.text
    breakdown: dict[str, int] = {}
    for m in current:
        if m.count.breakdown:
            for key, value in m.count.breakdown.items():
                breakdown[key] = breakdown.get(key, 0) + value
        elif m.count.value and m.victim and m.victim.split()[-1].isalpha():
            key = m.victim.split()[-1].lower()
            breakdown[key] = breakdown.get(key, 0) + m.count.value
    low = total if qualifier in ("exact", "at_least", "more_than") else None
    return Count(total, low, None, qualifier, span, start, end,
                 breakdown if breakdown and sum(breakdown.values()) == total else None)


# --------------------------------------------------------------------------- assignment

_VIOLENT_PLOVER = {"ASSAULT", "COERCE"}


def _is_violent(event) -> bool:
    """ASSAULT always; COERCE when ACLED codes it (not as a peaceful protest); nothing else."""
    if event.type not in _VIOLENT_PLOVER:
        return False
    if event.acled_event_type == "Protests" and event.acled_sub_event_type == "Peaceful protest":
        return False
    return event.type == "ASSAULT" or event.acled_event_type is not None


def _spans(event) -> list:
    return [event.evidence, *list(event.mentions or [])]


def assign_casualties(parsed, events: list, mentions: list[CasualtyMention]) -> None:
    """Fill ``event.fatalities`` / ``event.injured`` in place from the mentions that belong to each event.

    A mention goes to the event whose evidence (or extra mention span) holds its
    sentence; when several events share the sentence, to the one whose trigger is the
    noun the casualty clause hangs on (with a parse), else the nearest trigger before
    it, else the nearest. A sentence no event holds ("gave the casualty figures from
    Thursday's strike, saying the dead included ...") goes to the event it names by
    day or, failing that, to the closest earlier violent event. Non-violent events get
    no counts unless their own sentence states them.
    """
    if not events or not mentions:
        return
    text = parsed.text
    owned: dict[int, list[CasualtyMention]] = {id(e): [] for e in events}
    for mention in mentions:
        if mention.kind not in ("killed", "injured") or mention.cumulative:
            continue
        holders = [e for e in events if any(s.start <= mention.count.start < s.end or
                                            s.start <= mention.trigger_start < s.end for s in _spans(e))]
        if mention.reference:
            # "protests after police killed three": only an event detected for that very killing takes it
            close = [e for e in holders if _is_violent(e) and
                     mention.count.start - 80 <= _trigger_pos(e, mention) <= mention.count.end]
            if close:
                target = min(close, key=lambda e: abs(_trigger_pos(e, mention) - mention.trigger_start))
                owned[id(target)].append(_unreferenced(mention))
            continue
        target = None
        if holders:
            target = _choose(holders, mention, text)
            if target is None:
                continue
        else:
            target = _refer_back(parsed, events, mention)
            if target is None:
                continue
            if not _is_violent(target):
                continue
        owned[id(target)].append(mention)
    for event in events:
        mine = owned[id(event)]
        if not mine:
            continue
        fatalities = combine(mine, "killed", text)
        injured = combine(mine, "injured", text)
        if fatalities is not None:
            event.fatalities = fatalities
        if injured is not None:
            event.injured = injured


def _unreferenced(mention: CasualtyMention) -> CasualtyMention:
    return replace(mention, reference=False)


def _holding_span(event, mention: CasualtyMention):
    """The evidence span of ``event`` that holds the mention (its own sentence)."""
    for span in _spans(event):
        if span.start <= mention.count.start < span.end or span.start <= mention.trigger_start < span.end:
            return span
    return event.evidence


def _trigger_pos(event, mention: CasualtyMention) -> int:
    span = _holding_span(event, mention)
    return span.trigger_start if span.trigger_start is not None else span.start


def _choose(holders: list, mention: CasualtyMention, text: str):
    """The event among those sharing the mention's sentence that the count belongs to (None: another event)."""
    if mention.anchor_start is not None:
        for event in holders:
            if _anchor_matches(event, mention):
                return event
        anchor = text[mention.anchor_start:mention.anchor_end]
        if mention.anchor_foreign and _EVENT_NOUNS.fullmatch(anchor.lower()):
            # "airstrikes over a bombing that killed 90": the count is the bombing's, an event no one holds
            return None
    if len(holders) == 1:
        return holders[0]
    before = [e for e in holders if _trigger_pos(e, mention) <= mention.trigger_start]
    pool = before or holders
    return min(pool, key=lambda e: abs(mention.trigger_start - _trigger_pos(e, mention)))


def _anchor_matches(event, mention: CasualtyMention) -> bool:
    for span in _spans(event):
        if span.trigger_start is None or span.trigger_end is None:
            continue
        if span.trigger_start <= mention.anchor_start < span.trigger_end or \
                span.trigger_start < mention.anchor_end <= span.trigger_end:
            return True
    return False


_EVENT_NOUNS = re.compile(
    r"(?:suicide\s+)?(?:bombings?|bombs?|blasts?|explosions?|attacks?|strikes?|air\s?strikes?|raids?|ambush(?:es)?|"
    r"shelling|shootings?|clash(?:es)?|massacres?|assaults?|offensives?|operations?|violence|incidents?|"
    r"fire|firefights?|fighting|battles?|riots?|crash(?:es)?|collapse|stampede|earthquake|flood(?:s|ing)?)"
)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _refer_back(parsed, events: list, mention: CasualtyMention):
    """The event a sentence without its own event refers back to, or None when nothing links them.

    In order: the event dated on the weekday the sentence names ("Thursday's strike"); the
    event whose trigger shares the noun the casualty clause hangs on ("Strikes kill 4
    children"); for a toll or a re-mention ("the dead included ...") or a sentence next to
    an event, the closest earlier violent event.
    """
    sentences = parsed.sentences
    sentence = sentences[mention.sentence] if mention.sentence < len(sentences) else None
    violent = [e for e in events if _is_violent(e)]
    if not violent or sentence is None:
        return None
    lowered = sentence.text.lower()
    named = [d for d in _WEEKDAYS if re.search(rf"\b{d}(?:'s|’s)?\b", lowered)]
    if named:

        matching = []
        for event in violent:
            value = event.date.value if event.date is not None else None
            if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                if _WEEKDAYS[Date.fromisoformat(value).weekday()] in named:
                    matching.append(event)
        if matching:
            return min(matching, key=lambda e: abs(e.evidence.start - mention.count.start))
    if mention.anchor_start is not None:
        anchor = _stem(parsed.text[mention.anchor_start:mention.anchor_end])
        same = [e for e in violent if any(anchor and anchor in _stem(span.trigger or "") for span in _spans(e))]
        if same:
            return min(same, key=lambda e: abs(e.evidence.start - mention.count.start))
    before = [e for e in violent if e.evidence.start <= mention.count.start]
    if not before:
        return None
    closest = max(before, key=lambda e: max(span.start for span in _spans(e) if span.start <= mention.count.start))
    last = max(span.end for span in _spans(closest) if span.start <= mention.count.start)
    near = sum(1 for s in sentences if last <= s.start < sentence.start) <= 1
    if mention.role in ("total", "anaphoric", "coded") or near:
        return closest
    return None


def _stem(word: str) -> str:
    word = word.lower().strip()
    return word[:-1] if word.endswith("s") else word
