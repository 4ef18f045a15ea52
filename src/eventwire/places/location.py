"""Event locations: the most specific place an event's evidence gives.

Candidates are the resolved places inside the evidence span. Preference order:

1. places syntactically attached to the trigger: the object of a locative
   preposition (``in/near/at/on/outside/across ... X``) inside the trigger's
   subtree, or a place in the trigger's subtree that is not its subject;
2. other places of the trigger's sentence (then of the evidence) that are not
   actors — a place that is the subject of a verb or a possessor
   (``Iran summoned``, ``Pakistan's air force``) is an actor, not a location;
3. when only actors are left, ``None`` — unless the evidence has nothing
   better and the place is a possessor of a locative phrase ("Iran's Sistan").

Among equals the most specific wins (city > admin2 > admin1 > region > country),
then the nearest to the trigger. The result is a copy with ``geo_precision``
set per ACLED: 1 for the town itself, 2 for ``near X``/``outskirts of X`` or a
district, 3 for a province, region or country only (demonyms: the country, 3).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from eventwire.places.resolve import ARABIC_ARTICLE, CURRENCY_AFTER
from eventwire.records import Place

__all__ = ["event_location", "context_location"]

_SPECIFICITY = {"city": 0, "landmark": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
_LOCATIVE_PREPS = {"in", "near", "at", "on", "outside", "across", "inside", "into", "around", "throughout", "within",
                   "from", "towards", "toward", "to", "along", "off", "by", "between", "over"}
# nouns whose "of X" names a place ("the town of X", "the Municipality of X", "the vicinity of X")
_PLACE_NOUNS = {"town", "city", "village", "outskirts", "province", "district", "region", "area", "suburb", "port",
                "capital", "county", "state", "governorate", "neighbourhood", "neighborhood", "part", "parts",
                "municipality", "commune", "locality", "department", "prefecture", "township", "subdistrict",
                "sector", "zone", "settlement", "hamlet", "vicinity", "countryside", "island", "islands", "oblast",
                "raion", "rayon", "barangay", "division", "parish", "ward", "quarter", "environs", "periphery",
                "centre", "center", "streets", "street", "territory", "border", "borders", "coast", "island"}
# 'the US dollar' (a currency: see resolve.CURRENCY_AFTER), 'the Gulf Cartel', 'Sinaloa cartel', 'Mungiki gang':
# toponyms, but not where an event is
NOT_WHERE_AFTER = re.compile(CURRENCY_AFTER.pattern + r"|\s+(?:cartels?|gangs?|clans?|mafia|syndicate)\b", re.IGNORECASE)
_NEAR = re.compile(r"\b(?:near|nearby|outside|outskirts\s+of|close\s+to|(?:kilomet(?:er|re)s?|km|miles?)\s+"
                   r"(?:\w+\s+)?(?:from|of)|not\s+far\s+from)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$", re.I)


def _precision(parsed, place: Place) -> int:
    feature = place.feature or "country"
    if feature in ("country", "admin1", "region"):
        return 3
    if feature == "admin2":
        return 2
    before = parsed.text[max(0, place.start - 50):place.start]
    if _NEAR.search(before):
        return 2
    return 1


def _token_for(sentence, place: Place):
    """The spaCy token heading the place's span (None when unparsed or not found)."""
    doc = sentence.doc
    if doc is None:
        return None
    span = doc.char_span(place.start - sentence.start, place.end - sentence.start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


_PEOPLE_NOUNS = frozenset([
    "member", "citizen", "national", "agent", "official", "officer", "soldier", "troop", "diplomat", "envoy",
    "ambassador", "minister", "leader", "president", "journalist", "reporter", "activist", "worker", "tourist",
    "student", "resident", "man", "woman", "people", "force", "authority", "government", "army", "navy",
    "military", "police", "lawmaker", "senator", "prosecutor", "spokesman", "spokesperson", "delegation",
    "counterpart", "ally", "partner", "personnel", "contractor", "hostage", "prisoner", "national"])


# Words whose place phrase says where a person or group comes from or lives, not where an event happened.
_ORIGIN_HEADS = frozenset(["bear", "born", "raise", "raised", "grow", "hail", "originate", "originally",
                           "native"])  # verbs and adjectives ("native to"); "based in" can be where a victim was
_ORIGIN_NOUNS = frozenset(["native", "natives", "resident", "residents", "citizen", "citizens", "hometown"])


def _role(token) -> str:
    """'actor' (subject or possessor of a non-locative phrase), 'locative', or 'other'."""
    if token is None:
        return "other"
    head = token
    # climb compound/flat names ("Sistan and Baluchestan province")
    while head.dep_ in ("compound", "flat", "conj", "appos", "amod", "nmod") and head.head is not head:
        head = head.head
        if head.dep_ == "pobj" or head.pos_ == "ADP":
            break
    holder = head.head.head if head.dep_ == "pobj" else None
    if holder is not None and (holder.lower_ in _ORIGIN_NOUNS
                               or (holder.lemma_.lower() in _ORIGIN_HEADS and holder.pos_ != "NOUN")):
        return "actor"  # "born in San Diego", "a native of Sinaloa", "hailed from Culiacan": who someone is, not where
    if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS:
        return "locative"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _PLACE_NOUNS:
        return "locative"  # "near the town of Saravan", "the outskirts of Kabul"
    if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS:
        return "locative"
    if head.dep_ in ("nsubj", "nsubjpass", "agent"):
        return "actor"
    if token.dep_ == "poss" or head.dep_ == "poss":
        owner = (token if token.dep_ == "poss" else head).head
        if owner.dep_ == "pobj" and owner.head.lower_ in _LOCATIVE_PREPS:
            return "locative"  # "in Iran's Sistan and Baluchestan province"
        return "actor"
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and token.head.lemma_.lower() in _PEOPLE_NOUNS:
        return "actor"  # "Alleged US Member of Tijuana Cartel", "US officials": a nationality, not where
    if token.dep_ == "amod" or (token.ent_type_ == "NORP" and token.dep_ not in ("conj", "appos")):
        # "on Pakistani soil" is locative, "Pakistani officials" an actor (a place name spaCy tags NORP
        # in a list of places, "Coalcoman, Michoacan", is neither)
        noun = token.head
        if noun.dep_ == "pobj" and noun.head.lower_ in _LOCATIVE_PREPS:
            return "locative"
        return "actor"
    return "other"


def _in_subtree(token, trigger) -> bool:
    if token is None or trigger is None:
        return False
    node = token
    for _ in range(12):
        if node is trigger:
            return True
        if node.head is node:
            return False
        node = node.head
    return False


_INSIDE_GAP = re.compile(r",\s*|\s+\(|\s+in\s+(?:the\s+|" + ARABIC_ARTICLE + r")?", re.I)


def _namesakes(text: str, places: list[Place]) -> set[int]:
    """Towns the text puts inside another place ('X, Y', 'X (Y)', 'X in Y') that resolved to another
    country than it: a namesake the gazetteer has, the right town one it lacks (ids of the places).
    When the rest of the text names the town's country more often than the container's, the container
    is the namesake instead."""
    located = sorted((p for p in places if p.country and p.lat is not None), key=lambda p: p.start)
    countries = Counter(p.country for p in located)
    out: set[int] = set()
    for inner, outer in zip(located, located[1:]):
        if inner.country == outer.country or "city" not in (inner.feature, outer.feature):
            continue
        if outer.start - inner.end > 9 or not _INSIDE_GAP.fullmatch(text, inner.end, outer.start):
            continue
        inner_support = countries[inner.country] - 1
        outer_support = countries[outer.country] - 1
        out.add(id(outer) if inner_support > outer_support else id(inner))
    return out


# Verbs that move or change a place rather than act in it ("could bring Tijuana a step closer to war",
# "make Mexico safer"); an event verb's object is where it struck ("an insurgency that has ravaged Balochistan").
_CAUSATIVE_VERBS = frozenset(["bring", "make", "leave", "put", "turn", "push", "drive", "keep", "render", "get",
                              "help", "let", "move", "transform", "plunge", "pull", "drag", "lead", "steer"])


def _verb_object(token) -> bool:
    """The place is what a causative verb acts on, not where anything happens."""
    head = token
    while head is not None and head.dep_ in ("compound", "flat", "conj", "appos") and head.head is not head:
        head = head.head
    return head is not None and head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() in _CAUSATIVE_VERBS


def event_location(parsed, places: list[Place], evidence_start: int, evidence_end: int,
                   trigger_start: int | None = None, trigger_end: int | None = None) -> Place | None:
    """The most specific place the event's evidence gives, as a copy with ACLED geo_precision (or None)."""
    inside = [p for p in places if p.name and p.lat is not None and evidence_start <= p.start and p.end <= evidence_end
              and not NOT_WHERE_AFTER.match(parsed.text, p.end)]  # toponyms, but not where: 'the US dollar', 'Gulf Cartel'
    if not inside:
        return None
    if trigger_start is None:
        trigger_start, trigger_end = evidence_start, evidence_start
    trigger_end = trigger_end if trigger_end is not None else trigger_start
    trigger_sentence = parsed.sentence_at(trigger_start)
    trigger_token = None
    if trigger_sentence is not None and trigger_sentence.doc is not None:
        span = trigger_sentence.doc.char_span(trigger_start - trigger_sentence.start,
                                              max(trigger_end, trigger_start + 1) - trigger_sentence.start,
                                              alignment_mode="expand")
        if span is not None and len(span):
            trigger_token = span.root

    ranked = []
    namesakes = _namesakes(parsed.text, places)
    for place in inside:
        sentence = parsed.sentence_at(place.start)
        token = _token_for(sentence, place) if sentence is not None else None
        role = _role(token)
        if token is not None and _verb_object(token):
            continue  # "could bring Tijuana a step closer to war": not where anything happens
        same_sentence = sentence is not None and trigger_sentence is not None and sentence.index == trigger_sentence.index
        attached = same_sentence and _in_subtree(token, trigger_token) and role != "actor"
        if attached and role == "locative":
            tier = 0
        elif attached:
            tier = 1
        elif same_sentence and role == "locative":
            tier = 2
        elif role == "locative":
            tier = 3
        elif role != "actor" and same_sentence:
            tier = 4
        elif role != "actor":
            tier = 5
        else:
            tier = 9  # an actor: only as a last resort
        if sentence is not None and sentence.doc is None:
            tier = 2 if same_sentence else 4  # unparsed: no syntax, proximity decides
        if id(place) in namesakes:
            tier = 9  # 'Arada (Tripoli)' read as Arada, Honduras: the container says where
        distance = abs(place.start - trigger_start)
        ranked.append((tier, _SPECIFICITY.get(place.feature or "country", 4), distance, place))
    group = {0: 0, 1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 9: 9}
    if not ranked:
        return None
    best = min(group[item[0]] for item in ranked)
    if best == 9:
        return None  # only actors ("Iran summoned Pakistan's envoy"): no location
    # the most specific place of the best group (attached to the trigger / locative in its sentence / ...)
    band = sorted((item for item in ranked if group[item[0]] == best), key=lambda item: (item[1], item[0], item[2]))
    chosen = band[0][3]
    return dataclasses.replace(chosen, geo_precision=_precision(parsed, chosen))


def context_location(parsed, places: list[Place], evidence_start: int, max_sentences: int = 3) -> Place | None:
    """Where the story is when an event's own sentence names no place ("Two people were arrested."
    after "In Sao Jose, Santa Catarina, police dismantled a drug lab."): the place the nearest of the
    preceding sentences of the same paragraph (at most ``max_sentences`` back) gives its own events,
    at ACLED geo_precision 2 at best (the event is placed by its context, not by its words)."""
    sentence = parsed.sentence_at(evidence_start)
    if sentence is None:
        return None
    for index in range(sentence.index - 1, max(-1, sentence.index - 1 - max_sentences), -1):
        previous = parsed.sentences[index]
        if previous.paragraph != sentence.paragraph:
            break
        found = event_location(parsed, places, previous.start, previous.end)
        if found is not None:
            return dataclasses.replace(found, geo_precision=max(found.geo_precision or 1, 2))
    return None

