"""Actor coding: a span of text that acts (or is acted upon) -> name, country, sector, ACLED inter.

The coder reads, in order: a dictionary of named armed groups and institutions
(``data/actors.tsv``, extendable by a user file in the same format), country
names/demonyms/capitals inside the span ("Pakistan's air force", "Chinese
Foreign Ministry", "Beijing"), and sector words ("air force" -> MIL,
"separatist" -> REB, "demonstrators" -> PRO). ACLED's inter code follows from
the sector and, for state forces, from where the event happens (a state's
forces acting abroad are "external/other forces", 8).

Dictionary format (tab-separated, ``#`` comments): ``pattern  name  country  sector  [inter]``
where ``pattern`` is a case-insensitive phrase (aliases separated by ``|``) and
``country`` is ISO3 or ``-``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.places import country_name, country_of
from eventwire.records import Actor
from eventwire.settings import PACKAGE_DATA

# Sector words, most specific first. Each maps a word (or phrase) to a sector.
SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    # non-state armed groups
    (r"separatists?|insurgen(?:ts?|cy)|rebels?|guerrillas?|jihadists?|maoists?|naxal(?:ite)?s?|"
     r"liberation (?:army|front)|(?:people'?s|resistance|independence|republican|revolutionary|salvation|freedom) army|"
     r"mujahideen|islamic state|al[- ]qaeda|taliban", "REB"),
    (r"militants?|extremists?|terrorists?|fighters?|militias?|militiam[ae]n|gangs?|gang members?|cartels?|gunm[ae]n|"
     r"armed (?:men|individuals|persons|people|assailants|civilians|youths?)|armed groups?|vigilantes?|paramilitar(?:y|ies)|bandits?|assailants?|attackers?|hitm[ae]n|"
     r"criminal groups?|mafia|pirates?|kidnappers?|abductors?|arsonists?|perpetrators?|suspects?", "MIL_NONSTATE"),
    # a political coalition, before the military "coalition" below
    (r"(?:opposition|ruling|governing|electoral|political|party) (?:coalition|alliance|bloc)|coalition government", "POL"),
    # state forces
    (r"air ?force|army|navy|military|troops|soldiers?|servicem[ae]n|service members?|troopers?|armed forces|forces|guards? corps|marines|"
     r"special forces|national guard|gendarmes?|gendarmerie|artillery|warplanes?|jets|drones?|"
     r"battalions?|brigades?|regiments?|commandos?|coast ?guard|border guards?|coalition", "MIL"),
    (r"police(?:men|man|women|woman)?|officers?|security forces|security personnel|riot police|cops", "MIL"),
    # intergovernmental bodies, before "council" or "ministers" make them a government ("the Security Council",
    # "European Community foreign ministers"). (The World Health Organization's acronym is matched in
    # capitals only, by _sector_in: "villagers who fled" are no IGO.)
    (r"united nations|u\.n\.|nato|european union|european community|european commission|african union|"
     r"organi[sz]ation of african unity|organi[sz]ation of american states|arab league|ecowas|\bsadc\b|\bigad\b|"
     r"gulf cooperation council|asia-pacific economic cooperation|\bapec\b|\bosce\b|\biaea\b|interpol|"
     r"international (?:labou?r (?:office|organi[sz]ation)|criminal court|court of justice|monetary fund|atomic energy agency)|"
     r"world (?:food programme?|trade organi[sz]ation)|\bunicef\b|\bunhcr\b|\bunesco\b|\bwfp\b|"
     r"security council|world health organization|asean|\bopec\b|\bimf\b|world bank", "IGO"),
    # government
    (r"ministry|ministers?|minister|government|governments|president|prime minister|premier|"
     r"cabinet|parliament|embassy|ambassadors?|envoys?|diplomats?|charge d'affaires|chargé d'affaires|"
     r"spokes(?:man|woman|person)|officials?|authorities|administration|state department|foreign office|"
     r"kremlin|white house|pentagon|regime|governor|mayor|state|departments?|agency|treasury|police chief|presidency|council|junta|king|emir|prince|"
     r"sultan|queen|monarch|judges?|justice|courts?|prosecutors?|attorney general|senators?|congress|"
     r"secretary of state|chancellor|vice president|deputy|commissioner", "GOV"),
    # protest and riots
    (r"protesters?|protestors?|demonstrators?|marchers|activists|strikers|students|workers|"
     r"teachers|farmers|traders|unions?|trade unions?", "PRO"),
    (r"rioters?|mobs?|looters?|crowds?", "RIO"),
    # others
    (r"red cross|red crescent|amnesty|human rights watch|ngos?|charity|charities|aid groups?|rights groups?|"
     r"rights organi[sz]ations?|press freedom groups?|watchdogs?|advocacy groups?|humanitarian (?:groups?|agenc(?:y|ies)|"
     r"organi[sz]ations?)|"
     r"m[ée]decins sans fronti[èe]res|doctors without borders", "NGO"),
    (r"journalists?|reporters?|media|newspapers?|broadcasters?|press", "MED"),
    (r"compan(?:y|ies)|firms?|corporations?|businesses|business|banks?|traders|merchants", "BUS"),
    (r"church|mosque|clerics?|imams?|priests?|bishops?|pastors?|clergy|monks?", "REL"),
    (r"opposition|party|parties|candidates?|lawmakers?|politicians?|supporters|followers|loyalists", "POL"),
    (r"civilians?|villagers?|residents?|people|children|women|men|family|families|farmers?|refugees?|"
     r"migrants|displaced|passengers|worshippers|pilgrims|locals|citizens|inhabitants|boys?|girls?|"
     r"doctors|nurses|health workers|medics|miners|drivers|vendors|employees|staff|youths?|man|woman|"
     r"persons?|individuals?|group of", "CVL"),
)
_INTERGOVERNMENTAL = re.compile(r"\b(?:organi[sz]ation of (?:african unity|american states|islamic cooperation)|"
                                r"international court of justice|court of justice of the european union)\b", re.IGNORECASE)
_SECTOR_PATTERNS = tuple((re.compile(rf"\b(?:{words})\b", re.IGNORECASE), sector) for words, sector in SECTOR_WORDS)

# ACLED inter codes by sector (state forces depend on where they act: see code_inter).
SECTOR_INTER = {"REB": 2, "MIL_NONSTATE": 3, "POL": 6, "RIO": 5, "PRO": 6, "CVL": 7, "MED": 7, "NGO": 7,
                "REL": 7, "BUS": 7, "IGO": 8, "OTHER": None}

# The two sides of most conflicts: a state's government and forces, and the armed groups fighting it.
STATE_SECTORS = frozenset(["GOV", "MIL"])
ARMED_NON_STATE_SECTORS = frozenset(["REB", "MIL_NONSTATE"])


def opposed_sectors(a: str | None, b: str | None) -> bool:
    """A state's side against an armed group's: never one actor, even when both are coded with one country
    (Pakistan's military and the Baloch Liberation Army are both PAK)."""
    return (a in STATE_SECTORS and b in ARMED_NON_STATE_SECTORS) or (
        b in STATE_SECTORS and a in ARMED_NON_STATE_SECTORS)


_GENERIC_WORDS = frozenset("""the a an some several many dozens hundreds scores of at least more than about
unidentified unknown suspected alleged armed masked local rival other group groups gang gangs gunman gunmen
attacker attackers assailant assailants militant militants insurgent insurgents rebel rebels fighter fighters
separatist separatists terrorist terrorists extremist extremists jihadist jihadists criminal criminals people
men women members member bandits bandit hitmen killers kidnappers cell faction perpetrator perpetrators
shooter shooters suspect suspects individuals bomber bombers suicide potential would-be hijacker hijackers
captors abductors raiders""".split())


def generic_name(name: str) -> bool:
    """A description rather than a name: "16 terrorists", "unidentified gunmen", "the group"."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", name)
    return not [w for w in words if w.lower() not in _GENERIC_WORDS]


# Words that name an identity (ethnic/communal) militia: inter 4 in ACLED.
_IDENTITY = re.compile(r"\b(?:ethnic|communal|clan|tribal|tribe|herders?|fulani|dogon|dozos?|hausa|"
                       r"pastoralists?|vigilantes?)\b", re.IGNORECASE)


# "Tiv militias", "Bul Nuer militia": a militia named after a people is an identity militia (ACLED inter 4).
_NAMED_MILITIA = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:ethnic\s+)?milit(?:ia|ias|iamen)\b")


@dataclass(frozen=True, slots=True)
class DictionaryEntry:
    pattern: re.Pattern
    name: str
    country: str | None
    sector: str
    inter: int | None


def _read_dictionary(path: Path) -> list[DictionaryEntry]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < 4:
            continue
        aliases = [re.escape(a.strip()) for a in fields[0].split("|") if a.strip()]
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(aliases) + r")(?![\w])", re.IGNORECASE)
        country = None if fields[2] in ("", "-") else fields[2]
        inter = int(fields[4]) if len(fields) > 4 and fields[4].isdigit() else None
        entries.append(DictionaryEntry(pattern, fields[1], country, fields[3], inter))
    return entries


@functools.lru_cache(maxsize=8)
def load_dictionary(user_file: str | None = None) -> tuple[DictionaryEntry, ...]:
    """The built-in dictionary, with a user's entries first (they win)."""
    entries: list[DictionaryEntry] = []
    if user_file:
        entries.extend(_read_dictionary(Path(user_file)))
    entries.extend(_read_dictionary(PACKAGE_DATA / "actors.tsv"))
    return tuple(entries)


_WHO = re.compile(r"\bWHO\b")


def _sector_in(text: str) -> str | None:
    for pattern, sector in _SECTOR_PATTERNS:
        if pattern.search(text):
            return sector
    return "IGO" if _WHO.search(text) else None


def sector_of(text: str) -> str | None:
    """The sector a phrase names, read from its head first ("Pakistan's air force" -> MIL;
    "supporters of deposed President X" -> POL, not GOV; "members of the Union of Workers of the
    Ministry of Health" -> PRO, from the first part of the phrase that names any kind of actor)."""
    if _INTERGOVERNMENTAL.search(text):  # names with "of" in them: "the Organization of American States"
        return "IGO"
    for part in re.split(r"\s+(?:of|from|for|with|at|in)\s+|,", text):
        found = _sector_in(part)
        if found:
            return found
    return None


_COUNTRY_WORD = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*")


_LED = re.compile(r"\b([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)-(?:led|run|commanded|dominated)\b")


def country_in(text: str) -> str | None:
    """The first country named in a phrase, by name, demonym or capital ("Saudi-led" is Saudi Arabia)."""
    whole = country_of(text)
    if whole:
        return whole
    led = _LED.search(text)
    if led and country_of(led.group(1)):
        return country_of(led.group(1))
    for match in _COUNTRY_WORD.finditer(text):
        words = match.group(0).split()
        # Longest prefix first: "Sri Lankan army" -> "Sri Lankan".
        for size in range(len(words), 0, -1):
            for begin in range(0, len(words) - size + 1):
                candidate = " ".join(words[begin:begin + size]).rstrip(".'’s").rstrip("'’")
                found = country_of(candidate)
                if found:
                    return found
    return None


def _names_a_state(text: str) -> str | None:
    """ISO3 when ``text`` is a country's name or capital ("Iran", "Beijing"), not a demonym ("a Palestinian")."""
    from eventwire.places.countries import demonym_table, normalize

    key = normalize(re.sub(r"(?:'s|’s|'|’)$", "", text.strip()))
    if key in demonym_table() or key.rstrip("s") in demonym_table():
        return None
    return country_of(text)


def code_inter(sector: str | None, country: str | None, event_country: str | None, text: str = "") -> int | None:
    """ACLED inter code: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
    5 rioters, 6 protesters, 7 civilians, 8 external/other forces (a state's forces acting abroad)."""
    if sector in ("GOV", "MIL"):
        if country and event_country and country != event_country:
            return 8
        return 1
    if sector == "MIL_NONSTATE" and (_IDENTITY.search(text) or _NAMED_MILITIA.search(text)):
        return 4
    if sector is None:
        return None
    return SECTOR_INTER.get(sector)


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|some|several|many|other|its|their|his|her)\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip(" ,.;:'\"“”")


def canonical_name(text: str, country: str | None, sector: str | None) -> str:
    """A readable canonical name in ACLED's spirit: 'Military Forces of Pakistan', 'Protesters (Pakistan)'."""
    name = _clean_name(text)
    place = country_name(country) if country else None
    if place and sector:
        if sector == "MIL" and country_of(name) is None:
            if re.search(r"police|officers|security", name, re.IGNORECASE):
                return f"Police Forces of {place}"
            return f"Military Forces of {place}"
        if sector == "GOV" and (_names_a_state(name) == country or re.match(r"(?:state|government|authorities|regime) of ", name, re.I)):
            return f"Government of {place}"
        if sector == "PRO":
            return f"Protesters ({place})"
        if sector == "RIO":
            return f"Rioters ({place})"
        if sector == "CVL" and re.fullmatch(r"(?:civilians?|people|villagers|residents|children|women|men)", name, re.IGNORECASE):
            return f"Civilians ({place})"
    return name


def code_actor(
    text: str,
    start: int,
    end: int,
    *,
    event_country: str | None = None,
    context_country: str | None = None,
    role: str | None = None,
    dictionary: tuple[DictionaryEntry, ...] | None = None,
) -> Actor:
    """Code the actor span ``text`` (document offsets ``start``..``end``).

    ``event_country`` is where the event happens (for the inter code of state
    forces); ``context_country`` fills the country of unnamed actors such as
    "demonstrators" or "police" (usually the event's country).
    """
    dictionary = load_dictionary() if dictionary is None else dictionary
    for entry in dictionary:
        if entry.pattern.search(text):
            country = entry.country or country_in(text) or None
            inter = entry.inter if entry.inter is not None else code_inter(entry.sector, country, event_country, text)
            return Actor(text, start, end, entry.name, country, entry.sector, inter, role)
    country = country_in(text)
    sector = sector_of(text)
    if country and sector is None and _names_a_state(_clean_name(text)) == country:
        sector = "GOV"  # "Iran summoned ...": a country (or its capital) acting is its government
    if country is None and sector in ("MIL", "PRO", "RIO", "CVL") and context_country:
        country = context_country
    inter = code_inter(sector, country, event_country, text)
    return Actor(text, start, end, canonical_name(text, country, sector), country, sector, inter, role)
