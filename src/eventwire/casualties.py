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
from dataclasses import dataclass, field

from eventwire.records import Count

__all__ = [
    "CasualtyMention",
    "find_casualties",
    "find_in_text",
    "assign_casualties",
    "combine",
    "parse_number",
    "KINDS",
]

KINDS = ("killed", "injured", "missing", "kidnapped", "arrested")


@dataclass(slots=True)
class CasualtyMention:
    kind: str  # killed | injured | missing | kidnapped | arrested
    count: Count
    sentence: int
    trigger_start: int
    trigger_end: int
    cumulative: bool = False  # a historical or running toll ("since 2011", "so far")
    victim: str | None = None  # the victim phrase ("pro-Houthi elements")
    side: str | None = None  # civilians | security_forces | armed_group | None
    reference: bool = False  # about another, earlier event ("protest over the killing of ...")
    subset: bool = False  # part of a figure given elsewhere ("among the dead were ...")
    role: str = "report"  # report | total (a toll, "N fatalities") | coded (ACLED "coded as N") | anaphoric
    attributed: bool = False  # the sentence gives a source ("police said", "according to")
    denied: bool = False  # the sentence goes on to deny it ("although this was denied by the police")
    conflict: bool = False  # another source's figure for the same victims ("but other sources reported 37")
    anchor_start: int | None = None  # the noun a "... that killed" clause hangs on (spaCy doc)
    anchor_end: int | None = None
    anchor_foreign: bool = False  # the anchor is the object of "over"/"after"/"following": another event

    @property
    def trigger(self) -> str:
        return self.count.text  # convenience for debugging; the count text holds the trigger


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
    # dates and measures: "30 April", "May 3", "9 pm", "5 km", "20 percent"
    after = tokens[number.end].low if number.end < len(tokens) else ""
    before = tokens[number.start - 1].low if number.start > 0 else ""
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
    for words, name in _QUALIFIERS:
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
    r"\bthis\s+year\b|\bsince\s+(?:january|february|march|april|may|june|july|august|september|october|"
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
    r"memory\s+of|because\s+of|about|relation\s+to|connection\s+(?:to|with)|report)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w'’-]+\s+){0,3}$",
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
    r"\b(?:after|following|in\s+response\s+to|in\s+retaliation\s+for|to\s+avenge)\s+"
    r"(?:(?!\b(?:and\s+then)\b)[^.;,])*(?:,\s+(?:which|who|that)\s+[^.;,]*)?$",
    re.I,
)
_NATURAL_DEATH = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:from|of|due\s+to)\s+(?:the\s+|a\s+)?(?:coronavirus|covid|covid-19|illness|disease|"
    r"natural\s+causes|heart|cancer|hunger|starvation|malaria|cholera|complications|old\s+age|an?\s+illness)",
    re.I,
)
_DENIED = re.compile(r"\b(?:denied|disputed|refuted|unconfirmed|not\s+(?:been\s+)?(?:independently\s+)?confirmed|"
                     r"could\s+not\s+be\s+(?:independently\s+)?(?:confirmed|verified))\b", re.I)
_CODED = re.compile(r"\bcoded\s+as\s+(\d+)", re.I)


def _side_of(words: list[str]) -> str | None:
    for word in reversed(words):
        for side, vocabulary in _SIDES.items():
            if word in vocabulary:
                return side
    return None


# --------------------------------------------------------------------------- victim lists


@dataclass(slots=True)
class _Item:
    value: int
    number: _Number | None
    start: int  # token indices
    end: int
    head: str | None


def _victim_item(tokens: list[_Tok], i: int, require_number: bool, allow_the: bool = False) -> _Item | None:
    """One victim phrase: "three women", "2 local policemen", "a civilian", "him", "two of them"."""
    if i >= len(tokens):
        return None
    low = tokens[i].low
    if low in _PRONOUN_ONE and not (low == "her" and i + 1 < len(tokens) and _is_word(tokens[i + 1])):
        return None if require_number else _Item(1, None, i, i + 1, None)
    if low == "both" and (i + 1 >= len(tokens) or tokens[i + 1].low in _STOP or not tokens[i + 1].text.isalpha()):
        return _Item(2, None, i, i + 1, None)
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
        if low == "the" and not (head in _SINGULAR_PEOPLE or (words and words[0] in _SINGULAR_PEOPLE)) \
                and not allow_the:
            return None
        if head.endswith("s") and not head.endswith("ss") and head not in ("bus",):
            return None
        if low in ("their", "its") and head is None:
            return None
        return _Item(1, None, i, k, head)
    if head in _NON_VICTIM_SINGULAR or head in _MEASURES or head in _MONTHS:
        return None
    return _Item(number.value, number, i, k, head)


def _is_word(tok: _Tok) -> bool:
    return tok.text[0].isalpha() and (tok.low not in _STOP or _is_acronym(tok))


def _is_acronym(tok: _Tok) -> bool:
    return len(tok.text) > 1 and tok.text.isupper()


def _victim_list(tokens: list[_Tok], i: int, require_number: bool, subject: bool = False,
                 allow_the_first: bool = False) -> list[_Item]:
    """Coordinated victims: "three women, four children and two men"."""
    items: list[_Item] = []
    first = _victim_item(tokens, i, require_number, allow_the=not subject or allow_the_first)
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
    for sentence in parsed.sentences:
        found = find_in_text(sentence.text, sentence.start, sentence.index)
        if found and sentence.doc is not None:
            _add_anchors(sentence, found)
        mentions.extend(found)
    _mark_anaphora(mentions)
    return mentions


def find_in_text(text: str, offset: int = 0, sentence: int = 0) -> list[CasualtyMention]:
    """Casualty mentions of one sentence ``text`` starting at document offset ``offset``."""
    tokens = _tokens(text, offset)
    found: list[CasualtyMention] = []
    used: set[tuple[str, int]] = set()  # (kind, token index) already covered

    def add(kind: str, count: Count, trig: _Tok, first: int, last: int, items: list[_Item] | None, role: str = "report",
            subset: bool = False) -> None:
        if any((kind, t) in used for t in range(first, last)):
            return
        for t in range(first, last):
            used.add((kind, t))
        heads = [item.head for item in items or [] if item.head]
        victim = None
        if items:
            s, e = tokens[items[0].start].start, tokens[items[-1].end - 1].end
            victim = text[s - offset:e - offset]
        found.append(CasualtyMention(kind, count, sentence, trig.start, trig.end, victim=victim,
                                     side=_side_of(heads), role=role, subset=subset))

    n = len(tokens)
    for i, tok in enumerate(tokens):
        low = tok.low
        # 1. verb first: "killed at least nine people", "killing a woman and her son"
        for vocabulary, kind in _ACTIVE:
            if low not in vocabulary:
                continue
            if i > 0 and tokens[i - 1].low == "to" and not low.endswith(("ed", "ing")):
                break  # "attempted to kill", "threatened to kill": no one was
            if i > 0 and tokens[i - 1].low in _ATTEMPT:
                break
            j = i + 1
            if j < n and tokens[j].low in ("off", "up") and kind != "arrested":
                j += 1
            if j + 1 < n and tokens[j].low == "and" and tokens[j + 1].low.endswith("ed"):
                j += 2  # "killed and mutilated a man"
            items = _victim_list(tokens, j, require_number=False)
            if not items:
                continue
            if low.endswith("ing") is False and i > 0 and tokens[i - 1].low in ("was", "were", "been", "being") \
                    and kind != "killed":
                continue
            end = items[-1].end
            add(kind, _items_count(items, tokens, text, offset, i, end), tok, i, end, items)
            break
        # "fatally shot the leader", "fatally wounded a man"
        if low == "fatally" and i + 1 < n and tokens[i + 1].low in _TO_DEATH_VERBS | _INJURE_ACTIVE:
            items = _victim_list(tokens, i + 2, require_number=False)
            if items:
                end = items[-1].end
                add("killed", _items_count(items, tokens, text, offset, i, end), tokens[i + 1], i, end, items)
        # "shot two men to death", "shot dead two soldiers", "beat a man to death"
        if low in _TO_DEATH_VERBS:
            j = i + 1
            if j < n and tokens[j].low == "dead":
                items = _victim_list(tokens, j + 1, require_number=False)
                if items:
                    end = items[-1].end
                    add("killed", _items_count(items, tokens, text, offset, i, end), tok, i, end, items)
            else:
                items = _victim_list(tokens, j, require_number=False)
                if items:
                    end = items[-1].end
                    if end + 1 < n and tokens[end].low == "to" and tokens[end + 1].low == "death":
                        add("killed", _items_count(items, tokens, text, offset, i, end + 2), tok, i, end + 2, items)
                    elif end < n and tokens[end].low == "dead":
                        add("killed", _items_count(items, tokens, text, offset, i, end + 1), tok, i, end + 1, items)
        # "claimed the lives of 12 people", "left 5 dead"
        if low in ("claimed", "claiming", "claim", "claims", "cost", "costing") and i + 3 < n \
                and tokens[i + 1].low == "the" and tokens[i + 2].low in ("lives", "life") and tokens[i + 3].low == "of":
            items = _victim_list(tokens, i + 4, require_number=False)
            if items:
                end = items[-1].end
                add("killed", _items_count(items, tokens, text, offset, i, end), tok, i, end, items)
        if low in ("left", "leaving", "leave", "leaves"):
            first = i + 2 if i + 2 < n and tokens[i + 1].low == "the" and parse_number(tokens, i + 2) else i + 1
            items = _victim_list(tokens, first, require_number=False)
            if items:
                end = items[-1].end
                if end < n and tokens[end].low in _NOUN_KIND:
                    kind = _NOUN_KIND[tokens[end].low]
                    add(kind, _items_count(items, tokens, text, offset, i, end + 1), tokens[end], i, end + 1, items)
                    # "left 3 dead and 5 injured"
                    k = end + 1
                    if k + 1 < n and tokens[k].low == "and":
                        more = _victim_list(tokens, k + 1, require_number=True)
                        if more and more[-1].end < n and tokens[more[-1].end].low in _NOUN_KIND:
                            e2 = more[-1].end
                            add(_NOUN_KIND[tokens[e2].low], _items_count(more, tokens, text, offset, k + 1, e2 + 1),
                                tokens[e2], k + 1, e2 + 1, more)
        # 2. number first: "2 local policemen were killed", "three people died", "9 dead", "2 fatalities"
        if low in ("he", "she") and i + 1 < n:
            k = i + 1
            while k < n and tokens[k].low in _AUX:
                k += 1
            if k < n and tokens[k].low in ("died", "succumbed", "perished") or (
                    k < n and tokens[k].low in ("killed", "murdered") and tokens[k - 1].low in ("was", "been")):
                item = _Item(1, None, i, i + 1, None)
                add("killed", _items_count([item], tokens, text, offset, i, k + 1), tokens[k], i, k + 1, [item])
                continue
        if low == "the" and i + 2 < n and (tokens[i - 1].low in (".", ",", ";", "and") if i else True):
            group = _victim_list(tokens, i, require_number=False, subject=True, allow_the_first=True)
            if len(group) > 1 and all(g.number is None for g in group):
                k = group[-1].end
                while k < n and tokens[k].low in _AUX:
                    k += 1
                if k < n and tokens[k].low in ("died", "killed", "murdered", "dead"):
                    add("killed", _items_count(group, tokens, text, offset, i, k + 1), tokens[k], i, k + 1, group)
                    continue
            # "The man died", "the victim was killed": one person, often already counted
            item = _victim_item(tokens, i, require_number=False) if tokens[i + 1].low not in ("a", "an") else None
            if item is not None and item.number is None and item.head and not item.head.endswith("s") \
                    and item.head in _SINGULAR_PEOPLE:
                k = item.end
                while k < n and tokens[k].low in _AUX:
                    k += 1
                if k < n and tokens[k].low in ("died", "killed", "dies", "murdered", "succumbed", "perished"):
                    add("killed", _items_count([item], tokens, text, offset, i, k + 1), tokens[k], i, k + 1,
                        [_Item(1, None, i, item.end, item.head)])
                    continue
        if (i == 0 or (tokens[i - 1].low not in ("the",) and not tokens[i - 1].text[0].isdigit())) and \
                (parse_number(tokens, i) is not None or low in ("a", "an", "one", "his", "her", "both")):
            items = _victim_list(tokens, i, require_number=low not in ("a", "an", "one", "his", "her", "both"),
                                 subject=True)
            if not items:
                continue
            end = items[-1].end
            # "N fatalities" / "N dead" / "N killed" (a noun or headline form)
            last = tokens[end - 1].low
            if items[-1].head in _NOUN_KIND and len(items) == 1 and items[-1].number is not None:
                kind = _NOUN_KIND[items[-1].head]
                role = "total" if items[-1].head in ("fatalities", "fatality", "deaths", "death", "dead") else "report"
                count = _items_count(items, tokens, text, offset, i, end)
                add(kind, count, tokens[end - 1], i, end, [], role)
                # "2 dead and 5 injured"
                continue
            if end < n and tokens[end].low in _NOUN_KIND and tokens[end].low in ("dead", "killed", "injured",
                                                                                  "wounded", "missing", "fatalities",
                                                                                  "fatality", "deaths", "death",
                                                                                  "injuries", "bodies"):
                k = end
                # headline style "9 militants killed in airstrike": not "9 militants killed 3 people"
                nxt = tokens[k + 1].low if k + 1 < n else "."
                number_next = parse_number(tokens, k + 1)
                object_follows = (number_next is not None and not (
                    number_next.end < n and tokens[number_next.end].low in _NOUN_KIND)) or nxt in (
                    "a", "an", "the", "his", "her", "their", "him", "them")
                if tokens[k].low in ("killed", "injured", "wounded") and object_follows:
                    continue
                kind = _NOUN_KIND[tokens[k].low]
                role = "total" if tokens[k].low in ("fatalities", "fatality", "deaths") else "report"
                add(kind, _items_count(items, tokens, text, offset, i, k + 1), tokens[k], i, k + 1, items, role)
                continue
            k = end
            if k < n and tokens[k].text == "(":
                close = next((m for m in range(k + 1, min(k + 14, n)) if tokens[m].text == ")"), None)
                if close is not None:
                    k = close + 1
            if k < n and tokens[k].low in ("from", "in", "at", "near", "inside", "aboard", "on") and len(items) == 1:
                m = k + 1
                while m < n and m - k < 14 and (tokens[m].text[0].isupper() or tokens[m].text[0].isdigit() or tokens[m].low in ("the", "of", "a", "in",
                                                                                                 "near", "at", "(", ")")
                                               or (_is_word(tokens[m]) and tokens[m].low not in _VERBS)):
                    m += 1
                if m < n and tokens[m].low in _AUX | _KILL_PASSIVE | _INJURE_PASSIVE:
                    k = m
            if k < n and tokens[k].low == ",":
                k += 1
            steps = 0
            while k < n and tokens[k].low in _AUX and steps < 4:
                k += 1
                steps += 1
            if k >= n:
                continue
            word = tokens[k].low
            if word in _TO_DEATH_VERBS or (word.endswith("ed") and word not in _KILL_PASSIVE):
                # "was shot and died", "was stoned and stabbed to death", "was shot in the head and died"
                for m in range(k + 1, min(k + 8, n - 1)):
                    if tokens[m].text in ",;.":
                        break
                    if tokens[m].low == "and" and (tokens[m + 1].low in ("died", "killed", "dies", "injured", "wounded")
                                                  or tokens[m + 1].low in _TO_DEATH_VERBS):
                        k = m + 1
                        word = tokens[k].low
                        break
            kind = None
            stop = k + 1
            if word in ("lost", "losing", "lose") and k + 2 < n and tokens[k + 1].low in ("their", "his", "her") \
                    and tokens[k + 2].low in ("lives", "life"):
                kind, stop = "killed", k + 3
            elif word in ("fatally", "mortally") and k + 1 < n and tokens[k + 1].text.isalpha():
                kind, stop = "killed", k + 2
            elif word in _TO_DEATH_VERBS and k + 1 < n and tokens[k + 1].low == "dead":
                kind, stop = "killed", k + 2
            elif word in _TO_DEATH_VERBS and k + 2 < n and tokens[k + 1].low == "to" and tokens[k + 2].low == "death":
                kind, stop = "killed", k + 3
            elif word == "succumbed":
                kind = "killed"
            elif word in ("went", "gone", "remain", "remained", "remains") and k + 1 < n and tokens[k + 1].low == "missing":
                kind, stop = "missing", k + 2
            elif word in ("taken", "held", "taking") and k + 1 < n and tokens[k + 1].low in ("hostage", "captive"):
                kind, stop = "kidnapped", k + 2
            elif word == "taken" and k + 2 < n and tokens[k + 1].low == "into" and tokens[k + 2].low == "custody":
                kind, stop = "arrested", k + 3
            else:
                for vocabulary, name in _PASSIVE:
                    if word in vocabulary:
                        kind = name
                        break
            if kind is None:
                continue
            # an active verb ("two gunmen killed a man") is not a passive report
            aux_used = any(tokens[t].low in ("was", "were", "is", "are", "been", "be", "being", "got", "get")
                           for t in range(end, k))
            if word in ("killed", "injured", "wounded", "kidnapped", "abducted", "arrested", "detained", "murdered",
                        "executed", "beheaded", "hurt") and not aux_used:
                nxt = tokens[k + 1].low if k + 1 < n else "."
                if parse_number(tokens, k + 1) is not None or nxt in ("a", "an", "the", "his", "her", "their", "him",
                                                                      "them", "its", "one", "two", "several"):
                    continue
            if k + 2 < n and tokens[k + 1].low in ("killed", "dead", "died") and tokens[k].low == "or":
                continue
            if (k + 1 < n and tokens[k + 1].low == "or") or (k + 3 < n and tokens[k + 1].low == "," and
                                                            tokens[k + 3].low == "or"):
                continue  # "killed, injured or captured": no figure per kind
            add(kind, _items_count(items, tokens, text, offset, i, stop), tokens[k], i, stop, items,
                "total" if items[0].head is None and i == 0 and n <= 8 else "report")
            # "was detained and later found killed"
            m = stop
            if m < n and tokens[m].low == "and":
                m += 1
                while m < n and tokens[m].low in _AUX | {"later", "then", "subsequently", "found"}:
                    m += 1
                if m < n and kind != "killed" and tokens[m].low in ("killed", "dead", "died", "murdered", "executed"):
                    add("killed", _items_count(items, tokens, text, offset, i, m + 1), tokens[m], i, m + 1, items)
            continue
    _find_special(text, offset, sentence, tokens, found, add)
    _set_context(text, offset, found)
    found.sort(key=lambda m: (m.count.start, m.kind))
    return found


def _find_special(text: str, offset: int, sentence: int, tokens: list[_Tok], found: list[CasualtyMention], add) -> None:
    n = len(tokens)
    for i, tok in enumerate(tokens):
        low = tok.low
        # "the death toll rose to 12", "a toll of 30"
        if low == "toll":
            k = i + 1
            steps = 0
            while k < n and steps < 6 and parse_number(tokens, k) is None and tokens[k].text not in ".;":
                k += 1
                steps += 1
            if k < n and steps < 6:
                number = parse_number(tokens, k)
                if number is not None and (number.qualifier != "unknown"):
                    start = i - 1 if i > 0 and tokens[i - 1].low in ("death", "casualty") else i
                    kind = "killed" if start < i or i == 0 or tokens[i - 1].low != "injury" else "injured"
                    item = _Item(number.value, number, k, number.end, None)
                    end = number.end
                    if end < n and tokens[end].low in ("people", "persons", "dead"):
                        end += 1
                    count = _items_count([item], tokens, text, offset, start, end)
                    add(kind, count, tok, start, end, [], "total")
        # "the dead included three women, four children and two men"
        if low in ("dead", "victims", "fatalities", "killed", "deceased") and i > 0 and tokens[i - 1].low == "the" \
                and i + 1 < n and tokens[i + 1].low in ("included", "include", "includes", "were", "are", "comprised",
                                                        "was", "numbered", "number"):
            items = _victim_list(tokens, i + 2, require_number=True)
            if items:
                end = items[-1].end
                count = _items_count(items, tokens, text, offset, i - 1, end)
                among = i > 1 and tokens[i - 2].low == "among"
                role = "total" if tokens[i + 1].low in ("included", "include", "includes", "were", "are", "comprised",
                                                        "numbered", "number") and not among else "report"
                add("killed", count, tok, i - 1, end, items, role, subset=among)
        # ACLED notes: "Fatalities coded as 3", "fatalities ... coded as 10"
        if low == "coded" and i + 2 < n and tokens[i + 1].low in ("as", "at", "to") and _DIGITS.fullmatch(tokens[i + 2].text):
            window = [t.low for t in tokens[max(0, i - 8):i]]
            if any(w in ("fatalities", "fatality", "deaths") for w in window):
                value = int(tokens[i + 2].text.replace(",", ""))
                start = max(0, i - 8)
                while tokens[start].low not in ("fatalities", "fatality", "deaths", "unknown", "unclear", "several",
                                                "dozens", "total"):
                    start += 1
                while start > 0 and tokens[start - 1].text[0].isalpha() and tokens[start - 1].low not in _STOP \
                        and start > i - 10:
                    start -= 1
                s, e = tokens[start].start, tokens[i + 2].end
                count = Count(value, value, None, "exact", text[s - offset:e - offset], s, e)
                found[:] = [m for m in found if not (m.kind == "killed" and s <= m.count.start < e)]
                found.append(CasualtyMention("killed", count, sentence, tok.start, tok.end,
                                             role="coded"))
        # "the death of a bystander", "the killing of 1 militant and injuring of 3 others", "resulting in his death"
        if low in _NOMINAL_KILL | {"injuring", "wounding", "injury"} and i + 1 < n:
            kind = "injured" if low in ("injuring", "wounding", "injury") else "killed"
            if tokens[i + 1].low == "of":
                items = _victim_list(tokens, i + 2, require_number=False)
                if items:
                    end = items[-1].end
                    add(kind, _items_count(items, tokens, text, offset, i, end), tok, i, end, items)
            elif i > 0 and tokens[i - 1].low in ("his", "her") and low in ("death", "murder", "killing", "execution"):
                item = _Item(1, None, i - 1, i + 1, None)
                add(kind, _items_count([item], tokens, text, offset, i - 1, i + 1), tok, i - 1, i + 1, [item])
        # "the body of a man was found", "a dead body was found", "his body was found"
        if low in ("body", "corpse", "remains", "head") and re.search(
                r"\b(?:found|discovered|recovered|dumped|located|retrieved|washed|lying|abandoned|dug)\b", text[
                    max(0, tok.start - offset - 40):tok.end - offset + 120], re.I) and (
                low != "head" or (i > 0 and tokens[i - 1].low in ("human", "severed"))) and (
                low != "remains" or (i > 0 and tokens[i - 1].low in ("human", "the"))):
            s = i - 1 if i > 0 and tokens[i - 1].low in ("a", "the", "dead", "his", "her", "man's", "woman's", "human",
                                                         "burnt", "burned", "decomposed", "severed", "charred",
                                                         "mutilated", "lifeless") else i
            while s > 0 and tokens[s - 1].low in ("a", "the", "dead", "partially", "burnt", "burned", "decomposed",
                                                  "charred", "mutilated", "lifeless", "human", "severed"):
                s -= 1
            e = i + 1
            items = None
            if e + 1 < n and tokens[e].low == "of":
                items = _victim_list(tokens, e + 1, require_number=False)
                if items and items[0].number is None and len(items) == 1:
                    items = [_Item(1, None, items[0].start, items[0].end, items[0].head)]
                if items:
                    e = items[-1].end
            item = _Item(1, None, s, e, items[0].head if items else low)
            role = "anaphoric" if tokens[s].low in ("his", "her", "their") else "report"
            add("killed", _items_count([item], tokens, text, offset, s, e), tok, s, e, [item], role)
    # negations: "no fatalities were reported", "neither injuries nor fatalities"
    for match in _NEGATION.finditer(text):
        phrase = match.group(0).lower()
        kinds = []
        if re.search(r"fatalit|death|killed|dead|died|casualt", phrase):
            kinds.append("killed")
        if re.search(r"injur|hurt|wound|casualt", phrase):
            kinds.append("injured")
        # "neither injuries nor fatalities": the killed word may come after the match
        tail = text[match.end():match.end() + 40].lower()
        if re.match(r"\s*(?:or|nor|and/or|and)\s+(?:any\s+)?(?:fatalities|deaths|killed|dead)", tail):
            kinds.append("killed")
        if re.match(r"\s*(?:or|nor|and/or|and)\s+(?:any\s+)?(?:injuries|injured|wounded)", tail):
            kinds.append("injured")
        s, e = offset + match.start(), offset + match.end()
        for kind in dict.fromkeys(kinds):
            if any(m.kind == kind and m.count.start <= s < m.count.end for m in found):
                continue
            found.append(CasualtyMention(kind, Count(0, 0, None, "exact", match.group(0), s, e), sentence, s, e,
                                         role="report"))


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
        if _NATURAL_DEATH.match(clause_right):
            mention.reference = True
        mention.denied = bool(_DENIED.search(clause_right[:120]))
        if re.search(r"\bamong\s+(?:the\s+|them\s+|those\s+)?(?:\w+\s+){0,2}$", left[-40:], re.I) or \
                re.search(r"\bincluding\s+$", left[-20:], re.I):
            mention.subset = True
        mention.attributed = bool(_ATTRIBUTION.search(text))
        mention.conflict = bool(_CONFLICT.search(clause_left[-120:]))


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
        elif m.count.value and m.victim:
            key = m.victim.split()[-1].lower()
            breakdown[key] = breakdown.get(key, 0) + m.count.value
    low = total if qualifier in ("exact", "at_least", "more_than") else None
    return Count(total, low, None, qualifier, span, start, end,
                 breakdown if breakdown and sum(breakdown.values()) == total else None)


# --------------------------------------------------------------------------- assignment

_VIOLENT_PLOVER = {"ASSAULT", "COERCE"}


def _is_violent(event) -> bool:
    if event.type not in _VIOLENT_PLOVER:
        return False
    return event.acled_event_type is not None and not (
        event.acled_event_type == "Protests" and event.acled_sub_event_type == "Peaceful protest"
    ) or event.type == "ASSAULT"


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
        if mention.kind not in ("killed", "injured") or mention.cumulative or mention.reference:
            continue
        holders = [e for e in events if any(s.start <= mention.count.start < s.end or
                                            s.start <= mention.trigger_start < s.end for s in _spans(e))]
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
    """The event a sentence without its own event refers back to: by weekday named in it, else the closest before."""
    sentence = parsed.sentences[mention.sentence] if mention.sentence < len(parsed.sentences) else None
    violent = [e for e in events if _is_violent(e)]
    if not violent:
        return None
    if sentence is not None:
        lowered = sentence.text.lower()
        named = [d for d in _WEEKDAYS if re.search(rf"\b{d}(?:'s|’s)?\b", lowered)]
        if named:
            from datetime import date as Date

            matching = []
            for event in violent:
                value = event.date.value if event.date is not None else None
                if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    weekday = _WEEKDAYS[Date.fromisoformat(value).weekday()]
                    if weekday in named:
                        matching.append(event)
            if matching:
                return min(matching, key=lambda e: abs(e.evidence.start - mention.count.start))
    before = [e for e in violent if e.evidence.start <= mention.count.start]
    if before:
        return max(before, key=lambda e: e.evidence.start)
    return None
