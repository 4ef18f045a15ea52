"""Codebook rules: label maps between ACLED and PLOVER, and keyword cues for rare ACLED sub-event types.

The cues paraphrase the definitions in ACLED's codebook (2019/2023 editions) for sub-event types
that ACLED's own notes rarely cover (a month of notes holds one suicide bombing, no chemical
attack): they are used twice, as binary features the classifier heads learn a weight for, and as
priors added to a head's log-odds at run time (:func:`rule_priors`). Nothing here was written for a
particular article.
"""

from __future__ import annotations

import re

import numpy as np

from eventwire.records import ACLED_EVENT_TYPE_OF_SUB, ACLED_SUB_EVENT_TYPES

ACLED_SUBS: tuple[str, ...] = tuple(s for subs in ACLED_SUB_EVENT_TYPES.values() for s in subs)
ACLED_TYPES: tuple[str, ...] = tuple(ACLED_SUB_EVENT_TYPES)

# Labels for texts that describe something ACLED does not code (the snippet benchmark's classes).
NOT_ACLED = ("NOT_ACLED:DIPLO", "NOT_ACLED:ATTRIB", "NOT_ACLED:MAN_MADE_DISASTER",
             "NOT_ACLED:NATURAL_DISASTER", "NOT_ACLED:ORG_CRIME")

# ACLED sub-event type -> (PLOVER type, PLOVER mode), following the PLOVER 2021 specification
# (ASSAULT modes: aerial, firearms, explosives, suicide-attack, primitive, sexual, abduct, ...;
# COERCE modes: arrest, seize, destroy, ...; PROTEST modes: demo, riot, ...).
SUB_TO_PLOVER: dict[str, tuple[str, str | None]] = {
    "Armed clash": ("ASSAULT", "firearms"),
    "Government regains territory": ("ASSAULT", "firearms"),
    "Non-state actor overtakes territory": ("ASSAULT", "firearms"),
    "Chemical weapon": ("ASSAULT", "CBRN"),
    "Air/drone strike": ("ASSAULT", "aerial"),
    "Suicide bomb": ("ASSAULT", "suicide-attack"),
    "Shelling/artillery/missile attack": ("ASSAULT", "heavy-weapons"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"),
    "Grenade": ("ASSAULT", "explosives"),
    "Sexual violence": ("ASSAULT", "sexual"),
    "Attack": ("ASSAULT", "firearms"),
    "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Peaceful protest": ("PROTEST", "demo"),
    "Protest with intervention": ("PROTEST", "demo"),
    "Excessive force against protesters": ("ASSAULT", None),
    "Violent demonstration": ("PROTEST", "riot"),
    "Mob violence": ("ASSAULT", "primitive"),
    "Agreement": ("AGREE", None),
    "Arrests": ("COERCE", "arrest"),
    "Change to group/activity": ("MOBILIZE", None),
    "Disrupted weapons use": ("COERCE", "seize"),
    "Headquarters or base established": ("MOBILIZE", "troops"),
    "Looting/property destruction": ("COERCE", "destroy"),
    "Non-violent transfer of territory": ("RETREAT", None),
    "Other": ("COERCE", None),
}

# PLOVER gold standard records use PLOVER 0.5 names; map them onto the 16 types of PLOVER 2021.
PLOVER_OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Old PLOVER modes that name the same thing differently in 2021.
PLOVER_MODE_MAP = {"strike-hun": "strike", "strike-gen": "strike", "riot-spon": "riot", "demo-org": "demo",
                   "demo-spon": "demo", "detain": "arrest", "confiscate": "seize", "suicide-attack": "suicide-attack"}

# ---------------------------------------------------------------------------------------------
# Codebook cues. Each entry: name, regex, the label it supports, prior weight (log-odds added).
_CUES: tuple[tuple[str, str, str, float], ...] = (
    # Explosions/Remote violence: "Chemical weapon: the use of chemical weapons in warfare
    # without any other engagement" (chlorine, sarin, mustard gas, poisonous gas).
    ("chemical", r"\b(chemical (weapon|attack|munition|agent)s?|chlorine|sarin|mustard gas|poison(ous)? gas|"
     r"toxic gas|nerve (agent|gas)|chemically armed|gas attack)\b", "Chemical weapon", 2.5),
    # "Suicide bomb: a suicide bombing or suicide vehicle-borne IED attack".
    ("suicide", r"\b(suicide (bomb\w*|attack\w*|blast|vest|car bomb|vehicle|truck|bombing)|"
     r"blew (himself|herself|themselves) up|blow (himself|herself|themselves) up|"
     r"detonated (his|her|their) (explosive|suicide)|kamikaze\w*|s?vbied|killing themselves)\b", "Suicide bomb", 2.5),
    # "Grenade: a grenade attack" (hand grenades, rocket-propelled grenades are shelling).
    ("grenade", r"\b(hand[- ]?grenades?|grenades? (attack|was thrown|were thrown|exploded|blast)|"
     r"(threw|hurled|lobbed|tossed) (a |an |two |several )?(hand )?grenades?|grenade)\b", "Grenade", 1.0),
    # "Air/drone strike": air or drone bombardment.
    ("air", r"\b(air ?strikes?|air raids?|drone strikes?|drone attacks?|warplanes?|fighter jets?|"
     r"jets? (struck|bombed|pounded)|helicopter gunships?|aerial (bombardment|attack)s?|bombed from the air|"
     r"unmanned aerial)\b", "Air/drone strike", 1.0),
    # "Shelling/artillery/missile attack": long-range artillery, missile and rocket attacks.
    ("shelling", r"\b(shell(ed|ing|s)|artillery|mortars?|rockets? (fire|attacks?|launch\w*|struck|hit)|"
     r"fired (\w+ )?(rockets?|missiles?|shells?|mortars?)|ballistic missiles?|missile (attack|strike)s?|"
     r"katyusha|howitzer)\b", "Shelling/artillery/missile attack", 0.7),
    # "Remote explosive/landmine/IED": detonation of a device with no one at the site.
    ("ied", r"\b(ieds?|improvised explosive|roadside bombs?|landmines?|land mines?|car bombs?|"
     r"bomb (blast|explosion|exploded|went off)|explosive devices? (exploded|detonated|went off)|"
     r"magnetic bomb|sticky bomb|planted (a )?bomb|booby[- ]trap\w*)\b", "Remote explosive/landmine/IED", 0.7),
    # "Sexual violence": rape, sexual assault.
    ("sexual", r"\b(rap(e|ed|es|ing)|gang[- ]rap\w*|sexual(ly)? (assault\w*|violence|abuse\w*|harass\w*)|"
     r"molest\w*)\b", "Sexual violence", 2.0),
    # "Abduction/forced disappearance": kidnapping, abduction, forced disappearance.
    ("abduct", r"\b(abduct\w*|kidnap\w*|hostages?|taken captive|forcibly disappeared|forced disappearance|"
     r"went missing after being (taken|seized))\b", "Abduction/forced disappearance", 1.2),
    # "Arrests": detention of (political) figures or protesters by state forces.
    ("arrest", r"\b(arrest(ed|s|ing)?|detain(ed|ing|s)?|taken into custody|rounded up|"
     r"custody)\b", "Arrests", 0.6),
    # "Agreement": ceasefires, peace agreements, prisoner exchanges, surrender deals.
    ("agreement", r"\b(cease-?fire|truce|peace (agreement|deal|accord|talks|process|treaty)|"
     r"signed an? (agreement|deal|accord)|reached an? (agreement|deal)|agreed (to|on) (a )?(ceasefire|truce|"
     r"peace)|prisoner (swap|exchange)|exchange of prisoners|exchanged prisoners|surrender(ed)? (deal|agreement))\b",
     "Agreement", 1.2),
    # "Non-violent transfer of territory": territory changes hands without fighting (withdrawals, handovers).
    ("transfer", r"\b(withdr[ae]w (\w+ ){0,4}from|withdrawal of|pulled out of|handed over|handover of|"
     r"hand over (\w+ ){0,3}(town|city|area|territory|region|villages?|districts?|control)|"
     r"without (a )?(fight|fighting|resistance)|vacated|retreated from|evacuated their positions)\b",
     "Non-violent transfer of territory", 1.0),
    # "Government regains territory" / "Non-state actor overtakes territory".
    ("regain", r"\b(regain\w*|recaptur\w*|retak(e|en|es|ing)|retook|liberat\w*|recover(ed)? (control|the)|"
     r"re-?took control|wrested back)\b", "Government regains territory", 1.0),
    ("overtake", r"\b(seiz(ed|e|es|ing) (control|the (town|city|village|district|area|base|border))|"
     r"took (over )?control|taken control|captur(ed|e) (the )?(town|city|village|district|base|area)|"
     r"overr(a|u)n|fell to|takeover of|overtook)\b", "Non-state actor overtakes territory", 0.7),
    # "Disrupted weapons use": seizures, defusal, interception of weapons or explosives.
    ("disrupted", r"\b(defus\w*|dismantl\w*|intercept\w*|shot down|(seiz\w*|recover\w*|found|discovered|"
     r"confiscat\w*|unearth\w*) (\w+ ){0,6}(weapons?|arms|ammunition|rifles?|guns?|pistols?|firearms?|explosives?|"
     r"grenades?|mines?|ieds?|bombs?|rounds|cartridges)|(weapons?|arms|ammunition) (cache|depot|haul)|"
     r"cache of|bomb disposal|controlled explosion)\b", "Disrupted weapons use", 1.0),
    # "Headquarters or base established".
    ("base", r"\b(establish\w* (a |an )?(new )?(military )?(base|headquarters|outpost|post|camp|position)|"
     r"set up (a |an )?(new )?(military )?(base|headquarters|outpost|camp)|new (military )?base|"
     r"opened (a |an )?(new )?(base|headquarters|office))\b", "Headquarters or base established", 1.2),
    # "Looting/property destruction".
    ("looting", r"\b(loot\w*|ransack\w*|plunder\w*|torch(ed|ing)|set (on )?fire to|set ablaze|burn(ed|t) down|"
     r"vandali[sz]\w*|razed|demolish\w*|destroyed (\w+ ){0,3}(houses|homes|property|shops|crops))\b",
     "Looting/property destruction", 0.7),
    # "Change to group/activity": movements of forces, recruitment, security measures, curfews.
    ("change", r"\b(curfew|deploy(ed|ment|s)?|reinforcements?|recruit\w*|convoy|troops (arrived|moved)|"
     r"state of emergency|martial law|merged with|split from|new (armed )?group|training camp|"
     r"joined (the )?(group|rebels|militia))\b", "Change to group/activity", 0.5),
    # Protest family.
    ("protest", r"\b(protest\w*|demonstrat\w*|rall(y|ied|ies)|march(ed|es)?|sit-in|picket\w*|strike|"
     r"marched|boycott\w*|chant\w*)\b", "Peaceful protest", 0.3),
    ("intervention", r"\b(dispers\w*|tear ?gas|water cannon|rubber bullets|broke up|baton[- ]charg\w*|"
     r"lathi[- ]?charg\w*|cracked down)\b", "Protest with intervention", 0.6),
    ("excessive", r"\b((opened fire|fired live|live (ammunition|rounds|fire)|shot (dead|and killed)) (\w+ ){0,6}"
     r"(protest\w*|demonstrat\w*|crowd)|(protest\w*|demonstrat\w*) (\w+ ){0,6}(shot dead|were killed|killed by)|"
     r"brutally (attacked|beat\w*) (\w+ ){0,4}(protest\w*|demonstrat\w*)|"
     r"(attacked|beat\w*|assaulted) (\w+ ){0,3}(peaceful )?(protest\w*|demonstrat\w*|student demonstration))\b",
     "Excessive force against protesters", 1.5),
    ("riot", r"\b(riot\w*|pelted|hurled stones|threw stones|stone[- ]pelting|clash(ed)? with (the )?police|"
     r"violent (protest|demonstration)s?|torched|barricade\w*|molotov)\b", "Violent demonstration", 0.5),
    ("mob", r"\b(mob|lynch\w*|vigilante\w*|angry (crowd|villagers|residents)|beaten to death|"
     r"mob justice)\b", "Mob violence", 0.8),
    # Things ACLED does not code: disasters, crime, attribution, diplomacy.
    ("natural", r"\b(earthquakes?|tremors?|aftershocks?|floods?|flooding|tsunamis?|cyclones?|hurricanes?|"
     r"typhoons?|storms?|volcan\w*|eruption|landslides?|avalanches?|wildfires?|bush ?fires?|drought|"
     r"heavy (rain|snow)\w*|torrential|magnitude|outbreak|pandemic|epidemic)\b", "NOT_ACLED:NATURAL_DISASTER", 0.8),
    ("accident", r"\b(accident\w*|leak(ed|s)?|gas explosion|factory|plant explosion|warehouse|furnace|"
     r"collapsed?|derail\w*|crash(ed|es)?|overturned|capsiz\w*|blaze|short circuit|fireworks?|"
     r"poisoning|spill)\b", "NOT_ACLED:MAN_MADE_DISASTER", 0.8),
    ("crime", r"\b(robb\w*|burglar\w*|theft|stole|stolen|steal\w*|smuggl\w*|traffick\w*|fraud|scam|"
     r"counterfeit|drugs?|narcotics?|money laundering|corruption|bribe\w*|break and enter|gang of)\b",
     "NOT_ACLED:ORG_CRIME", 0.6),
    ("attrib", r"\b(claimed responsibility|claim(s|ed)? (of )?responsibility|takes? credit|took credit|"
     r"denied (\w+ ){0,4}responsib\w*|(were|was|is|are) responsible for|accused (\w+ ){0,4}of "
     r"(bombing|attack\w*|carrying out)|allegations that|blamed (\w+ ){0,5}for)\b", "NOT_ACLED:ATTRIB", 1.2),
    ("diplo", r"\b(sanctions?|expel(s|led)? (\w+ ){0,2}diplomats?|diplomat\w*|ambassadors?|embass\w*|"
     r"severs? (diplomatic )?ties|summit|talks with|foreign minist\w*|bilateral|visit(ed|s)? (to )?|"
     r"condemn\w*|urged|called on|retaliatory measures|envoy|treaty)\b", "NOT_ACLED:DIPLO", 0.5),
)

CUES: tuple[tuple[str, re.Pattern, str, float], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE), label, weight) for name, pattern, label, weight in _CUES
)
CUE_NAMES: tuple[str, ...] = tuple(c[0] for c in CUES)


def cue_features(texts: list[str] | tuple[str, ...]) -> np.ndarray:
    """Binary matrix (n, len(CUES)): which codebook cue fires in each text."""
    out = np.zeros((len(texts), len(CUES)), dtype=np.float32)
    for i, text in enumerate(texts):
        for j, (_, pattern, _, _) in enumerate(CUES):
            if pattern.search(text):
                out[i, j] = 1.0
    return out


def rule_priors(cues: np.ndarray, labels: list[str] | tuple[str, ...], scale: float = 1.0) -> np.ndarray:
    """Log-odds to add to a head's logits over ``labels``, from the cues that fired (n, len(labels))."""
    index = {label: k for k, label in enumerate(labels)}
    prior = np.zeros((cues.shape[0], len(labels)), dtype=np.float32)
    for j, (_, _, label, weight) in enumerate(CUES):
        k = index.get(label)
        if k is not None:
            prior[:, k] += scale * weight * cues[:, j]
    return prior


def acled_type_of(sub: str | None) -> str | None:
    return ACLED_EVENT_TYPE_OF_SUB.get(sub) if sub else None


# --------------------------------------------------------------------------- demonstrations by the codebook

# ACLED's codebook (2019/2023) sorts a demonstration by what happens in it, in this order: demonstrators
# who engage in violence or destruction (rock throwing, property destruction, clashes) make a riot
# ("Violent demonstration"; "Mob violence" when no demonstration is involved); otherwise peaceful
# demonstrators targeted with lethal force or violence causing serious injuries suffer "Excessive force
# against protesters"; an attempt to disperse or suppress them without serious injuries (tear gas, rubber
# bullets, water cannon, arrests) is a "Protest with intervention"; else it is a "Peaceful protest".
DEMONSTRATION_SUBS = frozenset(["Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                                "Violent demonstration", "Mob violence"])
_DEMONSTRATORS_VIOLENT = re.compile(
    r"\b(rioters?|rioting|riots?(?! (police|gear|squad|control|unit))|pelt(ed|ing)|stone[- ]?(pelting|throwing)|"
    r"(thr[eo]w\w*|hurl\w*|lobb?\w*) (\w+ ){0,3}(stones?|rocks?|projectiles?|petrol bombs?|molotov\w*|bottles|objects|"
    r"bricks)|petrol bombs?|molotov\w*|clash(ed|es|ing)?|(street|fist)[- ]fights?|turned violent|torch(ed|ing)|"
    r"set (on )?fire|set ablaze|light(ed)? fires|burn(ed|t|ing) (\w+ ){0,3}(tyres|tires|cars|vehicles|buildings|"
    r"offices?|shops|houses|homes|debris|mattresses|station|property)|barricad\w*(?! themselves)|"
    r"vandali[sz]\w*|smash(ed|ing)|ransack\w*|violent (protest|demonstration|rall)\w*|"
    r"violence (erupted|broke out)|(attacked|assaulted|injured|wounded) (\w+ ){0,2}(police|officers|policemen|"
    r"security forces)|(police|officers|policemen) (were|was) (injured|wounded|attacked))\b", re.IGNORECASE)
_LETHAL_FORCE = re.compile(
    r"\b(live (ammunition|rounds|fire|bullets)|opened fire (on|at)|fired (live|bullets)|excessive force|"
    r"(protesters?|demonstrators?) (\w+ ){0,4}(killed|shot dead|seriously injured|critically injured)|killed "
    r"(\w+ ){0,3}(protesters?|demonstrators?)|serious injuries|brutally (beat|attack|suppress|dispers)\w*|"
    r"(severely )?beat(en|ing)? (up )?((?!by\b)\w+ ){0,3}(protesters?|demonstrators?|students)|"
    r"violently (suppress|dispers|crush)\w*)\b", re.IGNORECASE)
_DISPERSAL = re.compile(
    r"\b(tear ?gas|water ?cannons?|rubber bullets|pepper spray|stun grenades?|dispers(ed|e|ing)|broke up|"
    r"baton[- ]charg\w*|lathi[- ]?charg\w*|charged at|cracked down on)\b", re.IGNORECASE)
_MOB_WORDS = re.compile(r"\b(mobs?|lynch\w*|vigilant\w*)\b", re.IGNORECASE)
_DEMONSTRATION_WORDS = re.compile(r"\b(protest\w*|demonstrat\w*|rall(y|ies|ied)|march\w*|sit-in|crowds?)\b",
                                  re.IGNORECASE)
# What a demonstration is about is not what happens in it: "protested against the arrest of ...",
# "demanding the release of ...", "rallied over the killing of ..." (within the sentence).
_ABOUT = re.compile(r"\b(against|over|demand\w*|denounc\w*|condemn\w*|decr[yi]\w*|protest(ed|ing)?|release of|"
                    r"following|after|in response to|because of|accused of|involved in|arrest of|detention of|for)"
                    r"\s+([^\s.;]+\s+){0,4}$", re.IGNORECASE)


# Words that show people demonstrating: a protest, rally, march, sit-in, strike, riot, blockade, crowd ...
# ACLED's demonstration sub-types (Mob violence aside) code events in which people demonstrate, so a text
# without one of them ("Four rockets fired from Iran slammed into ... Kilis") is no demonstration.
_DEMONSTRATION_EVIDENCE = re.compile(  # besides _DEMONSTRATION_WORDS (protest, rally, march, crowd ...)
    r"\b(sit-ins|die-ins?|rallying|riot\w*|picket\w*|"
    r"(general|hunger|workers'?|labou?r|national|nationwide|transport|teachers'?|police) strikes?|on strike|strikers|"
    r"striking (workers|teachers|doctors|nurses|employees|drivers|miners)|strike action|human chains?|"
    r"walk-?outs?|gather\w*|block(ed|ing|ades?)\b|denounc\w*|bang\w* pots|cacerola\w*|"
    r"mobs?|agitat\w*|dharna|bandh|hartal|chant\w*|shout\w*|slogans?|placards?|banners?|demand\w*|"
    r"express\w* (their )?(support|anger|solidarity|discontent|opposition|frustration))", re.IGNORECASE)


def shows_demonstration(text: str) -> bool:
    """Whether ``text`` says that people demonstrate (see ``_DEMONSTRATION_EVIDENCE``) or riot."""
    return any(pattern.search(text) for pattern in (_DEMONSTRATION_WORDS, _DEMONSTRATION_EVIDENCE,
                                                     _DEMONSTRATORS_VIOLENT))


def _happens(pattern: re.Pattern, text: str) -> bool:
    return any(not _ABOUT.search(text[max(0, m.start() - 60):m.start()]) for m in pattern.finditer(text))


def demonstration_sub_type(sub: str | None, text: str) -> str | None:
    """The demonstration sub-type ACLED's codebook gives ``text``, when its words contradict ``sub``
    (the classifier's reading); ``sub`` otherwise, and for any sub-type outside the demonstrations.

    Only a word for what happens in the demonstration changes a reading: "peaceful" becomes a riot
    when the demonstrators clash, throw stones or burn things, excessive force when protesters are
    shot or seriously hurt, an intervention when they are dispersed; a riot or mob that no word shows
    being violent, while the police fire live rounds at the crowd, is excessive force. What the
    demonstration is about ("against the arrest of ...") does not count."""
    if sub not in DEMONSTRATION_SUBS:
        return sub
    violent = _happens(_DEMONSTRATORS_VIOLENT, text)
    lethal = _happens(_LETHAL_FORCE, text)
    dispersal = _happens(_DISPERSAL, text)
    if sub == "Peaceful protest":
        if violent:
            return "Violent demonstration"
        if lethal:
            return "Excessive force against protesters"
        return "Protest with intervention" if dispersal else sub
    if sub == "Protest with intervention":
        if violent:
            return "Violent demonstration"
        return "Excessive force against protesters" if lethal else sub
    if sub in ("Violent demonstration", "Mob violence") and lethal and not violent and not _MOB_WORDS.search(text) \
            and _DEMONSTRATION_WORDS.search(text):
        return "Excessive force against protesters"  # (police disperse rioters too: dispersal alone says nothing)
    return sub


# --------------------------------------------------------------------------- territory by the codebook

# ACLED's codebook: "Government regains territory" when government forces (or forces acting for them) regain
# control of a location from non-state or competing forces; "Non-state actor overtakes territory" when
# non-state actors, or a foreign state's forces, gain control of a location through armed interaction. Either
# takes precedence over the battle that won the place.
_PLACE_NOUNS = (r"(towns?|city|cities|villages?|districts?|district (centre|center|headquarters)|bases?|"
                r"neighbo\w+|areas?|provinces?|positions?|airports?|highways?|territor\w+|localit\w+|hills?|"
                r"camps?|outposts?|posts?|checkpoints?|barracks|headquarters|strongholds?|regions?|capital|ports?|"
                r"islands?|oil ?fields?|border crossings?|crossings?|front ?lines?)")
_CONTROL_CHANGE = re.compile(
    # words that take a place only with a place after them ("captured the town", not "captured two men") ...
    r"\b(re-?captur\w+|retook|retaken|recovered territory|fell to|(captur|seiz)(ed|es|ing)|took over|taken over|"
    r"tak(e|es|ing) over|tak(e|es|ing) (full |back |effective |total )?control (of|over)|liberat(ed|es|ing)|"
    r"(pushed|drove|driven|expelled|forced) (\S+ ){0,4}out of) (\S+ ){0,4}" + _PLACE_NOUNS + r"\b"
    # ... and words that say it whatever follows
    r"|\b((took|taken|seiz\w+|gain\w*|wrest\w*|regain\w*|assum\w+|retook|retak\w+) "
    r"(full |back |effective |total )?control (of|over)|overr(a|u)n\w*)\b", re.IGNORECASE)
# "re-captured Quissanga": a retaking of a named place (a person "was recaptured" after escaping is not one)
_RETAKES_NAMED = re.compile(r"\b(?<!was )(?<!were )(?<!been )([Rr]e-?captur(ed|es|ing)|[Rr]et(ook|aken|akes|aking)) "
                            r"[A-Z][a-z]+")


def gains_control(text: str) -> bool:
    """The text says someone took control of a place ("seized control of the highway", "recaptured the
    village", "re-captured Quissanga", "took over four localities", "pushed the militants out of fresh
    areas")."""
    return bool(_CONTROL_CHANGE.search(text) or _RETAKES_NAMED.search(text))


# --------------------------------------------------------------------------- explosions by the codebook

# ACLED's codebook names each "Explosions/Remote violence" sub-type by its weapon, in this order of
# specificity: a suicide attack (whatever it carried), a strike from the air (whatever it fired: missiles
# from jets are an air strike), artillery, mortars, rockets and missiles fired from the ground ("grenade
# launchers" too), remote or victim-activated explosives, hand grenades. (Chemical weapons are left to the
# classifier.)
_EXPLOSION_WEAPONS: tuple[tuple[str, re.Pattern], ...] = tuple((sub, re.compile(pattern, re.IGNORECASE)) for sub,
                                                                pattern in (
    ("Suicide bomb", r"\b(suicide (bomb\w*|attack\w*|car|vest|belt|truck|vehicle)|svbied|blew (himself|herself|"
                     r"themselves) up|self-detonat\w*|kamikaze\w*)\b"),
    ("Air/drone strike", r"(?<!anti-)\b(air ?strikes?|air ?raids?|warplanes?|fighter jets?|jets|air force|"
                         r"helicopter gunships?|bombing raids?|aerial (bombardment|attack|strike)s?|"
                         r"drone (strike|attack)s?|armed drones?|drones? (struck|hit|attacked|bombed|targeted)|"
                         r"(from|by) (an? )?drones?)\b"),
    ("Shelling/artillery/missile attack", r"\b(shell(ed|ing|s)|artillery|mortars?|rockets?|missiles?|howitzers?|"
                                          r"katyushas?|grenade launchers?)\b"),
    ("Remote explosive/landmine/IED", r"\b(ieds?|improvised (explosive|bomb)s?|roadside bombs?|land ?mines?|(car|"
                                      r"truck|motorcycle|bicycle|magnetic|sticky|limpet) bombs?|(hit|struck|stepped "
                                      r"on|triggered|ran over) an? (land ?|ground )?mine|mine (exploded|went off|"
                                      r"blast)|(ground|anti-tank|anti-personnel) mines?|mines? (laid|planted)|"
                                      r"explosive devices?|bomb (exploded|went off|blast)|detonated (an? )?(bomb|"
                                      r"explosive)s?)\b"),
    ("Grenade", r"\bgrenades?\b(?! launchers?)"),
))
EXPLOSION_SUBS = frozenset(sub for sub, _ in _EXPLOSION_WEAPONS)
_DEVICES = dict(_EXPLOSION_WEAPONS)
_GUNFIRE = re.compile(r"\b(gun\w*|shot|shoot\w*|fir(ed|ing) (on|at|upon)|opened fire|exchange of fire|firefights?|"
                      r"clash\w*|fight\w*|battl\w*|ambush\w*|attacked|raid\w*|stormed|rifles?|bullets?|"
                      r"machetes?|knives|stabb\w*|suicide)\b", re.IGNORECASE)


def names_device(sub: str, text: str) -> bool:
    """Whether ``text`` names the weapon of the explosion sub-type ``sub`` (a mine or IED, a grenade ...)."""
    pattern = _DEVICES.get(sub)
    return pattern is not None and pattern.search(text) is not None


def explosion_sub_type(sub: str | None, text: str) -> str | None:
    """For a ``sub`` read as one of the explosions: a suicide attack when the text names one and the reading
    is a device a suicide attacker carries (or names no weapon of its own); else ``sub`` when the text names
    its weapon (an air strike, though, when a missile or rocket reading names the aircraft that fired it);
    else the most specific delivery the text names. Other sub-types, and texts that name no weapon, keep
    ``sub``."""
    if sub in ("Armed clash", "Attack") and not _GUNFIRE.search(text):
        # "the vehicle hit a ground mine laid by the rebels", "militants detonated an improvised bomb remotely",
        # "the attacks were carried out exclusively with grenades": no one fought or shot, a device did the harm
        for device in ("Remote explosive/landmine/IED", "Grenade"):
            if _DEVICES[device].search(text):
                return device
    if sub not in EXPLOSION_SUBS:
        return sub
    named = [weapon for weapon, pattern in _EXPLOSION_WEAPONS if pattern.search(text)]
    if not named:
        return sub
    if "Suicide bomb" in named and (sub not in named or sub in ("Remote explosive/landmine/IED", "Grenade")):
        return "Suicide bomb"  # what a suicide attacker carries; not airstrikes "over a suicide bombing" elsewhere
    if sub == "Shelling/artillery/missile attack" and "Air/drone strike" in named:
        return "Air/drone strike"
    return sub if sub in named else named[0]
