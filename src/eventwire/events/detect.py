"""Event detection: find the clauses that state events, code them, and merge mentions of one event.

How a document's events are found:

1. **Triggers.** In each parsed sentence, words whose lemma is in the trigger
   lexicon (``data/triggers.tsv``: verbs such as *summon*, *urge*, *withdraw*
   [an ambassador], nouns such as *airstrike*, *bombing*, *protest*) and whose
   dependents satisfy the row's condition. A verb whose subject is itself an
   event noun ("an attack that killed nine") is not a second event; negated,
   hypothetical and habitual mentions are skipped.
2. **Classification.** The clause around each trigger goes through the
   embedding classifier (:mod:`eventwire.events.classify`) for the ACLED
   sub-event type; the lexicon's PLOVER type wins for the PLOVER field and
   decides which ACLED sub-types fit.
3. **Arguments.** Actors from the dependency tree (subject / agent / possessive
   / "launched by" -> actor1; object / "on"/"against" -> actor2), pronouns and
   "the group" resolved to the nearest fitting earlier entity; the date from
   :func:`eventwire.timex.event_date`, the place from
   :func:`eventwire.places.event_location`; attribution from "X said".
4. **Merging.** Mentions of the same event (same type, compatible actors,
   dates and places; "the strikes", "Thursday's strike") become one event whose
   fields are the most specific its mentions give; "a separate blast" never
   merges.
5. **Counts and order.** Casualty figures are assigned by
   :func:`eventwire.casualties.assign_casualties`; events are ordered by
   salience (lead position, number of mentions, violence).
6. **Short texts** (a news snippet, an ACLED note: ``SHORT_DOCUMENT``). The
   classifier also reads the whole text; that reading weighs in choosing the
   main event, decides its ACLED type when it is confident, and keeps a
   confidently coded text's event when every trigger fell away.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date

from eventwire import actors as actor_coding
from eventwire import casualties as casualty_stage
from eventwire import places as place_stage
from eventwire import timex
from eventwire.nlp import ParsedDocument, Sentence, sentence_entities
from eventwire.records import (
    ACLED_EVENT_TYPE_OF_SUB,
    Actor,
    Attribution,
    Event,
    EventDate,
    Evidence,
    Place,
    Time,
)
from eventwire.settings import PACKAGE_DATA, Settings

# ACLED sub-event types that fit each PLOVER type (others are not coded by ACLED: None).
ACLED_FOR_PLOVER: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset(
        ["Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
         "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
         "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance", "Mob violence",
         "Excessive force against protesters"]),
    "PROTEST": frozenset(["Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                          "Violent demonstration", "Mob violence"]),
    "COERCE": frozenset(["Arrests", "Protest with intervention", "Excessive force against protesters",
                         "Looting/property destruction", "Disrupted weapons use", "Abduction/forced disappearance"]),
    "MOBILIZE": frozenset(["Headquarters or base established", "Change to group/activity"]),
    "AGREE": frozenset(["Agreement"]),
    "SUPPORT": frozenset(["Agreement"]),  # PLOVER 2021 (CAMEO 057): signing a formal agreement
    "CONCEDE": frozenset(["Change to group/activity", "Non-violent transfer of territory"]),
    "RETREAT": frozenset(["Non-violent transfer of territory", "Change to group/activity", "Agreement"]),
}
VIOLENT = frozenset(["ASSAULT", "COERCE"])
EASED_PRESSURE = frozenset(["blockade", "siege", "sanction", "sanctions", "embargo", "boycott"])
ACLED_FAMILY = frozenset(["ASSAULT", "COERCE", "PROTEST"])
# The PLOVER type and mode an ACLED sub-event type implies when the classifier re-types an event.
SUB_TO_PLOVER_TYPE: dict[str, tuple[str, str | None]] = {
    "Peaceful protest": ("PROTEST", "demo"), "Protest with intervention": ("PROTEST", "demo"),
    "Violent demonstration": ("PROTEST", "riot"), "Mob violence": ("ASSAULT", "primitive"),
    "Excessive force against protesters": ("COERCE", "crowd-control"), "Arrests": ("COERCE", "arrest"),
    "Looting/property destruction": ("COERCE", "destroy"), "Disrupted weapons use": ("COERCE", "seize"),
    "Armed clash": ("ASSAULT", "firearms"), "Attack": ("ASSAULT", None), "Air/drone strike": ("ASSAULT", "aerial"),
    "Shelling/artillery/missile attack": ("ASSAULT", "heavy-weapons"), "Suicide bomb": ("ASSAULT", "suicide-attack"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"), "Grenade": ("ASSAULT", "explosives"),
    "Sexual violence": ("ASSAULT", "sexual"), "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Chemical weapon": ("ASSAULT", "CBRN"), "Government regains territory": ("ASSAULT", None),
    "Non-state actor overtakes territory": ("ASSAULT", None),
}
TYPE_WEIGHT = {"ASSAULT": 3.0, "COERCE": 2.0, "PROTEST": 2.0, "SANCTION": 1.5, "THREATEN": 1.5, "MOBILIZE": 1.2}

KILL_LEMMAS = frozenset(["kill", "killing", "murder", "massacre", "assassinate", "assassination", "execute",
                         "behead", "dead", "body", "shoot"])
PARTICIPANT_NOUNS = frozenset(["protester", "protestor", "demonstrator", "rioter", "bomber"])
LIGHT_VERBS = frozenset(["launch", "carry", "conduct", "stage", "mount", "unleash", "begin", "continue", "step",
                         "trigger", "plant", "detonate", "set", "hurl", "throw", "drop", "fire", "stage",
                         "order", "claim", "perform", "commit", "execute", "hold", "organize", "organise", "lead"])
LIGHT_VERB_FORMS = frozenset(
    {f for verb in LIGHT_VERBS for f in (verb, verb + "s", verb + "ed", verb + "d", verb + "ing", verb[:-1] + "ing",
                                         verb[:-1] + "ied", verb[:-1] + "ies")}
    | {"began", "begun", "led", "held", "carried", "carries", "stepped"})
HYPOTHETICAL_AUX = frozenset(["will", "would", "could", "might", "may", "should", "shall", "'ll", "must"])
HYPOTHETICAL_HEADS = frozenset(["plan", "threaten", "vow", "intend", "want", "seek", "try", "prepare", "suspect",
                                "expect", "anticipate", "predict",
                                "accuse", "allege", "fear", "risk", "avoid", "prevent", "deny", "refuse", "warn",
                                # permission is not the act: "a Coast Guard Law that authorizes firing on vessels"
                                "authorize", "authorise", "permit", "allow", "license", "legalize", "legalise"])
RISK_NOUNS = frozenset(["risk", "threat", "danger", "fear", "possibility", "chance", "likelihood", "prospect",
                        "spectre", "specter", "probability", "warning", "risks", "threats", "fears"])
ANAPHORIC_DETERMINERS = frozenset(["the", "this", "these", "that", "those", "its", "their", "his", "her"])
SEPARATE_WORDS = frozenset(["separate", "another", "second", "third", "other", "new", "earlier", "previous", "similar"])
NON_ACTOR_NOUNS = re.compile(
    r"^(soil|territory|area|region|border|city|town|village|province|district|capital|country|side|hideouts?|"
    r"positions?|targets?|sites?|facilities|facility|bases?|camps?|areas|villages|towns|restraint|calm|"
    r"tension|tensions|escalation|plan|plans|price|statement|attention|support|"
    # events and disasters are no actors: "a war that ... killed 100,000 people", "the blast killed"
    r"war|conflict|violence|fighting|clash|crisis|unrest|storm|cyclone|hurricane|typhoon|flood|earthquake|"
    r"disease|outbreak|epidemic|pandemic|accident|fire|blast|explosion|attack|bombing|shelling|strike|"
    r"hunting|poaching|drought|famine|landslide)$",
    re.IGNORECASE,
)
# Nor does a time or a vehicle act: "noon hours today resulting in ... killed", "the car hit a roadside bomb"
NON_AGENT_NOUNS = re.compile(
    r"^(hour|noon|morning|afternoon|evening|night|day|week|month|year|time|moment|today|yesterday|tonight|"
    r"car|bus|truck|lorry|train|taxi|minibus|van|vehicle|motorcycle|motorbike)$",
    re.IGNORECASE,
)
PERSONAL = frozenset(["i", "we", "you", "he", "she", "it", "they", "us", "them", "its", "their", "our", "his", "her",
                      "him", "who", "which", "that"])
GROUP_ANAPHORS = re.compile(r"^(?:the|this|that|these)\s+(?:group|organi[sz]ation|militants?|separatists?|rebels?|"
                            r"insurgents?|movement|outfit|faction|fighters|jihadists?)$", re.IGNORECASE)
SPEECH_VERBS = frozenset(["say", "tell", "announce", "state", "claim", "report", "add", "confirm", "describe",
                          "quote", "acknowledge", "allege", "note", "write", "post", "declare", "insist", "explain",
                          "reiterate", "stress", "emphasize", "emphasise", "conclude", "argue", "warn"])


# --------------------------------------------------------------------------- trigger lexicon


@dataclass(frozen=True, slots=True)
class TriggerRule:
    lemma: str
    pos: str  # V | N | *
    type: str
    mode: str | None
    acled_hint: str | None
    needs: re.Pattern | None


@functools.lru_cache(maxsize=4)
def load_triggers(path: str | None = None) -> dict[str, tuple[TriggerRule, ...]]:
    """The trigger lexicon by lemma (rows of one lemma in file order)."""
    source = PACKAGE_DATA / "triggers.tsv" if path is None else path
    table: dict[str, list[TriggerRule]] = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            lemma, pos, plover, mode, hint, needs = (line.rstrip("\n").split("\t") + ["-"] * 6)[:6]
            rule = TriggerRule(
                lemma, pos, plover, None if mode == "-" else mode, None if hint == "-" else hint,
                None if needs in ("-", "") else re.compile(needs),
            )
            table.setdefault(lemma, []).append(rule)
    return {lemma: tuple(rules) for lemma, rules in table.items()}


def needs_parse(parsed: ParsedDocument, sentence: Sentence) -> bool:
    """The fast path's pre-filter: can this sentence carry an event (or a casualty figure)?"""
    from eventwire.scale import prefilter  # the lexicon-exact filter (its recall is measured there)

    return prefilter.needs_parse(sentence.text)


# --------------------------------------------------------------------------- mentions


@dataclass(slots=True)
class EventContext:
    times: list[Time]
    places: list[Place]
    casualties: list
    classifier: object
    settings: Settings


@dataclass(slots=True)
class Mention:
    sentence: Sentence
    trigger: object  # spaCy token
    governor: object  # the token whose dependents carry the arguments (light verb or trigger)
    rule: TriggerRule
    clause_text: str
    actor1: Actor | None = None
    actor2: Actor | None = None
    date: EventDate | None = None
    location: Place | None = None
    attribution: Attribution | None = None
    anaphoric: bool = False
    separate: bool = False
    reference: bool = False  # an event named as the object of another ("condemn the strikes", "over the attack")
    planned: bool = False  # future or modal ("will begin a drill"): no ACLED coding
    habitual: bool = False  # "routinely beat up", "are often arrested": a pattern, not one event
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    mode: str | None = None
    confidence: float = 0.5
    scores: dict[str, float] = field(default_factory=dict)
    inter_hint: tuple[int | None, int | None] | None = None  # the classifier's ACLED inter guesses
    lexicon_rule: TriggerRule | None = None  # the lexicon's reading, kept when the classifier re-types the mention

    @property
    def type(self) -> str:
        return self.rule.type

    def trigger_offsets(self) -> tuple[int, int]:
        return self.sentence.offsets(self.trigger)


def _dependent_lemmas(token) -> set[str]:
    """Lemmas a rule's ``needs`` is matched against: the token's dependents and their children."""
    lemmas = set()
    for child in token.children:
        lemmas.add(child.lemma_.lower())
        lemmas.add(child.text if child.text[:1].isupper() else child.lemma_.lower())
        if child.ent_type_ == "PERSON" and child.dep_ in ("dobj", "nsubjpass"):
            lemmas.add("@person")  # "captured Juan Perez", "Guerrero was recaptured": a person, by name
        for grandchild in child.children:
            lemmas.add(grandchild.lemma_.lower())
            for great in grandchild.children:  # "provide 25,000 tons of food aid"
                lemmas.add(great.lemma_.lower())
    if token.dep_ in ("dobj", "nsubjpass", "pobj", "compound", "nsubj", "acl", "relcl", "oprd", "acomp"):
        lemmas.add(token.head.lemma_.lower())
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.lemma_.lower() not in load_triggers():
        lemmas.add(token.head.head.lemma_.lower())  # "went on strike": the verb the phrase hangs on, when no
        # trigger itself ("has not agreed to the ceasefire" is the verb's, negated)
    return lemmas


def _lemma_candidates(token) -> list[str]:
    """The lemma, then crude stems of the word itself (the small model mislemmatises rarer verbs)."""
    word = token.lower_
    candidates = [token.lemma_.lower(), word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            candidates.append(word[: -len(suffix)] + repl)
    if len(word) > 4 and word[-3] == word[-4] and word.endswith(("ed", "ing")):  # "stepped", "shelling"
        candidates.append(word[: -3] if word.endswith("ed") else word[: -4])
    return candidates


def _match_rule(token) -> TriggerRule | None:
    table = load_triggers()
    rules = None
    for candidate in _lemma_candidates(token):
        rules = table.get(candidate)
        if rules:
            break
    if not rules:
        return None
    pos = ("V" if token.pos_ in ("VERB", "AUX") else "N" if token.pos_ in ("NOUN", "PROPN")
           else "A" if token.pos_ == "ADJ" else None)
    if pos is None:
        return None
    dependents = None
    for rule in rules:
        if rule.pos != pos and not (rule.pos == "*" and pos in ("V", "N")):
            continue
        if rule.needs is None:
            return rule
        if dependents is None:
            dependents = _dependent_lemmas(token)
        if any(rule.needs.search(lemma) for lemma in dependents):
            return rule
    return None


TRUCE_NOUNS = frozenset(["ceasefire", "truce", "cease-fire"])


def _bilateral_truce(token) -> bool:
    """'declared a ceasefire with the government', 'a truce between the two sides': an agreement (PLOVER
    AGREE, ACLED Agreement), not a unilateral ceasefire (PLOVER RETREAT, CAMEO 0871)."""
    nouns = [token] if token.lemma_.lower() in TRUCE_NOUNS else \
        [c for c in token.children if c.lemma_.lower() in TRUCE_NOUNS]
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for noun in nouns for c in noun.children) \
        or any(c.dep_ == "amod" and c.lower_ in ("mutual", "bilateral") for noun in nouns for c in noun.children)


REQUEST_HEADS = frozenset(["urge", "call", "demand", "ask", "press", "request", "appeal", "insist", "push",
                           "pressure", "implore", "beg", "exhort"])


def _requested(token) -> bool:
    """The act is the content of a request ("urged Israel to ease restrictions", "its demand that Israel
    ease restrictions", "called for the Taliban to lift the ban")."""
    node = token
    for _ in range(2):
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj") or node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in REQUEST_HEADS:
            return True
    return False


def _calls_on_someone(verb) -> bool:
    """'called for calm', 'called on Arabs to unite', 'called upon the government': an appeal; not 'called off
    the strike on Tuesday' nor 'called on Monday'."""
    if any(c.dep_ == "prt" and c.lower_ in ("off", "up", "back", "in", "out") for c in verb.children):
        return False
    if any(g.dep_ == "mark" and g.lower_ == "for" for c in verb.children for g in c.children):
        return True  # "called for Russia to reciprocate": the parser makes "for" the clause's marker
    for prep in verb.children:
        if prep.dep_ in ("prep", "prt") and prep.lower_ in ("for", "on", "upon"):
            target = _child(prep, "pobj")
            if prep.dep_ == "prt" or target is None or target.ent_type_ not in ("DATE", "TIME"):
                return True
    return False


RELEASED_PEOPLE = frozenset([
    "prisoner", "hostage", "detainee", "captive", "activist", "journalist", "minister", "president", "leader",
    "member", "soldier", "civilian", "people", "worker", "student", "opposition", "suspect", "man", "woman",
    "child", "girl", "boy", "national", "citizen", "crew", "sailor", "fisherman", "refugee", "migrant",
    "missionary", "abductee", "schoolgirl", "schoolchild", "passenger", "tourist", "dissident",
    "critic", "politician", "lawmaker", "officer", "policeman", "body", "remains", "he", "she", "they", "him",
    "her", "them"])


def _releases_people(verb) -> bool:
    """'released 20 prisoners', 'Hamas freed Emily Damari', 'he was released': people set free (PLOVER
    RETREAT, release), not a report, a statement, funds or a film."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            if child.ent_type_ in ("PERSON", "NORP") or child.lemma_.lower() in RELEASED_PEOPLE:
                return True
            return any(c.dep_ == "prep" and c.lower_ == "of" and any(
                g.lemma_.lower() in RELEASED_PEOPLE or g.ent_type_ == "PERSON" for g in c.children)
                       for c in child.children)  # "released dozens of prisoners"
    return False


def _headline_case(sentence) -> bool:
    """Most longer words capitalised: a headline glued to the text ("Monterrey Massacre Comes Amid ...")."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.6 * len(words)


def _part_of_a_name(token) -> bool:
    """A capitalised event word spaCy puts inside a named entity, in running text: "Sin Embargo" (a Mexican
    news site) reported ...; not in a headline, where every word is capitalised."""
    return token.pos_ == "PROPN" and token.text[:1].isupper() and not _first_word(token) \
        and token.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "LAW") \
        and not _headline_case(token.sent)


def _inside_a_name(token) -> bool:
    """A capitalised event word in the of/on/for-phrase of a capitalised name names an institution or a
    law, not an event ("the U.N. Working Group on Arbitrary Detention"). Headlines, all in capitals,
    are left alone."""
    if not token.text[:1].isupper() or _first_word(token):
        return False
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head  # "... Office on Drugs and Crime"
    if node.dep_ != "pobj" or node.head.lower_ not in ("on", "of", "for", "against") \
            or not node.head.head.text[:1].isupper() or node.head.head.pos_ != "PROPN":
        return False
    return not _headline_case(token.sent)


def _hyphen_compound(token) -> bool:
    """'shoot-outs', 'stand-off': the parser splits the hyphenated noun and hangs the first part on the
    second as a compound; together they are one word, the event."""
    doc = token.doc
    return token.head.i == token.i + 2 and doc[token.i + 1].text == "-" and token.head.lower_ in (
        "out", "outs", "off", "offs", "in", "ins", "up", "ups")


def _describes_event_noun(verb) -> bool:
    """A verb that only tells what an event noun did: its subject is one ("the strikes killed"), or it
    sits in a relative clause under one ("Iran's attack on Pakistani soil that killed two children")."""
    subject = _subject(verb)
    if subject is not None and _is_event_noun(subject):
        return True
    if verb.dep_ in ("relcl", "acl"):
        node = verb.head
        for _ in range(4):
            if _is_event_noun(node):
                return True
            if node.head is node or node.dep_ not in ("pobj", "prep", "compound", "appos", "dobj", "nsubj", "attr"):
                break
            node = node.head
    return False


def _told_by(noun) -> list:
    """The verbs that only tell what this event noun did (``_describes_event_noun``): the one it is the
    subject of ("the bombing killed ..."), those in its relative clauses ("an attack that killed ...")."""
    verbs = [noun.head] if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" else []
    verbs += [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
    return [v for v in verbs if _describes_event_noun(v) and _is_violent_verb(v)]  # not "blamed on", "has fallen"


def _is_violent_verb(verb) -> bool:
    rule = _match_rule(verb)
    return rule is not None and rule.type in VIOLENT


def _is_event_noun(token) -> bool:
    rule = _match_rule(token) if token.pos_ in ("NOUN", "PROPN") else None
    return rule is not None and rule.type in VIOLENT


def _negated_or_conditional(token) -> bool:
    """'Russia has not agreed', 'whether they agree', 'if troops attack' (also 'If you're China and you
    release him': the condition's second verb): not a reported event."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "any")) for c in token.children):
        return True
    return _conditional(token) or _nobody_took_part(token)


NOBODY = frozenset(["nobody", "none", "nothing", "noone"])


def _nobody_took_part(verb) -> bool:
    """'no passengers were killed', 'No one was hurt', 'killed nobody', 'None of the hostages were harmed':
    a verb whose subject or object is no one happened to no one."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and (child.lower_ in NOBODY or any(
                c.dep_ == "det" and c.lower_ == "no" for c in child.children)):
            return True
    return False


def _conditional(token) -> bool:
    """Under if / unless / whether, itself or as the second verb of such a clause."""
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if", "unless") for c in token.children):
        return True
    if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.head.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in token.head.children)
    return False


# Consent verbs whose negation is a refusal (PLOVER REJECT: "refuse, decline, not accept or allow").
REFUSED_WHEN_NEGATED = frozenset(["accept", "agree", "allow", "permit", "approve", "recognize", "recognise"])


def _refused(token) -> bool:
    """'will not accept', 'does not recognize', 'refused ... would not allow': a negated consent verb that
    states a refusal, not 'has not (yet) agreed' (no agreement so far) and not under if/whether/unless."""
    children = list(token.children)
    if not any(c.dep_ == "neg" for c in children) or _conditional(token):
        return False
    if any(c.lower_ == "yet" for c in children) or any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children):
        return False
    return token.dep_ not in ("xcomp", "advcl", "acl", "relcl", "pcomp")


def _hypothetical(token) -> bool:
    """Negated, future/modal, a purpose ("bombs to carry out attacks"), or embedded under
    plan/threaten/suspect... (not a reported fact)."""
    if token.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in token.children) and token.head.lemma_.lower() not in (
            "begin", "start", "continue", "manage", "try", "attempt"):
        return True
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX:
            return True
    head = token
    for _ in range(3):
        if head.dep_ in ("xcomp", "pcomp", "pobj", "ccomp", "advcl", "dobj") and head.head.lemma_.lower() in HYPOTHETICAL_HEADS:
            return True
        if head.dep_ == "prep" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
                and head.head.lemma_.lower() in RISK_NOUNS:
            # "the risk of the prisoner being assassinated", "fears of an attack": what might happen
            return True
        if head.head is head:
            break
        head = head.head
    return False


STRUCK_FIGURES = frozenset(["blow", "nerve", "note", "fear"])  # strike / deal a blow, strike a nerve
ABSTRACT_TARGETS = frozenset([
    "blaze", "wildfire", "bushfire", "inferno", "flood", "drought", "locust", "virus", "pandemic",
    "epidemic", "outbreak", "disease", "infection", "covid", "covid-19", "coronavirus", "cholera", "ebola", "malaria",
    "measles", "cancer", "corruption", "poverty", "inflation", "unemployment", "hunger", "famine", "climate",
    "misinformation", "disinformation", "fraud", "impunity", "addiction", "obesity", "deficit", "recession",
    "odds", "illness", "stigma", "discrimination", "racism", "graft", "bribery", "idea", "chord", "balance",
    "tone", "pose", "match", "oil", "gold",
    "deal", "bargain", "accord", "agreement", "pact", "compromise"])  # "struck a deal" is an agreement


CLASHING_IDEAS = frozenset(["argument", "view", "claim", "idea", "policy", "statement", "interest", "principle",
                            "position", "version", "narrative", "finding", "data", "report", "value", "goal",
                            "assessment", "account", "law", "rule", "notion", "belief", "plan", "vision", "image"])


TREND_VERBS = frozenset(["rise", "increase", "fall", "drop", "decline", "decrease", "double", "triple", "soar", "surge",
                         "climb", "spike", "plummet", "jump", "grow", "dip", "plunge", "fluctuate", "skyrocket",
                         "balloon", "halve", "tumble", "slump"])
TREND_NOUNS = frozenset(["rise", "increase", "fall", "drop", "decline", "decrease", "surge", "spike", "jump", "growth",
                         "reduction", "dip", "upsurge", "uptick", "rate", "rates", "number", "numbers", "level",
                         "levels", "statistic", "statistics", "figure", "figures", "tally", "count"])


def _a_trend(token) -> bool:
    """What rises or falls is a statistic, not an event: "the population has shot up", "Murders and
    disappearances have shot up to record levels", "kidnappings dropped from 95 to 68", "a 20% spike in
    murders" ("Gunmen shot up a bar" is a shooting: it has an object)."""
    if token.lemma_.lower() == "shoot" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children) \
            and _child(token, "dobj") is None:
        return True
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = token.head
    subject = token if token.dep_ == "nsubj" else head if token.dep_ == "conj" and head.dep_ == "nsubj" else None
    if subject is not None:  # "kidnappings dropped", "Murders and disappearances have shot up"
        verb = subject.head
        up = any(c.dep_ == "prt" and c.lower_ in ("up", "down") for c in verb.children)
        return verb.lemma_.lower() in TREND_VERBS or (verb.lemma_.lower() in ("shoot", "go") and up)
    return token.dep_ == "pobj" and head.lower_ in ("in", "of") and head.head.lemma_.lower() in TREND_NOUNS


def _shows_something(noun) -> bool:
    """'a demonstration of force', 'a demonstration of what's known as the balloon effect': a showing, not a
    protest ('a demonstration of farmers' is one)."""
    if noun.lemma_.lower() != "demonstration":
        return False
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    shown = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None) if of is not None else None
    return shown is not None and not _party(shown) and shown.lemma_.lower() not in PARTICIPANT_NOUNS


def _abstract_target(token) -> bool:
    """Whether a fighting word is aimed at a fire, a disease or a social ill ("battled blazes",
    "fight corruption", "the battle against the pandemic"), or clashes with an idea ("This clashes with
    the argument of analysts"): a figure of speech, not an attack."""
    if token.lemma_.lower() == "clash":
        with_ = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"), None)
        idea = _child(with_, "pobj") if with_ is not None else None
        if idea is not None and idea.lemma_.lower() in CLASHING_IDEAS:
            return True
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in ABSTRACT_TARGETS:
            return True
        if child.dep_ == "dobj" and token.lemma_.lower() in ("strike", "deal") \
                and child.lemma_.lower() in STRUCK_FIGURES:
            return True  # "attempts to strike blows against political support" ("deliver blows" is a threat)
        if child.dep_ == "prep" and child.lower_ in ("against", "with", "on"):
            if any(g.dep_ == "pobj" and g.lemma_.lower() in ABSTRACT_TARGETS for g in child.children):
                return True
        if child.dep_ == "xcomp":  # "vowed to fight corruption"
            if any(g.dep_ == "dobj" and g.lemma_.lower() in ABSTRACT_TARGETS for g in child.children):
                return True
    return False


WORDS_ATTACKED = frozenset(["newspaper", "paper", "media", "press", "report", "plan", "policy", "decision",
                            "proposal", "statement", "remark", "comment", "critic", "ruling", "bill", "law", "idea",
                            "record", "claim", "leadership", "stance", "speech", "column", "editorial", "journal",
                            "handling", "approach", "reform", "budget", "deal", "agreement"])
_VIOLENCE_WORDS = re.compile(r"\b(?:kill\w*|wound\w*|injur\w*|dead|shot|shoot\w*|gun\w*|bomb\w*|troops|soldiers|"
                             r"militants?|rockets?|missiles?|grenades?|knife|stabb\w*|explosi\w*)\b", re.IGNORECASE)


def _verbal_attack(verb) -> bool:
    """'Trump also attacked The Wall Street Journal', 'attacked the government's plan': words, not force
    (PLOVER ACCUSE): what is attacked is a text, an outlet or a policy, and the sentence names no violence."""
    if verb.lemma_.lower() != "attack":
        return False
    obj = _child(verb, "dobj")
    if obj is None:
        return False
    attacked = obj.lemma_.lower() in WORDS_ATTACKED or actor_coding.sector_of(obj.text) == "MED" or any(
        t.lemma_.lower() in WORDS_ATTACKED for t in obj.children if t.dep_ in ("compound", "appos"))
    return attacked and not _VIOLENCE_WORDS.search(verb.sent.text)


CHARGE_VERBS = frozenset(["want", "charge", "accuse", "convict", "indict", "sentence", "jail", "imprison", "arrest",
                          "detain", "prosecute", "suspect", "try", "acquit", "extradite", "investigate", "book",
                          "fine", "plead", "condemn", "face"])
CHARGE_NOUNS = frozenset(["charge", "count", "accusation", "allegation", "conviction", "indictment", "warrant",
                          "sentence", "trial", "suspicion", "guilty"])


def _charge(token) -> bool:
    """A crime named as what someone is wanted for, charged with or convicted of ("wanted for
    conspiracy to murder, kidnapping and other crimes", "on charges of kidnapping", "arrested for
    murder"): an accusation, not a reported event."""
    node = token
    for _ in range(4):  # up through lists and what a crime hangs on ("conspiracy to murder, kidnapping")
        if node.dep_ not in ("conj", "acl", "compound") or node.head is node:
            break
        node = node.head
    if node.dep_ in ("pobj", "pcomp") and node.head.dep_ == "prep" and node.head.lower_ in ("for", "of", "with", "on"):
        holder = node.head.head
        lemma = holder.lemma_.lower()
        return lemma in CHARGE_NOUNS or (holder.pos_ in ("VERB", "ADJ") and lemma in CHARGE_VERBS)
    return False


INTENT_HEADS = frozenset(["plan", "vow", "prepare", "swear", "pledge", "intend", "promise", "decide"])
INTENT_AUX = frozenset(["will", "would", "'ll", "shall"])


def _announced_intent(verb) -> bool:
    """Whether a coercive act is announced as what someone will do ("said they would boycott all
    contact", "will withdraw inspectors", "plans to impose restrictions", "have sworn to fight"): a
    threat in PLOVER's terms. Not when negated, conditional on 'if'/'whether', a purpose, or
    already under 'threaten' (which is its own mention)."""
    if any(c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in ("if", "whether")) for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in verb.children):
        return verb.dep_ not in ("advcl", "relcl", "acl")
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in INTENT_HEADS and not any(
        c.dep_ == "neg" for c in head.children)


def _governor(token):
    """A noun trigger governed by a light verb ("launched airstrikes") or by a verb that undoes it ("Serbia
    lifted a night curfew") takes its arguments from the verb."""
    head = token.head
    if token.pos_ == "ADJ" and token.dep_ in ("oprd", "acomp"):
        return head  # "was found dead": the verb carries the arguments

    def light(verb) -> bool:  # lemmas of rarer verbs can be off ("staged" -> "stag")
        return verb.lemma_.lower() in LIGHT_VERBS or verb.lower_ in LIGHT_VERB_FORMS

    if token.dep_ in ("dobj", "nsubjpass") and (light(head) or _undone(token)):
        return head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in IMPOSING_VERBS and _match_rule(head) is None:
        # "Turkish authorities have imposed a curfew", "will extend the night-time curfew", "would tighten the
        # naval blockade" (unless the verb is the trigger: "imposed sanctions")
        return head
    if token.dep_ == "dobj" and head.lemma_.lower() in TALK_LIGHT_VERBS and _talk_noun(token) \
            and (_match_rule(head) is None or _abstract_target(head)) \
            and not (head.lemma_.lower() in CONCLUDING_VERBS and _infinitive(head)):
        return head  # "Israel and Lebanon renewed negotiations", "Serbia lodged an official protest"
    if token.dep_ == "pobj" and head.head.lemma_.lower() in TRAVEL_VERBS and _match_rule(head.head) is None and (
            (head.lower_ == "on" and token.lemma_.lower() in GONE_ON) or (head.lower_ == "for" and _talk_noun(token))):
        # "Saddam Hussein arrived in Amman on a ... visit", "teachers went on strike", "negotiators return to
        # Geneva for talks"
        return head.head
    if token.dep_ == "pobj" and head.lower_ in ("in", "during", "with") and head.head.pos_ == "VERB" \
            and _match_rule(head.head) is None and head.head.lemma_.lower() not in UNDERGOING_VERBS \
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in head.head.children):
        return head.head  # "guerrillas wounded two soldiers in a bomb attack" (not "31 people died in it")
    if token.dep_ == "pobj" and head.dep_ == "prt" and light(head.head):
        return head.head
    if token.dep_ == "pobj" and light(head.head) and head.lower_ == "out":
        return head.head
    return token


# Verbs that carry a talk or diplomacy noun as "launch" carries an attack: the subject does the noun's act.
IMPOSING_VERBS = frozenset(["impose", "enforce", "declare", "reimpose", "extend", "tighten", "expand", "prolong",
                            "renew", "maintain", "keep", "reinforce", "step"])
TALK_LIGHT_VERBS = frozenset(["renew", "resume", "lodge", "file", "issue", "deliver", "undertake", "open", "start",
                              "make", "enter", "pay", "submit", "present", "extend", "restart", "reopen", "initiate",
                              "reiterate", "repeat", "voice", "press", "complete", "accelerate", "speed", "finish",
                              "announce", "reach", "conclude", "seal", "clinch", "finalize", "finalise", "broker",
                              "hammer", "strike"])
# The talk light verbs that say an agreement was reached ("reached a consensus", "sealed a deal"), not planned.
CONCLUDING_VERBS = frozenset(["reach", "conclude", "seal", "clinch", "finalize", "finalise", "broker", "hammer",
                              "strike"])
TRAVEL_VERBS = frozenset(["arrive", "travel", "go", "come", "fly", "leave", "head", "embark", "return"])
TRIP_NOUNS = frozenset(["visit", "tour", "trip", "mission"])
GONE_ON = TRIP_NOUNS | {"strike"}  # "arrived on a visit", "went on strike"


EFFORT_NOUNS = frozenset(["effort", "efforts", "mission", "bid", "initiative", "campaign", "attempt", "drive", "push"])


def _names_an_effort(token) -> bool:
    """'a mediation effort', 'a bombing campaign': the event word compounds a noun that only says it was
    undertaken, and the phrase is the event (governed by what governs the effort: "launched a mediation
    effort")."""
    effort = token.head
    return token.dep_ == "compound" and effort.lemma_.lower() in EFFORT_NOUNS and _match_rule(effort) is None \
        and _match_rule(effort.head) is None  # "ended mediation efforts": the verb is the event


def _effort_governor(effort):
    """The verb that undertook an effort ("launched / undertook / stepped up ... a mediation effort")."""
    if effort.dep_ in ("dobj", "nsubjpass") and effort.head.pos_ == "VERB":
        return effort.head
    return _governor(effort)


def _infinitive(verb) -> bool:
    """'to reach an agreement', 'to seal deals': a goal, not something done."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _talk_noun(token) -> bool:
    """A noun trigger of a non-violent type (negotiations, a protest note, an ultimatum, an investigation)."""
    rule = _match_rule(token)
    return rule is not None and rule.type not in VIOLENT | {"PROTEST"}


UNDERGOING_VERBS = frozenset(["lose", "die", "perish", "suffer", "sustain", "survive", "be", "remain", "live",
                              "flee", "escape", "occur", "happen", "take", "trap", "hide", "witness", "see"])
UNDO_VERBS = frozenset(["lift", "ease", "end", "cancel", "halt", "revoke", "relax", "shorten", "suspend", "stop",
                        "abandon", "drop", "rescind", "withdraw"])
PROMISE_HEADS = frozenset(["offer", "promise", "pledge", "agree", "ready", "willing", "prepared", "commit", "vow"])
THREAT_HEADS = frozenset(["threaten", "vow", "swear", "warn", "prepare", "prepared", "ready"])
COOPERATIVE = frozenset(["SUPPORT", "CONSULT", "AID", "COOPERATE", "CONCEDE", "RETREAT"])
OBLIGATION_AUX = frozenset(["must", "should"])
_MODIFIER_MODES: dict[str, tuple[str, str]] = {
    "bomb": ("explosives", "Remote explosive/landmine/IED"), "car": ("explosives", "Remote explosive/landmine/IED"),
    "ied": ("explosives", "Remote explosive/landmine/IED"), "suicide": ("suicide-attack", "Suicide bomb"),
    "rocket": ("heavy-weapons", "Shelling/artillery/missile attack"),
    "missile": ("heavy-weapons", "Shelling/artillery/missile attack"),
    "mortar": ("heavy-weapons", "Shelling/artillery/missile attack"),
    "artillery": ("heavy-weapons", "Shelling/artillery/missile attack"),
    "drone": ("aerial", "Air/drone strike"), "air": ("aerial", "Air/drone strike"),
    "aerial": ("aerial", "Air/drone strike"), "grenade": ("explosives", "Grenade"),
    "gun": ("firearms", "Attack"), "knife": ("primitive", "Attack"), "arson": ("primitive", "Looting/property destruction"),
}


def _future(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in token.children)


def _under(token, heads: frozenset[str]) -> bool:
    node = token
    for _ in range(2):
        if node.dep_ in ("xcomp", "ccomp", "acomp", "pcomp", "dobj", "advcl") and node.head.lemma_.lower() in heads:
            return True
        node = node.head
    return False


def _unless(token) -> bool:
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("unless", "if") for g in c.children)
               for c in token.children)


def _recast(rule: TriggerRule, token) -> TriggerRule | None:
    """Promises, threats and demands are their own types: "will support" is an offer (AGREE), "will
    extend the curfew unless ..." a threat, "Y must agree" (under a speech verb) a demand. Returns the
    rule to use, or None when the mention is not a reported act at all."""
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in token.children):
        return None  # "Kagame must agree": demanded, not done (the demand is found from the speech verb)
    if rule.lemma in ("willing", "ready", "prepared", "committed"):  # offers, or threats by what is offered
        act = _child(token, "xcomp")
        act_rule = _match_rule(act) if act is not None else None
        if act_rule is not None and act_rule.type in ("COERCE", "SANCTION", "ASSAULT"):
            return replace(rule, type="THREATEN")
        return rule
    if rule.type in COOPERATIVE and (_future(token) or _under(token, PROMISE_HEADS)):
        return replace(rule, type="AGREE", acled_hint=None)
    if rule.type in ("COERCE", "SANCTION", "ASSAULT") and (
            _under(token, THREAT_HEADS) or ((_future(token) or _under(token, PROMISE_HEADS)) and _unless(token))):
        return replace(rule, type="THREATEN", acled_hint=None)
    return rule


def _undone(token) -> bool:
    """'lifted a night curfew', 'called off a strike': the noun names what is being ended."""
    head = token.head
    if token.dep_ not in ("dobj", "nsubjpass"):
        return False
    if head.lemma_.lower() in UNDO_VERBS:
        return True
    return head.lemma_.lower() == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children)


def _demands(sentence: Sentence) -> list[tuple[object, object]]:
    """'X said Y must ...': (speech verb, embedded verb) pairs; the demand is X's, aimed at Y."""
    found = []
    for token in sentence.doc:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_VERBS | {"insist", "demand"} and any(
                c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in token.children):
            found.append((token.head, token))
    return found


DEMAND_RULE = TriggerRule("must", "V", "REQUEST", None, None, None)


def find_mentions(parsed: ParsedDocument, sentence: Sentence) -> list[Mention]:
    """Event mentions of one parsed sentence."""
    doc = sentence.doc
    if doc is None:
        return []
    mentions: list[Mention] = []
    taken: set[int] = set()
    for token in doc:
        if token.i in taken:
            continue
        rule = _match_rule(token)
        consent_only = False  # a consent verb outside the lexicon ('will not accept refugees'): only its refusal
        if rule is None and token.pos_ == "VERB" and token.lemma_.lower() in REFUSED_WHEN_NEGATED:
            rule, consent_only = TriggerRule(token.lemma_.lower(), "V", "AGREE", None, None, None), True
        if rule is None:
            continue
        is_verb = token.pos_ in ("VERB", "AUX")
        if is_verb and rule.type in VIOLENT | {"PROTEST"}:
            if _describes_event_noun(token):
                continue  # "an attack that killed nine", "Strikes kill 4 children": the noun is the event
        if is_verb and rule.type in VIOLENT and token.dep_ in ("acl",) and _is_event_noun(token.head):
            continue
        if is_verb and rule.type in VIOLENT and _animals_hit(token):
            continue  # "poachers killed three rhinos", "millions of dogs are killed for their meat": no event
        if rule.type in VIOLENT and (_accident(token) or _caused_by_accident(token) or _natural_cause(token)):
            # "a chemical plant exploded", "was struck by a bulk carrier", "Six people were killed ... when a
            # chemical plant exploded": an accident and its toll, no one's act
            continue
        if is_verb and token.dep_ == "amod":
            continue  # "killed journalists", "the detained activist": an attribute, not a report
        if not is_verb and token.lemma_.lower() in PARTICIPANT_NOUNS and token.dep_ not in ("nsubj", "nsubjpass"):
            continue  # "arrested 12 protesters": the protesters are not themselves the event here
        if not is_verb and token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN") \
                and not _hyphen_compound(token) and not _names_an_effort(token):
            continue  # "suicide bombing" (the head is the trigger), "riot police", "protest leader"
        if is_verb and rule.lemma in REFUSED_WHEN_NEGATED and _refused(token):
            rule = replace(rule, type="REJECT", mode=None, acled_hint=None, needs=None)  # "will not accept refugees"
        elif consent_only or _negated_or_conditional(token):
            continue
        if is_verb and rule.lemma == "call" and rule.type == "REQUEST" and not _calls_on_someone(token):
            continue  # "called off their strike on Tuesday": no appeal
        if is_verb and rule.mode == "access" and not any(
                c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") and rule.needs.search(c.lemma_.lower())
                for c in token.children):
            continue  # "links allow gangs to access bigger profits": no access granted to anyone
        if is_verb and rule.mode == "release" and not _releases_people(token):
            continue  # "PISA released a report", "freed up funds": no one is set free
        if not is_verb and (_inside_a_name(token) or _part_of_a_name(token)):
            continue  # "the Working Group on Arbitrary Detention", "the Prevention of Terrorism Act"
        if rule.type == "REQUEST" and any(c.lemma_.lower() in ("comment", "anonymity", "question") for c in token.subtree):
            continue  # "requesting comment", "asked not to be named": reporting, not a demand
        if not is_verb and _undone(token):
            if rule.type in ("COERCE", "SANCTION", "PROTEST"):
                # PLOVER 2021 (CAMEO 085, 0872): easing a blockade or economic sanctions is RETREAT; easing an
                # administrative restriction (a curfew, a ban) or calling off a strike is CONCEDE
                eased = token.lemma_.lower() in EASED_PRESSURE
                rule = replace(rule, type="RETREAT" if eased else "CONCEDE", mode="ease" if eased else None,
                               acled_hint=None)
            else:
                continue  # "to end the fighting"
        if rule.mode == "ceasefire" and _bilateral_truce(token):
            rule = replace(rule, type="AGREE", mode=None, acled_hint="Agreement")
        if rule.type not in ("REQUEST", "THREATEN") and _requested(token if is_verb else _governor(token)):
            continue  # "called for the Taliban to lift the travel ban": what is asked for has not happened
        recast = _recast(rule, token if is_verb else _governor(token))
        if recast is None:
            continue
        rule = recast
        hypothetical = _hypothetical(token) or (not is_verb and _hypothetical(_governor(token)))
        if hypothetical and rule.type in VIOLENT | {"PROTEST", "SANCTION"}:
            if not _announced_intent(token if is_verb else _governor(token)):
                continue
            # "they would boycott all official contact", "has sworn to fight until ...": PLOVER's THREATEN
            rule = replace(rule, type="THREATEN", mode=None, acled_hint=None)
        if not is_verb and rule.type in VIOLENT and _generic_noun(token):
            continue
        if not is_verb and rule.type in VIOLENT and _charge(token):
            continue  # "wanted for kidnapping", "charged with murder": what someone is accused of
        if is_verb and rule.type == "ASSAULT" and _verbal_attack(token):
            rule = replace(rule, type="ACCUSE", mode=None, acled_hint=None)  # "Trump attacked the newspaper"
        if rule.type in VIOLENT | {"THREATEN"} and _abstract_target(token):
            continue  # "battled blazes", "fight corruption", "battling the outbreak": no one is attacked
        if _a_trend(token):
            continue  # "Murders ... have shot up to record levels", "a 20% spike in murders": statistics
        if not is_verb and rule.type == "PROTEST" and _shows_something(token):
            continue  # "a devastating demonstration of what's known as the balloon effect": a showing
        governor = token if is_verb else _effort_governor(token.head) if _names_an_effort(token) else _governor(token)
        taken.add(token.i)
        mention = Mention(sentence, token, governor, rule, _clause_text(sentence, token, governor), lexicon_rule=rule)
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        mention.anaphoric = not is_verb and bool(determiners & ANAPHORIC_DETERMINERS)
        mention.separate = any(c.lower_ in SEPARATE_WORDS for c in token.children if c.dep_ in ("amod", "det")) \
            or _before_or_after(token, LONG_SPANS)  # "comes a year after the killing of ...": another time's event
        mention.mode = rule.mode
        if not is_verb:
            _mode_from_modifiers(mention)
        if mention.type == "THREATEN" and mention.mode is None:
            mention.mode = _threat_mode(token)
        mention.reference = not is_verb and _is_reference(token)
        mention.planned = _hypothetical(governor) or _hypothetical(token) or rule.type in ("THREATEN", "AGREE") \
            and rule.lemma not in ("agree", "sign", "ceasefire", "truce", "accept") \
            and governor.lemma_.lower() not in CONCLUDING_VERBS
        if is_verb and rule.type in VIOLENT and _habitual(token):
            # "Israeli soldiers routinely beat up Palestinian detainees": a pattern PLOVER codes, not an event ACLED
            # dates and places; kept apart from the story's specific events and never its lead
            mention.habitual = mention.planned = mention.separate = True
        mentions.append(mention)
    for speech, clause in _demands(sentence):
        if clause.i in taken:
            continue
        mention = Mention(sentence, clause, speech, DEMAND_RULE, _clause_text(sentence, clause, speech),
                          lexicon_rule=DEMAND_RULE)
        mentions.append(mention)
    return mentions


_THREAT_MODES = (
    ("curfew", frozenset(["curfew"])),
    ("martial-law", frozenset(["martial", "emergency"])),
    ("restrict", frozenset(["sanction", "embargo", "boycott", "restriction", "blockade", "ban", "closure",
                            "close", "tariff", "restrict"])),
    ("relations", frozenset(["relation", "tie", "talk", "negotiation", "aid", "cooperation", "ambassador",
                             "embassy", "mediation", "dialogue", "recognition", "treaty", "agreement", "deal"])),
    ("violence", frozenset(["attack", "kill", "shell", "bomb", "strike", "invade", "invasion", "war", "fight",
                            "force", "retaliate", "retaliation", "destroy", "execute", "hit", "assassinate",
                            "storm", "violence", "military", "missile", "nuclear", "annihilate", "crush", "wipe",
                            "punish", "revenge", "avenge", "target", "shoot", "raid"])),
)


def _threat_mode(token) -> str | None:
    """What a threat threatens (PLOVER 2021's THREATEN modes): a curfew or martial law, restrictions or
    sanctions, relations and aid, or violence - read off the threatened act and its object."""
    lemmas = {token.lemma_.lower()}  # the threatened act and its objects, not who threatens ("The army ...")
    for act in token.children:
        if act.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj"):
            lemmas.update(t.lemma_.lower() for t in act.subtree)
    for mode, words in _THREAT_MODES:
        if lemmas & words:
            return mode
    return None


def _mode_from_modifiers(mention: Mention) -> None:
    """'bomb attack', 'rocket strike', 'suicide attack': the modifier says how."""
    for child in mention.trigger.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            found = _MODIFIER_MODES.get(child.lower_)
            if found and mention.type == "ASSAULT":
                mention.mode = found[0]
                mention.rule = replace(mention.rule, acled_hint=found[1])
                return


REFERENCE_VERBS = frozenset(["condemn", "denounce", "protest", "celebrate", "mourn", "criticize", "criticise",
                             "blame", "investigate", "follow", "avenge", "retaliate", "respond", "claim", "praise",
                             "deny", "welcome", "remember", "commemorate", "recall"])
REFERENCE_PREPS = frozenset(["over", "after", "following", "for", "against", "since", "before", "despite"])


def _is_reference(token) -> bool:
    """An event noun that is the object of another predicate names an event told elsewhere."""
    if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in REFERENCE_VERBS:
        return True
    if token.dep_ == "pobj" and token.head.lower_ in REFERENCE_PREPS:
        return True
    return False


def _generic_noun(token) -> bool:
    """'launching attacks on ...' in background prose: a bare plural under a habitual/generic frame; what
    someone is exposed to ("people are subject to attacks, abductions, abuse") and the other nouns of such a
    list."""
    has_det = any(c.dep_ in ("det", "poss", "nummod") for c in token.children)
    head = token.head
    if has_det:
        return False
    if token.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN") and head is not token:
        return _generic_noun(head)
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in EXPOSURE_ADJECTIVES:
        return True
    if token.tag_ != "NNS":
        return False
    if token.dep_ == "attr":
        return True  # "Stand-off weapons are missiles fired from aircraft": a definition
    if head.lemma_.lower() in HYPOTHETICAL_HEADS or head.lemma_.lower() in ("launch", "carry", "conduct"):
        return head.tag_ in ("VBG", "VBN") or any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    return token.dep_ == "pobj" and head.lower_ in ("of", "over", "against")


EXPOSURE_ADJECTIVES = frozenset(["subject", "vulnerable", "exposed", "prone", "susceptible", "liable"])
HABITUAL_ADVERBS = frozenset(["annually", "regularly", "routinely", "often", "frequently", "usually", "habitually",
                              "typically", "commonly", "sometimes", "daily", "weekly", "yearly", "monthly"])
ANIMALS = frozenset(["dog", "cat", "cattle", "cow", "goat", "sheep", "animal", "livestock", "bird", "elephant",
                     "rhino", "rhinoceros", "fish", "chicken", "pig", "camel", "donkey", "horse", "wildlife", "gorilla",
                     "lion", "poultry", "whale", "dolphin", "shark"])


def _habitual(verb) -> bool:
    """'millions of dogs are killed ... annually', 'gunmen regularly attack the road', 'every year ... are
    killed': what happens again and again is no one event."""
    for child in verb.children:
        if child.dep_ in ("advmod", "npadvmod") and child.lower_ in HABITUAL_ADVERBS:
            return True
        if child.dep_ == "npadvmod" and child.lemma_.lower() in ("year", "day", "week", "month", "night") and any(
                c.dep_ == "det" and c.lower_ in ("every", "each") for c in child.children):
            return True
    return False


# What explodes, burns or leaks by accident, and what collides; and the words that make it an attack after all.
FACILITIES = frozenset(["plant", "factory", "refinery", "reactor", "boiler", "cylinder", "pipeline", "tank", "tanker",
                        "chemical", "chemicals", "fertilizer", "fertiliser", "gas", "fireworks", "firework", "furnace",
                        "warehouse", "mill", "well", "transformer", "substation", "mine", "colliery", "industrial",
                        "toxin", "toxins", "drink", "drinks", "food", "alcohol", "liquor", "mushroom", "pesticide"])
VESSELS = frozenset(["carrier", "ship", "vessel", "tanker", "boat", "ferry", "freighter", "barge", "car", "truck",
                     "lorry", "bus", "train", "vehicle", "van", "aircraft", "plane", "helicopter", "jet", "airliner"])
ACCIDENT_WORDS = frozenset(["explode", "explosion", "blast", "fire", "burn", "blaze", "strike", "hit", "collide",
                            "collision", "crash", "poison", "poisoning", "leak", "lose"])
CONSUMPTION_VERBS = frozenset(["consume", "eat", "drink", "ingest", "swallow"])  # "died after consuming ... toxins"
BLAST_WORDS = frozenset(["explode", "explosion", "blast", "fire", "blaze"])
ATTACK_WORDS = re.compile(r"\b(bomb|bombs|bomber|bombers|bombing|ied|ieds|explosive device|grenades?|missiles?|rockets?|bullets?|"
                          r"shell|shelling|mortar|suicide|attack|attacker|attackers|militant|militants|gunmen|"
                          r"insurgent|insurgents|terror|terrorist|terrorists|rebels?|troops|soldiers|army|airstrike|"
                          r"drone|sabotage|arson|set fire|torched|deliberate|claimed responsibility|artillery|gunfire|"
                          r"shooting|shot dead|ambush|clash|clashes|fighters)\b", re.IGNORECASE)


def _accident(token) -> bool:
    """An explosion, fire, leak or poisoning whose cause is a plant, a tank, a chemical or a drink ("a chemical
    plant exploded", "a Central Texas fertilizer plant explosion", "poisoned by a gas released from a pest
    control chemical"), or a collision with a vessel or vehicle ("was struck by a bulk carrier"), in a sentence
    that names no weapon and no attacker: an accident, which ACLED's codebook leaves out."""
    lemma = token.lemma_.lower()
    if lemma not in ACCIDENT_WORDS | CONSUMPTION_VERBS or ATTACK_WORDS.search(token.sent.text):
        return False
    if lemma in CONSUMPTION_VERBS:
        return token.pos_ == "VERB"  # "died after consuming adulterated drinks": a poisoning, no attack named
    causes = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "compound", "amod", "nmod")]
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("at", "in", "from", "by", "of"):
            causes += [c for c in prep.children if c.dep_ == "pobj"]
    words = {w.lemma_.lower() for cause in causes for w in cause.subtree}
    if lemma == "lose":  # "his car lost control on an icy road"
        subject, lost = _child(token, "nsubj"), _child(token, "dobj")
        return lost is not None and lost.lemma_.lower() == "control" and subject is not None \
            and subject.lemma_.lower() in VESSELS
    if lemma in ("strike", "hit", "collide"):
        agent = _agent(token)
        return agent is not None and agent.lemma_.lower() in VESSELS
    if lemma in ("collision", "crash"):  # "a one-car collision", "the plane crash" (no one shot it down)
        return bool(words & (VESSELS | {"one-car", "head-on", "road", "traffic"}))
    if lemma in BLAST_WORDS and not words & FACILITIES and (token.pos_ == "NOUN" or lemma == "explode"):
        # "explosions tore through an industrial area where toxic chemicals and gas were stored" (not "fired tear
        # gas": firing is no blast, tear gas no store)
        nouns = {t.lemma_.lower() for t in token.sent if t.pos_ in ("NOUN", "ADJ")
                 and not any(c.lower_ == "tear" for c in t.children)}
        return bool(nouns & FACILITIES)
    return bool(words & FACILITIES)


NATURAL_HAZARDS = frozenset(["flood", "floods", "flooding", "storm", "storms", "cyclone", "hurricane", "typhoon",
                             "earthquake", "quake", "landslide", "landslides", "mudslide", "tornado", "tsunami", "rain",
                             "rains", "downpour", "wind", "winds", "drought", "avalanche", "lightning", "wildfire",
                             "wildfires", "bushfire", "eruption", "heatwave", "waves"])


def _natural_cause(token) -> bool:
    """Harm done by a flood, a storm or an earthquake ("houses ... were either destroyed or submerged by
    floods", "the cyclone destroyed crops", "killed in the earthquake"): a disaster, not an event ACLED codes."""
    heads = [token, *(c for c in token.children if c.dep_ == "conj")]
    for head in heads:
        agentless = _child(head, "nsubj") is None  # "Gunmen killed five people during heavy rains": the gunmen did
        for child in head.children:
            if child.dep_ == "nsubj" and child.lemma_.lower() in NATURAL_HAZARDS:
                return True
            if (child.dep_ == "agent" or (child.dep_ == "prep" and agentless)) \
                    and child.lower_ in ("by", "in", "from", "during"):
                pobj = _child(child, "pobj")
                if pobj is not None and (pobj.lemma_.lower() in NATURAL_HAZARDS or pobj.lower_ in NATURAL_HAZARDS):
                    return True
    return False


def _caused_by_accident(token) -> bool:
    """A toll or damage told with its cause: "were killed ... when a chemical plant exploded", "demolished by a
    ... fertilizer plant explosion"."""
    heads = [token, *(c for c in token.children if c.dep_ == "conj")]  # "killed and ... injured when ..."
    for child in (c for head in heads for c in head.children):
        if child.dep_ in ("advcl", "agent", "prep") and any(t is not token and _accident(t) for t in child.subtree):
            return True
    if token.dep_ == "advcl" and token.tag_ == "VBG":  # "explosions tore through an industrial area ..., killing 50"
        subject = _child(token.head, "nsubj", "nsubjpass")
        return subject is not None and any(_accident(t) for t in subject.subtree)
    return False


def _animals_hit(verb) -> bool:
    """'dogs are killed for their meat', 'poachers killed three rhinos': animals are no victims of political
    violence."""
    patient = _child(verb, "nsubjpass") or _child(verb, "dobj")
    if patient is None:
        return False
    if patient.lemma_.lower() in ANIMALS:
        return True
    of = next((c for c in patient.children if c.dep_ == "prep" and c.lower_ == "of"), None)  # "millions of dogs"
    inner = _child(of, "pobj") if of is not None else None
    return (patient.pos_ == "NUM" or patient.lemma_.lower() in ("million", "thousand", "hundred", "dozen")) \
        and inner is not None and inner.lemma_.lower() in ANIMALS


def _clause_text(sentence: Sentence, trigger, governor) -> str:
    """The words around a trigger that the classifier reads: its clause if the sentence has several."""
    root = governor if governor is not trigger else trigger
    while root.dep_ in ("xcomp", "conj", "amod", "compound") and root.head is not root:
        root = root.head
    left, right = root.left_edge.i, root.right_edge.i
    span = sentence.doc[left:right + 1]
    text = span.text
    if len(text.split()) < 5:
        return sentence.text
    return text


# --------------------------------------------------------------------------- arguments


def _np_bounds(token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``token`` (no relative clauses or appositions)."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "poss", "compound", "amod", "nmod", "nummod", "quantmod", "case", "punct", "advmod"):
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "case") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i)
        elif child.dep_ == "prep" and child.lower_ == "from" and actor_coding.sector_of(token.text):
            right = max(right, child.right_edge.i)  # "diplomats from the Group of Seven"
        else:
            break
    doc = token.doc
    while left < right and doc[left].is_punct:
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    if doc[left].lower_ in ("the", "a", "an") and left < right:
        pass
    return left, right


def _span_text(token) -> str:
    """The words of the noun phrase a token heads (no relative clauses or appositions)."""
    left, right = _np_bounds(token)
    return token.doc[left:right + 1].text


def _span_of(sentence: Sentence, token) -> tuple[str, int, int]:
    left, right = _np_bounds(token)
    if token.ent_type_:  # never cut a named entity in two: "Islamic State-claimed"
        for ent in sentence.doc.ents:
            if ent.start <= token.i < ent.end:
                left, right = min(left, ent.start), max(right, ent.end - 1)
                break
    span = sentence.doc[left:right + 1]
    start, end = sentence.offsets(span)
    return span.text, start, end


def _child(token, *deps: str):
    return next((c for c in token.children if c.dep_ in deps), None)


def _subject(token):
    """The grammatical subject of a verb, looking up through xcomp/conj/advcl chains."""
    current = token
    for _ in range(4):
        subject = _child(current, "nsubj")
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return _under_a_misparsed_subject(subject) or subject
        if current.dep_ in ("xcomp", "conj", "advcl", "acl") and current.head is not current:
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
                # "rioters demonstrating against ...": an active participle's noun is its agent; "issued a
                # declaration demanding ...": a document's words are its issuer's
                if current.tag_ != "VBG":
                    return None
                document = current.head
                if document.lemma_.lower() in DOCUMENT_NOUNS and document.dep_ == "dobj":
                    return _subject(document.head) or document
                return document
            current = current.head
            continue
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "pcomp" and current.tag_ == "VBG":
            return _gerund_agent(current)
        break
    return None


def _gerund_agent(gerund):
    """Who does what a gerund after a preposition names: "the BLA took credit for attacking", "were
    accused of killing", "fled after attacking" - the host verb's subject; "arrested two men for attacking",
    "blamed Iran for attacking" - the host's object, when it names a party."""
    host = gerund.head.head if gerund.head.dep_ == "prep" else None
    if host is None or host is gerund.head or not _is_violent_verb(gerund):
        return None  # (a plan "for rearming Europe and supporting Ukraine" has no doer yet)
    if host.pos_ in ("NOUN", "PROPN") and host.dep_ == "dobj":  # "took credit for attacking": the taker
        host = host.head
    if host.pos_ not in ("VERB", "AUX") or _hypothetical(host) or _negated_or_conditional(host):
        return None
    passive = _child(host, "nsubjpass", "auxpass") is not None
    if (passive and gerund.head.lower_ == "by") or any(c.lower_ == "between" for c in gerund.children):
        return None  # "displaced by fighting between the army and rebels": the fighting is the cause, not theirs
    obj = _child(host, "dobj")
    if obj is not None and obj.i < gerund.i and _party(obj):
        return obj
    return _child(host, "nsubjpass") or _subject(host)


def _under_a_misparsed_subject(subject):
    """The real subject when the parser made a word after it the subject and hung it below that word ("The Red
    Cross operating in Iraq said ...": 'operating' as subject of 'said', 'Cross' as its subject; "The arrest
    of X, alias "El Gordo," is ...": 'alias' as subject, 'arrest' below it)."""
    inner = _child(subject, "nsubj")
    if inner is not None and (subject.pos_ in ("VERB", "AUX") or subject.lower_ == "alias"):
        return inner
    return None


def _agent(token):
    agent = _child(token, "agent")
    if agent is not None:
        return _child(agent, "pobj")
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            return _child(prep, "pobj")
    return _agent_after_complement(token)


def _agent_after_complement(token):
    """A passive's agent the parser hung on its complement's verb: in "X has been accused of misusing
    funds by government officials" "by" attaches to "misusing". Only a party (a phrase naming a kind of
    actor, or a named organisation, group or country), never a means ("by shooting") or a place."""
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for complement in prep.children:
            if complement.dep_ != "pcomp" or complement.pos_ != "VERB":
                continue
            for inner in complement.children:
                pobj = _child(inner, "pobj") if inner.dep_ == "prep" and inner.lower_ == "by" else None
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") and (
                        pobj.ent_type_ in ("ORG", "NORP", "GPE")
                        or actor_coding.sector_of(" ".join(t.text for t in pobj.subtree)) is not None):
                    return pobj
    return None


# What a government or a group issues, releases or sends: its words are the sender's.
DOCUMENT_NOUNS = frozenset(["declaration", "statement", "letter", "communique", "communiqué", "resolution", "report",
                            "note", "message", "petition", "memorandum", "memo", "notice", "decree", "circular",
                            "ultimatum", "banner", "placard", "slogan"])
PROPOSAL_NOUNS = frozenset(["request", "proposal", "demand", "offer", "plan", "invitation", "ultimatum", "call",
                            "accusation", "claim", "bid", "appeal", "resolution", "initiative", "charge"])
# "praised Haiti's efforts", "welcomed President Reagan's statement": the owner of what is judged is the target
CONDUCT_NOUNS = frozenset(["effort", "statement", "decision", "move", "policy", "role", "stance", "position",
                           "remark", "comment", "handling", "record", "behaviour", "behavior", "action", "conduct",
                           "programme", "program", "attempt", "step", "approach", "leadership", "response"])
# Types whose second party is who is given, met, helped or agreed with ("aid to Mozambique", "met with X")
RECIPIENT_TYPES = frozenset(["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"])


def _party(token) -> bool:
    """A token that can name a country, an organisation or a person."""
    return token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or token.pos_ == "PROPN" \
        or bool(place_stage.country_of(token.text)) or bool(actor_coding.sector_of(token.text))


def _recipient(token):
    """'give Tanzania a grant', 'military aid to Mozambique', 'a meeting with President Obama', 'shared
    evidence with the U.S.': the party given to, met or worked with (cooperative types only)."""
    rule = _match_rule(token)
    if rule is None or rule.type not in RECIPIENT_TYPES:
        return None
    for child in token.children:
        if child.dep_ in ("dative", "iobj") and _party(child):
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "with", "for"):
            pobj = _child(child, "pobj")
            if pobj is not None and _party(pobj) and not NON_ACTOR_NOUNS.match(pobj.lemma_):
                return pobj
    return None


CONDITIONAL_THREATS = frozenset(["threaten", "warn", "vow", "pledge", "promise"])
ACTION_SUFFIXES = ("tion", "sion", "al", "ment", "ance", "ence", "ure")  # resignation, removal, admission ...


def _party_in(head, prepositions: tuple[str, ...]):
    """The party a phrase of ``head`` with one of these prepositions names ("calls by Belarus's rulers",
    "scores of refugees"); not a time or a word that is no actor."""
    for prep in head.children:
        pobj = _child(prep, "pobj") if prep.dep_ == "prep" and prep.lower_ in prepositions else None
        if pobj is not None and _party(pobj) and not NON_ACTOR_NOUNS.match(pobj.lemma_) and not _when(pobj):
            return pobj
    return None


def _asked_of(verb, obj):
    """Whom a demand is made of: "demanded support from the Assembly", "demanded an admission by Moscow",
    "demanded the withdrawal of Serbian forces" (the party that is to act)."""
    if obj is not None and _party(obj):
        return None  # "asked passengers of Punjabi ethnicity to come forward": the passengers are asked
    action = obj is not None and (_match_rule(obj) is not None or obj.lemma_.lower().endswith(ACTION_SUFFIXES))
    found = _party_in(verb, ("from",))
    if found is None and obj is not None:
        found = _party_in(obj, ("from", "by", "of") if action else ("from",))
    return found


def _target(token, depth: int = 0):
    obj = _child(token, "dobj")
    if depth == 0:
        recipient = _recipient(token)
        if recipient is not None:
            return recipient
    if obj is not None and obj.lemma_.lower() in PROPOSAL_NOUNS | CONDUCT_NOUNS:
        # "rejected a U.S. request", "accepted Iran's proposal": the request's author is the target
        for child in obj.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and (
                    child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or place_stage.country_of(child.text)):
                return child
        author = _party_in(obj, ("by", "from"))  # "rejected calls by Belarus's rulers", "an appeal from the president"
        if author is not None:
            return author
    if depth == 0 and token.lemma_.lower() in REQUEST_HEADS:
        asked = _asked_of(token, obj)
        if asked is not None:
            return asked
    if depth == 0 and token.pos_ in ("VERB", "AUX"):
        act = _child(token, "xcomp")  # "threatened to break off relations with Congo"
        if act is not None:
            # "threatened to break relations with Russia", "... cut off power to X" (not "urged Beijing to use its
            # influence with Pyongyang": there the verb's own object is the party)
            act_object = _child(act, "dobj") if obj is None else None
            for prep in [*act.children, *(act_object.children if act_object is not None else ())]:
                if prep.dep_ == "prep" and prep.lower_ in ("with", "against", "on", "to", "from"):
                    pobj = _child(prep, "pobj")
                    if pobj is not None and (pobj.ent_type_ in ("GPE", "NORP", "ORG") or pobj.pos_ == "PROPN"):
                        return pobj
        if token.lemma_.lower() in CONDITIONAL_THREATS:
            # "threatened to strike unless Israel rescinded ...", "warned they would attack if troops entered":
            # the party the condition is put to is the one threatened
            for verb in (token, act, _child(token, "ccomp")):
                for clause in (verb.children if verb is not None else ()):
                    if clause.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in clause.children
                                                      if m.dep_ == "mark"):
                        subject = _child(clause, "nsubj")
                        if subject is not None and _party(subject) and not NON_ACTOR_NOUNS.match(subject.lemma_):
                            return subject
    if obj is not None and (obj.lemma_.lower() in PARTICIPANT_NOUNS or not _match_rule(obj)) and not NON_ACTOR_NOUNS.match(obj.lemma_):
        if obj.ent_type_ or obj.pos_ == "PROPN" or actor_coding.sector_of(obj.text) or depth > 0:
            return obj
        if depth == 0 and _party_in(obj, ("of",)) is not None:
            return obj  # a number or a member of a party: "tortured scores of Liberian refugees"
        if depth == 0:  # "announce war on the state of X": the target hangs off the object
            found = _target(obj, depth + 1)
            if found is not None:
                return found
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "with" and _is_combat(token):
            pobj = _child(prep, "pobj")  # "clashed with Houthi forces", "exchanged fire with police"
            if pobj is not None and not NON_ACTOR_NOUNS.match(pobj.lemma_):
                return pobj
        if prep.dep_ == "prep" and prep.lower_ == "between" and depth == 0:
            pobj = _child(prep, "pobj")
            second = _child(pobj, "conj") if pobj is not None else None
            if second is not None:
                return second
        if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "at", "upon"):
            pobj = _child(prep, "pobj")
            if pobj is not None and not NON_ACTOR_NOUNS.match(pobj.lemma_) and not _when(pobj):
                return pobj
    if depth == 0 and token.pos_ == "NOUN" and token.lemma_.lower() in PROPOSAL_NOUNS:
        clause = _child(token, "acl", "ccomp")  # "its demand that Israel ease restrictions"
        subject = _child(clause, "nsubj") if clause is not None else None
        if subject is not None and _party(subject):
            return subject
    if depth == 0 and token.pos_ in ("VERB", "AUX"):
        # "warned that X will pay", "urged that X ...", "demanded that the Sudanese government end curbs"
        clause = _child(token, "ccomp")
        if clause is not None:
            subject = _child(clause, "nsubj", "nsubjpass")
            if subject is not None and (subject.ent_type_ in ("GPE", "ORG", "NORP") or subject.pos_ == "PROPN"):
                return subject
            asked = (rule := _match_rule(token)) is not None and rule.type == "REQUEST"
            if asked and subject is not None and actor_coding.sector_of(_span_text(subject)) in ("GOV", "MIL"):
                return subject  # a demand is put to the state whose act it demands
    for child in token.children:
        if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in ("target", "hit"):
            obj = _child(child, "dobj")
            if obj is not None and not NON_ACTOR_NOUNS.match(obj.lemma_):
                return obj
    if depth == 0 and (rule := _match_rule(token)) is not None and rule.type == "PROTEST":
        return _protested(token)
    return None


def _protested(token):
    """Whom a protest is against, through what it protests: "to protest President Assad's failure to ...",
    "in protest against abuses by the security forces", "in protest of the Russian government's refusal"."""
    heads = [token] + [n for p in token.children if p.dep_ == "prep" and p.lower_ == "in"  # "marched in protest
                       for n in p.children if n.dep_ == "pobj" and n.lemma_.lower() == "protest"]  # against ..."
    grievances = [_child(token, "dobj")]
    grievances += [_child(p, "pobj") for head in heads for p in head.children
                   if p.dep_ == "prep" and p.lower_ in ("against", "of", "over")]
    for clause in token.children:  # "staged a hunger strike to protest ...", "... to demand reforms by X"
        if clause.dep_ in ("xcomp", "advcl", "acl") and clause.lemma_.lower() in ("protest", "denounce", "oppose",
                                                                               "condemn", "demand"):
            grievances.append(_child(clause, "dobj"))
    for grievance in grievances:
        if grievance is None or NON_ACTOR_NOUNS.match(grievance.lemma_) or _when(grievance):
            continue
        if _party(grievance):
            return grievance
        owner = next((c for c in grievance.children if c.dep_ == "poss" and _party(c)), None)
        owner = owner or _party_in(grievance, ("by",))
        if owner is not None:
            return owner
    return None


def _when(token) -> bool:
    """A time, not a party: "demanded on Tuesday that ...", "struck at dawn"."""
    return token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() in TIME_WORDS


TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday weekend dawn dusk night morning
evening afternoon midnight noon day week month year today yesterday""".split())


PATIENT_NOUNS = frozenset(["killing", "murder", "assassination", "arrest", "detention", "abduction", "kidnapping",
                           "execution", "death", "release", "torture", "rape", "deportation", "expulsion"])


def _is_combat(token) -> bool:
    rule = _match_rule(token)
    return rule is not None and rule.acled_hint == "Armed clash"


def _between_first(token):
    """'clashes between X and Y': X."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            return _child(prep, "pobj")
    return None


CLAIM_NOUNS = frozenset(["responsibility", "credit"])
CLAIM_VERBS = frozenset(["claim", "take", "accept", "admit", "assume"])


def _claimant(token):
    """"The BLA claimed responsibility for the attack": who claims an attack is, as ACLED codes it, who
    carried it out."""
    if token.dep_ != "pobj" or token.head.lower_ != "for":
        return None
    noun = token.head.head
    if noun.lemma_.lower() not in CLAIM_NOUNS or noun.head.lemma_.lower() not in CLAIM_VERBS:
        return None
    claimant = _subject(noun.head)
    if claimant is None or _child(noun.head, "neg") is not None or claimant.lower_ in ("nobody", "none", "no one") \
            or any(child.dep_ == "det" and child.lower_ == "no" for child in claimant.children):
        return None  # "No group has claimed responsibility"
    return claimant


def _first_word(token) -> bool:
    """The first word of its sentence, opening punctuation skipped."""
    first = token.sent[0] if token.sent is not None else token.doc[0]
    while first.is_punct and first.i < token.i:
        first = first.doc[first.i + 1]
    return token.i == first.i


def _capitalised_first_word(token) -> bool:
    """A sentence's first word, capitalised only for being first and tagged a proper noun for it
    ('"Coordinated airstrikes by the Somali army ...'): no name unless spaCy found an entity there."""
    return _first_word(token) and not token.ent_type_


def _noun_actor1(token):
    claimant = _claimant(token)
    if claimant is not None:
        return claimant
    for child in token.children:
        if child.dep_ == "poss" and child.ent_type_ in ("DATE", "TIME"):
            continue  # "Tuesday's attack": a date, not an actor
        if child.dep_ == "poss":
            if token.lemma_.lower() in PATIENT_NOUNS and child.ent_type_ not in ("GPE", "NORP"):
                return None  # "al-Rufay'i's killing": the possessive is the victim
            if child.lower_ in PERSONAL and _governor(token) is not token:
                return None  # "Israel mounted its invasion": the verb's subject says who
            if child.lower_ in ("its", "their"):
                owner = _clause_subject(token)
                if owner is not None:
                    return owner  # "The rebel group insisted on its demands that ...": the group's demands
            return child
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and (
                (child.ent_type_ in ("NORP", "ORG") and not (child.pos_ in ("ADJ", "VERB") and child.ent_type_ == "ORG"
                                                             and _first_word(child)))
                or place_stage.country_of(child.text) is not None
                or (child.pos_ == "NOUN" and actor_coding.sector_of(child.text) in ("MIL", "REB", "MIL_NONSTATE"))
                or (child.pos_ == "PROPN" and child.ent_type_ not in ("GPE", "LOC", "FAC", "DATE")
                    and not _capitalised_first_word(child) and not _headline_case(child.sent))):
            return child  # "Iran strikes", "Israeli airstrikes"; not "the Jeddah talks"
    agent = _agent(token)
    if agent is not None:
        return agent
    between = _between_first(token)
    if between is not None:
        return between
    for child in token.children:  # "a missile strike launched by X" (not "fighting driven by a dispute")
        if child.dep_ == "acl":
            agent = _agent(child)
            if agent is not None and _actor_like(agent):
                return agent
    return _by_phrase_of_governing_verb(token)


_REACTING_TO = frozenset(["over", "for", "despite", "against", "amid", "because"])


def _clause_subject(token):
    """The subject of the verb whose clause holds the noun ``token`` ("The group insisted on its demands"), unless
    the noun is what the verb reacts to ("Police arrested the men after their attack": the men's attack)."""
    node = token
    for _ in range(4):
        if node.dep_ == "pobj" and (node.head.lower_ in TEMPORAL_PREPOSITIONS or node.head.lower_ in _REACTING_TO):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = _subject(node)
            return subject if subject is not None and subject.lower_ not in PERSONAL else None
        if node.head is node:
            break
    return None


def _actor_like(token) -> bool:
    """Does this noun name someone who can act: a kind of actor ('armed militants', 'police') or a named
    organisation, people, state or person?"""
    left, right = _np_bounds(token)
    words = token.doc[left:token.i + 1].text
    return bool(actor_coding.sector_of(words)) or token.ent_type_ in ("ORG", "NORP", "GPE", "PERSON")


def _by_phrase_of_governing_verb(token):
    """"31 people lost their lives in the hijacking of a train by armed militants": the parser hangs the
    by-phrase on the active verb ("lost ... by militants"), where it can only say who did the noun's act."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    verb = token.head.head
    if verb.pos_ not in ("VERB", "AUX") or _child(verb, "nsubjpass") is not None or _child(verb, "agent") is not None:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "by" and prep.i > token.i:
            candidate = _child(prep, "pobj")
            return candidate if candidate is not None and _actor_like(candidate) else None
    return None


@dataclass(slots=True)
class EntityMemory:
    """Recent named actors of the document, for pronouns and 'the group'."""

    items: list[tuple[int, Actor]] = field(default_factory=list)  # (sentence index, actor)

    def remember(self, sentence_index: int, actor: Actor | None) -> None:
        if actor is not None and actor.text.lower() not in PERSONAL and not GROUP_ANAPHORS.match(actor.text):
            self.items.append((sentence_index, actor))

    def resolve(self, text: str, sentence_index: int, window: int = 4) -> Actor | None:
        lowered = text.lower().strip()
        wants_group = bool(GROUP_ANAPHORS.match(lowered)) or lowered in ("we", "our", "us")
        if not wants_group:  # pronouns refer back to an earlier agent first
            for index, actor in reversed(self.items):
                if index <= sentence_index and sentence_index - index <= 2 and (actor.role or "").startswith("actor1"):
                    return actor
        for index, actor in reversed(self.items):
            if index > sentence_index or sentence_index - index > window:
                continue
            if wants_group and actor.sector not in ("REB", "MIL_NONSTATE"):
                continue
            if not wants_group and lowered in ("he", "she", "him", "her", "his") and actor.sector in ("REB", "MIL_NONSTATE"):
                continue
            return actor
        return None


def _dictionary(settings: Settings):
    """The actor dictionary, with the user's file (Settings.actor_dictionary) first."""
    return actor_coding.load_dictionary(str(settings.actor_dictionary) if settings.actor_dictionary else None)


def _extend_to_name(sentence: Sentence, text: str, start: int, end: int,
                    settings: Settings) -> tuple[str, int, int]:
    """Grow an actor span to a dictionary name the parse cut short ("Islamic" of "Islamic State-claimed")."""
    sentence_text = sentence.text
    window_end = min(len(sentence_text), end - sentence.start + 40)
    window = sentence_text[start - sentence.start:window_end]
    for entry in _dictionary(settings):
        match = entry.pattern.match(window) or entry.pattern.search(window[: end - start])
        if match and match.start() < end - start and match.end() > end - start:
            new_end = start + match.end()
            return sentence_text[start - sentence.start:new_end - sentence.start], start, new_end
    return text, start, end


def _code(sentence: Sentence, token, role: str, memory: EntityMemory, event_country: str | None,
          context_country: str | None, settings: Settings) -> Actor | None:
    if token is None:
        return None
    if token.lower_ in ("which", "who", "that", "whom") and token.head.dep_ == "relcl":
        token = token.head.head  # "the tanker, which ...": the noun the clause describes
    elif token.lower_ in ("it", "they", "he", "she", "we", "its", "their"):
        speaker = _speaker_of_clause(token)
        if speaker is not None:
            token = speaker  # "Switzerland said it had expelled two diplomats": it = Switzerland
    text, start, end = _span_of(sentence, token)
    text, start, end = _extend_to_name(sentence, text, start, end, settings)
    lowered = text.lower()
    if lowered in PERSONAL or GROUP_ANAPHORS.match(lowered):
        antecedent = memory.resolve(lowered, sentence.index)
        if antecedent is not None:
            return replace(antecedent, text=text, start=start, end=end, role=f"{role} (refers to {antecedent.text})")
        if lowered in PERSONAL:
            return None
        # "the militants" with nothing to refer back to: code the words themselves
    actor = actor_coding.code_actor(text, start, end, event_country=event_country, context_country=context_country,
                                    role=role, dictionary=_dictionary(settings))
    if actor.country is None and actor.sector is not None:
        country = _country_in_postmodifier(token)
        if country is not None:
            actor = replace(actor, country=country)  # "Rebels in the Ivory Coast", "opposition groups in Zimbabwe"
    if actor.country is None and actor.sector is None and token.ent_type_ not in ("ORG", "PERSON", "GPE", "NORP") \
            and not (role == "actor1" and token.pos_ in ("NOUN", "PROPN") and not NON_ACTOR_NOUNS.match(token.lemma_)
                     and not NON_AGENT_NOUNS.match(token.lemma_)):
        return None  # neither named nor a known kind of actor: "hideouts", "the route"
    return actor


def _country_in_postmodifier(token) -> str | None:
    """The country an in-phrase puts a group in ("Rebels in the Ivory Coast", "protesters in Beijing")."""
    for prep in token.children:
        pobj = _child(prep, "pobj") if prep.dep_ == "prep" and prep.lower_ == "in" else None
        if pobj is not None and (pobj.ent_type_ in ("GPE", "LOC") or place_stage.country_of(pobj.text)):
            name = " ".join(t.text for t in pobj.subtree if t.dep_ not in ("det", "amod"))  # "in northern Mali"
            country = place_stage.country_of(name)
            if country is not None:
                return country
    return None


def _speaker_of_clause(token):
    """The subject of the speech verb a pronoun's clause is reported under, if it is not a pronoun."""
    node = token.head
    for _ in range(5):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS | {"insist", "warn", "vow", "promise"}:
            subject = _child(node.head, "nsubj")
            if subject is None or subject.lower_ in PERSONAL or _quoted_between(token, node.head):
                return None  # '"They shot them," Ajmal said': in direct speech a third person is someone else
            if token.lower_ in ("they", "their") and subject.ent_type_ == "PERSON" and subject.tag_ in ("NNP", "NN"):
                return None  # "they" is never the one person who reports it
            return subject
        if node.head is node:
            return None
        node = node.head
    return None


QUOTE_MARKS = frozenset(['"', "“", "”", "'", "‘", "’", "''", "``"])


def _quoted_between(a, b) -> bool:
    """A quotation mark between two tokens: one is inside a direct quote, the other outside it."""
    low, high = sorted((a.i, b.i))
    return any(t.text in QUOTE_MARKS and t.dep_ == "punct" for t in a.doc[low + 1:high])


def _attribution(sentence: Sentence, trigger) -> Attribution | None:
    """'X said (that) ...' / '..., X said.' / 'according to X' around the trigger."""
    doc = sentence.doc
    node = trigger
    for _ in range(6):
        if node.lemma_.lower() in SPEECH_VERBS and node is not trigger:
            speaker = _child(node, "nsubj")
            if speaker is not None:
                return _speaker(sentence, speaker)
        if node.head is node:
            break
        node = node.head
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            pobj = _child(doc[token.i + 1], "pobj")
            if pobj is not None:
                return _speaker(sentence, pobj)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_.lower() in SPEECH_VERBS and root is not trigger:
        speaker = _child(root, "nsubj")
        if speaker is not None:
            return _speaker(sentence, speaker)
    return None


def _speaker(sentence: Sentence, token) -> Attribution:
    text, start, end = _span_of(sentence, token)
    role = None
    words = [t for t in sentence.doc[_np_bounds(token)[0]:token.i + 1]]
    appos = _child(token, "appos")
    if appos is not None:
        words.extend(appos.subtree)
    for word in words:
        if actor_coding.sector_of(word.text) in ("GOV", "MIL", "MED", "NGO", "IGO") or word.lemma_.lower() in (
            "spokesperson", "spokesman", "spokeswoman", "analyst", "official", "governor", "minister", "witness",
            "resident", "commander", "chief", "leader", "director", "president"):
            role = (appos.text if appos is not None else word.text)
            break
    return Attribution(text=text, role=role, start=start, end=end)


# --------------------------------------------------------------------------- classification and coding


def _classify(mentions: Sequence[Mention], classifier, cache: dict | None = None, also: Sequence[str] = (),
              vectors: dict | None = None) -> None:
    """ACLED sub-event types (and PLOVER modes) for a sentence's mentions.

    The lexicon says that there is an event and its PLOVER type; the classifier reads the clause. For
    ACLED-codable types (assault, protest, coercion) a confident classifier may re-type the event within
    that family ("protesters clashed with police" is a violent demonstration, not an armed clash);
    otherwise the best ACLED sub-type that fits the PLOVER type is taken from the classifier's full
    distribution, and the lexicon's hint when the classifier has nothing to say. Texts in ``also`` (a
    short document's whole text) are classified in the same encoder batch, into ``cache``; ``vectors``
    receives each text's embedding (text -> vector) for reuse.
    """
    if not mentions and not (also and classifier is not None):
        return
    if classifier is None:  # lexicon only (tests, or a user without heads)
        for mention in mentions:
            hint = mention.rule.acled_hint
            if hint in ACLED_FOR_PLOVER.get(mention.type, frozenset()) and not mention.planned:
                mention.acled_sub_event_type, mention.acled_event_type = hint, ACLED_EVENT_TYPE_OF_SUB[hint]
        return
    coded = [m for m in mentions if m.type in ACLED_FOR_PLOVER]
    for mention in mentions:
        if mention.type not in ACLED_FOR_PLOVER:  # diplomatic types: the lexicon says all ACLED would
            mention.confidence = 0.6
    if not coded and not also:
        return
    unique = list(dict.fromkeys([m.clause_text for m in coded] + list(also)))  # mentions often share a clause
    # At most 8 texts per encoder run (runs are cut by token count, so a document's clauses of very
    # different lengths run apart instead of padding one another: embeddings.Encoder.encode).
    # Embedded as the classifier reads them and as its training notes were embedded: ACLED house style
    # ("On 9 May 2020, ...") removed (news text passes unchanged).
    from eventwire.events.train import clean_note

    embeddings = classifier.encoder.encode([clean_note(t) for t in unique], batch_size=8)
    results = dict(zip(unique, classifier.classify(unique, embeddings)))
    if cache is not None:
        cache.update(results)
    if vectors is not None:
        vectors.update(zip(unique, embeddings))
    labels = classifier.heads["sub"].labels
    for mention in coded:
        result = results[mention.clause_text]
        probabilities = result.distribution
        mention.scores = dict(result.scores or {})
        mention.inter_hint = (result.inter1, result.inter2)
        if mention.mode is None and result.plover_type == mention.type:
            mention.mode = result.plover_mode
        agreement = 1.0 if result.plover_type == mention.type else 0.6
        mention.confidence = round(0.45 + 0.35 * agreement * max(result.plover_confidence, 0.3), 3)
        if mention.planned:
            continue  # ACLED codes what happened, not what is planned
        sub = result.acled_sub_event_type
        fits = ACLED_FOR_PLOVER.get(mention.type, frozenset())
        if sub is not None and sub not in fits and mention.type in ACLED_FAMILY and (
                result.is_acled >= 0.6 and result.acled_confidence >= 0.5) and _demonstrated(sub, mention.sentence.text):
            retyped, mode = SUB_TO_PLOVER_TYPE.get(sub, (None, None))
            if retyped in ACLED_FAMILY and not (mention.mode == "arrest" and sub not in ARREST_READINGS):
                mention.rule = replace(mention.rule, type=retyped)
                mention.mode = mode or mention.mode
                fits = ACLED_FOR_PLOVER.get(retyped, frozenset())
        if mention.type == "COERCE" and mention.mode == "arrest" and mention.rule.acled_hint == "Arrests" \
                and sub in (None, "Looting/property destruction"):
            sub = "Arrests"  # a person captured or detained is arrested, not property taken
        elif sub not in fits and mention.rule.acled_hint is None:
            sub = None  # a word ACLED does not code ("banned", "deported") needs the classifier's own top choice
        elif sub not in fits:
            scored = [(float(p), label) for p, label in zip(probabilities, labels) if label in fits]
            best = max(scored, default=(0.0, None))
            sub = best[1] if best[0] >= 0.15 else (mention.rule.acled_hint if mention.rule.acled_hint in fits else None)
        mention.acled_sub_event_type = sub
        mention.acled_event_type = ACLED_EVENT_TYPE_OF_SUB.get(sub) if sub else None


# What an arrest clause may be read as besides an arrest: protesters detained (ACLED codes the protest), people
# "captured" by an armed group. Not a clash or an attack: "Authorities in Brazil have arrested two alleged top
# weapons and drug providers" is no armed clash, whatever the weapons suggest to the classifier. (A short
# text's whole-text reading still re-types its main event: "an exchange of fire ... and one wounded Maoist was
# arrested" is ACLED's armed clash.)
ARREST_READINGS = frozenset(["Protest with intervention", "Excessive force against protesters",
                             "Abduction/forced disappearance", "Arrests"])


def _focus_country(parsed: ParsedDocument, found_places: Sequence[Place]) -> str | None:
    counts: dict[str, float] = {}
    for place in found_places:
        if place.country:
            weight = 2.0 if place.start < 400 else 1.0
            counts[place.country] = counts.get(place.country, 0.0) + weight
    return max(counts, key=counts.get) if counts else None


def _places_of_this_time(sentence, trigger, places: Sequence[Place]) -> Sequence[Place]:
    """The places but those told of an event the sentence sets weeks or more apart ("This latest attack comes
    a year after the killing of X, who worked at the consulate in Juarez": Juarez is where X was killed)."""
    apart = [(sentence.offsets(sentence.doc[t.left_edge.i:t.right_edge.i + 1])) for t in sentence.doc
             if t.i != trigger.i and _before_or_after(t, LONG_SPANS)]
    if not apart:
        return places
    own = sentence.offsets(sentence.doc[trigger.left_edge.i:trigger.right_edge.i + 1])
    return [p for p in places if not any(start <= p.start and p.end <= end and not (own[0] <= start and end <= own[1])
                                         for start, end in apart)]


def _fill_arguments(parsed: ParsedDocument, mention: Mention, context: EventContext, memory: EntityMemory,
                    focus: str | None) -> None:
    sentence, trigger, governor = mention.sentence, mention.trigger, mention.governor
    ev_start, ev_end = sentence.start, sentence.end
    t_start, t_end = mention.trigger_offsets()
    mention.date = timex.event_date(parsed, context.times, ev_start, ev_end, t_start, t_end)
    clause_start, clause_end = sentence.offsets(sentence.doc[governor.left_edge.i:governor.right_edge.i + 1])
    places = _places_of_this_time(sentence, trigger, context.places)
    if (clause_start, clause_end) != (ev_start, ev_end):
        # Several events in one sentence: a place in the trigger's own clause comes first.
        mention.location = place_stage.event_location(parsed, places, clause_start, clause_end, t_start, t_end)
    if mention.location is None and not (mention.reference and (clause_start, clause_end) != (ev_start, ev_end)):
        # (an event named inside another's clause - "strikes over a bombing" - does not take that one's place)
        mention.location = place_stage.event_location(parsed, places, ev_start, ev_end, t_start, t_end)
    event_country = mention.location.country if mention.location else None
    context_country = event_country or focus
    is_verb = trigger.pos_ in ("VERB", "AUX")
    if mention.rule is DEMAND_RULE:  # "X said Y must ...": X asks Y
        first, second = _subject(governor), _child(trigger, "nsubj", "nsubjpass")
    elif is_verb:
        passive = _child(trigger, "nsubjpass")
        if passive is not None and passive.lower_ == "alias":  # "X, alias "El Gordo," was captured"
            passive = _under_a_misparsed_subject(passive) or passive
        if passive is None and _bare_participle(trigger):
            passive = _subject(trigger)  # "the leader is dead, killed in a raid": the subject is the patient
        if passive is None and trigger.dep_ == "conj" and _child(trigger, "auxpass") is not None \
                and _child(trigger, "nsubj") is None:
            passive = _subject(trigger)  # "the car hit a mine and was then attacked": the shared subject is hit
        if passive is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN" and mention.type in VIOLENT:
            passive = _participle_patient(trigger)  # "civilians killed in the raid", "among those killed"
        if passive is None and _wounded_where(trigger):
            passive = _subject(trigger)  # "The agent shot in the chest ... died": the parser's subject is hit
        if passive is None and mention.type in VIOLENT and _headline_passive(trigger):
            passive = _subject(trigger)  # "Two US Agents Attacked": headlines drop the passive's auxiliary
        first = _agent(trigger) if passive is not None else _subject(trigger)
        second = passive if passive is not None else _target(trigger)
        if passive is not None and first is None and mention.mode == "disarm":
            first, second = passive, None  # "guerrillas have been demobilized": they stand down (PLOVER RETREAT)
    else:
        first = _noun_actor1(trigger)
        if first is None and trigger.dep_ == "nsubj":  # "clashes erupted between X and Y"
            first = _between_first(trigger.head)
            if first is not None and second_from_between(trigger.head) is not None:
                governor = trigger.head
        if first is None and governor is not trigger:
            passive = _child(governor, "nsubjpass") is not None or _bare_participle(governor)
            # ("Injured in the initial attack, the driver ... died": a bare participle's subject is its patient)
            first = _agent(governor) if passive else _subject(governor)
        second = _target(trigger) or (_target(governor) if governor is not trigger else None)
        if second is None and trigger.dep_ == "nsubj":
            second = second_from_between(trigger.head)
        if second is None and trigger.pos_ in ("NOUN", "PROPN") and mention.type in VIOLENT:
            for verb in _told_by(trigger):  # "A roadside bombing ... killed one U.S. soldier": whom it hit
                second = _target(verb)
                if second is not None:
                    break
        if second is None and trigger.pos_ == "ADJ":
            second = _child(governor, "nsubjpass", "nsubj")  # "a man was found dead": the victim
        if second is None and trigger.lemma_.lower() in PATIENT_NOUNS:
            # "Zapata's killing", "the arrest of Armando Villareal Heredia": whom it was done to
            second = _child(trigger, "poss") or _party_in(trigger, ("of",))
        if second is not None and second.i == trigger.i:
            second = None
    verb = governor if governor is not trigger else trigger
    if first is None and mention.type in ACLED_FAMILY and (is_verb or governor is not trigger) \
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) \
            and not (verb.dep_ in ("acl", "advcl") and _bare_participle(verb) and mention.type in VIOLENT):
        # a passive names its agent with 'by' or not at all: the nearest noun before
        # '"El Gordo," was captured' (or "... were among those killed") is the captive
        first = _nearest_agent(sentence, verb, second)
    mention.actor1 = _code(sentence, first, "actor1", memory, event_country, context_country, context.settings)
    if first is not None and first.dep_ in ("compound", "nmod", "amod") and first.head.i == trigger.i:
        mention.actor1 = _unless_a_place(mention.actor1, context.places)  # "the Bouake attack"
    mention.actor2 = _code(sentence, second, "actor2", memory, event_country, context_country, context.settings)
    # an actor cannot hold its own event's word: "Guatemala ex-VP Arrested", "Mexican Cartels Move" are a
    # headline's words the parser ran together
    mention.actor1 = None if _holds(mention.actor1, t_start, t_end) else mention.actor1
    mention.actor2 = None if _holds(mention.actor2, t_start, t_end) else mention.actor2
    if mention.actor1 is None and mention.type == "PROTEST" and not is_verb \
            and trigger.lemma_.lower() in PARTICIPANT_NOUNS:
        # "Demonstrators chant ...": the protest noun is its own actor.
        text, start, end = _span_of(sentence, trigger)
        mention.actor1 = actor_coding.code_actor(text, start, end, event_country=event_country,
                                                 context_country=context_country, role="actor1")
    if mention.type == "PROTEST" and mention.actor1 and mention.actor1.sector in ("GOV", "IGO"):
        mention.rule = replace(mention.rule, type="ACCUSE", mode=None, acled_hint=None)  # a state "protested"
        mention.mode, mention.acled_sub_event_type, mention.acled_event_type = None, None, None
    if mention.actor1 and mention.actor2 and (mention.actor2.start == mention.actor1.start
                                              or mention.actor2.name == mention.actor1.name):
        mention.actor2 = None  # ("France is ready to contribute troops": its own troops are no target)
    if mention.actor2 is None and mention.type not in ACLED_FAMILY | {"MOBILIZE"}:
        mention.actor2 = _place_targeted(sentence, trigger, governor, mention.type, context)
        mention.actor2 = None if _holds(mention.actor2, t_start, t_end) else mention.actor2
    if mention.actor1 is not None and mention.actor1.sector == "GOV" and mention.actor1.country is None \
            and mention.type not in ACLED_FAMILY:
        mention.actor1 = _official_of_the_sentence(sentence, mention.actor1, mention.actor2, context, event_country)
    mention.attribution = _attribution(sentence, trigger)


# A state's own organs right after its name: "the US government", "Colombian authorities".
OTHER_STATE = re.compile(r"^\W{0,3}(?:government|authorities|officials|administration|ministry|embassy|president|"
                         r"prime minister|army|military|forces|police|prosecutors)\b", re.IGNORECASE)


OPPONENT_PREPOSITIONS = frozenset(["against", "on", "toward", "towards", "at"])


def _named_as_opponent(sentence: Sentence, start: int, end: int) -> bool:
    """Is the phrase at these document offsets in a prepositional phrase that names an opponent ("sanctions
    against Russia", "pressure on Iran")?"""
    span = sentence.doc.char_span(start - sentence.start, end - sentence.start, alignment_mode="expand")
    for token in span.root.ancestors if span is not None else ():
        if token.dep_ == "prep":
            return token.lower_ in OPPONENT_PREPOSITIONS
    return False


def _official_of_the_sentence(sentence: Sentence, actor: Actor, target: Actor | None, context: EventContext,
                              event_country: str | None) -> Actor:
    """An official named by title and name but no country ("President Yoweri Museveni", "Vice-President Moody
    Awori") acts for the one country the sentence names, by name, demonym or place ("... threatened to ban
    Ugandan opposition candidates", "... reneged on his commitment to the Zambian people"), unless
    that country is what the act is aimed at ("President Bush threatened action against Russia"): with two
    countries, or none, it stays unknown. (Only for named officials and acts ACLED does not code: "the
    government", "authorities" and "officials" are too often another country's, docs/decisions.md.)"""
    entities = sentence_entities(sentence)
    persons = [(start, end) for start, end, label in entities if label == "PERSON"]
    if not any(actor.start <= start and end <= actor.end for start, end in persons):
        return actor  # not a named official (spaCy PERSON inside the actor's words)

    def outside(start: int, end: int) -> bool:  # not in the official's own words nor in a person's name
        return not any(s <= start < e or s < end <= e for s, e in [(actor.start, actor.end), *persons])

    # countries and provinces only: a town's resolution is too weak a clue ("Douglas Melendez": Isle of Man)
    found: set[str] = {p.country for p in context.places if p.country and p.feature in ("country", "admin1")
                       and sentence.start <= p.start and p.end <= sentence.end and outside(p.start, p.end)
                       and not _named_as_opponent(sentence, p.start, p.end)}
    for start, end, label in entities:
        if label in ("GPE", "NORP", "LOC", "ORG") and outside(start, end):
            words = sentence.text[start - sentence.start:end - sentence.start]
            country = actor_coding.country_in(words)
            if country and OTHER_STATE.search(sentence.text[end - sentence.start:end - sentence.start + 30]):
                return actor  # another state acts in the sentence ("after the US government indicted ...")
            if country and not _named_as_opponent(sentence, start, end):
                found.add(country)
    if target is not None and target.country:
        found.discard(target.country)
    if len(found) != 1:
        return actor
    [country] = found
    return replace(actor, country=country, acled_inter=actor_coding.code_inter(actor.sector, country, event_country,
                                                                             actor.text))


TARGET_PLACE_PREPOSITIONS = ("in", "to", "into", "on")  # and "from" for a withdrawal ("aid from Japan" is no target)
MEETING_TYPES = frozenset(["CONSULT", "AGREE", "COOPERATE"])


# Dependencies the search for a targeted place follows down from an act's words: into its objects,
# complements and their prepositional phrases ("ready to contribute troops to a force in Liberia"), never
# into another clause (ccomp, advcl, relcl) or towards the actor (nsubj).
_TARGET_PATH_DEPS = frozenset(["prep", "pobj", "dobj", "xcomp", "attr", "acomp", "oprd", "pcomp", "appos", "dative"])
TARGET_PATH_DEPTH = 6  # dependency steps below the act's words
# Where these happen is a venue: "talks in Geneva", "met ... in Washington", "signed an agreement in Havana".
VENUE_WORDS = frozenset(["talk", "meeting", "meet", "summit", "conference", "negotiation", "negotiate", "session",
                         "forum", "gathering", "ceremony", "hold", "host", "convene", "sign", "agreement", "accord",
                         "deal", "treaty", "pact"])


def _place_targeted(sentence: Sentence, trigger, governor, mention_type: str, context: EventContext) -> Actor | None:
    """A diplomatic or cooperative act aimed at a territory with no party named ("lifted a night curfew in
    Montenegro", "arrived in Amman on a visit", "withdraw its troops from neighboring Lebanon", "sought refuge
    in Germany", "agreed to provide aid for Romania", "ready to contribute troops to a peace-keeping force in
    Liberia"): the place's country is the target, as PLOVER and CAMEO code it. Only a place the act's own
    words govern, directly or through their objects and complements (TARGET_PATH_DEPTH steps), never a place
    in another clause of the sentence. A place where people meet is a venue, not a counterpart ("talks in
    Geneva", "agreed to hold a summit in Doha"), unless the act is a journey there ("arrived in Amman")."""
    direct_venue = mention_type in MEETING_TYPES and governor.lemma_.lower() not in TRAVEL_VERBS \
        and trigger.lemma_.lower() not in TRIP_NOUNS
    meeting = not VENUE_WORDS.isdisjoint((trigger.lemma_.lower(), governor.lemma_.lower()))
    prepositions = TARGET_PLACE_PREPOSITIONS + (("from",) if mention_type == "RETREAT" else ())
    frontier = list(dict.fromkeys([trigger, governor]))
    seen = {token.i for token in frontier}
    for depth in range(TARGET_PATH_DEPTH):
        following = []
        for head in frontier:
            for child in head.children:
                if child.i in seen or child.dep_ not in _TARGET_PATH_DEPS:
                    continue
                seen.add(child.i)
                following.append(child)
                if child.dep_ != "prep" or child.lower_ not in prepositions + (("for",) if depth else ()):
                    continue
                if (depth == 0 and direct_venue) or (child.lower_ == "in" and (
                        meeting or head.lemma_.lower() in VENUE_WORDS)):
                    continue
                place = _place_of(sentence, _child(child, "pobj"), context)
                if place is not None:
                    # the territory and its people, not its government: country only, no sector or inter code
                    return Actor(text=place.text, start=place.start, end=place.end, name=place.name or place.text,
                                 country=place.country, sector=None, acled_inter=None,
                                 role="actor2 (the place acted on)")
        frontier = following
    return None


def _place_of(sentence: Sentence, token, context: EventContext):
    """The resolved place (with a country) whose span holds ``token``, if any."""
    if token is None:
        return None
    start, end = sentence.offsets(sentence.doc[token.i:token.i + 1])
    return next((p for p in context.places if p.start <= start and end <= p.end and p.country), None)


def _unless_a_place(actor: Actor | None, places: Sequence[Place]) -> Actor | None:
    """A town named before an event noun ("the Bouake attack") is where it happened: a place names an actor
    only as a country or a capital standing for its government ("Moscow's strikes"), which actor coding gives
    a sector. (Only for such modifiers: the places stage also takes some surnames for towns, "Erdogan
    denounced", "Duarte resigned".)"""
    if actor is None or actor.sector is not None or actor.country is not None:
        return actor
    inside = any(p.start <= actor.start and actor.end <= p.end and p.feature != "country" for p in places)
    return None if inside else actor


def _holds(actor: Actor | None, start: int, end: int) -> bool:
    return actor is not None and actor.start <= start and end <= actor.end


def second_from_between(token):
    first = _between_first(token)
    return _child(first, "conj") if first is not None else None


def _verb_chain_reaches(token, verb) -> bool:
    """Whether ``verb`` governs ``token`` through verbs and prepositions only (xcomp, advcl, conj,
    prep, pcomp, pobj), never through a noun that the token describes ('schoolgirls kidnapped')."""
    node = token
    for _ in range(6):
        if node.head is node:
            return False
        if node.dep_ not in ("xcomp", "advcl", "conj", "prep", "pcomp", "pobj", "ccomp") and node is not token:
            return False
        if node is token and node.dep_ in ("acl", "relcl", "amod", "appos"):
            return False
        node = node.head
        if node is verb:
            return True
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ != "pobj":
            return False
    return False


def _nearest_agent(sentence: Sentence, trigger, exclude=None, window: int = 14):
    """When the parse gives no subject (long preambles like "On 8 May, in X, Y, residents protested"):
    the nearest noun before the trigger that names a kind of actor or an organisation."""
    doc = sentence.doc
    for i in range(trigger.i - 1, max(-1, trigger.i - window - 1), -1):
        token = doc[i]
        if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL"):
            continue
        if exclude is not None and token.i == exclude.i:
            continue
        if NON_AGENT_NOUNS.match(token.lemma_):
            continue  # "armed men riding a motorcycle carried out a drive-by shooting": the men
        if token.dep_ in ("compound", "pobj"):
            continue  # "in a post on the X social media platform": where something was said, not who acted
        if token.dep_ in ("nsubj", "nsubjpass") and token.head is not trigger \
                and not _verb_chain_reaches(trigger, token.head):
            # "Many Nigerians are expressing relief after 270 schoolgirls kidnapped ...": another clause's
            # subject (but "youths resorted to throwing stones during demonstrations": the same chain)
            continue
        if actor_coding.sector_of(_span_text(token)) or token.ent_type_ in ("ORG", "NORP"):
            return token
    return None


# Violent verbs that take no object: in a headline "Rebels Clashed" is still active.
INTRANSITIVE_VIOLENCE = frozenset(["clash", "fight", "battle", "riot", "explode", "erupt", "rampage", "mutiny"])


def _headline_passive(verb) -> bool:
    """A headline's past participle with a subject and no object ("Two US Agents Attacked", "Mayor Killed
    in Ambush"): headlinese for the passive, whose subject is the patient (active headlines take the present:
    "Militants attack train")."""
    return verb.tag_ in ("VBD", "VBN") and verb.text[:1].isupper() and _headline_case(verb.sent) \
        and verb.lemma_.lower() not in INTRANSITIVE_VIOLENCE \
        and _child(verb, "nsubj") is not None and _child(verb, "dobj", "ccomp", "xcomp", "aux", "auxpass") is None


def _participle_patient(verb):
    """Whom a past participle that modifies a noun names as hit: "civilians killed in the raid" ->
    civilians; "X were among those killed" -> X (the copula's subject); a bare "those killed" -> nobody."""
    head = verb.head
    if head.pos_ in ("NOUN", "PROPN"):
        return head
    if head.dep_ == "pobj" and head.head.lower_ == "among" and head.head.head.lemma_.lower() == "be":
        return _child(head.head.head, "nsubj")
    return None


def _bare_participle(verb) -> bool:
    """A past participle with no subject or auxiliary of its own ("..., killed in what officials
    describe as a joint operation"): passive in meaning."""
    if verb.tag_ != "VBN":
        return False
    return not any(c.dep_ in ("nsubj", "aux", "auxpass", "nsubjpass") for c in verb.children)


BODY_PARTS = frozenset(["head", "chest", "leg", "legs", "arm", "arms", "back", "neck", "abdomen", "stomach", "face",
                        "shoulder", "foot", "feet", "hand", "hands", "thigh", "eye", "knee", "hip", "groin", "torso",
                        "jaw", "mouth", "throat", "spine", "buttock", "buttocks", "ankle", "wrist", "skull", "heart"])


def _wounded_where(verb) -> bool:
    """A violent verb with no object whose 'in' names a body part ("The agent shot in the chest, ..., died"):
    spaCy makes the reduced relative a main verb with the victim as subject; the meaning is passive."""
    if _child(verb, "dobj") is not None:
        return False
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "through"):
            target = _child(prep, "pobj")
            if target is not None and target.lower_ in BODY_PARTS:
                return True
    return False


_ENVOYS = frozenset(["ambassador", "envoy", "diplomat", "charge", "chargé", "embassy", "attache", "attaché",
                     "consul", "mission", "representative"])


def _diplomatic_step(mention: Mention) -> bool:
    """A step about envoys (recall, withdraw, expel, summon an ambassador): it has a counterpart state."""
    if mention.type not in ("SANCTION", "ACCUSE", "REJECT", "COERCE"):
        return False
    return any(t.lemma_.lower() in _ENVOYS for t in mention.governor.subtree)


def _counterpart(actor: Actor | None, memory: EntityMemory, sentence_index: int) -> Actor | None:
    """For 'withdrew its ambassador': the other state the step is aimed at (nearest earlier other country)."""
    if actor is None or actor.country is None:
        return None
    for index, other in reversed(memory.items):
        if index <= sentence_index and other.country and other.country != actor.country and other.sector in ("GOV", "MIL"):
            return replace(other, role="actor2 (counterpart in context)")
    return None


# --------------------------------------------------------------------------- merging


def _date_key(date: EventDate | None) -> tuple[str, str] | None:
    if date is None or date.source == "publication" or not date.start:
        return None
    return date.start, date.end or date.start


def _dates_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    """Whether mention date ``b`` may date the same event as ``a``, the date of the event told first."""
    if _background(a, b) or _deictic_and_dated(a, b) or _deictic_and_dated(b, a):
        return False
    ka, kb = _date_key(a), _date_key(b)
    if ka is None or kb is None:
        return True
    if (a.source == "context") != (b.source == "context"):
        return True  # a date carried over from an earlier sentence is a guess; the other's own date may correct it
    if _own_date(a) and _own_date(b) and ka != kb:
        # Each mention dates itself, differently: "Militants attacked a train Tuesday" and "Earlier this
        # month, a suicide bomber ..." are two events, though the month holds the Tuesday.
        return False
    return ka[0] <= kb[1] and kb[0] <= ka[1]


NEWS_PEG_DAYS = 7
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_RELATIVE_DAY = re.compile(r"^XXXX-(WXX(-\d)?|XX-XX)$")  # a weekday, a week, today/yesterday of an unknown date


def _unanchored(date: EventDate | None) -> bool:
    """A recent day told relative to the text's own date, in a text without one ("on Tuesday", "last week")."""
    return date is not None and _own_date(date) and bool(_RELATIVE_DAY.match(date.value or ""))


def _deictic_and_dated(deictic: EventDate | None, dated: EventDate | None) -> bool:
    """In a text without a date, "on Tuesday" and "in March 2010" are two times: news tells its own days
    relative to now and spells out the year of what is not recent ("killed ... on Tuesday"; "Both were shot
    and killed in Juarez in March 2010")."""
    return _unanchored(deictic) and _own_date(dated) and _date_key(dated) is not None \
        and bool(_YEAR.search(dated.text or ""))


def _background(first: EventDate | None, later: EventDate | None) -> bool:
    """The event told first is dated by the article alone (it is the news), and the later mention dates
    itself to more than a week before the article ("Both were shot in Juarez in March 2010", "last month's
    bombing"): the later one is background, another event, however alike the two read."""
    if first is None or first.source != "publication" or not first.start or not _own_date(later) or not later.end:
        return False
    try:
        gap = Date.fromisoformat(first.start[:10]) - Date.fromisoformat(later.end[:10])
    except ValueError:
        return False
    return gap.days > NEWS_PEG_DAYS


def _own_date(date: EventDate | None) -> bool:
    """A date the mention's own clause or sentence states (not one carried over from context)."""
    return date is not None and date.source in ("clause", "sentence")


def _opposed(a: Actor | None, b: Actor | None) -> bool:
    """The two sides of a conflict (a state and an armed group), even when one country codes both."""
    return a is not None and b is not None and a.name != b.name and actor_coding.opposed_sectors(a.sector, b.sector)


def _countries_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _same_specific_place(a: Place | None, b: Place | None) -> bool:
    """Both places finer than a country and the same admin1 (or the same named place)."""
    if a is None or b is None or a.country != b.country:
        return False
    if a.feature == "country" or b.feature == "country":
        return False
    if a.name and a.name == b.name:
        return True
    return bool(a.admin1 and a.admin1 == b.admin1)


def _is_bare(mention: Mention) -> bool:
    """A mention that says nothing of its own: no actor, no date of its own, no place finer than a country."""
    location = mention.location
    return (mention.actor1 is None and _date_key(mention.date) is None
            and (location is None or location.feature == "country"))


def _compatible(event: Mention, mention: Mention) -> bool:
    """May ``mention`` be another report of ``event``? Nothing may conflict, and something must tie them."""
    if mention.separate or event.type != mention.type:
        return False
    if event.sentence is mention.sentence and (_before_or_after(event.trigger) or _before_or_after(mention.trigger)):
        return False  # "killed 30 militants, a day after an attack on a train": one happened after the other
    a1, m1 = event.actor1, mention.actor1
    if _attackers_hit(event, mention) or _attackers_hit(mention, event):
        return False
    if not _countries_compatible(a1.country if a1 else None, m1.country if m1 else None):
        return False
    names_description = mention.anaphoric and (_names_description(m1, a1) or _names_description(a1, m1))
    if a1 and m1 and a1.sector and m1.sector and a1.sector != m1.sector and a1.country != m1.country \
            and not names_description:
        return False
    if _opposed(a1, m1):
        return False
    if not _dates_compatible(event.date, mention.date):
        return False
    ea, ma = event.location, mention.location
    if not _countries_compatible(ea.country if ea else None, ma.country if ma else None):
        return False
    shared_actor = bool(a1 and m1 and a1.country and a1.country == m1.country) or bool(
        a1 and m1 and a1.name == m1.name) or names_description
    shared_date = _date_key(event.date) is not None and _date_key(event.date) == _date_key(mention.date)
    shared_place = _same_specific_place(ea, ma) and (m1 is None or a1 is None)
    if shared_actor or shared_date or shared_place or _same_named_target(event.actor2, mention.actor2):
        return True
    if (mention.anaphoric and m1 is None) or _is_bare(mention):
        return _same_kind(event, mention)
    if m1 is None and _date_key(mention.date) is None and (ea is None or ma is None) \
            and event.trigger.lemma_.lower() == mention.trigger.lemma_.lower():
        # "Mexican police have captured a ... operative" then "X, alias "El Gordo," was captured in Sonora": the
        # same word again, nobody else named as doing it, only a place the first report lacked
        return True
    return False


def _attackers_hit(attack: Mention | Event, other: Mention | Event) -> bool:
    """'Militants attacked a train ...' and 'The sources said 16 terrorists had been killed': armed men of
    the attackers' kind hit by someone the text does not name are the other side's answer (a rescue, a raid,
    a year's toll), another event - unless the attack was on state forces, a fight whose dead on both sides
    are one battle's."""
    armed = actor_coding.ARMED_NON_STATE_SECTORS
    attacker, attacked, hit = attack.actor1, attack.actor2, other.actor2
    return attack.type in VIOLENT and attacker is not None and attacker.sector in armed \
        and other.actor1 is None and hit is not None and hit.sector in armed \
        and (attacked is None or attacked.sector not in ("GOV", "MIL"))


def _same_named_target(a: Actor | None, b: Actor | None) -> bool:
    """Both mentions aim at one named person ("... killed Zapata", "shooting Zapata in the chest"): a person
    is killed, arrested or abducted once in a news story. Not a state, a force or a description ("the
    police", "Civilians (Mexico)", "two soldiers")."""
    if a is None or b is None or a.name != b.name or a.country is not None and a.sector in ("GOV", "MIL"):
        return False
    return a.sector in (None, "CVL") and not actor_coding.generic_name(a.name.lower()) \
        and a.name[:1].isupper() and not any(ch.isdigit() for ch in a.name) and "(" not in a.name


TEMPORAL_PREPOSITIONS = frozenset(["after", "before", "following", "since", "preceding"])


TIME_SPANS = frozenset(["minute", "hour", "day", "night", "week", "month", "year", "moment", "time"])


LONG_SPANS = frozenset(["week", "month", "year", "decade"])  # apart by these, not one news story's event


def _before_or_after(token, spans_of: frozenset[str] = TIME_SPANS) -> bool:
    """The trigger is the object of 'a day after', 'weeks before' ...: an event its sentence sets apart by a
    span of time (one of ``spans_of``). (A bare "killed following an attack" is as likely the attack's
    outcome.)"""
    if token.dep_ != "pobj" or token.head.lower_ not in TEMPORAL_PREPOSITIONS:
        return False
    preposition = token.head
    spans = [c for c in preposition.children if c.dep_ == "npadvmod"] + [preposition.head]
    return any(span.lemma_.lower() in spans_of for span in spans)


def _names_description(named: Actor | None, described: Actor | None) -> bool:
    """'Militants attacked a train ... The BLA claimed responsibility for the attack': a named actor of the
    same kind as the one a description ("militants", "gunmen") left unnamed."""
    if named is None or described is None or not actor_coding.generic_name(described.name) \
            or actor_coding.generic_name(named.name):
        return False
    armed = actor_coding.ARMED_NON_STATE_SECTORS
    return named.sector == described.sector or (named.sector in armed and described.sector in armed)


def _same_actor_or_none(head: Actor | None, other: Actor | None) -> bool:
    """Whether a mention may say what the head's event was: it names the same actor, or the head none.
    (A "blast" nobody is said to have set off does not make the army's operation a bombing.)"""
    return head is None or (other is not None and other.name == head.name)


def _same_kind(event: Mention, mention: Mention) -> bool:
    """'The strikes' after 'airstrikes', 'the arrest' after 'arrested': the same trigger family."""
    if event.trigger.lemma_.lower() == mention.trigger.lemma_.lower():
        return True
    if event.mode and event.mode == mention.mode:
        return True
    hint_a, hint_b = event.rule.acled_hint, mention.rule.acled_hint
    if hint_a and hint_a == hint_b:
        return True
    # a general word ("attack", "strike"), or a bare "killed", may refer back to any violent event
    if mention.rule.lemma in KILL_LEMMAS and mention.actor1 is None and event.type == "ASSAULT":
        return True
    return mention.trigger.lemma_.lower() in ("attack", "strike", "assault", "incident", "operation")


GENERIC_TRIGGERS = frozenset(["attack", "assault", "strike", "incident", "operation", "kill", "killing", "violence",
                              "target", "dead", "body"])


def _generic_trigger(mention: Mention) -> bool:
    return mention.rule.lemma in GENERIC_TRIGGERS


def _more_specific(current: Place | None, other: Place | None) -> Place | None:
    if other is None:
        return current
    if current is None:
        return other
    rank = {"landmark": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
    if current.country and other.country and current.country != other.country:
        return current
    if rank.get(other.feature or "", 9) < rank.get(current.feature or "", 9):
        return other
    return current


@dataclass(slots=True)
class _Cluster:
    head: Mention
    members: list[Mention]


def _set_apart_from(cluster: _Cluster, mention: Mention) -> bool:
    """'This latest attack comes a year after the killing of ...': the sentence puts a span of time between
    its two mentions, so the one that joined ``cluster`` and the other cannot be one event, whichever sentence
    the cluster's head is in."""
    apart = _before_or_after(mention.trigger)
    return any(member.sentence is mention.sentence and _before_or_after(member.trigger) != apart
               for member in cluster.members)


def _merge(mentions: list[Mention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for mention in mentions:
        # The most recently mentioned event first: "the attack" refers to what was just talked about; but a
        # definite event noun goes back to the last event called by the same word, when there is one
        # ("Militants attacked a train ... 16 terrorists had been killed ... during the initial attack").
        candidates = [cluster for cluster in sorted(clusters, key=lambda c: c.members[-1].trigger_offsets()[0],
                                                    reverse=True)
                      if _compatible(cluster.head, mention) and not _set_apart_from(cluster, mention)]
        target = candidates[0] if candidates else None
        if len(candidates) > 1 and mention.anaphoric:
            word = mention.trigger.lemma_.lower()
            target = next((cluster for cluster in candidates
                           if any(m.trigger.lemma_.lower() == word for m in cluster.members)), target)
        if target is None:
            clusters.append(_Cluster(mention, [mention]))
            continue
        target.members.append(mention)
        head = target.head
        if head.actor1 is None or _names_description(mention.actor1, head.actor1):
            head.actor1 = mention.actor1  # the attackers' name, once the text gives it
        head.actor2 = head.actor2 or mention.actor2
        if _date_key(mention.date) is not None and (
                _date_key(head.date) is None or (head.date.source == "context" and _own_date(mention.date))):
            head.date = mention.date  # a date carried over from the context is a guess the event's own date corrects
        elif head.date is None and _unanchored(mention.date):
            head.date = mention.date  # "on Tuesday" in an undated text: still tells when, relative to the news
        head.location = _more_specific(head.location, mention.location)
        if mention.acled_sub_event_type and mention.rule.lemma not in PARTICIPANT_NOUNS and (
                head.acled_sub_event_type is None or (_generic_trigger(head) and not _generic_trigger(mention)
                                                      and _same_actor_or_none(head.actor1, mention.actor1))):
            # "the attack" told first, "a suicide bombing" later: the specific word says what it was
            head.acled_sub_event_type, head.acled_event_type = mention.acled_sub_event_type, mention.acled_event_type
            head.mode = _kept_mode(head.mode, mention.mode or head.mode)
        if head.type == mention.type == "PROTEST" and head.mode in (None, "demo") \
                and mention.mode in SPECIFIC_PROTEST_MODES:
            head.mode = mention.mode  # "Protesters blocked the highway": a road blockade, not any demonstration
        head.attribution = head.attribution or mention.attribution
        head.confidence = round(min(0.99, max(head.confidence, mention.confidence) + 0.03), 3)
    return clusters


# --------------------------------------------------------------------------- the stage


def _event_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def _evidence(mention: Mention) -> Evidence:
    sentence = mention.sentence
    t_start, t_end = mention.trigger_offsets()
    governor = mention.governor
    trigger_text = mention.trigger.text
    if governor is not mention.trigger:
        g_start, g_end = sentence.offsets(governor)
        trigger_text = f"{governor.text} ... {mention.trigger.text}" if g_start < t_start else trigger_text
    return Evidence(sentence.text, sentence.start, sentence.end, trigger_text, t_start, t_end)


def find_events(parsed: ParsedDocument, context: EventContext) -> list[Event]:
    """Every event the document states, merged across mentions, ordered by salience."""
    focus = _focus_country(parsed, context.places)
    memory = EntityMemory()
    mentions: list[Mention] = []
    by_sentence: list[tuple[Sentence, list[Mention]]] = []
    for sentence in parsed.sentences:
        if sentence.doc is None:
            continue
        found = find_mentions(parsed, sentence)
        # A bare "killed" tells the outcome of the sentence's other violent event: let that one lead.
        found.sort(key=lambda m: m.rule.lemma in KILL_LEMMAS and m.trigger.pos_ in ("VERB", "AUX", "ADJ"))
        by_sentence.append((sentence, found))
    # One batched classifier call per document, for the mentions whose type ACLED codes (and, for a
    # short document, its whole text: the reading that weighs in choosing and typing the main event).
    classified: dict = {}  # text -> Classification, reused for the main event below
    vectors: dict = {}  # text -> embedding, reused to compare events with the headline
    whole = _short_text(parsed) if context.classifier is not None else None
    _classify([m for _, found in by_sentence for m in found], context.classifier, classified,
              also=[whole] if whole else (), vectors=vectors)
    reading = classified.get(whole) if whole else None
    for sentence, found in by_sentence:
        for mention in found:
            _fill_arguments(parsed, mention, context, memory, focus)
            if _diplomatic_step(mention) and mention.actor1 is not None and (
                    mention.actor2 is None or mention.actor2.country in (None, mention.actor1.country)):
                # "withdrew its ambassador", "summoned the envoy": aimed at the other state in the story
                mention.actor2 = _counterpart(mention.actor1, memory, sentence.index) or mention.actor2
        _remember_entities(sentence, memory, context)
        for mention in found:
            memory.remember(sentence.index, mention.actor1)
            memory.remember(sentence.index, mention.actor2)
        mentions.extend(found)
    fell_back = not mentions
    if fell_back:
        mentions = _fallback_mentions(parsed, context, memory, focus)
    clusters, events = _reported(parsed, mentions, context)
    if not events and _confidently_acled(reading):
        # A short text the classifier confidently reads as an ACLED event, whose every event fell away
        # ("announced a four-month ceasefire" by a leader the actor dictionary does not know; "seized
        # weapons ... during a raid": no lexicon verb, the raid only a reference): the reading itself is
        # the evidence that the text reports an event. Read the event from the text's sentences as when
        # no trigger is found at all (the clause's verb carries its actors), else keep what the lexicon
        # found if the reading supports it.
        labels = _sub_labels(context.classifier)
        if not fell_back:
            fallback = _fallback_mentions(parsed, context, memory, focus, first_sentences=len(parsed.sentences))
            clusters, events = _reported(parsed, fallback, context, reading=reading, labels=labels)
        if not events:
            clusters, events = _reported(parsed, mentions, context, reading=reading, labels=labels)
    events = _by_salience(parsed, events, clusters, reading, _sub_labels(context.classifier),
                          headline=lambda shortlist: _headline_similarity(parsed, shortlist, context.classifier,
                                                                          vectors))
    if events:
        _refine_main_event(parsed, events[0], context.classifier, classified, reading=reading, others=events[1:])
        if reading is not None:
            events = _absorb_bare_outcomes(events, clusters)
    _sub_type_by_codebook(events, whole if reading is not None else None)
    heads = _clusters_by_trigger(clusters)
    _states_do_not_demonstrate(events, heads)
    for index, event in enumerate(events):
        if event.location is None and event.type in ACLED_FAMILY:
            # ACLED places every event it codes: "Two people were arrested." happened where its paragraph
            # is. (Only now, once mentions are merged: a place read from context must not keep two
            # mentions of one event apart.)
            event.location = place_stage.context_location(parsed, context.places, event.evidence.start)
        if not event.acled_event_type:
            continue
        cluster = heads.get(event.evidence.trigger_start)
        hint = cluster.head.inter_hint if cluster is not None else None
        if index == 0 and reading is not None:
            hint = (reading.inter1, reading.inter2)  # a short text read whole says who its sides are
        _set_acled_inters(event, hint)
    return events


def _clusters_by_trigger(clusters: list[_Cluster]) -> dict[int, _Cluster]:
    """Each cluster by its head's trigger offset (an event's ``evidence.trigger_start``)."""
    return {cluster.head.trigger_offsets()[0]: cluster for cluster in clusters}


VIOLENT_ACLED_TYPES = frozenset(["Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"])


def _absorb_bare_outcomes(events: list[Event], clusters: list[_Cluster]) -> list[Event]:
    """In a short text about one violent event, a killing word that reports a toll - a later bare "9
    prisoners were killed" (no actor of its own), or "an IED ... detonated ..., killing 2 soldiers" coded
    as the same sub-type - is that event's outcome, as within one sentence (see find_events): the main
    event takes its toll and the outcome stops being an event of its own."""
    main = events[0]
    if main.acled_event_type not in VIOLENT_ACLED_TYPES or main.fatalities is not None:
        return events
    heads = _clusters_by_trigger(clusters)
    for event in events[1:]:
        cluster = heads.get(event.evidence.trigger_start)
        if cluster is None or event.fatalities is None or len(cluster.members) > 1:
            continue
        if cluster.head.rule.lemma not in KILL_LEMMAS or event.type != "ASSAULT":
            continue
        if event.actor1 is not None and event.acled_sub_event_type != main.acled_sub_event_type:
            continue
        if _attackers_hit(main, event):
            continue  # "Militants attacked a train ... 16 terrorists had been killed": not the attack's toll
        main.fatalities = event.fatalities
        main.injured = main.injured or event.injured
        main.mentions = [*main.mentions, event.evidence]
        return [e for e in events if e is not event]
    return events


# A news snippet, an ACLED note, a brief: short enough for the classifier to read as one text (its
# encoder sees ~128 word pieces, its TF-IDF and cues all of it). For such texts the whole-text reading
# weighs in choosing and typing the main event; a long article's lead names its own main event.
SHORT_DOCUMENT = 1200


def _short_text(parsed: ParsedDocument) -> str | None:
    text = parsed.text.strip()
    return text if text and len(text) <= SHORT_DOCUMENT else None


def _sub_labels(classifier) -> tuple[str, ...]:
    try:
        return tuple(classifier.heads["sub"].labels)
    except (AttributeError, KeyError, TypeError):
        return ()


def _confidently_acled(reading, is_acled: float = 0.6) -> bool:
    return reading is not None and reading.acled_sub_event_type is not None and reading.is_acled >= is_acled


def _reported(parsed: ParsedDocument, mentions: list[Mention], context: EventContext, reading=None,
              labels: Sequence[str] = ()):
    """Merge mentions into events, give them their tolls, and keep those worth reporting (with a
    confident whole-text ``reading``: those it supports, see :func:`_reading_agreement`)."""
    clusters = _merge(mentions)
    # A reference that matched no reported event and names no actor of its own is background, not an event.
    clusters = [c for c in clusters if not (len(c.members) == 1 and c.head.reference and c.head.actor1 is None)]
    events = [_to_event(parsed, cluster) for cluster in clusters]
    casualty_stage.assign_casualties(parsed, events, context.casualties)
    if reading is not None:
        return clusters, [e for e in events if not _historical(e, parsed) and e.acled_sub_event_type is not None
                          and _reading_agreement(e, reading, labels) >= READING_SUPPORT]
    events = [e for e, c in zip(events, clusters) if _worth_reporting(e, c, parsed)
              and e.confidence >= context.settings.min_event_confidence]
    return clusters, events


READING_SUPPORT = 0.25  # an event a short text's reading gives this much (type and sub-type, averaged) is there


def _fallback_mentions(parsed: ParsedDocument, context: EventContext, memory: EntityMemory,
                       focus: str | None, first_sentences: int = 3) -> list[Mention]:
    """No trigger word anywhere: let the classifier find an ACLED-codable sentence among the first few
    (ACLED-style notes and terse wire copy state the event up front), its root verb standing as trigger."""
    if context.classifier is None:
        return []
    sentences = [s for s in parsed.sentences if s.doc is not None][:first_sentences]
    if not sentences:
        return []
    results = context.classifier.classify([s.text for s in sentences])
    best = max(range(len(sentences)), key=lambda i: results[i].is_acled)
    result = results[best]
    if result.is_acled < 0.6 or result.acled_sub_event_type is None:
        return []
    sentence = sentences[best]
    if any(_accident(t) for s in sentences for t in s.doc):
        return []  # "inhaling poisonous gas leaked from a chemical factory": the text tells an accident
    root = next((t for t in sentence.doc if t.dep_ == "ROOT"), sentence.doc[0])
    if root.lemma_.lower() in SPEECH_VERBS:  # "..., the news agency reported": the act is in the clause
        # (or "claimed to have seized ...", or what "was reported": "heavy artillery fire ... was reported")
        clause = _child(root, "ccomp", "xcomp")
        reported = _child(root, "nsubjpass")
        if clause is None and reported is not None and reported.pos_ in ("NOUN", "PROPN"):
            clause = reported
        if clause is None:  # "it was reported ... that a shoot-out took place" (a that-clause parsed otherwise)
            clause = next((t for t in root.subtree if t.pos_ in ("VERB", "AUX") and t is not root and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in t.children)), None)
        if clause is None:
            return []
        root = clause
    if (root.dep_ != "ROOT" or _match_rule(root) is not None) and (
            _negated_or_conditional(root) or _habitual(root) or _animals_hit(root)):
        # "The spokesperson said no passengers were killed", "dogs are killed ... annually": no event (a root
        # that is only the anchor of the classifier's reading, "No arrests have been made after ... shops were
        # looted", says nothing of the event it read)
        return []
    rule = TriggerRule(root.lemma_.lower(), "*", result.plover_type, result.plover_mode,
                       result.acled_sub_event_type, None)
    mention = Mention(sentence, root, root, rule, sentence.text, mode=result.plover_mode)
    mention.acled_sub_event_type = result.acled_sub_event_type
    mention.acled_event_type = ACLED_EVENT_TYPE_OF_SUB.get(result.acled_sub_event_type)
    mention.confidence = round(0.4 + 0.4 * result.acled_confidence, 3)
    mention.inter_hint = (result.inter1, result.inter2)
    _fill_arguments(parsed, mention, context, memory, focus)
    return [mention]


def _historical(event: Event, parsed: ParsedDocument, days: int = 366) -> bool:
    """Background told with an explicit date more than a year before publication ("in the 1960s",
    "In 2022, he was arrested"): event data records what the article reports as news."""
    return _days_before_publication(event, parsed) > days


def _days_before_publication(event: Event, parsed: ParsedDocument) -> int:
    """How many days before the article's date its text dates the event to have ended (0: undated, or the
    publication date itself)."""
    date = event.date
    if parsed.date is None or date is None or date.source == "publication" or not date.end:
        return 0
    try:
        end = Date.fromisoformat(date.end[:10])
    except ValueError:
        return 0
    return (parsed.date - end).days


POLITICAL_SECTORS = frozenset(["GOV", "MIL", "REB", "MIL_NONSTATE", "POL", "IGO", "PRO", "RIO", "NGO"])


def _worth_reporting(event: Event, cluster: _Cluster, parsed: ParsedDocument) -> bool:
    """Keep events that say something: a political actor for the verbal types ("researchers warn" is
    not a threat), and for the rest at least one of an actor, a date or place of their own, a toll,
    several mentions, or a place in the lead."""
    actor = event.actor1
    if _historical(event, parsed):
        return False
    if event.type not in ACLED_FAMILY:
        return actor is not None and (actor.country is not None or actor.sector in POLITICAL_SECTORS
                                      or _named(actor, cluster.head.sentence))
    if actor is not None or event.actor2 is not None or len(cluster.members) > 1:
        return True
    if event.fatalities is not None or event.injured is not None:
        return True
    if _date_key(event.date) is not None or (event.location and event.location.feature != "country"):
        return True
    return cluster.head.sentence.paragraph == 0


def _named(actor: Actor, sentence: Sentence) -> bool:
    """The actor's words name someone (a person, an organisation), not a description that is capitalised
    for opening the sentence ("Researchers warn ...", "Experts stressed ...")."""
    if actor.text.lower() in PERSONAL or not actor.text[:1].isupper():
        return False
    tokens = [t for t in sentence.doc if actor.start <= sentence.offsets(t)[0] < actor.end] \
        if sentence.doc is not None else []
    if not tokens:
        return True  # an antecedent from another sentence: its capital is its own
    return any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC") or t.pos_ == "PROPN"
               or (t.text[:1].isupper() and not _first_word(t) and t.is_alpha) for t in tokens)


def _remember_entities(sentence: Sentence, memory: EntityMemory, context: EventContext) -> None:
    """Named organisations and countries of a sentence, for later pronouns and 'the group'."""
    for ent in sentence.doc.ents:
        if ent.label_ not in ("ORG", "GPE", "NORP"):
            continue
        start, end = sentence.offsets(ent)
        actor = _code(sentence, ent.root, "mention", memory, None, None, context.settings)
        if actor is not None:
            memory.remember(sentence.index, replace(actor, text=ent.text, start=start, end=end))


def _to_event(parsed: ParsedDocument, cluster: _Cluster) -> Event:
    head = cluster.head
    evidence = _evidence(head)
    event = Event(
        event_id=_event_id(parsed.document.id, evidence.start, evidence.end) + f"-{evidence.trigger_start}",
        type=head.type,
        mode=head.mode,
        acled_event_type=head.acled_event_type,
        acled_sub_event_type=head.acled_sub_event_type,
        actor1=head.actor1,
        actor2=head.actor2,
        date=head.date,
        location=head.location,
        fatalities=None,
        injured=None,
        evidence=evidence,
        attribution=head.attribution,
        confidence=head.confidence,
        mentions=[_evidence(m) for m in cluster.members[1:]],
        scores=head.scores or None,
    )
    if event.actor1 and event.location and event.actor1.sector in ("GOV", "MIL") and event.actor1.country:
        inter = actor_coding.code_inter(event.actor1.sector, event.actor1.country, event.location.country)
        event.actor1 = replace(event.actor1, acled_inter=inter)
    if event.actor1 and event.actor2 and (event.actor2.name == event.actor1.name or event.actor2.start == event.actor1.start):
        event.actor2 = None
    _recode_by_role(event)
    _remote_prior(event)
    if head.inter_hint and event.acled_event_type:
        for role, hint in (("actor1", head.inter_hint[0]), ("actor2", head.inter_hint[1])):
            actor = getattr(event, role)
            if actor is None or not hint or actor.acled_inter == hint:
                continue
            if _another_kind(hint, actor, event, role, head.trigger.lemma_.lower() in PROTEST_LEMMAS):
                continue  # "Police arrested three protesters": ACLED lists the protesters first, the police stay police
            if hint in (1, 2, 3, 4, 8) and _VICTIM_WORDS.search(actor.text):
                continue  # "five civilian passengers" is who suffered, not an armed actor: keep its code
            if hint == 1 and actor.acled_inter == 8 and event.location is not None \
                    and event.location.feature in ("country", "admin1"):
                # state forces, yes - but acting abroad, in a country or province the text names ("on
                # Pakistani soil"): ACLED's 8. (A town's country is less sure - namesakes - so there the
                # head, right on 0.90 of ACLED's notes, decides.)
                continue
            if actor.acled_inter is None or not _named_in_dictionary(actor):
                # The inter head reads the whole clause the way ACLED coders do (who the victims were,
                # whether the attackers were organised); it is right far more often (0.90 cross-validated
                # on ACLED notes) than a code read off the actor's words alone. Named groups keep theirs.
                sector = actor.sector if (hint, actor.sector) in _CONSISTENT else INTER_SECTOR.get(hint, actor.sector)
                setattr(event, role, replace(actor, acled_inter=hint, sector=sector))
    return event


PROTEST_LEMMAS = frozenset(["protest", "demonstrate", "rally", "march", "strike", "picket", "riot", "boycott",
                            "protester", "demonstrator", "demonstration", "sit-in", "walkout"])
_INTER_FAMILY = {1: "state", 8: "state", 2: "armed", 3: "armed", 4: "armed", 5: "rioters", 6: "protesters",
                 7: "civilians"}


def _another_kind(hint: int, actor: Actor, event: Event, role: str, protest_word: bool) -> bool:
    """Whether the inter heads' code for this side names another kind of actor than the actor's own
    words do, in a way the heads cannot mean it:
    - troops or armed men are never recoded as rioters, protesters or civilians ("killed 30
      terrorists" leaves them armed), except whoever leads a protest ("Police officers protested");
    - a code of the other side's kind and not this side's is ACLED's order, which lists protesters
      before the police who intervene and often the armed group before the troops ("Police arrested
      three protesters": the heads' 6 is the protesters'; "Troops killed 20 militants": 2 is theirs).
    ``protest_word``: the event's own word is a protest word ("protested", "rallied"), so its subject
    leads the protest.
    Between state forces and armed groups the heads otherwise decide: they read the clause as ACLED's
    coders do and catch actors read off the wrong words ("artillery fire by an unknown party")."""
    mine = _own_families(actor)
    family = _INTER_FAMILY.get(hint)
    if not mine or family in mine:
        return False
    if family == "state" and _NON_STATE_WORDS.search(actor.text):
        return True  # "rebels", "militants" say what they are: no head makes them state forces
    if family == "armed" and _STATE_WORDS.search(actor.text):
        return True  # nor "soldiers", "police" an armed group
    if "protesters" in mine:
        return True  # "Protesters" shot at by the army are no armed group
    if family in ("rioters", "protesters", "civilians"):
        return not (role == "actor1" and protest_word and hint in (5, 6))
    other = event.actor2 if role == "actor1" else event.actor1
    return other is not None and family in _own_families(other)


_NON_STATE_WORDS = re.compile(r"\b(?:rebels?|insurgents?|militants?|guerrillas?|guerillas?|jihadists?|separatists?|"
                              r"gunmen|bandits?|militias?|militiamen|terrorists?)\b", re.IGNORECASE)
# Lower case on purpose: "the army" is a state's; "Arakan Army" may be a group the dictionary lacks.
_STATE_WORDS = re.compile(r"\b(?:[Ss]oldiers?|[Tt]roops|army|[Pp]olice|[Pp]olicemen|[Pp]olice officers?|[Ss]ecurity forces|"
                          r"military|gendarmes?|gendarmerie)\b")
_PROTESTER_WORDS = re.compile(r"\b(?:protesters?|demonstrators?|marchers|protestors?)\b", re.IGNORECASE)


def _own_families(actor: Actor) -> set[str]:
    """The kind of actor (state forces, armed group, protesters) an actor's own words say it is.
    Other kinds are roles the clause decides ('farmers' protest or are shot), left to the heads."""
    if _PROTESTER_WORDS.search(actor.text) or actor.name.startswith("Protesters"):
        return {"protesters", "rioters"}  # the heads may still tell a violent crowd from a peaceful one
    family = _INTER_FAMILY.get(actor.acled_inter) if actor.acled_inter is not None else {
        "REB": "armed", "MIL_NONSTATE": "armed", "MIL": "state", "GOV": "state"}.get(actor.sector)
    return {family} if family in ("state", "armed") else set()


def _set_acled_inters(event: Event, hint: tuple[int | None, int | None] | None) -> None:
    """The event's ACLED inter codes: each side's actor's code, else what the classifier read for a side
    the text leaves unnamed."""
    for index, role in ((0, "actor1"), (1, "actor2")):
        actor = getattr(event, role)
        code = actor.acled_inter if actor is not None else None
        if code is None and hint:
            code = hint[index]
        setattr(event, f"acled_inter{index + 1}", code)


_VICTIM_WORDS = re.compile(r"\b(?:civilians?|passengers?|children|child|women|villagers|residents|students|"
                           r"worshippers|pilgrims|refugees|patients|families|farmers)\b", re.IGNORECASE)
INTER_SECTOR = {1: "MIL", 2: "REB", 3: "MIL_NONSTATE", 4: "MIL_NONSTATE", 5: "RIO", 6: "PRO", 7: "CVL", 8: "MIL"}
_CONSISTENT = {(1, "GOV"), (1, "MIL"), (8, "GOV"), (8, "MIL"), (8, "IGO"), (3, "MIL_NONSTATE"), (3, "REB"),
               (2, "REB"), (2, "MIL_NONSTATE"), (4, "MIL_NONSTATE"), (6, "PRO"), (6, "POL"), (7, "CVL"),
               (7, "MED"), (7, "NGO"), (7, "REL"), (7, "BUS"), (5, "RIO")}


def _named_in_dictionary(actor: Actor) -> bool:
    return any(entry.pattern.search(actor.text) for entry in actor_coding.load_dictionary())


_NON_STATE_CIVIC = frozenset([None, "CVL", "BUS", "PRO", "RIO", "POL", "MED", "REL", "NGO", "OTHER"])


def _recode_by_role(event: Event) -> None:
    """ACLED codes people by what they do in the event: those who demonstrate are protesters (6), those
    who riot are rioters (5), whatever they are otherwise (miners, residents, supporters of a party)."""
    actor = event.actor1
    if actor is None or actor.sector not in _NON_STATE_CIVIC:
        return
    country = actor.country or (event.location.country if event.location else None)
    if event.acled_event_type == "Riots" or (event.type == "PROTEST" and event.mode == "riot") or actor.sector == "RIO":
        sector, inter, label = "RIO", 5, "Rioters"
    elif event.acled_event_type == "Protests" or event.type == "PROTEST":
        sector, inter, label = "PRO", 6, "Protesters"
    else:
        return
    name = actor.name
    if actor.sector in (None, "CVL", "PRO", "RIO"):
        name = f"{label} ({actor_coding.country_name(country)})" if country else label
    event.actor1 = replace(actor, sector=sector, acled_inter=inter, country=country, name=name)


_GROUND_WORDS = re.compile(r"\b(?:troops|soldiers|gunmen|raid|ground|shot|shooting|gunfire|stormed|clash|"
                           r"fighting|beat|stabbed|abduct|kidnap|arrest|rape)", re.IGNORECASE)


def _remote_prior(event: Event) -> None:
    """A state's forces attacking inside another country with no word of ground combat: in ACLED's own
    data such events are mostly air/drone strikes (65 of 139 violent events with inter1 = 8 in the
    2020-05 dev file, then armed clashes 36, shelling 22, attacks on civilians 16), so an unspecific
    "attack" by a foreign state is coded as a remote strike rather than as violence against civilians -
    or as a remote explosive, when no mine, IED or bomb is named ("Iran's attack Tuesday on Pakistani soil")."""
    from eventwire.events.rules import names_device

    actor, place = event.actor1, event.location
    if actor is None or place is None:
        return
    sub = event.acled_sub_event_type
    if sub != "Attack" and not (sub == "Remote explosive/landmine/IED" and not names_device(
            sub, " ".join([event.evidence.text, *(m.text for m in event.mentions)]))):
        return
    if actor.sector not in ("GOV", "MIL") or not actor.country or not place.country or actor.country == place.country:
        return
    if _GROUND_WORDS.search(event.evidence.text):
        return
    event.acled_sub_event_type = "Air/drone strike"
    event.acled_event_type = ACLED_EVENT_TYPE_OF_SUB["Air/drone strike"]
    if event.mode in (None, "firearms", "explosives"):
        event.mode = "aerial"  # the mode an unspecific "attack" got follows its new sub-type


def _refine_main_event(parsed: ParsedDocument, event: Event, classifier, classified: dict | None = None,
                       max_chars: int = 700, short_document: int = 2000, reading=None,
                       others: Sequence[Event] = ()) -> None:
    """The main event's ACLED sub-type read from its whole paragraph, not one clause: a protest whose
    participants later "pelted stones" is a violent demonstration, "clashes ... pro-Houthi elements
    killed" an armed clash. Within the ACLED-codable family when the classifier is confident; across
    families (a "demanded" that is a protest) only when it is very confident.

    With ``reading`` (the classifier's reading of a short document's whole text, see SHORT_DOCUMENT) that
    reading decides: the text is what the event is, so it re-types the event when it is fairly confident
    (the clause of one trigger word - "killing two people" of "Four female kamikazes went off ..." - says
    less than the whole), and a text it confidently reads as no ACLED event (an earthquake that "killed",
    a warehouse that "exploded") gets no ACLED coding."""
    if classifier is None:
        return
    if reading is not None:
        _retype_from_reading(event, reading, others, parsed.text)
        return
    sentence = parsed.sentence_at(event.evidence.start)
    if sentence is None:
        return
    paragraph = [s for s in parsed.sentences if s.paragraph == sentence.paragraph]
    text = " ".join(s.text for s in paragraph)[:max_chars]
    if text == event.evidence.text and event.acled_sub_event_type is not None:
        return
    in_family = event.type in ACLED_FAMILY and event.acled_sub_event_type is not None
    if not in_family and len(parsed.text) > short_document:
        return  # a long article's lead names its own main event; only short, note-like texts are re-read
    result = (classified or {}).get(text)
    if result is None:
        [result] = classifier.classify([text])
    sub = result.acled_sub_event_type
    if sub is None or sub == event.acled_sub_event_type or not _demonstrated(sub, text):
        return
    if in_family and (result.is_acled < 0.6 or result.acled_confidence < 0.5):
        return
    if not in_family and (result.is_acled < 0.75 or result.acled_confidence < 0.6):
        return
    retyped, mode = SUB_TO_PLOVER_TYPE.get(sub, (None, None))
    if retyped is None and event.type in ACLED_FOR_PLOVER and sub in ACLED_FOR_PLOVER[event.type]:
        retyped = event.type  # e.g. "Agreement" for AGREE, "Change to group/activity" for MOBILIZE
    if retyped is None:
        return
    event.type, event.mode = retyped, _kept_mode(event.mode, mode) if retyped == event.type else mode
    event.acled_sub_event_type, event.acled_event_type = sub, ACLED_EVENT_TYPE_OF_SUB[sub]
    if event.actor1 is not None:
        _recode_by_role(event)


# A short text's whole-text reading re-types its main event, as (is_acled, sub-type confidence) minima:
# within the ACLED family whenever it codes the text at all (is_acled >= the classifier's own 0.5
# threshold); across families (a "welcomed the cease-fire" that is an agreement, an "attacked" that was
# an abduction) when it is also fairly sure of the sub-type. Below NOT_ACLED_READING it takes the ACLED
# coding away. (Chosen on the 5-fold cross-validated snippets and ACLED notes, docs/evaluation.md.)
READING_IN_FAMILY = (0.5, 0.0)
READING_ACROSS = (0.5, 0.4)
NOT_ACLED_READING = 0.3
SPECIFIC_PROTEST_MODES = frozenset(["strike", "obstruct", "boycott", "hunger"])


def _kept_mode(current: str | None, new: str | None) -> str | None:
    """The mode after a re-typing within the type: a strike, a blockade or a boycott stays what it is when
    the new reading only says "demo"; otherwise the new mode, else the old."""
    if new == "demo" and current in SPECIFIC_PROTEST_MODES:
        return current
    return new or current


# A threat of violence or of a protest, and a strike called off, are what the lexicon's grammar made of a
# violent or protest word ("threatened to hold a general strike", "called off its strike"): the
# classifier, trained for ACLED's types, reads the word, so its reading does not re-type these.
UNREAD_TYPES = frozenset(["THREATEN", "CONCEDE", "RETREAT"])


def _demonstrated(sub: str, text: str | None) -> bool:
    """A demonstration sub-type needs a text in which people demonstrate (Mob violence needs none)."""
    from eventwire.events.rules import DEMONSTRATION_SUBS, shows_demonstration

    return sub not in DEMONSTRATION_SUBS or sub == "Mob violence" or text is None or shows_demonstration(text)


def _retype_from_reading(event: Event, reading, others: Sequence[Event] = (), text: str | None = None) -> None:
    """(``others``: the text's other events. A reading of another family that one of them already has is
    a reading of that event - "ordered patrols after violent protests" is read as the protests - and does
    not re-type the main one. ``text``: the text read; a demonstration reading needs demonstrators in it.)"""
    sub = reading.acled_sub_event_type
    if sub is not None and not _demonstrated(sub, text):
        return
    if sub is None:
        if event.acled_sub_event_type is not None and reading.is_acled < NOT_ACLED_READING:
            event.acled_sub_event_type = event.acled_event_type = None
        return
    if sub == event.acled_sub_event_type:
        return
    in_family = event.type in ACLED_FAMILY and event.acled_sub_event_type is not None
    if not in_family and any(other.acled_sub_event_type == sub for other in others):
        return
    if not in_family and event.type in UNREAD_TYPES and sub not in ACLED_FOR_PLOVER.get(event.type, ()):
        return
    is_acled, confidence = READING_IN_FAMILY if in_family else READING_ACROSS
    if reading.is_acled < is_acled or reading.acled_confidence < confidence:
        return
    _set_sub_type(event, sub)


def _set_sub_type(event: Event, sub: str) -> None:
    """Give ``event`` the ACLED sub-type ``sub``: its PLOVER type stays when the sub-type fits it (a protest
    met with excessive force is still a protest), else becomes the sub-type's; people are recoded by what
    they now do (rioters, protesters)."""
    from eventwire.events.rules import SUB_TO_PLOVER

    if event.type in ACLED_FOR_PLOVER and sub in ACLED_FOR_PLOVER[event.type]:
        retyped, mode = event.type, SUB_TO_PLOVER_TYPE.get(sub, (None, event.mode))[1] or event.mode
        mode = _kept_mode(event.mode, mode)  # a strike or a road blockade read as a protest stays a strike
    else:
        retyped, mode = SUB_TO_PLOVER_TYPE.get(sub) or SUB_TO_PLOVER.get(sub, (None, None))
    if retyped is None:
        return
    event.type, event.mode = retyped, mode
    event.acled_sub_event_type, event.acled_event_type = sub, ACLED_EVENT_TYPE_OF_SUB[sub]
    if event.actor1 is not None:
        _recode_by_role(event)


def _sub_type_by_codebook(events: Sequence[Event], whole: str | None) -> None:
    """ACLED's codebook sorts a demonstration by what happens in it (:func:`rules.demonstration_sub_type`),
    an explosion by its delivery (:func:`rules.explosion_sub_type`) and a fight that won a place by who won
    it (:func:`_territory`): each such event's sentences are read, and a reading they contradict changes
    ("Heavy clashes broke out between police and protesters": not a peaceful protest; "missiles fired by
    Israeli jets": an air strike). A short text read whole (``whole``) is read whole for its main event."""
    from eventwire.events.rules import demonstration_sub_type, explosion_sub_type

    for index, event in enumerate(events):
        if event.acled_sub_event_type is None:
            continue
        text = _event_text(event, index, whole)
        sub = explosion_sub_type(demonstration_sub_type(event.acled_sub_event_type, text), text)
        sub = _territory(event, sub, text)
        if sub == event.acled_sub_event_type:
            continue
        actor = event.actor1
        if actor is not None and actor.sector == "RIO" and ACLED_EVENT_TYPE_OF_SUB[sub] != "Riots":
            # the people a riot reading made rioters demonstrated peacefully after all
            event.actor1 = replace(actor, sector="PRO", acled_inter=6)
        _set_sub_type(event, sub)


def _content_of_another(mention: Mention, acts: set[tuple[int, int]]) -> bool:
    """The mention is what another event of its sentence agreed, refused, threatened or urged ("agreed to
    undertake joint military exercises", "declined to resign", "refused to deploy peacekeepers"): the
    complement of that event's word, not what happened."""
    node = mention.governor
    if node.dep_ == "dobj" and node.pos_ in ("NOUN", "PROPN"):  # "rejected an Australian ultimatum"
        return node.head is not node and (mention.sentence.index, node.head.i) in acts
    return node.dep_ in ("xcomp", "ccomp") and node.head is not node and (mention.sentence.index, node.head.i) in acts


def _in_main_clause(mention: Mention) -> bool:
    """The trigger heads its sentence, or is its subject, object or a coordinated/complement verb - or is
    the noun a main verb's preposition governs ("31 people lost their lives in Tuesday's hijacking")."""
    node = mention.governor
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX") \
            and node.head.lower_ not in TEMPORAL_PREPOSITIONS:
        node = node.head.head
    while node.dep_ == "conj" and node.head is not node:
        node = node.head  # "... rescued 190 passengers and killed 30 militants": as the first verb is
    if node.dep_ == "ROOT":
        return True
    misparsed = _under_a_misparsed_subject(node.head) if node.dep_ == "nsubj" and node.head.dep_ == "nsubj" else None
    if misparsed is not None and misparsed.i == node.i:
        node = node.head  # "The arrest of X, alias "El Gordo," is a blow to ...": the arrest is the subject
    return node.head.dep_ == "ROOT" and node.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "xcomp", "ccomp", "attr")


def _states_do_not_demonstrate(events: Sequence[Event], heads: dict[int, _Cluster]) -> None:
    """A government or its forces do not demonstrate. When a protest reading (the classifier's, for the
    words of a demonstration) falls on a state's violence or coercion, or on what its forces did in a
    clause the lexicon did not read, the state acted on the demonstrators: PLOVER's COERCE ("Security forces
    fired tear gas at protesters", "Turkish police prevented the demonstration", "the government outlawed
    the Protestant ... organization"), the demonstration's ACLED coding kept. A state named as such that
    "protests" makes a diplomatic complaint (PLOVER's ACCUSE: "China protested the visit"), and keeps any
    other type the lexicon read ("Serbia lodged an official protest"). Politicians, officials and police who
    protest over their pay are protesters."""
    from eventwire.events.rules import DEMONSTRATION_SUBS

    for event in events:
        actor = event.actor1
        if event.type != "PROTEST" or actor is None or actor.sector not in ("GOV", "MIL"):
            continue
        cluster = heads.get(event.evidence.trigger_start)
        lexicon = cluster.head.lexicon_rule if cluster is not None else None
        if (lexicon is None and actor.sector == "MIL") or (lexicon is not None and lexicon.type in VIOLENT):
            event.type = "COERCE"
            event.mode = lexicon.mode if lexicon is not None and lexicon.type == "COERCE" else "crowd-control"
        elif lexicon is not None and actor.sector == "GOV" and place_stage.country_of(actor.text) is not None:
            # a state named as such: "China protested the visit" is a complaint (not "Congress MLAs protested"),
            # "Serbia lodged an official protest" what the lexicon read
            event.type, event.mode = ("ACCUSE", None) if lexicon.type == "PROTEST" else (lexicon.type, lexicon.mode)
        else:
            continue
        sub = event.acled_sub_event_type
        if event.type == "COERCE" and sub in DEMONSTRATION_SUBS:
            continue  # ACLED codes the demonstration the state acted on, as it was read
        if sub not in ACLED_FOR_PLOVER.get(event.type, frozenset()):
            event.acled_sub_event_type = event.acled_event_type = None


def _event_text(event: Event, index: int, whole: str | None) -> str:
    """What a codebook rule reads for an event: a short text read whole for its main event, else the
    event's own sentences."""
    if index == 0 and whole:
        return whole
    return " ".join(dict.fromkeys(e.text for e in [event.evidence, *event.mentions]))


TERRITORY_SUBS = frozenset(["Government regains territory", "Non-state actor overtakes territory"])


def _taking_side(event: Event) -> str | None:
    """Who won the place, for ACLED: "state" forces in their own country, "non-state" for armed groups and
    a foreign state's forces; None when the actor is unknown or neither."""
    actor = event.actor1
    if actor is None:
        return None
    if actor.sector in ("MIL", "GOV") or actor.acled_inter == 1:
        where = event.location.country if event.location else None
        return "non-state" if where and actor.country and where != actor.country else "state"
    if actor.sector in actor_coding.ARMED_NON_STATE_SECTORS or actor.acled_inter in (2, 3, 4):
        return "non-state"
    return None


def _territory(event: Event, sub: str, text: str) -> str:
    """ACLED's codebook codes a fight that wins a place as a change of territory, by who won it: a fight
    (or a territory reading) whose sentences say someone took control of a place (:func:`rules.gains_control`)
    is "Government regains territory" when its actor is the state's own forces, "Non-state actor overtakes
    territory" when an armed group or a foreign state's forces ("Syrian rebels have recaptured a village":
    not the government, whatever "recaptured" suggests). A strike from afar wins no place."""
    from eventwire.events.rules import gains_control

    if event.type != "ASSAULT" or not (sub in TERRITORY_SUBS or sub in ("Armed clash", "Attack")):
        return sub
    side = _taking_side(event)
    if side is None or not gains_control(text):
        return sub
    return "Government regains territory" if side == "state" else "Non-state actor overtakes territory"


READING_WEIGHT = 4.0  # salience of full agreement with a short document's whole-text reading (= the lead bonus)


def _reading_agreement(event: Event, reading, labels: Sequence[str]) -> float:
    """How much of a short document's whole-text reading supports ``event`` as its main event: the
    probability of its ACLED event type and of its sub-type (averaged); for an event ACLED would not
    code, the probability that the text is no ACLED event."""
    distribution = getattr(reading, "distribution", None)
    if distribution is None or len(labels) != len(distribution):
        return 0.0
    if event.acled_sub_event_type is None:
        return max(0.0, 1.0 - float(reading.is_acled))
    p_sub = p_type = 0.0
    for label, p in zip(labels, distribution):
        if ACLED_EVENT_TYPE_OF_SUB.get(label) == event.acled_event_type:
            p_type += float(p)
            if label == event.acled_sub_event_type:
                p_sub = float(p)
    return 0.5 * (p_sub + p_type)


BACKGROUND_DAYS = 2  # an event the text dates this many days or more before publication is background
HEADLINE_WEIGHT = 4.0  # salience of an event whose clause says what the headline says (cosine 1; = the lead bonus)
HEADLINE_MARGIN = 0.1  # how much closer to the headline a past week's event must be to stay ahead of the news peg
HEADLINE_SHORTLIST = 3  # the events compared with the headline: the most salient by everything else


def _glued_headline(parsed: ParsedDocument):
    """The headline as the text's first sentence, when the document has no title of its own and that
    sentence is in headline case ("Cartel Lieutenants Capture Could Bring Tijuana a Step Closer to War."):
    it names the main event as a title does, and the lead is the sentence after it."""
    if parsed.document.title or len(parsed.sentences) < 2:
        return None
    first = parsed.sentences[0]
    return first if first.doc is not None and _headline_case(first.doc) else None


def _headline_similarity(parsed: ParsedDocument, clusters: list[_Cluster], classifier,
                         vectors: dict) -> dict[int, float]:
    """How close each event's clause is to the article's headline (cosine of their embeddings), by the
    head's trigger offset: a headline names the article's main event ("Militants attack train, take
    hostages ..."). Clauses the classifier embedded are reused; the others are embedded here."""
    title = (parsed.document.title or "").strip()
    if classifier is None or not title or not clusters:
        return {}
    texts = list(dict.fromkeys([title] + [c.head.clause_text for c in clusters]))
    missing = [t for t in texts if t not in vectors]
    if missing:
        vectors.update(zip(missing, classifier.encoder.encode(missing, batch_size=8)))
    headline = vectors[title]
    return {c.head.trigger_offsets()[0]: float(headline @ vectors[c.head.clause_text]) for c in clusters}


def _news_peg_first(ranked: list[Event], heads: dict[int, _Cluster], parsed: ParsedDocument,
                    leads: set[int], headline=None) -> list[Event]:
    """News leads with the latest development: when the most salient event is one the text dates days before
    publication and tells after its first sentence ("Tuesday's attack", two days on; a war that ended
    decades ago; in an undated text, "In 2008" beside another event's "on Tuesday"), the most salient event of
    the last days comes first instead ("The Afghan Taliban have rejected ..."); the rest keeps its order.
    Unless the older event is of the past week and the headline names it clearly rather than the newer one
    (cosine HEADLINE_MARGIN higher: "Eyewitnesses give harrowing account of Pakistan train attack"): then the
    article is about it."""
    # an undated text: what it dates by a weekday is recent, what it dates by a spelled-out year is not
    recent = next((e.date for e in ranked if _unanchored(e.date)), None)

    def background(event: Event) -> bool:
        cluster = heads.get(event.evidence.trigger_start)
        return cluster is not None and cluster.head.sentence.index not in leads and (
            _days_before_publication(event, parsed) >= BACKGROUND_DAYS or _deictic_and_dated(recent, event.date))

    if len(ranked) < 2 or not background(ranked[0]):
        return ranked
    peg = next((event for event in ranked[1:] if not background(event)), None)
    if peg is None:
        return ranked
    top = ranked[0]
    if headline is not None and peg.evidence.trigger_start in heads \
            and _days_before_publication(top, parsed) <= NEWS_PEG_DAYS:
        similarity = headline([heads[top.evidence.trigger_start], heads[peg.evidence.trigger_start]])
        if similarity and similarity.get(top.evidence.trigger_start, 0.0) >= similarity.get(
                peg.evidence.trigger_start, 0.0) + HEADLINE_MARGIN:
            return ranked
    return [peg] + [e for e in ranked if e is not peg]


def _by_salience(parsed: ParsedDocument, events: list[Event], clusters: list[_Cluster], reading=None,
                 labels: Sequence[str] = (), headline=None) -> list[Event]:
    """The article's main event first: the lead sentence's main clause, then violence, repetition, tolls;
    in a short document (``reading``: the classifier's reading of its whole text) also the event the
    whole text is about. ``headline(clusters)`` (similarity to the article's headline by trigger offset)
    then reorders the close contenders among the HEADLINE_SHORTLIST most salient events: of those, the one
    the headline names leads."""
    heads = _clusters_by_trigger(clusters)
    glued = _glued_headline(parsed)
    # the lead: the first parsed sentence; after a headline glued to the text, the headline and the sentence after it
    parsed_sentences = [s.index for s in parsed.sentences if s.doc is not None]
    leads = set(parsed_sentences[:2 if glued is not None else 1]) or {0}
    acts = {(m.sentence.index, token.i) for c in clusters for m in c.members for token in (m.trigger, m.governor)}

    def score(event: Event) -> float:
        cluster = heads.get(event.evidence.trigger_start)
        lead = 0.0
        if cluster is not None:
            head = cluster.head
            if head.sentence.index in leads and _in_main_clause(head) and not _content_of_another(head, acts):
                lead += 4.0
            elif head.sentence.paragraph == 0:
                lead += 1.5
            if head.reference or head.habitual:
                lead -= 2.0
        mentions = min(len(event.mentions), 5) * 0.6
        dead = 1.0 if event.fatalities and event.fatalities.value else 0.0
        whole = READING_WEIGHT * _reading_agreement(event, reading, labels) if reading is not None else 0.0
        return 0.5 * TYPE_WEIGHT.get(event.type, 1.0) + lead + mentions + dead + event.confidence + whole

    scores = {id(event): score(event) for event in events}
    ranked = sorted(events, key=lambda e: scores[id(e)], reverse=True)
    if headline is not None:
        ranked = _headline_rerank(ranked, scores, heads, headline)
    return _news_peg_first(ranked, heads, parsed, leads, headline)


def _headline_rerank(ranked: list[Event], scores: dict[int, float], heads: dict[int, _Cluster],
                     headline) -> list[Event]:
    """Re-rank the close contenders for ``events[0]`` (the HEADLINE_SHORTLIST best, within half the weight of
    the top: more than two events' headline similarities differ in practice) by their similarity to the
    headline."""
    if len(ranked) < 2:
        return ranked
    top = scores[id(ranked[0])]
    contenders = list(itertools.takewhile(lambda e: scores[id(e)] >= top - HEADLINE_WEIGHT / 2,
                                          ranked[:HEADLINE_SHORTLIST]))
    if len(contenders) < 2:
        return ranked
    similarity = headline([heads[e.evidence.trigger_start] for e in contenders if e.evidence.trigger_start in heads])
    if not similarity:
        return ranked
    boosted = {id(e): scores[id(e)] + HEADLINE_WEIGHT * max(0.0, similarity.get(e.evidence.trigger_start, 0.0))
               for e in contenders}
    return sorted(contenders, key=lambda e: boosted[id(e)], reverse=True) + ranked[len(contenders):]
