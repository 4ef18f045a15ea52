"""Find place mentions in a parsed document and resolve each to a gazetteer entry.

Recognition
    1. Gazetteer matching over the whole text: the longest run of capitalised
       tokens (with connectors such as ``and``/``of``/``va``) whose normalized form
       is a gazetteer name or a demonym; ``Iran's`` loses its possessive.
    2. spaCy entities (GPE, LOC, FAC, NORP) of parsed sentences confirm matches,
       add places the gazetteer spells differently, and veto matches inside a
       PERSON name. A match spaCy does not tag needs to be *strong* (a country,
       admin1 unit, region, demonym or a city of 100k+) or to have a cue: a
       locative preposition before it (``in``, ``near``), ``the town of`` before
       it, a unit word after it (``X province``), or ``, <State/Country>`` after it.
       Sentences the fast path left unparsed use the entities of its entities-only pass
       (``Sentence.entities``), or matching and cues alone when they have none.
Resolution
    Each candidate gets a prior (log population, feature type, primary name,
    capital) plus context: the unit word's feature type, ``X, Y`` apposition and
    containment in admin units/countries named in the same sentence and in the
    article, the article's focus countries, and distance to the other places.
    Two passes: the first resolves each mention alone, its confident picks
    become the context of the second.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from eventwire.nlp import entity_checked, sentence_entities
from eventwire.places.countries import neighbours, normalize
from eventwire.places.gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, REGION, Gazetteer, distance_km
from eventwire.places.regions import US_STATE_ABBREVIATIONS
from eventwire.records import Place

__all__ = ["Mention", "recognize", "resolve", "find_places"]

_TOKEN = re.compile(r"[^\W\d_][\w]*(?:[.'’&][^\W_]+)*")
_CONNECTORS = {
    "and", "of", "de", "del", "la", "le", "el", "al", "va", "upon", "on", "the", "da", "do", "dos", "das", "du",
    "des", "y", "am", "an", "der", "sur", "di", "ul", "e", "at",
}
_LOCATIVE = {
    "in", "near", "at", "from", "to", "outside", "across", "into", "toward", "towards", "around", "throughout",
    "via", "within", "inside", "through", "between", "visit", "visited", "visiting", "of", "across", "northern",
    "southern", "eastern", "western", "central", "north", "south", "east", "west", "downtown", "rural", "outskirts",
}
_UNIT_ADMIN1 = {"province", "governorate", "state", "region", "oblast", "prefecture", "provinces", "emirate", "territory",
                "states", "regions"}
_UNIT_ADMIN2 = {"district", "county", "parish", "municipality", "department", "borough", "township", "districts",
                "counties", "sub-district", "subdistrict", "tehsil"}
_UNIT_CITY = {"city", "town", "village", "port", "camp", "suburb", "neighbourhood", "neighborhood", "hamlet"}
_TOWN_OF = re.compile(
    r"\b(?:town|city|village|villages|port|hamlet|province|provinces|district|region|state|county|governorate|capital"
    r"|outskirts|suburb|area|island)\s+of\s+$", re.I)
_NEAR = re.compile(r"\b(?:near|nearby|outside|outskirts\s+of|close\s+to|kilometres?\s+(?:from|of)|km\s+(?:from|of)"
                   r"|miles?\s+(?:from|of)|not\s+far\s+from|near\s+the\s+town\s+of|near\s+the\s+city\s+of"
                   r"|near\s+the\s+village\s+of)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$", re.I)
_COMMON = {
    "i", "a", "the", "this", "that", "these", "there", "they", "we", "he", "she", "it", "but", "and", "or", "so", "if",
    "police", "man", "best", "nice", "reading", "bath", "split", "sale", "march", "may", "june", "july", "august",
    "april", "mobile", "university", "college", "school", "church", "hospital", "street", "road", "lake", "river",
    "north", "south", "east", "west", "central", "northeast", "northwest", "southeast", "southwest", "midwest", "northern", "southern", "eastern", "western", "centre", "center",
    "union", "capital", "federal", "national", "new", "old", "great", "little", "big", "mount", "saint", "said",
    "says", "president", "governor", "mayor", "minister", "home", "house", "court", "office", "state", "city",
    "county", "town", "village", "district", "province", "region", "area", "island", "islands", "coast", "bay",
    "valley", "park", "beach", "hills", "springs", "falls", "harbor", "harbour", "port", "fort", "mission",
    "democrat", "democrats", "republican", "republicans", "christian", "christians", "muslim", "muslims",
    "jewish", "jew", "jews", "catholic", "arab", "arabs", "islamic", "sunni", "shia", "shiite", "hindu", "buddhist",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god", "lord", "mr", "mrs", "ms",
    "dr", "sir", "king", "queen", "prince", "bishop", "pope", "general", "army", "navy", "air", "force", "guard",
    "center", "media", "press", "news", "times", "post", "daily", "world", "global", "international", "victoria",
    "hope", "unity", "liberty", "independence", "progress", "enterprise", "commerce", "industry", "opportunity",
    "paradise", "eden", "hollywood", "bethlehem", "zion", "goshen", "canaan", "pleasant", "friendship", "harmony",
    "concord", "christmas", "easter", "english", "spanish", "french", "german", "buy", "ask", "see", "go", "read",
    "more", "most", "here", "after", "before", "during", "while", "when", "where", "what", "who", "how", "why",
    "all", "also", "just", "one", "two", "three", "four", "five", "first", "last", "next", "top", "best",
    "early", "late", "major", "minor", "small", "big", "long", "short", "high", "low", "good", "bad", "star",
    "sun", "moon", "gold", "silver", "iron", "stone", "rock", "wood", "woods", "field", "fields", "green",
    "white", "black", "brown", "red", "blue", "orange", "rose", "lily", "ivy", "grace", "faith", "joy", "love",
    "story", "video", "photo", "photos", "watch", "share", "email", "click", "comment", "comments", "subscribe",
    "chairman", "senator", "secretary", "director", "chief", "officer", "officers", "agent", "deputy", "sheriff",
    "attorney", "judge", "trooper", "sergeant", "lieutenant", "captain", "commissioner", "council", "board",
    "committee", "department", "agency", "ministry", "bureau", "service", "services", "company", "group",
    "republic", "kingdom", "empire", "commonwealth", "federation", "europe", "asia", "africa", "america",
    # a ministry's portfolio ('Minister of Justice', 'the Supreme Court'), not Justice, Illinois
    "justice", "supreme", "defense", "defence", "interior", "security", "finance", "energy", "health", "education",
    "agriculture", "treasury", "customs", "labor", "labour", "transport", "tourism",
}
_COMMON -= {"europe", "asia", "africa", "america"}
_GENERIC_TAIL = re.compile(
    r"\s+(?:province|governorate|district|county|parish|region|state|city|town|village|oblast|prefecture|area"
    r"|municipality|territory|provinces|districts)$", re.I)
_SPACY_PLACE = {"GPE", "LOC", "FAC", "NORP"}
_DATELINE = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s?[A-Z][\w.]*)?)?\s*(?:—|–|--|-|”|\(|:)\s")
_INSTITUTIONS = {
    "city", "county", "police", "department", "council", "school", "schools", "high", "university", "college",
    "hospital", "sheriff", "fire", "board", "chamber", "commission", "court", "museum", "library", "airport",
    "church", "club", "association", "times", "news", "post", "herald", "tribune", "gazette", "journal", "daily",
    "observer", "chronicle", "public", "community", "regional", "area", "memorial", "township", "village", "town",
    "parish", "district", "municipal", "state", "civic", "center", "centre", "authority", "office", "zoo",
    "government", "assembly", "legislature", "mall", "market", "hall", "festival", "symphony", "rotary", "lions",
    "kiwanis", "jaycees", "elementary", "middle", "academy", "institute", "port", "harbor", "bank", "utilities",
    "water", "transit", "housing", "economic", "development", "planning", "zoning", "parks", "recreation",
    "pd", "fd",
}
_DIRECTION = re.compile(r"^(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower|greater"
                        r"|north east|north west|south east|south west|northeastern|northwestern|southeastern"
                        r"|southwestern)\s+")
_TITLES = {"mr", "mrs", "ms", "dr", "miss", "president", "sen", "senator", "rep", "gov", "governor", "judge", "coach",
           "officer", "sgt", "lt", "capt", "gen", "prof", "minister", "mayor", "chief", "sheriff", "st", "saint"}
_SPEECH = {"said", "says", "told", "added", "asked", "wrote", "explained", "noted", "announced", "argued", "who",
           "himself", "herself", "has", "had", "was", "is"}
_STATE_ABBR = {abbr.rstrip("."): abbr for abbr in US_STATE_ABBREVIATIONS}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[int, bool]] = field(default_factory=list)  # (entry, primary name)
    demonym: int | None = None  # entry the demonym points to
    hint: int | None = None  # feature the unit word implies
    near: bool = False
    cue: bool = False
    label: str | None = None  # spaCy label, if spaCy tagged it
    sentence: int = -1
    contained_in: int | None = None  # index of an apposed/containing mention ("X, Y")
    container: int | None = None  # the entry that mention resolved to
    inner: tuple[int, ...] = ()  # candidates of the mentions apposed to this one as their container
    currency: bool = False  # 'the US dollar': a toponym that casts no vote for the text's countries
    key: str = ""  # normalized text: mentions of one name do not vote for each other
    the: bool = False  # preceded by a lower-case 'the'
    resolved: int | None = None
    score: float = 0.0
    margin: float = 0.0
    fragment: bool = False  # the first words of a longer name the gazetteer lacks ('Tal' of 'Tal Tamer')
    dropped: bool = False  # a fragment that only names a hamlet abroad: no place mention at all


# --------------------------------------------------------------------------- recognition


def _tokens(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        # keep the dot of abbreviations: U.S. / La. / D.C. / St.
        if end < len(text) and text[end] == "." and ("." in match.group() or match.group() in _STATE_ABBR
                                                     or match.group() in ("St", "Ft", "Mt")):
            end += 1
        spans.append((start, end))
    return spans


def _strip_possessive(text: str, end: int) -> int:
    if text.endswith(("'s", "’s")):
        return end - 2
    if text.endswith(("s'", "s’")):
        return end - 1
    return end


def _gazetteer_matches(text: str, gazetteer: Gazetteer, max_len: int = 6) -> list[Mention]:
    tokens = _tokens(text)
    found: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        s0, e0 = tokens[i]
        first = text[s0:e0]
        if not first[0].isupper() and not (first.lower() == "the" and i + 1 < n and text[tokens[i + 1][0]].isupper()):
            i += 1
            continue
        hit = None
        last = min(n, i + max_len)
        # contiguous run: tokens separated by one space or a hyphen only
        j = i + 1
        while j < last and text[tokens[j - 1][1]:tokens[j][0]] in (" ", "-", " - "):
            word = text[tokens[j][0]:tokens[j][1]]
            if not word[0].isupper() and word.lower() not in _CONNECTORS:
                break
            j += 1
        for k in range(j, i, -1):
            end = tokens[k - 1][1]
            last_word = text[tokens[k - 1][0]:end]
            if not last_word[0].isupper():
                continue
            if k == i + 1 and first.lower() in _CONNECTORS:
                continue  # an article alone ('Al' of 'Al Ghab Plain') is no place, whatever it folds to
            if k < j and text[end:tokens[k][0]] == "-" and not _names_a_place(text, tokens[k], gazetteer) \
                    and not _major(gazetteer.codes(normalize(text[s0:end])), gazetteer):
                continue  # 'Bar' of 'Bar-Sanguun': part of a hyphenated name ('US-China', 'Mogadishu-Hodan' stand)
            end = _strip_possessive(last_word, end)
            if end <= s0:
                continue
            surface = text[s0:end]
            key = normalize(surface)
            if not key:
                continue
            codes = gazetteer.codes(key)
            dem = gazetteer.demonym(key) if k == i + 1 or len(key) > 4 else None
            if codes or dem is not None:
                hit = Mention(s0, end, surface, [(c >> 1, bool(c & 1)) for c in codes[:60]], dem)
                i = k
                break
        if hit is None:
            i += 1
        else:
            found.append(hit)
    return found


def _major(codes, gazetteer: Gazetteer) -> bool:
    """A country or a city of 100,000+ by its own name among these gazetteer codes."""
    for code in codes[:30]:
        entry, primary = code >> 1, bool(code & 1)
        feature = gazetteer._feature[entry]
        if feature == COUNTRY or (feature == CITY and primary and gazetteer.population[entry] >= 100_000):
            return True
    return False


def _names_a_place(text: str, token: tuple[int, int], gazetteer: Gazetteer) -> bool:
    key = normalize(text[token[0]:token[1]])
    return bool(key) and (bool(gazetteer.codes(key)) or gazetteer.demonym(key) is not None)


# 'the US dollar', 'Turkish lira': the place names a currency; it does not say what country the text is about
CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|lira|liras|yuan|renminbi|rupees?|rubles?|roubles?|pounds?|euros?|pesos?|francs?|riyals?|rials?|"
    r"dinars?|shillings?|naira|rand|won|yen|kwacha|cedis?|birr|taka|ringgit|baht|dong|reais|real|hryvnias?|manats?|"
    r"tenge|lari|drams?|afghanis?|kyats?|leones?|dirhams?|kronas?|kronor|kroner|krone|zloty|forints?|lei|leu|"
    r"bolivars?|bolivares|quetzals?|exchange\s+rate)\b", re.IGNORECASE)


_ABBR = re.compile(r"(?<=[A-Za-z]), ((?:[A-Z][a-z]{0,4}\.)(?: ?[A-Z][a-z]?\.)?)")


def _state_abbreviations(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """'Alexandria, La.' — AP abbreviations of US states right after a word and a comma."""
    out = []
    for match in _ABBR.finditer(text):
        abbr = match.group(1)
        entry = gazetteer.us_states.get(abbr) or gazetteer.us_states.get(abbr.replace(" ", ""))
        if entry is None:
            continue
        out.append(Mention(match.start(1), match.end(1), abbr, [(entry, True)], cue=True))
    return out


def _strength(m: Mention, gazetteer: Gazetteer) -> int:
    """2 strong (country/admin1/region/demonym/100k+ city by its own name), 1 medium, 0 weak."""
    key = normalize(m.text)
    single = " " not in key
    if m.demonym is not None:
        return 2 if key not in _COMMON else 0
    best = 0
    for entry, primary in m.candidates[:30]:
        feature = gazetteer._feature[entry]
        pop = gazetteer.population[entry]
        if feature in (COUNTRY, CONTINENT):
            best = max(best, 2 if primary or not single or len(key) > 3 else 1)
        elif feature in (ADMIN1, REGION):
            best = max(best, 2 if primary or not single else 1)
        elif feature == CITY and pop >= 100_000 and primary:
            best = max(best, 2)
        elif feature == CITY and pop >= 100_000:
            best = max(best, 1)
        elif feature == ADMIN2 and (not single or (primary and pop >= 300_000)):
            best = max(best, 2 if not single else 1)
        elif feature == CITY and pop >= 10_000:
            best = max(best, 1)
    if single and len(key) <= 4 and m.text.replace(".", "").isupper() and m.candidates and \
            gazetteer._feature[m.candidates[0][0]] in (COUNTRY, REGION):
        return 2  # 'UAE', 'U.S.', 'EU'
    if single and len(key) <= 2:
        # 'US', 'UK', 'EU' in capitals name countries and unions; other two-letter words are too ambiguous
        top = gazetteer._feature[m.candidates[0][0]] if m.candidates else None
        best = 2 if m.text.replace(".", "").isupper() and top in (COUNTRY, REGION) else 0
    if key in _COMMON:
        best = min(best, 0)
    if single and re.search(r"[a-z][A-Z]", m.text) and not any(p for _, p in m.candidates[:1]):
        best = 0  # 'MoD', 'iPhone': camel-case words are not spellings of places
    return best


def _cue(text: str, start: int, end: int) -> tuple[bool, int | None, bool]:
    """(locative cue, feature hint from a unit word, 'near X')."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 20]
    hint = None
    unit = re.match(r"\s+([A-Za-z-]+)", after)
    cue = False
    if unit:
        word = unit.group(1).lower()
        if word in _UNIT_ADMIN1:
            hint, cue = ADMIN1, True
        elif word in _UNIT_ADMIN2:
            hint, cue = ADMIN2, True
        elif word in _UNIT_CITY:
            hint, cue = CITY, True
    if _TOWN_OF.search(before):
        cue = True
        word = _TOWN_OF.search(before).group(0).split()[0].lower()
        if word in ("town", "city", "village", "villages", "port", "hamlet", "capital", "suburb", "outskirts"):
            hint = hint or CITY
        elif word in ("province", "provinces", "state", "governorate", "region"):
            hint = hint or ADMIN1
        elif word in ("district", "county"):
            hint = hint or ADMIN2
    # 'in al-Hasakeh', 'near ar-Raqqa': the Arabic article belongs to the name, the locative is before it
    prev = re.search(r"([A-Za-z]+)\s+(?:the\s+|" + ARABIC_ARTICLE + r")?$", before, re.I)
    if prev and prev.group(1).lower() in _LOCATIVE:
        cue = True
    elif unit and unit.group(1).lower() in _INSTITUTIONS:
        cue = True  # 'Roswell police', 'Cookville Volunteer Fire Department'
    surface = text[start:end]
    if surface.isupper() and len(surface) > 3 and _DATELINE.match(text, end) and (
            start == 0 or text[start - 1] in "\n.\"" or re.search(r"(?:^|[.!?\n]\s*)$", text[max(0, start - 3):start])):
        cue = True  # dateline: 'TORRINGTON — A fire ...', 'CHARLESTON, W.Va. --'
    if before.endswith("(") and text[end:end + 1] == ")":
        cue = True  # 'Fig Leaf Boutique (Maywood)'
    if re.search(r"\b[DRI]-$", before):
        cue = True  # party and home town: 'Sen. Ken Cuccinelli, R-Fairfax'
    near = bool(_NEAR.search(before))
    return cue, hint, near


_ARABIC_ARTICLES = ("al", "el", "ar", "as", "ad", "an", "ash", "az", "at")
ARABIC_ARTICLE = "(?:" + "|".join(_ARABIC_ARTICLES) + ")-"  # 'al-Hasakeh', 'ar-Raqqa'
_ARABIC_ARTICLE = re.compile(ARABIC_ARTICLE, re.I)


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity span without a leading 'the', a possessive and a trailing unit word."""
    surface = text[start:end]
    if surface.lower().startswith("the "):
        start += 4
    article = _ARABIC_ARTICLE.match(surface)
    if article and surface[article.end():article.end() + 1].isupper():
        start += article.end()  # 'al-Hasakeh' is the Hasakeh the gazetteer spells without its article
    end = _strip_possessive(text[start:end], end)
    tail = _GENERIC_TAIL.search(text[start:end])
    if tail:
        end = start + tail.start()
    return start, end


_NAME_LINKS = {"of", "de", "del", "la", "el", "for", "and", "the", "y", "al"}


def _name_tail(text: str, ent: tuple[int, int, str], m: Mention, gazetteer: Gazetteer) -> bool:
    """Whether ``m`` ends a name and follows two or three capitalised words that are no place, no
    direction, no institution, no linking word and no prominent place: a person's name ('Armando Villareal Heredia'),
    not 'University of Georgia', 'Tijuana Cartel', 'Southern Sudan' or 'Gainesville City Council'."""
    core_start, core_end = _core(text, ent[0], ent[1])
    if m.start <= core_start or m.end < core_end:
        return False
    words = text[core_start:m.start].split()
    if any(gazetteer._feature[entry] in (COUNTRY, CONTINENT) for entry, _ in m.candidates[:5]):
        return False  # 'Taco Bell Canada': no one's surname is a country
    if not 2 <= len(words) <= 3 or m.text.isupper():
        return False  # one word before is as often a brand ('Air Zimbabwe', 'Star India'); capitals a dateline
    for word in words:
        bare = word.strip(".,'\"")
        if not bare[:1].isupper() or not bare[1:].islower() or not bare.isalpha():
            return False
        low = bare.lower()
        if low in _NAME_LINKS or low in _INSTITUTIONS or _DIRECTION.match(low + " ") or _prominent(gazetteer, bare):
            return False
    return True


# Linking words inside a place name ('Ras al Ain', 'Morro do Cavalao', 'Choro del Mono'): the gazetteer
# matcher's connectors without the English ones that also join two names ('Kabul and Kandahar'), and words
# that follow a place without making a new name of it.
_INNER_LINKS = (_CONNECTORS - {"and", "of", "on", "upon", "the", "y", "e", "va", "am"}) | set(_ARABIC_ARTICLES) | {
    "bin", "ibn", "las", "los"}
_AFTER_A_PLACE = {"mountain", "mountains", "river", "valley", "lake", "dam", "airport", "border", "desert", "plain",
                  "plains", "coast", "island", "islands", "hills", "hill", "bay", "gulf", "sea", "pass", "crossing",
                  "highway", "road", "base", "front", "area"}


def _continues_into_a_longer_name(text: str, m: Mention, sentence_text: str) -> bool:
    """Whether a capitalised word (or a linking word and a capitalised word) right after ``m`` continues a
    longer name the gazetteer does not know: 'Tal' of 'Tal Tamer', 'Ras' of 'Ras al Ain', 'Bat' of 'Bat
    Galim Square', 'Loka' of 'Loka West' (the gazetteer would have matched the longer name if it knew it).
    Not in a title-case line (a headline capitalises every word: 'Attack in Villanueva Leaves 8 Dead')."""
    after = re.match(r" (?:([a-z]{1,3}) )?([A-Z][\w'’-]*)", text[m.end:m.end + 60])
    if after is None or (after.group(1) is not None and after.group(1) not in _INNER_LINKS):
        return False
    word = after.group(2).lower()
    if word in _AFTER_A_PLACE or word in _INSTITUTIONS or word in _UNIT_ADMIN1 or word in _UNIT_ADMIN2 \
            or word in _UNIT_CITY or after.group(2).isupper():
        return False  # 'Sinjar Mountains', 'Roswell Police', 'Idlib Province', 'Kabul AP'
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence_text) if len(w) > 3]
    return not words or sum(w[0].isupper() for w in words) < 0.8 * len(words)


def _abbreviates_a_name(text: str, m: Mention, accepted: list[Mention]) -> bool:
    """An acronym in brackets right after a capitalised name abbreviates that name; it is a place only
    when the name is one ('the United Arab Emirates (UAE)')."""
    surface = m.text.replace(".", "")
    if len(surface) < 2 or not surface.isupper() or text[m.start - 1:m.start] != "(" or text[m.end:m.end + 1] != ")":
        return False
    if any(0 <= m.start - other.end <= 3 for other in accepted):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, m.start - 80):m.start - 1])[-4:]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 2


def _prominent(gazetteer: Gazetteer, name: str) -> bool:
    """A country, state or region, or a town of 100,000 people, is called ``name`` (not a hamlet called Gordo)."""
    return any(gazetteer._feature[c.entry] in (COUNTRY, ADMIN1, REGION, CONTINENT) or gazetteer.population[c.entry] >= 100_000
               for c in gazetteer.lookup(name, limit=5))


# A quoted nickname between a first name and a capitalised surname: 'Joaquin "El Chapo" Guzman'.
_ALIAS_AFTER = re.compile(r"\s*[\"“”']{1,2}[A-Z][^\"“”'.,;]{0,30}[\"“”']{1,2}\s+[A-Z][a-z]")


def _people_surnames(text: str, ents: list[tuple[int, int, str]], gazetteer: Gazetteer) -> set[str]:
    """Last names of the people a text names in full ("Joaquin Guzman", "Enrique Camarena"): a later bare
    "Guzman" is the person, not a town called Guzmán (unless a unit word names the place: "Heredia
    province"). Not the name of a country, state, region or town of 100,000 ("George Washington")."""
    found: set[str] = set()
    for start, end, label in ents:
        if label != "PERSON":
            continue
        words = re.findall(r"[^\W\d_][\w'’-]*", text[start:end])
        if len(words) < 2 or not all(w[0].isupper() for w in words):
            continue
        last = re.sub(r"['’]s$", "", words[-1])
        if not _prominent(gazetteer, last):
            found.add(normalize(last))
    return found


def recognize(parsed, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions of a document (unresolved), in text order, without overlaps."""
    text = parsed.text
    matches = _gazetteer_matches(text, gazetteer)
    abbreviations = _state_abbreviations(text, gazetteer)
    matches = [m for m in matches if not any(a.start < m.end and m.start < a.end for a in abbreviations)]
    matches += abbreviations
    matches.sort(key=lambda m: m.start)
    # spaCy entities of parsed sentences, in document offsets
    ents: list[tuple[int, int, str]] = []
    sentence_starts: list[int] = []
    parsed_spans: list[tuple[int, int]] = []
    for sentence in parsed.sentences:
        sentence_starts.append(sentence.start)
        if not entity_checked(sentence):
            continue
        parsed_spans.append((sentence.start, sentence.end))
        ents.extend(sentence_entities(sentence))
    ents.sort()

    def ent_at(start: int, end: int) -> tuple[int, int, str] | None:
        for e in ents:  # documents have few entities; a linear scan is fine
            if e[0] < end and start < e[1]:
                return e
            if e[0] >= end:
                break
        return None

    def is_parsed(offset: int) -> bool:
        return any(s <= offset < e for s, e in parsed_spans)

    def sentence_text(start: int) -> str:
        sentence = parsed.sentence_at(start)
        return text[sentence.start:sentence.end] if sentence is not None else text[max(0, start - 200):start + 200]

    def sentence_initial(start: int) -> bool:
        before = text[max(0, start - 3):start]
        return start == 0 or bool(re.search(r"(?:[.!?\"“:]\s*|\n\s*)$", before)) or start in set(sentence_starts)

    accepted: list[Mention] = []
    covered: list[tuple[int, int]] = []
    surnames = _people_surnames(text, ents, gazetteer)  # place names read as the last name of a person in this text
    for m in matches:
        cue, hint, near = _cue(text, m.start, m.end)
        m.cue, m.hint, m.near = m.cue or cue, hint, near
        if not m.cue and re.search(r"[A-Za-z],\s$", text[max(0, m.start - 3):m.start]) and any(
                gazetteer._feature[e] in (ADMIN1, ADMIN2) for e, _ in m.candidates[:10]):
            m.cue = True  # 'Thruxton, Hampshire', 'Knockhill, Fife'

        strength = _strength(m, gazetteer)
        ent = ent_at(m.start, m.end)
        if ent is not None:
            m.label = ent[2]
        keep = False
        if normalize(m.text) in surnames:
            keep = m.cue and m.hint is not None  # only 'Heredia province' names the place again
        elif " " not in m.text and _ALIAS_AFTER.match(text, m.end):
            keep = False  # 'Joaquin "El Chapo" Guzman': a first name before a quoted nickname
        elif ent is not None and ent[2] == "PERSON":
            # a person named like a place ("Jordan Henderson"): only a whole-entity strong match with a cue
            # spaCy small tags many lone place names PERSON ('Alexandria woman charged'): a whole-entity
            # match is kept unless it reads like a person (a title before it, a speech verb after it)
            whole = ent[0] == m.start and ent[1] >= m.end - 2 and (m.demonym is None or " " not in text[ent[0]:ent[1]])
            prev = re.search(r"(\w+)\.?\s+$", text[max(0, m.start - 20):m.start])
            nxt = re.match(r"'?s?\s+(\w+)", text[m.end:m.end + 20])
            titled = prev is not None and prev.group(1).lower() in _TITLES
            speaks = nxt is not None and nxt.group(1).lower() in _SPEECH
            top = gazetteer._feature[m.candidates[0][0]] if m.candidates else None
            if strength == 2 and top in (COUNTRY, ADMIN1) and m.demonym is None:
                speaks = False  # 'Tamil Nadu said': a state speaking is still a toponym (metonymy)
            keep = whole and not titled and not speaks and (
                strength == 2 or (bool(m.candidates) and m.cue and normalize(m.text) not in _COMMON))
        elif ent is not None and ent[2] == "NORP":
            keep = m.demonym is not None or strength == 2 or (m.cue and bool(m.candidates))
        elif ent is not None and ent[2] in _SPACY_PLACE:
            core_start, core_end = _core(text, ent[0], ent[1])
            if m.start <= core_start and m.end >= core_end:
                keep = normalize(m.text) not in _COMMON or strength == 2  # the match is the entity (give or take 'the', 's, a unit word)
            else:  # 'Eastern Ghouta' is not 'Eastern': a part of a longer place name only when strong
                # and the whole is no known name ('Greece Italy' -> Greece, Italy)
                keep = strength == 2 and not gazetteer.has(normalize(text[core_start:core_end]))
        elif ent is not None and ent[2] == "ORG" and _name_tail(text, ent, m, gazetteer):
            # 'Armando Villareal Heredia' (spaCy small: ORG): a surname spelled like a province, and so
            # are the person's later bare mentions ('Heredia was responsible')
            surnames.add(normalize(m.text))
        elif ent is not None and ent[2] in ("ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
            # embedded in a name ('Pakistan Institute') only when strong; a lone mis-tagged name with a cue too
            keep = strength == 2 or (bool(m.candidates) and m.cue and ent[0] == m.start and ent[1] <= m.end + 1
                                     and normalize(m.text) not in _COMMON)
            if not keep and m.candidates and normalize(m.text) not in _COMMON:
                # 'Gainesville City Council', 'Dublin Police Department', 'University of Georgia':
                # a place names the institution
                ent_text = text[ent[0]:ent[1]]
                rest = (text[m.end:ent[1]] + " " + text[ent[0]:m.start]).lower()
                words = set(re.findall(r"[a-z]+", rest))
                lead = m.start - ent[0] <= 4 and ent_text[:m.start - ent[0]].lower() in ("", "the ")
                after_of = re.search(r"\bof\s+(?:the\s+)?$", text[ent[0]:m.start]) is not None
                keep = bool(words & _INSTITUTIONS) and (lead or after_of)
        elif ent is not None:  # DATE, CARDINAL, ...: a mis-tag is likelier than a place
            country_word = m.demonym is not None or (
                bool(m.candidates) and gazetteer._feature[m.candidates[0][0]] == COUNTRY)
            keep = (strength >= 1 and m.cue) or (strength == 2 and country_word)  # 'one million US dollars'
        else:
            initial = sentence_initial(m.start)
            if strength == 2:
                keep = True
            elif strength == 1:
                keep = m.cue or (not initial and not is_parsed(m.start))
            else:
                keep = bool(m.candidates) and m.cue and (m.hint is not None or (
                    len(m.text) > 3 and normalize(m.text) not in _COMMON and not initial))
        if keep and _abbreviates_a_name(text, m, accepted):
            keep = False  # "National Intelligence and Security Agency (NISA)" is no Nisa in Portugal
        if keep and strength < 2 and _continues_into_a_longer_name(text, m, sentence_text(m.start)):
            m.fragment = True  # 'in rural Tal Tamer': kept only if the text's places agree (see resolve)
        if keep and re.search(r"[A-Z][\w'’]*-$", text[max(0, m.start - 30):m.start]) and m.demonym is None:
            m.fragment = True  # 'Sava' of 'Mayo-Sava' (a division of Cameroon), not the region of Madagascar
        if keep:
            accepted.append(m)
            covered.append((m.start, m.end))
    # a rejected name in a list with accepted places ('Lovejoy, Jonesboro and Riverdale') is a place too
    accepted_spans = {(m.start, m.end) for m in accepted}
    changed = True
    while changed:
        changed = False
        for m in matches:
            if (m.start, m.end) in accepted_spans or not m.candidates or normalize(m.text) in _COMMON:
                continue
            if any(m.start < e and s < m.end for s, e in covered):
                continue
            ent = ent_at(m.start, m.end)
            if ent is not None and (ent[0] < m.start - 1 or ent[1] > m.end + 2):
                continue  # part of a longer name
            m.fragment = _strength(m, gazetteer) < 2 and _continues_into_a_longer_name(text, m, sentence_text(m.start))
            for other in accepted:
                gap = text[other.end:m.start] if other.end <= m.start else text[m.end:other.start]
                if len(gap) <= 6 and re.fullmatch(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", gap):
                    if gazetteer._feature[m.candidates[0][0]] in (CITY, ADMIN2) or other.demonym is None:
                        accepted.append(m)
                        accepted_spans.add((m.start, m.end))
                        covered.append((m.start, m.end))
                        changed = True
                        break
    # spaCy GPE/LOC the gazetteer did not spell: look up the trimmed entity text, else keep unresolved
    for start, end, label in ents:
        if label not in ("GPE", "LOC"):
            continue
        if any(s < end and start < e for s, e in covered):
            continue
        surface = text[start:end]
        if surface.lower().startswith("the "):
            start += 4
        end = _strip_possessive(text[start:end], end)
        surface = text[start:end]
        if not surface or not surface[0].isupper():
            continue
        key = normalize(_GENERIC_TAIL.sub("", surface))
        codes = gazetteer.codes(key) if key else ()
        state = gazetteer.us_states.get(surface) if surface.endswith(".") else None
        if state is not None:
            codes = (2 * state + 1,)  # 'in S.C. today
        stripped_direction = False
        if not codes and key:
            stripped = _DIRECTION.sub("", key)
            codes = gazetteer.codes(stripped) if stripped != key else ()
            stripped_direction = bool(codes)
        cue, hint, near = _cue(text, start, end)
        m = Mention(start, end, surface, [(c >> 1, bool(c & 1)) for c in codes[:60]], label=label, cue=cue,
                    hint=hint, near=near)
        m.fragment = stripped_direction  # 'Loka West' read as Loka: only if it resolves among the text's places
        if _GENERIC_TAIL.search(surface):
            word = surface.split()[-1].lower()
            m.hint = ADMIN1 if word in _UNIT_ADMIN1 else ADMIN2 if word in _UNIT_ADMIN2 else CITY
        accepted.append(m)
        covered.append((start, end))
    accepted.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in accepted:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    for m in out:
        m.the = text[max(0, m.start - 4):m.start] == "the "
        m.currency = CURRENCY_AFTER.match(text, m.end) is not None
    # apposition "X, Y" / "X in Y": remember the containing mention
    for k, (a, b) in enumerate(zip(out, out[1:])):
        gap = text[a.end:b.start]
        if re.fullmatch(r",\s*|\s+in\s+(?:the\s+)?|\s+\(|,\s+in\s+", gap):
            if gap.startswith(",") and (_LIST_NEXT.match(text, b.end) or (k > 0 and re.fullmatch(
                    r",\s*", text[out[k - 1].end:a.start]))):
                continue  # a list ('Washington, New York and Boston'), not 'Alexandria, La.'
            a.contained_in = k + 1
    if parsed.sentences:
        for m in out:
            sentence = parsed.sentence_at(m.start)
            m.sentence = sentence.index if sentence is not None else -1
    return out


# --------------------------------------------------------------------------- resolution

_LIST_NEXT = re.compile(r",\s*(?:and\s+|or\s+)?(?:the\s+)?[A-Z]|\s+(?:and|or|&)\s+(?:the\s+)?[A-Z]")
COUNTRY_WEIGHT = 4.0
PROXIMITY_FEATURES = (CITY, ADMIN2)
ALIAS_PENALTY_ANY = True
# weights of the context evidence (set by hand, checked on LGL and GeoWebNews)
W = {"pop": 0.8, "primary": 0.8, "capital": 2.0, "sentence_country": 1.0, "admin1": 1.0, "sentence_admin1": 1.0,
     "admin2": 4.5, "near50": 2.0, "near200": 1.2, "near500": 1.0,
     "country_vs_state": 2.2, "alias_city": 2.0, "country_vs_city": 2.5,
     "alias_any": 2.0, "contains_named": 3.0, "seat": 0.5,
     "admin2_seat": 2.0, "neighbour": 1.5}
ONE_SENSE = True
_FEATURE_PRIOR = {COUNTRY: 3.0, ADMIN1: 0.8, ADMIN2: -0.3, CITY: 0.0, REGION: 1.0, CONTINENT: 1.0}


def _contains(gazetteer: Gazetteer, outer: int, inner: int) -> bool:
    """Whether entry ``outer`` (country/admin1/admin2/region) contains entry ``inner``."""
    fo = gazetteer._feature[outer]
    if outer == inner:
        return False
    if fo == COUNTRY:
        return gazetteer.country[inner] == gazetteer.country[outer]
    if fo == ADMIN1:
        return gazetteer.country[inner] == gazetteer.country[outer] and gazetteer.admin1[inner] == gazetteer.admin1[outer] \
            and gazetteer._feature[inner] not in (COUNTRY, ADMIN1)
    if fo == ADMIN2:
        return gazetteer.country[inner] == gazetteer.country[outer] and gazetteer.admin2[inner] == gazetteer.admin2[outer] \
            and gazetteer._feature[inner] == CITY
    if fo in (REGION, CONTINENT):
        return distance_km(gazetteer._lat[outer], gazetteer._lon[outer], gazetteer._lat[inner], gazetteer._lon[inner]) < 800
    return False


def _score(m: Mention, entry: int, primary: bool, gazetteer: Gazetteer, ctx: _Context | None) -> float:
    feature = gazetteer._feature[entry]
    score = W['pop'] * gazetteer._logpop[entry] + _FEATURE_PRIOR[feature] + (W['primary'] if primary else -W['primary'])
    if entry in gazetteer.capitals:
        score += W['capital']
    if m.hint is not None:
        if feature == m.hint or (m.hint == ADMIN1 and feature == REGION):
            score += 4.0
        elif m.hint == ADMIN2 and feature == ADMIN1:
            score += 1.0
        elif m.hint == CITY and feature == ADMIN2:
            score += 0.5
        elif m.hint in (ADMIN1, ADMIN2) and feature == CITY:
            score -= 1.0
    if m.label == "NORP" and feature == COUNTRY:
        score += 1.0
    if ctx is None:
        return score
    cc = gazetteer.country[entry]
    a1 = gazetteer.admin1[entry]
    if cc:
        # leave-one-out: the mention's own reading does not vote for itself
        mine = ctx.own.get(m.key)
        total = ctx.total - (sum(mine.values()) if mine else 0.0)
        count = ctx.countries.get(cc, 0.0) - (mine[cc] if mine else 0.0)
        if total > 0:
            score += COUNTRY_WEIGHT * count / total + 0.3 * min(count, 5.0)
            if count <= 0 and _borders_a_named_country(cc, ctx, mine):
                score += W['neighbour']  # 'Israeli airstrikes ... in Gaza': the Gaza next door, not Mozambique's

        if ctx.sentence_countries.get(m.sentence, ()) and cc in ctx.sentence_countries[m.sentence]:
            score += W['sentence_country']
    if feature not in (COUNTRY, ADMIN1) and a1:
        mine_a1 = ctx.own_admin1.get(m.key)
        count = ctx.admin1.get((cc, a1), 0) - (mine_a1[(cc, a1)] if mine_a1 else 0)
        if count > 0:
            score += W['admin1']
        if (cc, a1) in ctx.sentence_admin1.get(m.sentence, ()):
            score += W['sentence_admin1']
    if feature == CITY:
        naming = ctx.admin2_names.get((cc, gazetteer.admin2[entry]), set())
        if naming - {m.key}:
            score += W['admin2']  # 'Athens' with 'Henderson County' in the article: the town inside that county
        elif naming:
            score += W['admin2_seat']  # 'Manchester' in Manchester district: the seat of its namesake district
    if m.container is not None and _contains(gazetteer, m.container, entry):
        score += 6.0
    if m.inner and feature in (COUNTRY, ADMIN1, ADMIN2) and any(_contains(gazetteer, entry, x) for x in m.inner):
        score += W['contains_named']  # 'Rurrenabaque, Beni': the Beni that holds a Rurrenabaque
    if ctx.points and feature in PROXIMITY_FEATURES:
        lat, lon = gazetteer._lat[entry], gazetteer._lon[entry]
        best = 1e9
        coslat = math.cos(math.radians(lat))
        for plat, plon, key in ctx.points:  # the other names' towns, within ~500 km
            if key == m.key or abs(plat - lat) > 4.6:
                continue
            dlon = abs(plon - lon)
            if min(dlon, 360 - dlon) * coslat > 4.6:
                continue
            best = min(best, distance_km(lat, lon, plat, plon))
        if best < 50:
            score += W['near50']
        elif best < 200:
            score += W['near200']
        elif best < 500:
            score += W['near500']
    return score


@dataclass(slots=True)
class _Context:
    countries: Counter
    own: dict[str, Counter]
    admin1: Counter
    own_admin1: dict[str, Counter]
    sentence_countries: dict[int, set[str]]
    sentence_admin1: dict[int, set[tuple[str, str]]]
    points: list[tuple[float, float, str]]  # (lat, lon, name key) of confidently placed towns
    # (country, admin2) -> the names (mention keys) whose candidates include that county or district;
    # a name's own district counts less than another name's ('Lagos' is a weak clue to the town in
    # Portugal's Lagos municipality, 'Henderson County' a strong one to the Athens inside it)
    admin2_names: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.countries.values())


def _pick(m: Mention, gazetteer: Gazetteer, ctx: _Context | None) -> None:
    if m.demonym is not None and not m.candidates:
        m.resolved, m.score, m.margin = m.demonym, 10.0, 10.0
        return
    if m.demonym is not None:
        # 'Iranian', 'Chinese': the demonym reading wins over a town spelled the same way
        m.resolved, m.score, m.margin = m.demonym, 10.0, 5.0
        return
    scored = [(_score(m, e, p, gazetteer, ctx), e) for e, p in m.candidates]
    features = {gazetteer._feature[e] for e, _ in m.candidates}
    if COUNTRY in features and ADMIN1 in features:
        # 'Georgia': the country and the US state compete on population and context, not on type
        scored = [(sc - W['country_vs_state'] if gazetteer._feature[e] == COUNTRY else sc, e) for sc, e in scored]
    if any(p and gazetteer._feature[e] in (COUNTRY, ADMIN1) for e, p in m.candidates):
        # 'Kansas', 'Montana': the state by its own name, not a city that lists it as an alternate name
        primary = {e for e, p in m.candidates if p}
        scored = [(sc - W['alias_city'] if gazetteer._feature[e] == CITY and e not in primary else sc, e)
                  for sc, e in scored]
    elif ALIAS_PENALTY_ANY and any(p for _, p in m.candidates):
        # 'Maryville': towns called so beat towns that merely list it as an alternate name
        primary = {e for e, p in m.candidates if p}
        scored = [(sc - W['alias_any'] if gazetteer._feature[e] == CITY and e not in primary else sc, e)
                  for sc, e in scored]
    if m.the and REGION in features:
        # 'the Atlantic', 'the Gulf': a sea or region, not a town of that name
        scored = [(sc - 3.0 if gazetteer._feature[e] == CITY else sc, e) for sc, e in scored]
    if len(m.text) <= 5 and m.text.replace(".", "").isupper() and (COUNTRY in features or REGION in features):
        # acronyms ('EU', 'UK', 'DRC') name countries and unions, not the town Eu
        scored = [(sc - 4.0 if gazetteer._feature[e] in (CITY, ADMIN2) else sc, e) for sc, e in scored]
    if COUNTRY in features:
        # 'Mexico', 'Panama', 'Djibouti': news means the country far more often than its namesake city
        scored = [(sc - W['country_vs_city'] if gazetteer._feature[e] == CITY else sc, e) for sc, e in scored]
    if m.hint in (None, CITY) and CITY in features and (ADMIN1 in features or ADMIN2 in features):
        scored = _seat_over_unit(scored, {e for e, p in m.candidates if p}, gazetteer)
    scored.sort(reverse=True)
    if not scored:
        m.resolved = None
        return
    m.resolved, m.score = scored[0][1], scored[0][0]
    m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0


def _borders_a_named_country(cc: str, ctx: _Context, mine: Counter | None) -> bool:
    """Whether another name in the text puts a country that borders ``cc`` in the context."""
    near = neighbours().get(cc, frozenset())
    return any(ctx.countries[other] - (mine[other] if mine else 0.0) > 0 for other in near if other in ctx.countries)


def _seat_over_unit(scored: list[tuple[float, int]], primary: set[int], gazetteer: Gazetteer) -> list[tuple[float, int]]:
    """A bare name shared by a state or district and the town inside it that bears its name ('Lagos',
    'Kano', 'Geneva', 'Manchester') means the town: the town takes its unit's score plus
    ``W['seat']``. Both must be called so by their own names (``primary``): Minneota lists
    'Minnesota' among its alternate names, New York City is not 'New York'. Only a unit word
    ('Lagos state', the mention's hint) asks for the unit. The town gains nothing over other places
    of that name beyond what its unit had."""
    units = [(sc, e) for sc, e in scored if gazetteer._feature[e] in (ADMIN1, ADMIN2) and e in primary]
    if not units:
        return scored
    out = []
    for sc, e in scored:
        if gazetteer._feature[e] == CITY and e in primary:
            inside = [unit_score for unit_score, unit in units if _contains(gazetteer, unit, e)]
            if inside:
                sc = max(sc, max(inside) + W['seat'])
        out.append((sc, e))
    return out


def _context(mentions: list[Mention], gazetteer: Gazetteer, min_margin: float) -> _Context:
    """What the other mentions say: countries (shares), admin1 units, points. A mention whose
    entry is uncertain still counts for the country (or admin1) all its top candidates share."""
    countries: Counter = Counter()
    own: dict[str, Counter] = {}  # per name: what its mentions contributed (left out when scoring them)
    admin1: Counter = Counter()
    own_admin1: dict[str, Counter] = {}
    sentence_countries: dict[int, set[str]] = {}
    sentence_admin1: dict[int, set[tuple[str, str]]] = {}
    points = []
    seen_points: set[tuple[int, str]] = set()
    for m in mentions:
        if m.resolved is None or m.currency:
            continue
        e = m.resolved
        feature = gazetteer._feature[e]
        if m.margin >= min_margin:
            cc, a1 = gazetteer.country[e], gazetteer.admin1[e]
        else:  # uncertain: only what its plausible candidates agree on
            top = [entry for entry, _ in m.candidates[:8]]
            ccs = {gazetteer.country[x] for x in top}
            cc = ccs.pop() if len(ccs) == 1 else ""
            a1s = {gazetteer.admin1[x] for x in top}
            a1 = a1s.pop() if cc and len(a1s) == 1 else ""
        if cc:
            weight = 1.0 if feature in (COUNTRY, ADMIN1) else 0.7
            countries[cc] += weight
            own.setdefault(m.key, Counter())[cc] += weight
            sentence_countries.setdefault(m.sentence, set()).add(cc)
        if a1 and feature in (ADMIN1, ADMIN2, CITY):
            admin1[(cc, a1)] += 1
            own_admin1.setdefault(m.key, Counter())[(cc, a1)] += 1
            if feature in (ADMIN1, ADMIN2):
                sentence_admin1.setdefault(m.sentence, set()).add((cc, a1))
        if feature in (CITY, ADMIN2) and m.margin >= min_margin and (e, m.key) not in seen_points:
            seen_points.add((e, m.key))
            points.append((gazetteer._lat[e], gazetteer._lon[e], m.key))
    admin2_names: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        for entry, _ in m.candidates[:20]:
            if gazetteer._feature[entry] == ADMIN2:
                admin2_names.setdefault((gazetteer.country[entry], gazetteer.admin2[entry]), set()).add(m.key)
    return _Context(countries, own, admin1, own_admin1, sentence_countries, sentence_admin1, points, admin2_names)


def resolve(mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """Pick an entry for every mention in place (two passes, the second with context)."""
    for m in mentions:
        m.container = None
        m.key = normalize(m.text)
    for m in mentions:
        m.inner = ()
    for m in mentions:
        if m.contained_in is not None:
            outer = mentions[m.contained_in]
            outer.inner = outer.inner + tuple(entry for entry, _ in m.candidates[:20])
    for m in mentions:
        _pick(m, gazetteer, None)
    for m in mentions:
        if m.contained_in is not None:
            m.container = mentions[m.contained_in].resolved
    ctx = _context(mentions, gazetteer, min_margin=1.0)
    for m in mentions:
        _pick(m, gazetteer, ctx)
    for m in mentions:
        if m.contained_in is not None:
            m.container = mentions[m.contained_in].resolved
    ctx = _context(mentions, gazetteer, min_margin=0.5)
    for m in mentions:
        if m.demonym is None:
            _pick(m, gazetteer, ctx)
    # one sense per discourse: every mention of a name takes one reading — that of a mention placed by a
    # container ('Paris, Texas' decides the bare 'Paris' later), else of its best-scored mention
    groups: dict[str, list[Mention]] = {}
    for m in mentions if ONE_SENSE else ():
        if m.demonym is None and m.resolved is not None and m.hint is None:
            groups.setdefault(m.key, []).append(m)
    for group in groups.values():
        if len(group) < 2:
            continue
        placed = [m for m in group if m.container is not None and _contains(gazetteer, m.container, m.resolved)]
        if placed:
            reading = max(placed, key=lambda m: m.score).resolved
        else:  # the best-supported reading
            reading = max(group, key=lambda m: m.score).resolved
        for m in group:
            if m.resolved != reading and any(e == reading for e, _ in m.candidates):
                m.resolved = reading
    for m in mentions:
        if not (m.fragment or m.hint is not None) or not _stray_abroad(m, gazetteer, ctx):
            continue
        if m.fragment:
            m.dropped = True
        elif _named_country(m, ctx):
            m.resolved = None  # 'Chora district, Urozgan' with Afghan forces: a district the gazetteer lacks


# A fragment of a longer name ('Tal' of 'Tal Tamer') is no place mention when all it can be is a town of
# fewer people than this in a country the text's other places do not name, or border near its other towns.
STRAY_POPULATION = 50_000
STRAY_NEIGHBOUR_KM = 500.0


def _named_country(m: Mention, ctx: _Context) -> bool:
    """Whether the rest of the text names a country (or a state of one) outright, not only towns."""
    mine = ctx.own.get(m.key)
    return any(weight - (mine[cc] if mine else 0.0) >= 1.0 for cc, weight in ctx.countries.items())


def _stray_abroad(m: Mention, gazetteer: Gazetteer, ctx: _Context) -> bool:
    """Whether ``m`` resolved to a small town or district, or a state or region, in a country that nothing
    else in the text names, or borders near the text's other towns: 'Tal' of 'Tal Tamer in al-Hasakeh' read
    as a hamlet in India, 'Loka' of 'Loka West ... Central Equatoria' as one in Slovenia, 'Sava' of
    'Mayo-Sava' as Madagascar's region. A fragment that resolves at home ('the Wamego Seniors Center' in a
    Kansas paper) stays a place."""
    e = m.resolved
    if e is None:
        return True
    if m.demonym is not None or gazetteer._feature[e] not in (CITY, ADMIN2, ADMIN1):
        return False
    if gazetteer._feature[e] != ADMIN1 and gazetteer.population[e] >= STRAY_POPULATION:
        return False  # a town of some size is known abroad (a state or region is by its name alone)
    cc = gazetteer.country[e]
    mine = ctx.own.get(m.key)
    support = ctx.countries.get(cc, 0.0) - (mine[cc] if mine else 0.0)
    if support > 0:
        return False
    if _borders_a_named_country(cc, ctx, mine):
        # next door counts only near the text's other towns
        nearest = min((distance_km(gazetteer._lat[e], gazetteer._lon[e], lat, lon)
                       for lat, lon, key in ctx.points if key != m.key), default=None)
        return nearest is not None and nearest > STRAY_NEIGHBOUR_KM
    return True


def to_place(m: Mention, gazetteer: Gazetteer) -> Place:
    if m.resolved is None:
        return Place(text=m.text, start=m.start, end=m.end, name=None, geonameid=None, country=None, admin1=None,
                     lat=None, lon=None, feature=None, geo_precision=None)
    place = gazetteer.place(m.resolved, m.text, m.start, m.end, score=m.score)
    if m.near and place.feature == "city":
        place.geo_precision = 2
    return place


def find_places(parsed, gazetteer: Gazetteer) -> list[Place]:
    """Every place mention of the document, resolved, with offsets into ``parsed.text``."""
    mentions = recognize(parsed, gazetteer)
    resolve(mentions, gazetteer)
    return [to_place(m, gazetteer) for m in mentions if not m.dropped]
